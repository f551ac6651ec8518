// A CAPA problem in the learner's unit page: an async server component that renders what every
// viewer of the problem sees (the render model, answers, solutions and hints removed) and leaves
// the learner's own state to the client (learner-problem.tsx, over the state route). A problem that
// renders alike for every learner reads nothing of the learner here, so its unit can be rendered
// once per course version (lib/lms/page-cache.ts); one that differs (shuffled choices, a script that
// reads the seed or the learner) is rendered with this learner's seed. Staff pages (an audience of
// their own in the cache) show a failing script's author message. Props are the contract used by the unit page.
import { problemRendersAlike } from "@/lib/db/queries/courseware";
import { getProblemState } from "@/lib/db/queries/problems";
import { rendersAlikeForEveryLearner } from "@/lib/capa/problem";
import { getProblemStaticView, initialSeed, readProblemSettings } from "@/lib/problems";
import { LearnerProblem } from "./learner-problem";
import styles from "./problem.module.css";

export interface ProblemBlockProps {
  courseId: number;
  courseKey: string;
  usageKey: string;
  definitionXml: string;
  /** the definition's content hash (caches whether it renders alike for every learner) */
  definitionHash?: string | null;
  settings: Record<string, unknown>;
  userId: number | null;
  /** the page is rendered for course staff (not viewing as a learner): a failing script shows its message */
  staffView?: boolean;
}

export async function ProblemBlock(props: ProblemBlockProps) {
  const name = typeof props.settings.display_name === "string" && props.settings.display_name.trim() ? props.settings.display_name : "Problem";
  const alike = props.definitionHash ? await problemRendersAlike({ hash: props.definitionHash }) : rendersAlikeForEveryLearner(props.definitionXml);
  // This learner's seed (their numbers, their order of choices) for a problem that differs per
  // learner: the stored one, or before their first answer the one that answer will store.
  const seed =
    !alike && props.userId !== null
      ? ((await getProblemState({ userId: props.userId, courseId: props.courseId, usageKey: props.usageKey }))?.seed ??
        initialSeed({ rerandomize: readProblemSettings(props.settings).rerandomize, userId: props.userId, usageKey: props.usageKey }))
      : 1;
  const view = await getProblemStaticView({
    courseKey: props.courseKey,
    usageKey: props.usageKey,
    definitionXml: props.definitionXml,
    settings: props.settings,
    userId: alike ? null : props.userId,
    seed,
    // The page's audience, which the page cache keys on: staff (not viewing as a learner) see a
    // failing script's author message, in a shared render too; learners a neutral notice.
    isStaff: props.staffView ?? false,
  });
  const headingId = `problem-${props.usageKey.replace(/[^A-Za-z0-9_-]/g, "_")}`;

  return (
    <section className={styles.problem} aria-labelledby={headingId} data-testid="problem" data-usage-key={props.usageKey}>
      <h3 id={headingId} className={styles.title}>
        {name}
      </h3>
      {!view.supported || !view.model ? (
        <div className={styles.unsupported} role="note">
          <p>
            <strong>This problem type isn&apos;t supported here.</strong>
          </p>
          {view.reason ? <p>{view.reason}</p> : null}
        </div>
      ) : (
        <LearnerProblem courseId={props.courseId} courseKey={props.courseKey} usageKey={props.usageKey} base={view} />
      )}
    </section>
  );
}
