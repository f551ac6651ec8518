// Where the shared fixtures (the Open edX demo course and its library) are, for tests, benches
// and scripts alike: $ATRIUM_SHARED_DIR when set, otherwise ../shared beside this checkout — the
// same rule as scripts/lib/common.sh. Never an absolute path of one machine.
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");

/** The shared folder (holds fixtures/ and docs/). */
export function sharedDir(env: Record<string, string | undefined> = process.env): string {
  return env.ATRIUM_SHARED_DIR ? path.resolve(env.ATRIUM_SHARED_DIR) : path.resolve(ROOT, "..", "shared");
}

/** A path under the shared fixtures folder, e.g. fixturePath("olx", "openedx-demo-course"). */
export function fixturePath(...parts: string[]): string {
  return path.join(sharedDir(), "fixtures", ...parts);
}

/** The Open edX demo course (OLX directory). */
export const OPENEDX_DEMO_DIR = fixturePath("olx", "openedx-demo-course");
/** The Open edX demo content library (OLX directory). */
export const OPENEDX_DEMO_LIBRARY_DIR = fixturePath("olx", "openedx-demo-content-library");
