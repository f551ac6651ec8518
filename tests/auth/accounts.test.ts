// Accounts on the real MariaDB, through the real query layer: case-insensitive uniqueness
// (also under a concurrent race), password check by email or username, sign-in throttling
// counts per account + IP, per IP and the account-wide back-off, password-reset tokens, and the
// idempotent demo seed.
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";

// Small limits so the tests stay fast; set before lib/env is first read.
process.env.LOGIN_MAX_FAILURES_PER_ACCOUNT = "3";
process.env.LOGIN_MAX_FAILURES_PER_IP = "6";
process.env.LOGIN_THROTTLE_WINDOW_SECONDS = "600";
process.env.LOGIN_ACCOUNT_BACKOFF_AFTER = "5";
process.env.LOGIN_ACCOUNT_BACKOFF_MAX_SECONDS = "60";

const { closeDb } = await import("@/lib/db");
const users = await import("@/lib/db/queries/users");
const { hashPassword } = await import("@/lib/auth/passwords");
const { attemptSignIn, checkThrottle } = await import("@/lib/auth/sign-in");
const reset = await import("@/lib/auth/password-reset");

afterAll(() => closeDb());

const uniq = () => randomBytes(4).toString("hex");
let hash: string;
async function pwHash() {
  hash ??= await hashPassword("right-password-1");
  return hash;
}
async function makeUser(prefix = "u") {
  const u = uniq();
  const email = `${prefix}${u}@Example.test`;
  const username = `${prefix}_${u}`;
  const created = await users.createUser({ email, username, fullName: `Name ${u}`, passwordHash: await pwHash() });
  if (!created.ok) throw new Error("could not create test user");
  return { id: created.id, email, username };
}
const ip = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

describe("unique email and username", () => {
  it("refuses a duplicate email in another case", async () => {
    const a = await makeUser("dup");
    const again = await users.createUser({ email: a.email.toUpperCase(), username: `other_${uniq()}`, fullName: "X", passwordHash: await pwHash() });
    expect(again).toEqual({ ok: false, field: "email" });
  });

  it("refuses a duplicate username in another case", async () => {
    const a = await makeUser("dupu");
    const again = await users.createUser({ email: `other${uniq()}@example.test`, username: a.username.toUpperCase(), fullName: "X", passwordHash: await pwHash() });
    expect(again).toEqual({ ok: false, field: "username" });
    expect(await users.findTakenFields({ email: "nobody-" + uniq() + "@x.test", username: a.username.toUpperCase() })).toEqual({ email: false, username: true });
  });

  it("lets exactly one of many concurrent registrations win (email race and username race)", async () => {
    const u = uniq();
    const emailRace = await Promise.all(
      ["a", "B", "c", "D", "e", "F"].map((c, i) =>
        users.createUser({ email: i % 2 ? `race${u}@EXAMPLE.test` : `Race${u}@example.test`, username: `race_${u}_${c}`, fullName: "R", passwordHash: "h" }),
      ),
    );
    expect(emailRace.filter((r) => r.ok)).toHaveLength(1);
    expect(emailRace.filter((r) => !r.ok).every((r) => !r.ok && r.field === "email")).toBe(true);

    const usernameRace = await Promise.all(
      [0, 1, 2, 3, 4, 5].map((i) => users.createUser({ email: `r${i}${u}@example.test`, username: i % 2 ? `RACER_${u}` : `racer_${u}`, fullName: "R", passwordHash: "h" })),
    );
    expect(usernameRace.filter((r) => r.ok)).toHaveLength(1);
    expect(usernameRace.filter((r) => !r.ok).every((r) => !r.ok && r.field === "username")).toBe(true);
  });

  it("stores odd names verbatim (HTML, quotes, emoji)", async () => {
    const a = await makeUser("odd");
    const odd = `<img src=x onerror=alert(1)> "O'Brien" 🎓👩🏽‍🏫`;
    await users.updateUserFullName({ id: a.id, fullName: odd });
    expect((await users.getUserById({ id: a.id }))?.fullName).toBe(odd);
  });
});

describe("password check", () => {
  it("signs in by email or username in any case, refuses a wrong password", async () => {
    const a = await makeUser("pw");
    const from = ip();
    const byEmail = await attemptSignIn({ login: `  ${a.email.toUpperCase()} `, password: "right-password-1", ip: from });
    expect(byEmail.ok && byEmail.user.id).toBe(a.id);
    const byUsername = await attemptSignIn({ login: a.username.toUpperCase(), password: "right-password-1", ip: from });
    expect(byUsername.ok && byUsername.user.id).toBe(a.id);
    expect(await attemptSignIn({ login: a.username, password: "Right-password-1", ip: from })).toEqual({ ok: false, reason: "invalid" });
    expect(await attemptSignIn({ login: `nobody_${uniq()}`, password: "whatever-1", ip: from })).toEqual({ ok: false, reason: "invalid" });
    expect((await users.getUserById({ id: a.id }))?.lastLoginAt).toBeInstanceOf(Date);
  });

  it("refuses a deactivated account even with the right password", async () => {
    const a = await makeUser("inact");
    await users.setUserActive({ id: a.id, isActive: false });
    expect(await attemptSignIn({ login: a.username, password: "right-password-1", ip: ip() })).toEqual({ ok: false, reason: "inactive" });
  });
});

describe("sign-in throttling (limits: 3 per account + IP, 6 per IP, back-off after 5 per account)", () => {
  it("refuses an address after 3 failures for an account, even with the right password; the owner elsewhere still gets in", async () => {
    const a = await makeUser("thr");
    const b = await makeUser("thr");
    const attacker = ip();
    for (let i = 0; i < 3; i++) {
      // The email and the username count as the same account.
      const r = await attemptSignIn({ login: i % 2 ? a.email : a.username, password: "wrong-password", ip: attacker });
      expect(r).toEqual({ ok: false, reason: "invalid" });
    }
    const locked = await attemptSignIn({ login: a.username, password: "right-password-1", ip: attacker });
    expect(locked.ok).toBe(false);
    expect(!locked.ok && locked.reason).toBe("throttled");
    expect(!locked.ok && locked.retryAfterSeconds).toBeGreaterThan(590);
    expect(!locked.ok && locked.retryAfterSeconds).toBeLessThanOrEqual(600);
    // The attacker cannot lock the owner out: from another address the right password works.
    expect((await attemptSignIn({ login: a.username, password: "right-password-1", ip: ip() })).ok).toBe(true);
    // Other accounts from the attacker's address are unaffected (3 < 6 per IP).
    expect((await attemptSignIn({ login: b.username, password: "right-password-1", ip: attacker })).ok).toBe(true);
  });

  it("slows guesses spread over many addresses with a back-off, but never locks the owner's known address out", async () => {
    const a = await makeUser("bko");
    const home = ip();
    expect((await attemptSignIn({ login: a.username, password: "right-password-1", ip: home })).ok).toBe(true);
    // 5 failures from 5 addresses: no address reaches 3, but the account reaches the back-off threshold.
    for (let i = 0; i < 5; i++) {
      const r = await attemptSignIn({ login: a.username, password: `guess-${i}-guess`, ip: ip() });
      expect(r).toEqual({ ok: false, reason: "invalid" });
    }
    const next = await attemptSignIn({ login: a.username, password: "guess-5-guess", ip: ip() });
    expect(!next.ok && next.reason).toBe("throttled");
    // Two more (as if after waiting): 7 failures, 2 past the threshold.
    for (let i = 0; i < 2; i++) await users.recordLoginAttempt({ identifier: a.username, userId: a.id, ip: ip(), succeeded: false });
    const now = new Date();
    const fresh = await checkThrottle({ userId: a.id, identifier: a.username, ip: ip(), now });
    expect(fresh.throttled).toBe(true);
    expect(fresh.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(fresh.retryAfterSeconds).toBeLessThanOrEqual(4); // 2^(7-5) seconds after the last failure
    // Once the back-off has passed, the next guess is allowed: slowed, not locked.
    expect((await checkThrottle({ userId: a.id, identifier: a.username, ip: ip(), now: new Date(now.getTime() + 5_000) })).throttled).toBe(false);
    // The owner's address skips the back-off entirely and signs in at once.
    expect((await checkThrottle({ userId: a.id, identifier: a.username, ip: home, now })).throttled).toBe(false);
    expect((await attemptSignIn({ login: a.username, password: "right-password-1", ip: home })).ok).toBe(true);
  });

  it("caps the back-off at LOGIN_ACCOUNT_BACKOFF_MAX_SECONDS", async () => {
    const a = await makeUser("cap");
    // 5 + 9 failures: 2^9 s would be 512 s; the cap is 60 s. Spread so no address reaches 3.
    for (let i = 0; i < 14; i++) await users.recordLoginAttempt({ identifier: a.username, userId: a.id, ip: ip(), succeeded: false });
    const r = await checkThrottle({ userId: a.id, identifier: a.username, ip: ip() });
    expect(r.throttled).toBe(true);
    expect(r.retryAfterSeconds).toBeGreaterThan(50);
    expect(r.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it("counts failures per account in MySQL and a success clears the account's count", async () => {
    const a = await makeUser("cnt");
    const since = new Date(Date.now() - 60_000);
    await attemptSignIn({ login: a.username, password: "nope-nope", ip: ip() });
    await attemptSignIn({ login: a.email, password: "nope-nope", ip: ip() });
    expect((await users.countAccountFailures({ userId: a.id, identifier: a.username, since })).failures).toBe(2);
    expect((await attemptSignIn({ login: a.username, password: "right-password-1", ip: ip() })).ok).toBe(true);
    expect((await users.countAccountFailures({ userId: a.id, identifier: a.username, since })).failures).toBe(0);
    await attemptSignIn({ login: a.username, password: "nope-nope", ip: ip() });
    await attemptSignIn({ login: a.username, password: "nope-nope", ip: ip() });
    expect((await users.countAccountFailures({ userId: a.id, identifier: a.username, since })).failures).toBe(2);
    expect((await attemptSignIn({ login: a.username, password: "right-password-1", ip: ip() })).ok).toBe(true);
    // Failures older than the window do not count.
    expect((await users.countAccountFailures({ userId: a.id, identifier: a.username, since: new Date(Date.now() + 1000) })).failures).toBe(0);
  });

  it("counts unknown logins by identifier too", async () => {
    const ghost = `ghost_${uniq()}`;
    const from = ip();
    for (let i = 0; i < 3; i++) await attemptSignIn({ login: ghost, password: "x-x-x-x-x", ip: from });
    const r = await attemptSignIn({ login: ghost.toUpperCase(), password: "x-x-x-x-x", ip: from });
    expect(!r.ok && r.reason).toBe("throttled");
  });

  it("locks an IP after 6 failures across different accounts; other IPs still get in", async () => {
    const from = ip();
    for (let i = 0; i < 6; i++) {
      const r = await attemptSignIn({ login: `spray_${uniq()}`, password: "password-guess", ip: from });
      expect(r).toEqual({ ok: false, reason: "invalid" });
    }
    expect((await users.countIpFailures({ ip: from, since: new Date(Date.now() - 60_000) })).failures).toBe(6);
    const a = await makeUser("ipok");
    const blocked = await attemptSignIn({ login: a.username, password: "right-password-1", ip: from });
    expect(!blocked.ok && blocked.reason).toBe("throttled");
    expect((await checkThrottle({ userId: a.id, identifier: a.username, ip: from })).throttled).toBe(true);
    expect((await attemptSignIn({ login: a.username, password: "right-password-1", ip: ip() })).ok).toBe(true);
  });
});

describe("password reset tokens", () => {
  it("sends a single-use link, stores only its hash, and the new password replaces the old", async () => {
    const a = await makeUser("rst");
    const mails: { to: string; link: string; text: string }[] = [];
    const res = await reset.requestPasswordReset({ email: a.email.toLowerCase(), baseUrl: "http://example.test/", deliver: async (m) => void mails.push(m) });
    expect(res.sent).toBe(true);
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toBe(a.email);
    const token = mails[0].link.replace("http://example.test/password-reset/", "");
    expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(await users.findValidPasswordResetToken({ tokenHash: token })).toBeNull(); // the raw token is not stored
    expect(await reset.isResetTokenValid({ token })).toBe(true);

    const before = (await users.getUserById({ id: a.id }))!.sessionVersion;
    const [first, second] = await Promise.all([
      reset.resetPasswordWithToken({ token, newPassword: "brand-new-pass-1" }),
      reset.resetPasswordWithToken({ token, newPassword: "attacker-pass-1" }),
    ]);
    expect([first, second].filter((x) => x === a.id)).toHaveLength(1); // single use even under a race
    expect(await reset.resetPasswordWithToken({ token, newPassword: "third-pass-1" })).toBeNull();
    const after = await users.getUserById({ id: a.id });
    expect(after!.sessionVersion).toBe(before + 1); // every old session is signed out
    const winner = first === a.id ? "brand-new-pass-1" : "attacker-pass-1";
    expect((await attemptSignIn({ login: a.username, password: winner, ip: ip() })).ok).toBe(true);
    expect((await attemptSignIn({ login: a.username, password: "right-password-1", ip: ip() })).ok).toBe(false);
  });

  it("says nothing and sends nothing for an unknown address; expired links do not work", async () => {
    const mails: unknown[] = [];
    expect((await reset.requestPasswordReset({ email: `nobody${uniq()}@example.test`, baseUrl: "http://x", deliver: async (m) => void mails.push(m) })).sent).toBe(false);
    expect(mails).toHaveLength(0);
    const a = await makeUser("exp");
    const links: string[] = [];
    await reset.requestPasswordReset({ email: a.email, baseUrl: "http://x", deliver: async (m) => void links.push(m.link), now: new Date(Date.now() - 2 * 3600_000) });
    const token = links[0].split("/").pop()!;
    expect(await reset.isResetTokenValid({ token })).toBe(false);
    expect(await reset.resetPasswordWithToken({ token, newPassword: "whatever-pass-1" })).toBeNull();
  });
});

describe("password reset flood limit", () => {
  it("sends at most 3 links per account per hour", async () => {
    const a = await makeUser("flood");
    const sent: string[] = [];
    const results = [];
    for (let i = 0; i < 5; i++) results.push((await reset.requestPasswordReset({ email: a.email, baseUrl: "http://x", deliver: async (m) => void sent.push(m.link) })).sent);
    expect(results).toEqual([true, true, true, false, false]);
    expect(sent).toHaveLength(3);
  });
});

describe("password change", () => {
  it("bumps session_version so older sessions are signed out", async () => {
    const a = await makeUser("chg");
    const v0 = (await users.getUserById({ id: a.id }))!.sessionVersion;
    const v1 = await users.updateUserPassword({ id: a.id, passwordHash: await hashPassword("changed-pass-1") });
    expect(v1).toBe(v0 + 1);
    await users.setUserActive({ id: a.id, isActive: false });
    expect((await users.getUserById({ id: a.id }))!.sessionVersion).toBe(v1 + 1);
  });
});
