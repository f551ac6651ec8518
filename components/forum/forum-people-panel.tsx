"use client";
// The instructor tab's forum tools (course staff): grant or revoke the community TA role, and ban
// or unban a user from posting. Both actions re-check on the server that the caller is course
// staff; the lists come from the page and are refreshed after each change.
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { setCommunityTAAction } from "@/lib/actions/forum/set-community-ta-action";
import { setForumBanAction } from "@/lib/actions/forum/set-forum-ban-action";
import styles from "./forum.module.css";

type Person = { userId: number; username: string; fullName: string };

function useRun() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const run = (call: () => Promise<{ ok: true; data: { username: string } } | { ok: false; message: string }>, done: (u: string) => string) =>
    start(async () => {
      const r = await call().catch(() => ({ ok: false as const, message: "Could not reach the server. Please try again." }));
      setMsg(r.ok ? { ok: true, text: done(r.data.username) } : { ok: false, text: r.message });
      if (r.ok) router.refresh();
    });
  return { pending, msg, run };
}

function Status({ msg }: { msg: { ok: boolean; text: string } | null }) {
  return (
    <p role="status" aria-live="polite" className={msg && !msg.ok ? styles.error : undefined}>
      {msg?.text ?? ""}
    </p>
  );
}

export function CommunityTAPanel({ courseKey, tas }: { courseKey: string; tas: Person[] }) {
  const id = useId();
  const [login, setLogin] = useState("");
  const { pending, msg, run } = useRun();
  return (
    <div>
      <form
        className={styles.row}
        onSubmit={(e) => {
          e.preventDefault();
          run(() => setCommunityTAAction({ courseKey, login, on: true }), (u) => `${u} is now a community TA.`);
        }}
      >
        <label htmlFor={id} style={{ display: "flex", flexDirection: "column", gap: "0.2rem" }}>
          New community TA (an enrolled learner’s username or e-mail)
          <input id={id} className={styles.input} value={login} onChange={(e) => setLogin(e.target.value)} required maxLength={254} autoComplete="off" />
        </label>
        <button type="submit" className={styles.button} disabled={pending} style={{ alignSelf: "flex-end" }}>
          Add community TA
        </button>
      </form>
      <Status msg={msg} />
      {tas.length === 0 ? (
        <p className={styles.hint}>No community TAs yet.</p>
      ) : (
        <ul data-testid="community-tas">
          {tas.map((t) => (
            <li key={t.userId}>
              {t.fullName || t.username} ({t.username}){" "}
              <button type="button" className={styles.danger} disabled={pending} onClick={() => run(() => setCommunityTAAction({ courseKey, login: t.username, on: false }), (u) => `${u} is no longer a community TA.`)}>
                Remove<span className={styles.visuallyHidden}> {t.username} as community TA</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function ForumBanPanel({ courseKey, bans }: { courseKey: string; bans: (Person & { reason: string })[] }) {
  const ids = { login: useId(), reason: useId() };
  const [login, setLogin] = useState("");
  const [reason, setReason] = useState("");
  const { pending, msg, run } = useRun();
  return (
    <div>
      <form
        className={styles.row}
        onSubmit={(e) => {
          e.preventDefault();
          run(() => setForumBanAction({ courseKey, login, on: true, reason }), (u) => `${u} can no longer post in this course's discussions.`);
        }}
      >
        <label htmlFor={ids.login} style={{ display: "flex", flexDirection: "column", gap: "0.2rem" }}>
          Learner to ban (username or e-mail)
          <input id={ids.login} className={styles.input} value={login} onChange={(e) => setLogin(e.target.value)} required maxLength={254} autoComplete="off" />
        </label>
        <label htmlFor={ids.reason} style={{ display: "flex", flexDirection: "column", gap: "0.2rem" }}>
          Reason (kept in the log)
          <input id={ids.reason} className={styles.input} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
        </label>
        <button type="submit" className={styles.button} disabled={pending} style={{ alignSelf: "flex-end" }}>
          Ban from posting
        </button>
      </form>
      <Status msg={msg} />
      {bans.length === 0 ? (
        <p className={styles.hint}>Nobody is banned.</p>
      ) : (
        <ul data-testid="forum-bans">
          {bans.map((b) => (
            <li key={b.userId}>
              {b.fullName || b.username} ({b.username}){b.reason ? ` — ${b.reason}` : ""}{" "}
              <button type="button" className={styles.small} disabled={pending} onClick={() => run(() => setForumBanAction({ courseKey, login: b.username, on: false }), (u) => `${u} may post again.`)}>
                Lift ban<span className={styles.visuallyHidden}> of {b.username}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
