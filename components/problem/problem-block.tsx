// A CAPA problem in the learner's unit page: an async server component that renders what every
// viewer of the problem sees (the render model, answers, solutions and hints removed) and leaves
// the learner's own state to the client (learner-problem.tsx, over the state route). A problem that
// renders alike for every learner reads nothing of the learner here, so its unit can be rendered
// once per course version (lib/lms/page-cache.ts); one that differs (shuffled choices, a script that
// reads the seed or the learner) is rendered with this learner's seed. Props are the contract used by the unit page.
import { getCourseFacts } from "@/lib/auth/course-access";
import { canCourse } from "@/lib/auth/permissions";
import { actorOf, getCurrentUser } from "@/lib/auth/session";
import { problemRendersAlike } from "@/lib/db/queries/courseware";
import { getProblemState } from "@/lib/db/queries/problems";
import { rendersAlikeForEveryLearner } from "@/lib/capa/problem";
import { getProblemStaticView } from "@/lib/problems";
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
}

export async function ProblemBlock(props: ProblemBlockProps) {
  const name = typeof props.settings.display_name === "string" && props.settings.display_name.trim() ? props.settings.display_name : "Problem";
  const alike = props.definitionHash ? await problemRendersAlike({ hash: props.definitionHash }) : rendersAlikeForEveryLearner(props.definitionXml);
  let seed = 1;
  let isStaff = false;
  if (!alike && props.userId !== null) {
    // This learner's seed (their numbers, their order of choices); staff see a failing script's message.
    const [state, user] = await Promise.all([getProblemState({ userId: props.userId, courseId: props.courseId, usageKey: props.usageKey }), getCurrentUser()]);
    seed = state?.seed ?? 1;
    if (user && user.id === props.userId) {
      const facts = await getCourseFacts({ userId: user.id, courseId: props.courseId });
      isStaff = canCourse(actorOf(user), "course:view-staff-content", facts);
    }
  }
  const view = await getProblemStaticView({
    courseKey: props.courseKey,
    usageKey: props.usageKey,
    definitionXml: props.definitionXml,
    settings: props.settings,
    userId: alike ? null : props.userId,
    seed,
    isStaff,
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
