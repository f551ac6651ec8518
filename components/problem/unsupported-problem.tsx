// The notice in place of a problem that cannot be shown here (a type Atrium does not grade, or a
// script that failed), for the server's render and for a learner's own render alike.
import styles from "./problem.module.css";

export function UnsupportedProblem({ reason }: { reason?: string }) {
  return (
    <div className={styles.unsupported} role="note">
      <p>
        <strong>This problem type isn&apos;t supported here.</strong>
      </p>
      {reason ? <p>{reason}</p> : null}
    </div>
  );
}
