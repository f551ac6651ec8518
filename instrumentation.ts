// Runs once when a server process starts. Validates every setting first, so a missing or
// malformed one stops `next start` with a message naming it, instead of failing on some later
// request.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkSettingsOrExit } = await import("@/lib/startup-check");
    checkSettingsOrExit();
  }
}
