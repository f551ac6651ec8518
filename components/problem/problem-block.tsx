// A CAPA problem in the courseware: an async server component that loads the learner's state and
// hands a render model (answers, solutions and hints removed) to the interactive client part.
// Props are the cross-team contract used by the unit page.
import { getCourseFacts } from "@/lib/auth/course-access";
import { canCourse } from "@/lib/auth/permissions";
import { actorOf, getCurrentUser } from "@/lib/auth/session";
import { getProblemView } from "@/lib/problems";
import { ProblemClient } from "./problem-client";
import styles from "./problem.module.css";

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
  const name = typeof props.settings.display_name === "string" && props.settings.display_name.trim() ? props.settings.display_name : "Problem";
  let isStaff = false;
  if (props.userId !== null) {
    const user = await getCurrentUser();
    if (user && user.id === props.userId) {
      const facts = await getCourseFacts({ userId: user.id, courseId: props.courseId });
      isStaff = canCourse(actorOf(user), "course:view-staff-content", facts);
    }
  }
  const view = await getProblemView({
    courseId: props.courseId,
    courseKey: props.courseKey,
    usageKey: props.usageKey,
    definitionXml: props.definitionXml,
    settings: props.settings,
    userId: props.userId,
    isStaff,
  });
  const headingId = `problem-${props.usageKey.replace(/[^A-Za-z0-9_-]/g, "_")}`;

  if (!view.supported || !view.model) {
    return (
      <section className={styles.problem} aria-labelledby={headingId} data-testid="problem" data-usage-key={props.usageKey}>
        <h3 id={headingId} className={styles.title}>{name}</h3>
        <div className={styles.unsupported} role="note">
          <p>
            <strong>This problem type isn&apos;t supported here.</strong>
          </p>
          {view.reason ? <p>{view.reason}</p> : null}
        </div>
      </section>
    );
  }

  return (
    <section className={styles.problem} aria-labelledby={headingId} data-testid="problem" data-usage-key={props.usageKey}>
      <h3 id={headingId} className={styles.title}>{name}</h3>
      <ProblemClient
        courseId={props.courseId}
        usageKey={props.usageKey}
        view={view}
        canSubmit={props.canSubmit && props.userId !== null}
        signedIn={props.userId !== null}
      />
    </section>
  );
}
