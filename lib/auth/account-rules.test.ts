import { describe, expect, it } from "vitest";
import { changePasswordSchema, registerSchema } from "./account-rules";
import { hashPassword, passwordProblem, verifyPassword } from "./passwords";
import { signInErrorMessage } from "./sign-in-messages";

const good = { email: "Someone@Example.com", username: "some_one", fullName: "Some One", password: "long-enough-1" };

function fieldErrors(input: unknown): Record<string, string> {
  const r = registerSchema.safeParse(input);
  if (r.success) return {};
  return Object.fromEntries(r.error.issues.map((i) => [String(i.path[0]), i.message]));
}

describe("registration rules", () => {
  it("accepts a normal registration", () => {
    expect(registerSchema.safeParse(good).success).toBe(true);
  });
  it("refuses a bad email, username, empty name", () => {
    expect(fieldErrors({ ...good, email: "nope" }).email).toMatch(/valid email/);
    expect(fieldErrors({ ...good, username: "has space" }).username).toMatch(/letters, digits/);
    expect(fieldErrors({ ...good, username: "x" }).username).toMatch(/at least 2/);
    expect(fieldErrors({ ...good, username: "a".repeat(31) }).username).toMatch(/at most 30/);
    expect(fieldErrors({ ...good, fullName: "   " }).fullName).toMatch(/full name/);
  });
  it("keeps odd names (HTML, quotes, emoji) as text and limits length in characters", () => {
    const odd = `<script>alert("x")</script> O'Brien "Zoë" 🎓👩🏽‍🏫`;
    const r = registerSchema.safeParse({ ...good, fullName: odd });
    expect(r.success && r.data.fullName).toBe(odd);
    expect(registerSchema.safeParse({ ...good, fullName: "🎓".repeat(255) }).success).toBe(true);
    expect(fieldErrors({ ...good, fullName: "a".repeat(256) }).fullName).toMatch(/at most 255/);
    expect(fieldErrors({ ...good, fullName: "tab\tname" }).fullName).toMatch(/cannot be shown/);
  });
  it("refuses weak and over-long passwords (bcrypt's 72-byte limit, counted in UTF-8 bytes)", () => {
    expect(fieldErrors({ ...good, password: "short7!" }).password).toMatch(/at least 8/);
    expect(registerSchema.safeParse({ ...good, password: "a".repeat(72) }).success).toBe(true);
    expect(fieldErrors({ ...good, password: "a".repeat(73) }).password).toMatch(/at most 72 bytes/);
    // 18 emoji = 72 bytes is fine, 19 = 76 bytes is refused even though it is only 38 UTF-16 units.
    expect(passwordProblem("😀".repeat(18))).toBeNull();
    expect(passwordProblem("😀".repeat(19))).toMatch(/72 bytes/);
  });
  it("checks that the two new passwords match", () => {
    const r = changePasswordSchema.safeParse({ currentPassword: "x", newPassword: "new-password-1", confirmPassword: "new-password-2" });
    expect(r.success).toBe(false);
    expect(!r.success && r.error.issues[0].path).toEqual(["confirmPassword"]);
  });
});

describe("passwords", () => {
  it("hashes with bcrypt and verifies", async () => {
    const hash = await hashPassword("correct horse");
    expect(hash).toMatch(/^\$2[aby]\$10\$/);
    expect(await verifyPassword("correct horse", hash)).toBe(true);
    expect(await verifyPassword("correct horsf", hash)).toBe(false);
    expect(await verifyPassword("x".repeat(100), hash)).toBe(false);
    await expect(hashPassword("x".repeat(80))).rejects.toThrow(/invalid password/);
  });
});

describe("sign-in messages", () => {
  it("maps provider codes to sentences", () => {
    expect(signInErrorMessage("atrium:invalid")).toMatch(/do not match/);
    expect(signInErrorMessage("atrium:throttled:61")).toMatch(/try again in 2 minutes/);
    expect(signInErrorMessage("atrium:throttled:30")).toMatch(/try again in 1 minute\b/);
    expect(signInErrorMessage("atrium:inactive")).toMatch(/deactivated/);
    expect(signInErrorMessage("CredentialsSignin")).toMatch(/do not match/);
    expect(signInErrorMessage(null)).toBeNull();
  });
});
