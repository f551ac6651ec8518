// A CAPA problem in the courseware: an async server component that loads the learner's state and
// hands a render model to the interactive client part. (Filled in by H-grades; props are the
// cross-team contract and do not change.)
export interface ProblemBlockProps {
  courseId: number;
  courseKey: string;
  usageKey: string;
  definitionXml: string;
  settings: Record<string, unknown>;
  userId: number | null;
  canSubmit: boolean;
}

export async function ProblemBlock(props: ProblemBlockProps) {
  const name = typeof props.settings.display_name === "string" ? props.settings.display_name : "Problem";
  return (
    <section aria-label={name} data-usage-key={props.usageKey}>
      <h3>{name}</h3>
    </section>
  );
}
