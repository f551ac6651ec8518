// What the benches share to run the app: a command run to completion (its stderr in the error when
// it fails) and waiting until a server answers.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

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

/** CPU time (ms, user + system) a process and its descendants have used, from /proc. */
export function treeCpuMs(pid: number): number {
  const tick = 1000 / 100; // USER_HZ is 100 on Linux
  let ms = 0;
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // f[1] ppid; f[11] utime; f[12] stime (fields 4, 14, 15 of proc(5))
      if (Number(d) === pid || isDescendant(Number(d), pid)) ms += (Number(f[11]) + Number(f[12])) * tick;
    } catch {
      /* exited */
    }
  }
  return ms;
}
function isDescendant(p: number, root: number): boolean {
  for (let i = 0; i < 8 && p > 1; i++) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, "utf8");
      p = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    } catch {
      return false;
    }
    if (p === root) return true;
  }
  return false;
}

/** RSS (MB) of a process and all its descendants, from /proc. */
export function treeRssMb(pid: number): number {
  const children = new Map<number, number[]>();
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(d)]);
    } catch {
      /* process exited */
    }
  }
  let kb = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    try {
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, "utf8"));
      kb += m ? Number(m[1]) : 0;
    } catch {
      /* gone */
    }
    stack.push(...(children.get(p) ?? []));
  }
  return kb / 1024;
}

/** MariaDB's server process (machine-wide: other databases' work counts too), or null. */
export function databasePid(): number | null {
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (/^(mariadbd|mysqld)$/.test(readFileSync(`/proc/${d}/comm`, "utf8").trim())) return Number(d);
    } catch {
      /* exited */
    }
  }
  return null;
}
