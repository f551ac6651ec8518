import { describe, expect, it } from "vitest";
import mysql from "mysql2/promise";
import { randomBytes } from "node:crypto";
import { dropDatabase, migrateDatabase } from "@/lib/db/migrate";

describe("migrations", () => {
  it("apply to an empty database and create every table", async () => {
    const url = `mysql://root@127.0.0.1:3306/atrium_mig_${randomBytes(4).toString("hex")}`;
    await migrateDatabase(url);
    try {
      const conn = await mysql.createConnection({ uri: url });
      const [rows] = await conn.query("SHOW TABLES");
      await conn.end();
      const names = (rows as Record<string, string>[]).map((r) => Object.values(r)[0]);
      for (const t of ["users", "courses", "course_versions", "course_blocks", "enrollments", "problem_states", "course_grades", "jobs"]) {
        expect(names).toContain(t);
      }
      // Running again is a no-op, not an error.
      await migrateDatabase(url);
    } finally {
      await dropDatabase(url);
    }
  });
});
