// A conditional block whose condition the learner has not met yet: its message (or a default).
import { conditionOf } from "@/lib/lms/selection";
import type { OutlineNode } from "@/lib/lms/outline";
import styles from "./lms.module.css";

export function ConditionalNotice({ node }: { node: OutlineNode }) {
  const cond = conditionOf(node.settings);
  const what = cond.attr === "correct" ? "answered correctly" : cond.attr === "done" ? "completed" : cond.attr === "submitted" ? "submitted" : "attempted";
  return (
    <div className={styles.notice} role="note" data-testid="conditional-notice">
      {cond.message ?? `This content appears once the ${cond.sources.length === 1 ? "required component is" : "required components are"} ${cond.value ? what : `not ${what}`}.`}
      {cond.unsupported ? ` ${cond.unsupported}` : ""}
    </div>
  );
}
