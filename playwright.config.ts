import { readFileSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import INSTANCE from "./scripts/lib/instance.json";

// scripts/e2e.sh prepares a throwaway database (migrated, seeded, demo courses imported) and a
// build, then runs this. The server is Debian's Chromium: Playwright never downloads a browser.
// Own port and own build folder (never .next / :3000, which `bash scripts/setup.sh` serves).
const port = Number(process.env.E2E_PORT ?? 3100);
const distDir = process.env.E2E_DIST_DIR ?? ".next-test";
if (distDir.replace(/^\.\//, "").replace(/\/$/, "") === ".next") throw new Error("E2E_DIST_DIR must not be .next (the folder the app from scripts/setup.sh serves)");
// E2E_CLUSTER_STATE=<path of a running cluster's cluster.json> (`E2E_CLUSTER=2 bash scripts/e2e.sh`
// sets it) points every spec at that cluster's nginx and starts no server of its own.
const clusterState = process.env.E2E_CLUSTER_STATE;
const baseURL = clusterState
  ? `http://127.0.0.1:${(JSON.parse(readFileSync(clusterState, "utf8")) as { port: number }).port}`
  : `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "./e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: clusterState
    ? undefined
    : {
        // Idle connections outlive a client's pause between requests (as behind nginx), like every instance.
        command: `npx next start -H 127.0.0.1 -p ${port} --keepAliveTimeout ${INSTANCE.keepAliveTimeoutMs}`,
        env: { NEXT_DIST_DIR: distDir },
        url: `${baseURL}/api/health`,
        timeout: 120_000,
        reuseExistingServer: false,
        stdout: "pipe",
        stderr: "pipe",
      },
});
