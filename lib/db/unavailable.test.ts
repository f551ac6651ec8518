import { describe, expect, it } from "vitest";
import mysql from "mysql2/promise";
import { isDatabaseUnavailable } from "./unavailable";

describe("isDatabaseUnavailable", () => {
  it("recognises connection failures, also wrapped as Drizzle does", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" });
    expect(isDatabaseUnavailable(refused)).toBe(true);
    expect(isDatabaseUnavailable(new Error("Failed query: select 1", { cause: refused }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("lost"), { code: "PROTOCOL_CONNECTION_LOST", fatal: true }))).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([refused], "connect"))).toBe(true);
  });

  it("does not treat query errors or bugs as an outage", () => {
    expect(isDatabaseUnavailable(Object.assign(new Error("Duplicate entry"), { code: "ER_DUP_ENTRY" }))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error("deadlock"), { code: "ER_LOCK_DEADLOCK" }))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("x is undefined"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });

  it("classifies the real error of a pool whose server is not there", async () => {
    // Port 1 on loopback: nothing listens, so the driver's own error is produced.
    const pool = mysql.createPool({ uri: "mysql://root@127.0.0.1:1/none", connectTimeout: 2_000 });
    const err = await pool.query("SELECT 1").then(() => null, (e: unknown) => e);
    await pool.end();
    expect(err).not.toBeNull();
    expect(isDatabaseUnavailable(err)).toBe(true);
  });
});
