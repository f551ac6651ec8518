// Runs once when a server process starts. Validates every setting first, so a missing or
// malformed one stops `next start` with a message naming it, instead of failing on some later
// request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("@/lib/env");
  try {
    env();
  } catch (err) {
    console.error(`\n${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
