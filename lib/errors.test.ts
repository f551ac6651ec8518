import { describe, expect, it } from "vitest";
import { AppError, errorResponseOf, statusOf } from "./errors";

describe("errors", () => {
  it("maps code kinds to HTTP statuses", () => {
    expect(statusOf("forbidden:course")).toBe(403);
    expect(statusOf("not_found:block")).toBe(404);
    expect(statusOf("invalid:input")).toBe(400);
    expect(statusOf("unauthorized")).toBe(401);
    expect(statusOf("conflict:account")).toBe(409);
    expect(statusOf("rate_limited:login")).toBe(429);
    expect(statusOf("unavailable:db")).toBe(503);
    expect(statusOf("whatever:else")).toBe(500);
  });
  it("gives AppError a default message and status", () => {
    const e = new AppError("forbidden:course");
    expect(e.status).toBe(403);
    expect(e.message).toMatch(/permission/);
    expect(new AppError("not_found:block", "No such block.").message).toBe("No such block.");
  });
  it("never exposes unexpected errors in responses", () => {
    const spy = console.error;
    console.error = () => {};
    try {
      const r = errorResponseOf(new Error("ER_ACCESS_DENIED for root@10.0.0.1"));
      expect(r.status).toBe(500);
      expect(JSON.stringify(r.body)).not.toContain("root@");
    } finally {
      console.error = spy;
    }
    expect(errorResponseOf(new AppError("invalid:olx", "Bad OLX")).body.error).toEqual({ code: "invalid:olx", message: "Bad OLX" });
  });
  it("answers the database out of reach (as drizzle wraps it) with a 503 that says so", () => {
    const spy = console.error;
    console.error = () => {};
    try {
      const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:3306"), { code: "ECONNREFUSED" });
      const r = errorResponseOf(Object.assign(new Error("Failed query: select 1"), { cause: refused }));
      expect(r.status).toBe(503);
      expect(r.body.error.code).toBe("unavailable:database");
      expect(r.body.error.message).toMatch(/database is unavailable/);
      expect(JSON.stringify(r.body)).not.toContain("3306");
      expect(errorResponseOf(Object.assign(new Error("Duplicate entry"), { code: "ER_DUP_ENTRY" })).status).toBe(500);
    } finally {
      console.error = spy;
    }
  });
});
