"use client";
// Studio's Course team page: the team (username, email, role), and for instructors/admins a form
// to add someone by email or username, a role switch and Remove on each row (the server refuses
// anything else, including removing or demoting the last instructor), then the change log.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { addTeamMemberAction } from "@/lib/actions/studio/add-team-member-action";
import { changeTeamRoleAction } from "@/lib/actions/studio/change-team-role-action";
import { removeTeamMemberAction } from "@/lib/actions/studio/remove-team-member-action";
import { Button, Card, Field, FormStatus, SelectField, useActionCall, useActionForm } from "@/components/ui";
import type { FormStatusState } from "@/components/ui/form-status";
import styles from "../studio.module.css";

export interface TeamRow {
  userId: number;
  username: string;
  email: string;
  fullName: string;
  role: "staff" | "instructor";
}

export interface TeamLogRow {
  id: number;
  action: "add" | "change" | "remove";
  oldRole: string | null;
  newRole: string | null;
  actorUsername: string | null;
  targetUsername: string;
  at: string;
}

const ROLE_LABEL = { staff: "Staff", instructor: "Instructor" } as const;

function describe(e: TeamLogRow): string {
  if (e.action === "add") return `added ${e.targetUsername} as ${e.newRole}`;
  if (e.action === "remove") return `removed ${e.targetUsername} (was ${e.oldRole})`;
  return `changed ${e.targetUsername} from ${e.oldRole} to ${e.newRole}`;
}

export function CourseTeam({ courseKey, canManage, currentUserId, team, log }: { courseKey: string; canManage: boolean; currentUserId: number; team: TeamRow[]; log: TeamLogRow[] }) {
  const router = useRouter();
  const [status, setStatus] = useState<FormStatusState>(null);
  const add = useActionForm(addTeamMemberAction, {
    onSuccess: (r, form) => {
      form.reset();
      setStatus({ ok: true, message: `${r.username} was added as ${r.newRole}.` });
      router.refresh();
    },
  });
  const instructors = team.filter((m) => m.role === "instructor").length;
  return (
    <>
      {!canManage ? <p>You can see the team; only the course’s instructors (and site admins) can change it.</p> : null}
      <FormStatus state={status} />
      <section aria-labelledby="team-heading">
        <h2 id="team-heading">Team members ({team.length})</h2>
        <table className={styles.table} data-testid="team-table">
          <thead>
            <tr>
              <th scope="col">Username</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              {canManage ? <th scope="col">Actions</th> : null}
            </tr>
          </thead>
          <tbody>
            {team.map((m) => (
              <MemberRow
                key={m.userId}
                courseKey={courseKey}
                member={m}
                canManage={canManage}
                isSelf={m.userId === currentUserId}
                lastInstructor={m.role === "instructor" && instructors <= 1}
                onDone={(message) => {
                  setStatus({ ok: true, message });
                  router.refresh();
                }}
              />
            ))}
          </tbody>
        </table>
      </section>
      {canManage ? (
        <Card>
          <FormStatus state={add.result} />
          <form onSubmit={add.onSubmit} className={styles.searchForm} aria-labelledby="add-member-heading" noValidate>
            <h2 id="add-member-heading" className={styles.formTitle} style={{ flexBasis: "100%" }}>
              Add a team member
            </h2>
            <input type="hidden" name="courseKey" value={courseKey} />
            <Field label="Email or username" name="login" autoComplete="off" required error={add.fieldError("login")} />
            <SelectField label="Role" name="role" defaultValue="staff" error={add.fieldError("role")}>
              <option value="staff">Staff</option>
              <option value="instructor">Instructor</option>
            </SelectField>
            <Button type="submit" disabled={add.pending}>
              {add.pending ? "Adding…" : "Add to team"}
            </Button>
          </form>
        </Card>
      ) : null}
      <section aria-labelledby="team-log-heading">
        <h2 id="team-log-heading">Changes to the team</h2>
        {log.length === 0 ? (
          <p>No changes yet.</p>
        ) : (
          <table className={styles.table} data-testid="team-log">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {log.map((e) => (
                <tr key={e.id}>
                  <td>
                    <time dateTime={e.at}>{new Date(e.at).toISOString().replace("T", " ").slice(0, 16)} UTC</time>
                  </td>
                  <td>{e.actorUsername ?? "(script)"}</td>
                  <td>{describe(e)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

function MemberRow({
  courseKey,
  member,
  canManage,
  isSelf,
  lastInstructor,
  onDone,
}: {
  courseKey: string;
  member: TeamRow;
  canManage: boolean;
  isSelf: boolean;
  lastInstructor: boolean;
  onDone: (message: string) => void;
}) {
  const call = useActionCall();
  const [role, setRole] = useState(member.role);
  const selectId = `role-${member.userId}`;
  return (
    <tr data-testid={`member-${member.username}`}>
      <th scope="row">
        {member.username}
        {isSelf ? " (you)" : ""}
      </th>
      <td>{member.email}</td>
      <td>
        {canManage ? (
          <>
            <label htmlFor={selectId} className="visually-hidden">
              Role of {member.username}
            </label>
            <select id={selectId} value={role} onChange={(e) => setRole(e.target.value as TeamRow["role"])} disabled={call.pending}>
              <option value="staff">Staff</option>
              <option value="instructor">Instructor</option>
            </select>
          </>
        ) : (
          ROLE_LABEL[member.role]
        )}
      </td>
      {canManage ? (
        <td>
          <div className={styles.formActions}>
            <Button
              size="small"
              variant="secondary"
              disabled={call.pending || role === member.role}
              onClick={() => call.run(() => changeTeamRoleAction({ courseKey, userId: member.userId, role }), () => onDone(`${member.username} is now ${role}.`))}
            >
              Save role
            </Button>
            <Button
              size="small"
              variant="danger"
              disabled={call.pending}
              aria-label={`Remove ${member.username}`}
              title={lastInstructor ? "The last instructor cannot be removed" : undefined}
              onClick={() => {
                if (!window.confirm(`Remove ${member.username} from the course team?`)) return;
                call.run(() => removeTeamMemberAction({ courseKey, userId: member.userId }), () => onDone(`${member.username} was removed from the team.`));
              }}
            >
              Remove
            </Button>
          </div>
          {call.error ? (
            <p role="status" className={styles.keyPreview} data-testid="row-error">
              {call.error}
            </p>
          ) : null}
        </td>
      ) : null}
    </tr>
  );
}
