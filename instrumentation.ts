// Runs once when a server process starts. Validates every setting first, so a missing or
// malformed one stops `next start` with a message naming it, instead of failing on some later
// request. Then installs the graceful shutdown (lib/shutdown.ts): on SIGTERM the process finishes
// its in-flight requests, closes the database pool and exits.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkSettingsOrExit } = await import("@/lib/startup-check");
    checkSettingsOrExit();
    const { installGracefulShutdown } = await import("@/lib/shutdown");
    installGracefulShutdown();
  }
}
