// The demo seed on the real database: idempotent, and repairs flags/passwords/deactivation.
import { afterAll, describe, expect, it } from "vitest";
import { closeDb } from "@/lib/db";
import { DEMO_USERS, seedDemoUsers } from "@/lib/auth/seed";
import { getUserByLogin, setUserActive, setUserFlags, updateUserPassword } from "@/lib/db/queries/users";
import { hashPassword, verifyPassword } from "@/lib/auth/passwords";

afterAll(() => closeDb());

describe("db:seed", () => {
  it("creates the three demo users once and is idempotent", async () => {
    const first = await seedDemoUsers();
    const second = await seedDemoUsers();
    expect(second.map((r) => r.id)).toEqual(first.map((r) => r.id));
    expect(second.every((r) => r.action === "unchanged")).toBe(true);
    for (const u of DEMO_USERS) {
      const row = await getUserByLogin({ login: u.email });
      expect(row?.username).toBe(u.username);
      expect(row?.isAdmin).toBe(u.isAdmin);
      expect(row?.canCreateCourses).toBe(u.canCreateCourses);
      expect(await verifyPassword(u.password, row!.passwordHash)).toBe(true);
    }
    expect((await getUserByLogin({ login: "learner" }))?.isAdmin).toBe(false);
    expect((await getUserByLogin({ login: "author" }))?.canCreateCourses).toBe(true);
    expect((await getUserByLogin({ login: "admin" }))?.isAdmin).toBe(true);
  });

  it("repairs a demo user whose flags, password or active state were changed", async () => {
    await seedDemoUsers();
    const learner = (await getUserByLogin({ login: "learner" }))!;
    await setUserFlags({ id: learner.id, isAdmin: true });
    await updateUserPassword({ id: learner.id, passwordHash: await hashPassword("someone-else-1") });
    await setUserActive({ id: learner.id, isActive: false });
    const again = await seedDemoUsers();
    expect(again.find((r) => r.username === "learner")).toEqual({ username: "learner", id: learner.id, action: "updated" });
    const fixed = (await getUserByLogin({ login: "learner" }))!;
    expect(fixed.isAdmin).toBe(false);
    expect(fixed.isActive).toBe(true);
    expect(await verifyPassword("learner-pass-1", fixed.passwordHash)).toBe(true);
  });
});
