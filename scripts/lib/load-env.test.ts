// Scripts and CLIs load .env themselves, as `next start` does: run in a fresh shell (no
// DATABASE_URL or NEXTAUTH_SECRET in the environment) from a folder holding a .env, they use it;
// a variable set in the environment still wins over the file.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dropDatabase } from "@/lib/db/migrate";

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, "../..");
const SERVER = process.env.TEST_DATABASE_SERVER_URL ?? "mysql://root@127.0.0.1:3306";
const dbName = `atrium_envfile_${randomBytes(4).toString("hex")}`;
const dbUrl = `${SERVER}/${dbName}`;
let cwd = "";

/** A fresh shell: none of the settings the .env provides, NODE_ENV unset (as in a terminal). */
function freshEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const k of ["DATABASE_URL", "NEXTAUTH_SECRET", "CONTENT_DIR", "NODE_ENV", "VITEST", "VITEST_POOL_ID", "VITEST_WORKER_ID"]) if (!(k in extra)) delete env[k];
  return env;
}

async function cli(script: string, args: string[], env: NodeJS.ProcessEnv) {
  const tsx = path.join(ROOT, "node_modules/.bin/tsx");
  try {
    const r = await run(tsx, ["--tsconfig", path.join(ROOT, "tsconfig.json"), "--conditions=react-server", path.join(ROOT, script), ...args], { cwd, env, timeout: 60_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

beforeAll(async () => {
  cwd = await mkdtemp(path.join(tmpdir(), "atrium-envfile-"));
  await writeFile(
    path.join(cwd, ".env"),
    [`DATABASE_URL=${dbUrl}`, `NEXTAUTH_SECRET=${randomBytes(32).toString("hex")}`, `CONTENT_DIR=${path.join(cwd, "content")}`, `MAIL_FROM="Atrium <no-reply@localhost>"`, ""].join("\n"),
  );
});

afterAll(async () => {
  await dropDatabase(dbUrl);
  await rm(cwd, { recursive: true, force: true });
});

describe("scripts load .env like next start", () => {
  it("npm run db:migrate in a fresh shell migrates the database named in ./.env", async () => {
    const r = await cli("scripts/db-migrate.ts", [], freshEnv());
    expect(r.stderr).not.toContain("DATABASE_URL is required");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Migrated mysql://127.0.0.1:3306/${dbName}`);
  });

  it("npm run olx in a fresh shell reaches the database from ./.env", async () => {
    const r = await cli("scripts/olx.ts", ["export", "course-v1:No+Such+Course", path.join(cwd, "out.tar.gz")], freshEnv());
    expect(r.stderr).not.toContain("DATABASE_URL is required");
    expect(r.stderr).not.toContain("Invalid Atrium configuration");
    // It got as far as looking the course up in the migrated database.
    expect(r.stderr).toMatch(/No\+Such\+Course|not found|does not exist/i);
    expect(r.code).toBe(1);
  }, 60_000);

  it("a variable set in the environment wins over ./.env", async () => {
    const other = `atrium_envwins_${randomBytes(4).toString("hex")}`;
    try {
      const r = await cli("scripts/db-migrate.ts", [], freshEnv({ DATABASE_URL: `${SERVER}/${other}` }));
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Migrated mysql://127.0.0.1:3306/${other}`);
    } finally {
      await dropDatabase(`${SERVER}/${other}`);
    }
  }, 60_000);
});
