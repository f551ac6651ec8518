// A CAPA problem in the learner's unit page: an async server component that renders what every
// viewer of the problem sees (the render model, answers, solutions and hints removed) and leaves
// the learner's own state to the client (learner-problem.tsx, over the state route). It reads
// nothing of the learner, so its unit can be rendered once per course version and audience
// (lib/lms/page-cache.ts). A problem whose rendering differs per learner (shuffled choices, a script
// that reads the seed or the learner) is not rendered here at all: the learner's own render comes
// with their state. Staff pages (an audience of their own in the cache) show a failing script's
// author message. Props are the contract used by the unit page.
import { problemRenderVariance } from "@/lib/db/queries/courseware";
import { renderVariance } from "@/lib/capa/problem";
import { getProblemStaticView } from "@/lib/problems";
import { LearnerProblem } from "./learner-problem";
import { UnsupportedProblem } from "./unsupported-problem";
import styles from "./problem.module.css";

export interface ProblemBlockProps {
  courseId: number;
  courseKey: string;
  usageKey: string;
  definitionXml: string;
  /** the definition's content hash (caches what its rendering varies with) */
  definitionHash?: string | null;
  settings: Record<string, unknown>;
  /** the page is rendered for course staff (not viewing as a learner): a failing script shows its message */
  staffView?: boolean;
}

export async function ProblemBlock(props: ProblemBlockProps) {
  const name = typeof props.settings.display_name === "string" && props.settings.display_name.trim() ? props.settings.display_name : "Problem";
  const variance = props.definitionHash ? await problemRenderVariance({ hash: props.definitionHash }) : renderVariance(props.definitionXml);
  const view =
    variance === "none"
      ? await getProblemStaticView({
          courseKey: props.courseKey,
          usageKey: props.usageKey,
          definitionXml: props.definitionXml,
          settings: props.settings,
          userId: null,
          seed: 1,
          // The page's audience, which the page cache keys on: staff (not viewing as a learner) see a
          // failing script's author message, in a shared render too; learners a neutral notice.
          isStaff: props.staffView ?? false,
        })
      : null;
  const headingId = `problem-${props.usageKey.replace(/[^A-Za-z0-9_-]/g, "_")}`;

  return (
    <section className={styles.problem} aria-labelledby={headingId} data-testid="problem" data-usage-key={props.usageKey}>
      <h3 id={headingId} className={styles.title}>
        {name}
      </h3>
      {view && (!view.supported || !view.model) ? (
        <UnsupportedProblem reason={view.reason} />
      ) : (
        <LearnerProblem courseId={props.courseId} courseKey={props.courseKey} usageKey={props.usageKey} base={view} />
      )}
    </section>
  );
}
