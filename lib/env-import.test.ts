// Import limits are operator settings (issue 8, items 3 and 6): defaults that fit a 2 GB server,
// each documented in .env.example with the value the code uses.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

const VALID = { DATABASE_URL: "mysql://root@127.0.0.1:3306/atrium", NEXTAUTH_SECRET: "k7Qw2pZr9LmX4vBn8TcY6hJd3FgS5aEu" };
const SETTINGS = ["IMPORT_MAX_UPLOAD_BYTES", "IMPORT_MAX_UNPACKED_BYTES", "IMPORT_MAX_FILES", "IMPORT_MAX_TEXT_BYTES", "IMPORT_MAX_BLOCKS"] as const;

describe("import settings", () => {
  it("default to limits that fit a 2 GB server", () => {
    const env = parseEnv(VALID);
    expect(env.IMPORT_MAX_UPLOAD_BYTES).toBe(512 * 1024 ** 2);
    expect(env.IMPORT_MAX_UNPACKED_BYTES).toBe(1024 ** 3);
    expect(env.IMPORT_MAX_TEXT_BYTES).toBe(64 * 1024 ** 2);
    expect(env.IMPORT_MAX_BLOCKS).toBe(60_000);
    expect(env.IMPORT_MAX_FILES).toBe(100_000);
  });

  it("are read from the environment and refuse nonsense", () => {
    expect(parseEnv({ ...VALID, IMPORT_MAX_UPLOAD_BYTES: "1048576" }).IMPORT_MAX_UPLOAD_BYTES).toBe(1048576);
    expect(() => parseEnv({ ...VALID, IMPORT_MAX_UPLOAD_BYTES: "-1" })).toThrow(/IMPORT_MAX_UPLOAD_BYTES/);
    expect(() => parseEnv({ ...VALID, IMPORT_MAX_TEXT_BYTES: "lots" })).toThrow(/IMPORT_MAX_TEXT_BYTES/);
  });

  it("are each documented in .env.example with the default value", () => {
    const example = readFileSync(path.resolve(__dirname, "../.env.example"), "utf8");
    const env = parseEnv(VALID);
    for (const name of SETTINGS) {
      const m = new RegExp(`^${name}=(\\d+)$`, "m").exec(example);
      expect(m, name).not.toBeNull();
      expect(Number(m![1]), name).toBe(env[name]);
    }
  });
});
