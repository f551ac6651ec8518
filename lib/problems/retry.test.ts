// withRetry re-runs a whole transaction after a deadlock or lock-wait timeout, however the driver's
// error is wrapped, and gives up after a bounded number of attempts; other errors pass at once.
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { isLockConflict, TX_MAX_ATTEMPTS, withRetry } from "./service";

const driverError = (errno: number, code: string) => Object.assign(new Error(code), { errno, code, sqlState: errno === 1213 ? "40001" : "HY000" });
// Drizzle 0.45 throws DrizzleQueryError("Failed query: …", { cause: <mysql2 error> }).
const wrapped = (errno: number, code: string) => new Error("Failed query: delete from `subsection_grades` …", { cause: driverError(errno, code) });

describe("isLockConflict", () => {
  it("recognises deadlocks and lock-wait timeouts, bare or wrapped (up to a few causes deep)", () => {
    expect(isLockConflict(driverError(1213, "ER_LOCK_DEADLOCK"))).toBe(true);
    expect(isLockConflict(wrapped(1213, "ER_LOCK_DEADLOCK"))).toBe(true);
    expect(isLockConflict(wrapped(1205, "ER_LOCK_WAIT_TIMEOUT"))).toBe(true);
    expect(isLockConflict(new Error("outer", { cause: wrapped(1213, "ER_LOCK_DEADLOCK") }))).toBe(true);
    expect(isLockConflict(Object.assign(new Error("x"), { code: "ER_LOCK_DEADLOCK" }))).toBe(true);
  });
  it("does not retry anything else", () => {
    expect(isLockConflict(wrapped(1062, "ER_DUP_ENTRY"))).toBe(false);
    expect(isLockConflict(new AppError("forbidden:no_attempts_left", "no"))).toBe(false);
    expect(isLockConflict(null)).toBe(false);
  });
});

describe("withRetry", () => {
  it("re-runs the whole transaction until it commits", async () => {
    let calls = 0;
    const out = await withRetry(async () => {
      calls++;
      if (calls < 4) throw wrapped(calls % 2 ? 1213 : 1205, calls % 2 ? "ER_LOCK_DEADLOCK" : "ER_LOCK_WAIT_TIMEOUT");
      return "committed";
    });
    expect(out).toBe("committed");
    expect(calls).toBe(4);
  });
  it("is bounded: after TX_MAX_ATTEMPTS the conflict is thrown", async () => {
    let calls = 0;
    await expect(
      withRetry(async () => {
        calls++;
        throw wrapped(1213, "ER_LOCK_DEADLOCK");
      }, 3),
    ).rejects.toThrow(/Failed query/);
    expect(calls).toBe(3);
    expect(TX_MAX_ATTEMPTS).toBeGreaterThanOrEqual(5);
  });
  it("does not retry refusals", async () => {
    let calls = 0;
    await expect(
      withRetry(async () => {
        calls++;
        throw new AppError("forbidden:past_due", "late");
      }),
    ).rejects.toBeInstanceOf(AppError);
    expect(calls).toBe(1);
  });
});
