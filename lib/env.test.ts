import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { EXAMPLE_SECRET, parseEnv, weakSecretReason } from "./env";

const VALID = { DATABASE_URL: "mysql://root@127.0.0.1:3306/atrium", NEXTAUTH_SECRET: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" };

function errorOf(source: Record<string, string | undefined>): string {
  try {
    parseEnv(source);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error("expected parseEnv to throw");
}

describe("parseEnv", () => {
  it("accepts the minimal settings and fills documented defaults", () => {
    const env = parseEnv(VALID);
    expect(env.CONTENT_STORE).toBe("disk");
    expect(env.DATABASE_POOL_SIZE).toBe(10);
    expect(env.LOGIN_MAX_FAILURES_PER_ACCOUNT).toBe(5);
    expect(env.LOGIN_MAX_FAILURES_PER_IP).toBe(30);
    expect(env.LOGIN_THROTTLE_WINDOW_SECONDS).toBe(900);
    expect(env.ATRIUM_TRUST_PROXY).toBe(false);
    expect(env.ATRIUM_TRUSTED_PROXIES).toEqual(["127.0.0.0/8", "::1/128"]);
    expect(env.LOGIN_ACCOUNT_BACKOFF_AFTER).toBe(50);
    expect(env.LOGIN_ACCOUNT_BACKOFF_MAX_SECONDS).toBe(60);
    expect(env.MONGODB_URL).toBeUndefined();
  });

  it("names a missing DATABASE_URL", () => {
    const msg = errorOf({ NEXTAUTH_SECRET: VALID.NEXTAUTH_SECRET });
    expect(msg).toMatch(/DATABASE_URL/);
    expect(msg).not.toMatch(/NEXTAUTH_SECRET/);
  });

  it("names a malformed DATABASE_URL", () => {
    expect(errorOf({ ...VALID, DATABASE_URL: "postgres://localhost/atrium" })).toMatch(/DATABASE_URL must be a mysql:\/\/ URL/);
  });

  it("names a missing or short NEXTAUTH_SECRET", () => {
    expect(errorOf({ DATABASE_URL: VALID.DATABASE_URL })).toMatch(/NEXTAUTH_SECRET is required/);
    expect(errorOf({ ...VALID, NEXTAUTH_SECRET: "short" })).toMatch(/NEXTAUTH_SECRET must be at least 32 characters/);
  });

  it("refuses the .env.example placeholder and other weak secrets", () => {
    const example = readFileSync(path.join(__dirname, "..", ".env.example"), "utf8");
    expect(example).toContain(`NEXTAUTH_SECRET=${EXAMPLE_SECRET}\n`);
    expect(errorOf({ ...VALID, NEXTAUTH_SECRET: EXAMPLE_SECRET })).toMatch(/NEXTAUTH_SECRET is a placeholder/);
    for (const weak of [
      "x".repeat(32),
      "test-secret-test-secret-test-secret-0123",
      "abcabcabcabcabcabcabcabcabcabcabcabc",
      "please-changeme-please-changeme-now!",
      "11111111112222222222333333333344444",
    ]) {
      expect(weakSecretReason(weak), weak).not.toBeNull();
      expect(errorOf({ ...VALID, NEXTAUTH_SECRET: weak })).toContain("NEXTAUTH_SECRET");
    }
    for (const strong of [VALID.NEXTAUTH_SECRET, "q7Vh2LxN0pR4tY8wZ1bC5dF9gJ3kM6sA", "KX4e0c1Ux+6Jd8o2pHh3mZ5bQ7vW9rT1yN0aL2sF4g="]) {
      expect(weakSecretReason(strong), strong).toBeNull();
      expect(parseEnv({ ...VALID, NEXTAUTH_SECRET: strong }).NEXTAUTH_SECRET).toBe(strong);
    }
  });

  it("reads the trusted proxy list (addresses and CIDR ranges) and names a bad entry", () => {
    expect(parseEnv({ ...VALID, ATRIUM_TRUSTED_PROXIES: " 10.0.0.0/8, 192.0.2.1 ,2001:db8::/32" }).ATRIUM_TRUSTED_PROXIES).toEqual(["10.0.0.0/8", "192.0.2.1", "2001:db8::/32"]);
    expect(errorOf({ ...VALID, ATRIUM_TRUSTED_PROXIES: "10.0.0.0/33" })).toContain("ATRIUM_TRUSTED_PROXIES");
    expect(errorOf({ ...VALID, ATRIUM_TRUSTED_PROXIES: "proxy.internal" })).toContain("ATRIUM_TRUSTED_PROXIES");
  });

  it("names every bad setting at once", () => {
    const msg = errorOf({ DATABASE_POOL_SIZE: "lots", CONTENT_STORE: "s3" });
    for (const name of ["DATABASE_URL", "NEXTAUTH_SECRET", "DATABASE_POOL_SIZE", "CONTENT_STORE"]) expect(msg).toContain(name);
    expect(msg).toContain(".env.example");
  });

  it("requires MONGODB_URL when CONTENT_STORE=gridfs and checks its scheme", () => {
    expect(errorOf({ ...VALID, CONTENT_STORE: "gridfs" })).toMatch(/MONGODB_URL is required when CONTENT_STORE=gridfs/);
    expect(errorOf({ ...VALID, MONGODB_URL: "http://mongo" })).toMatch(/MONGODB_URL/);
    expect(parseEnv({ ...VALID, CONTENT_STORE: "gridfs", MONGODB_URL: "mongodb://127.0.0.1:27017" }).CONTENT_STORE).toBe("gridfs");
  });

  it("names malformed numbers and booleans", () => {
    expect(errorOf({ ...VALID, LOGIN_MAX_FAILURES_PER_ACCOUNT: "five" })).toContain("LOGIN_MAX_FAILURES_PER_ACCOUNT");
    expect(errorOf({ ...VALID, LOGIN_THROTTLE_WINDOW_SECONDS: "-1" })).toContain("LOGIN_THROTTLE_WINDOW_SECONDS");
    expect(errorOf({ ...VALID, ATRIUM_TRUST_PROXY: "maybe" })).toContain("ATRIUM_TRUST_PROXY");
    expect(errorOf({ ...VALID, NEXTAUTH_URL: "not a url" })).toContain("NEXTAUTH_URL");
    expect(parseEnv({ ...VALID, ATRIUM_TRUST_PROXY: "true" }).ATRIUM_TRUST_PROXY).toBe(true);
  });

  it("reads the web-security settings: HSTS switch, asset origin, course iframe origins", () => {
    const d = parseEnv(VALID);
    expect(d.ATRIUM_HTTPS).toBe(false);
    expect(d.ASSET_ORIGIN).toBeUndefined();
    expect(d.COURSE_IFRAME_ORIGINS).toEqual(["https://www.youtube.com", "https://youtube.com", "https://www.youtube-nocookie.com", "https://youtube-nocookie.com"]);
    const e = parseEnv({ ...VALID, ATRIUM_HTTPS: "true", ASSET_ORIGIN: "https://files.example.org/", COURSE_IFRAME_ORIGINS: "https://player.vimeo.com, https://www.youtube.com:443" });
    expect(e.ATRIUM_HTTPS).toBe(true);
    expect(e.ASSET_ORIGIN).toBe("https://files.example.org");
    expect(e.COURSE_IFRAME_ORIGINS).toEqual(["https://player.vimeo.com", "https://www.youtube.com"]);
    expect(parseEnv({ ...VALID, COURSE_IFRAME_ORIGINS: "" }).COURSE_IFRAME_ORIGINS).toEqual([]);
    expect(errorOf({ ...VALID, COURSE_IFRAME_ORIGINS: "http://insecure.example" })).toMatch(/COURSE_IFRAME_ORIGINS.*not an https origin/);
    expect(errorOf({ ...VALID, COURSE_IFRAME_ORIGINS: "https://ok.example/embed/" })).toMatch(/COURSE_IFRAME_ORIGINS/);
    expect(errorOf({ ...VALID, ASSET_ORIGIN: "files.example.org" })).toMatch(/ASSET_ORIGIN/);
  });
});
