// What the benches share to run the app: a command run to completion (its stderr in the error when
// it fails) and waiting until a server answers.
import { spawn } from "node:child_process";

/** Runs a command in the working directory; rejects with its last output when it exits non-zero. */
export function sh(cmd: string, argv: string[], env: NodeJS.ProcessEnv, quiet = true): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, argv, { cwd: process.cwd(), env, stdio: quiet ? ["ignore", "ignore", "pipe"] : "inherit" });
    let err = "";
    p.stderr?.on("data", (d: Buffer) => (err += d.toString()));
    p.on("error", reject);
    p.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${argv.join(" ")} exited ${code}\n${err.slice(-2000)}`))));
  });
}

/** Resolves once `url` answers below 500; throws after `ms`. */
export async function waitFor(url: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not answer ${url} within ${ms} ms`);
}
