// Clones a course's Git repository with the system `git` (spawned with an argument array, never a
// shell): a shallow clone of one branch or tag into a private temp folder, with a timeout, no
// prompts, no system/user git config, only the allowed transports, and credentials only from the
// operator's settings (GIT_IMPORT_CREDENTIALS, GIT_IMPORT_SSH_KEY). The caller imports the folder
// and removes the clone with `dispose()`.
import "server-only";
import { spawn } from "node:child_process";
import { mkdtemp, realpath, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { env } from "@/lib/env";
import { checkGitSource, displayGitUrl, type GitSource } from "./git-source";

export class GitImportError extends Error {
  constructor(
    readonly code: "invalid:git-source" | "failed:git-clone" | "unavailable:git",
    message: string,
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(message);
    this.name = "GitImportError";
  }
}

export interface ClonedCourse {
  /** the course folder inside the clone */
  dir: string;
  commit: string;
  source: GitSource;
  dispose: () => Promise<void>;
}

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

function runGit(args: string[], opts: { cwd?: string; timeoutMs: number; env: Record<string, string> }): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", args, { cwd: opts.cwd, env: opts.env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.on("data", (d: Buffer) => {
      if (stdout.length < 64_000) stdout += d.toString("utf8");
    });
    child.stderr.on("data", (d: Buffer) => {
      if (stderr.length < 64_000) stderr += d.toString("utf8");
    });
    const timer = setTimeout(() => {
      timedOut = true;
      // the whole process group: git spawns ssh / remote helpers
      try {
        if (child.pid) process.kill(-child.pid, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
    }, opts.timeoutMs);
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

/** The environment git runs with: nothing from the server's own git config, no prompts. */
function gitEnv(): Record<string, string> {
  const e = env();
  const out: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: tmpdir(),
    LANG: "C",
    GIT_TERMINAL_PROMPT: "0",
    GIT_ASKPASS: "/bin/false",
    SSH_ASKPASS: "/bin/false",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_ALLOW_PROTOCOL: e.GIT_IMPORT_ALLOW_LOCAL ? "https:ssh:file" : "https:ssh",
    GIT_LFS_SKIP_SMUDGE: "1",
  };
  const sshOpts = ["-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=accept-new", "-o", `UserKnownHostsFile=${path.join(tmpdir(), "atrium-git-known-hosts")}`];
  if (e.GIT_IMPORT_SSH_KEY) sshOpts.push("-o", "IdentitiesOnly=yes", "-i", e.GIT_IMPORT_SSH_KEY);
  // GIT_SSH_COMMAND is run by a shell: quote every word
  out.GIT_SSH_COMMAND = ["ssh", ...sshOpts].map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(" ");
  return out;
}

function gitConfigArgs(): string[] {
  const e = env();
  const args = ["-c", "protocol.allow=never", "-c", "protocol.https.allow=always", "-c", "protocol.ssh.allow=always"];
  args.push("-c", `protocol.file.allow=${e.GIT_IMPORT_ALLOW_LOCAL ? "always" : "never"}`);
  args.push("-c", "core.hooksPath=/dev/null", "-c", "core.symlinks=false", "-c", "submodule.recurse=false");
  args.push("-c", "credential.helper=");
  if (e.GIT_IMPORT_CREDENTIALS) args.push("-c", `credential.helper=store --file=${e.GIT_IMPORT_CREDENTIALS}`);
  return args;
}

/** A clone's error in words a course author can act on (the server's paths kept out). */
function cloneFailure(r: RunResult, source: GitSource, timeoutMs: number): GitImportError {
  if (r.timedOut) return new GitImportError("failed:git-clone", `Cloning ${displayGitUrl(source.url)} took longer than ${Math.round(timeoutMs / 1000)} s and was stopped.`);
  const text = r.stderr.trim();
  let why = "git could not clone it";
  if (/Remote branch .* not found|not found in upstream/i.test(text)) why = `there is no branch or tag “${source.ref}”`;
  else if (/could not read Username|Authentication failed|Permission denied|terminal prompts disabled/i.test(text)) why = "the repository needs credentials this site does not have";
  else if (/does not appear to be a git repository|not found|does not exist/i.test(text)) why = "the repository was not found";
  else if (/Could not resolve host|unable to access|Connection refused|timed out/i.test(text)) why = "the repository's server could not be reached";
  const detail = text.split("\n").filter((l) => /^(fatal|error):/.test(l)).slice(0, 3).join(" ").slice(0, 500);
  return new GitImportError("failed:git-clone", `Could not clone ${displayGitUrl(source.url)}${source.ref ? ` at ${source.ref}` : ""}: ${why}.${detail ? ` (${detail})` : ""}`);
}

/** Clones `source` (validated again here) and returns the course folder and the commit. */
export async function cloneCourse(input: GitSource): Promise<ClonedCourse> {
  const e = env();
  const checked = checkGitSource(input, { allowLocal: e.GIT_IMPORT_ALLOW_LOCAL });
  if (!checked.ok) throw new GitImportError("invalid:git-source", Object.values(checked.fieldErrors).join(" "), checked.fieldErrors);
  const source = checked.source;
  const root = await mkdtemp(path.join(tmpdir(), "atrium-git-"));
  const dispose = () => rm(root, { recursive: true, force: true });
  try {
    const repo = path.join(root, "repo");
    const timeoutMs = e.GIT_IMPORT_TIMEOUT_MS;
    const args = [...gitConfigArgs(), "clone", "--quiet", "--depth", "1", "--single-branch", "--no-tags", "--no-recurse-submodules"];
    if (source.ref) args.push("--branch", source.ref);
    args.push("--", source.url, repo);
    let r: RunResult;
    try {
      r = await runGit(args, { cwd: root, timeoutMs, env: gitEnv() });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") throw new GitImportError("unavailable:git", "Git is not installed on this server, so courses cannot be imported from Git.");
      throw err;
    }
    if (r.code !== 0) throw cloneFailure(r, source, timeoutMs);
    const head = await runGit(["rev-parse", "HEAD"], { cwd: repo, timeoutMs: 10_000, env: gitEnv() });
    const commit = head.stdout.trim();
    if (head.code !== 0 || !/^[0-9a-f]{40,64}$/.test(commit)) throw new GitImportError("failed:git-clone", "The clone has no commit to import.");
    // Git's own files are not course files (a course at the repository root would keep them as documents).
    await rm(path.join(repo, ".git"), { recursive: true, force: true });
    // The folder must be a real folder inside the clone (a symlink could point anywhere).
    const dir = path.join(repo, source.folder);
    let real: string;
    try {
      real = await realpath(dir);
    } catch {
      throw new GitImportError("invalid:git-source", `There is no folder “${source.folder || "."}” in the repository at ${commit.slice(0, 12)}.`, { folder: "No such folder in the repository." });
    }
    const realRepo = await realpath(repo);
    if ((real !== realRepo && !real.startsWith(`${realRepo}${path.sep}`)) || !(await stat(real)).isDirectory()) {
      throw new GitImportError("invalid:git-source", `“${source.folder}” is not a folder of the repository.`, { folder: "Not a folder of the repository." });
    }
    return { dir: real, commit, source, dispose };
  } catch (err) {
    await dispose();
    throw err;
  }
}
