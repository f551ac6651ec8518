// Which cookie claims still name a signed-in user, and the safe return-to rule.
import { describe, expect, it } from "vitest";
import { actorOf, safeReturnTo, sessionUserOf } from "./session";

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
