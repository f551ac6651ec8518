// Loads .env (and .env.local, .env.production …) from the current directory into process.env the
// way `next start` does (@next/env, production mode), so every script and CLI works in a fresh
// shell without `set -a; . ./.env`. Variables already set in the environment win over the files.
// Import it first, before anything that reads lib/env.ts:  import "@/scripts/lib/load-env";
import { loadEnvConfig } from "@next/env";

/** Loads the env files of `dir` (default: the working directory) and returns their paths. */
export function loadProjectEnv(dir: string = process.cwd()): string[] {
  const quiet = { info: () => {}, error: (...args: unknown[]) => console.error(...args) };
  const { loadedEnvFiles } = loadEnvConfig(dir, process.env.NODE_ENV === "development", quiet);
  return loadedEnvFiles.map((f) => f.path);
}

loadProjectEnv();
