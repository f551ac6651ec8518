// Which cookie claims still name a signed-in user, and the safe return-to rule.
import { describe, expect, it, vi } from "vitest";
import { encode } from "next-auth/jwt";
import { env } from "@/lib/env";
import { actorOf, claimsOfCookie, safeReturnTo, sessionUserOf } from "./session";

const row = { id: 7, email: "a@example.test", username: "a", fullName: "A", isAdmin: false, canCreateCourses: true, isActive: true, sessionVersion: 3 };

describe("sessionUserOf", () => {
  it("accepts matching claims and exposes only the SessionUser fields", () => {
    expect(sessionUserOf({ claims: { uid: 7, sv: 3 }, row })).toEqual({
      id: 7,
      email: "a@example.test",
      username: "a",
      fullName: "A",
      isAdmin: false,
      canCreateCourses: true,
      isActive: true,
    });
  });
  it("signs out after a password change (older session_version), deactivation or deletion", () => {
    expect(sessionUserOf({ claims: { uid: 7, sv: 2 }, row })).toBeNull();
    expect(sessionUserOf({ claims: { uid: 7, sv: 3 }, row: { ...row, isActive: false } })).toBeNull();
    expect(sessionUserOf({ claims: { uid: 7, sv: 3 }, row: null })).toBeNull();
    expect(sessionUserOf({ claims: { uid: 8, sv: 3 }, row })).toBeNull();
  });
});

describe("safeReturnTo", () => {
  it("follows only same-site paths", () => {
    expect(safeReturnTo("/courses/x?y=1")).toBe("/courses/x?y=1");
    expect(safeReturnTo("https://evil.example/")).toBe("/dashboard");
    expect(safeReturnTo("//evil.example/")).toBe("/dashboard");
    expect(safeReturnTo("/\\evil.example")).toBe("/dashboard");
    expect(safeReturnTo("/\t/evil.example")).toBe("/dashboard");
    expect(safeReturnTo(undefined, "/")).toBe("/");
  });
});

describe("actorOf", () => {
  it("maps users and anonymous visitors to permission actors", () => {
    expect(actorOf(null)).toEqual({ userId: null, isActive: false, isAdmin: false, canCreateCourses: false });
    expect(actorOf({ ...row })).toEqual({ userId: 7, isActive: true, isAdmin: false, canCreateCourses: true });
  });
});

describe("claimsOfCookie (the session cookie is decrypted, never re-encrypted, and once per value)", () => {
  const name = "next-auth.session-token";
  const mint = (token: Record<string, unknown>, maxAge = 3600, secret = env().NEXTAUTH_SECRET) => encode({ token, secret, maxAge });

  it("reads uid, session version and session id from a cookie next-auth would issue", async () => {
    const value = await mint({ sub: "7", uid: 7, sv: 3, sid: "s-1" });
    const first = await claimsOfCookie([{ name: "other", value: "x" }, { name, value }]);
    expect(first).toEqual({ uid: 7, sv: 3, sid: "s-1" });
    // The second request with the same cookie is served from the decoded map (same object).
    expect(await claimsOfCookie([{ name, value }])).toBe(first);
  });

  it("shares the decoded map with every other copy of this module in the process (the build bundles one per runtime)", async () => {
    const value = await mint({ sub: "10", uid: 10, sv: 1, sid: "s-10" });
    const first = await claimsOfCookie([{ name, value }]);
    vi.resetModules();
    const copy = await import("./session");
    expect(copy.claimsOfCookie).not.toBe(claimsOfCookie);
    expect(await copy.claimsOfCookie([{ name, value }])).toBe(first);
  });

  it("joins a cookie next-auth split into chunks", async () => {
    const value = await mint({ sub: "8", uid: 8, sv: 1, sid: "s-2" });
    const cut = Math.floor(value.length / 2);
    expect(await claimsOfCookie([{ name: `${name}.1`, value: value.slice(cut) }, { name: `${name}.0`, value: value.slice(0, cut) }])).toEqual({ uid: 8, sv: 1, sid: "s-2" });
  });

  it("refuses tampered, foreign, expired and pre-session cookies, and no cookie at all", async () => {
    const good = await mint({ sub: "9", uid: 9, sv: 1, sid: "s-3" });
    const flip = good.slice(0, -3) + (good.at(-3) === "A" ? "B" : "A") + good.slice(-2);
    expect(await claimsOfCookie([{ name, value: flip }])).toBeNull();
    expect(await claimsOfCookie([{ name, value: await mint({ sub: "9", uid: 9, sv: 1, sid: "s-3" }, 3600, "another-secret-another-secret-32") }])).toBeNull();
    expect(await claimsOfCookie([{ name, value: await mint({ sub: "9", uid: 9, sv: 1, sid: "s-4" }, -60) }])).toBeNull();
    expect(await claimsOfCookie([{ name, value: await mint({ sub: "9", uid: 9, sv: 1 }) }])).toBeNull();
    expect(await claimsOfCookie([])).toBeNull();
  });
});
