// The demo accounts (also used by e2e specs and the README). Seeding is idempotent: an existing
// account keeps its id; its flags are reset to the documented ones, it is reactivated, and its
// password is reset only if the documented one no longer works.
import { hashPassword, verifyPassword } from "@/lib/auth/passwords";
import { createUser, getUserByEmail, getUserByLogin, setUserActive, setUserFlags, updateUserPassword } from "@/lib/db/queries/users";

export const DEMO_USERS = [
  { role: "learner", email: "learner@example.com", username: "learner", fullName: "Lea Learner", password: "learner-pass-1", isAdmin: false, canCreateCourses: false },
  { role: "author", email: "author@example.com", username: "author", fullName: "Arthur Author", password: "author-pass-1", isAdmin: false, canCreateCourses: true },
  { role: "admin", email: "admin@example.com", username: "admin", fullName: "Ada Admin", password: "admin-pass-1", isAdmin: true, canCreateCourses: true },
] as const;

export type SeedAction = "created" | "updated" | "unchanged";

export async function seedDemoUsers(): Promise<{ username: string; id: number; action: SeedAction }[]> {
  const out: { username: string; id: number; action: SeedAction }[] = [];
  for (const u of DEMO_USERS) {
    let row = (await getUserByEmail({ email: u.email })) ?? (await getUserByLogin({ login: u.username }));
    if (!row) {
      const created = await createUser({
        email: u.email,
        username: u.username,
        fullName: u.fullName,
        passwordHash: await hashPassword(u.password),
        isAdmin: u.isAdmin,
        canCreateCourses: u.canCreateCourses,
      });
      if (created.ok) {
        out.push({ username: u.username, id: created.id, action: "created" });
        continue;
      }
      // Lost a race with a concurrent seed: fall through and repair the row that won.
      row = await getUserByLogin({ login: u.email });
      if (!row) throw new Error(`Could not create or find demo user ${u.username}`);
    }
    let action: SeedAction = "unchanged";
    if (row.isAdmin !== u.isAdmin || row.canCreateCourses !== u.canCreateCourses) {
      await setUserFlags({ id: row.id, isAdmin: u.isAdmin, canCreateCourses: u.canCreateCourses });
      action = "updated";
    }
    if (!row.isActive) {
      await setUserActive({ id: row.id, isActive: true });
      action = "updated";
    }
    if (!(await verifyPassword(u.password, row.passwordHash))) {
      await updateUserPassword({ id: row.id, passwordHash: await hashPassword(u.password) });
      action = "updated";
    }
    out.push({ username: u.username, id: row.id, action });
  }
  return out;
}
