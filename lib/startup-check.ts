// Node-only start-up check (imported by instrumentation.ts): every setting must validate, or the
// process stops with a message naming each bad one.
import { env } from "@/lib/env";

export function checkSettingsOrExit(): void {
  try {
    env();
  } catch (err) {
    console.error(`\n${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
