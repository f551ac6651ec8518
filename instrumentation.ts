// Runs once when a server process starts. Validates every setting first, so a missing or
// malformed one stops `next start` with a message naming it, instead of failing on some later
// request. Then stamps every request with its socket address (lib/auth/socket-address.ts): in
// Next 16, `next start` creates its http.Server and runs this register() in the same process
// (start-server.js → router-server → render-server → NextNodeServer.prepare()), and installs the graceful
// shutdown (lib/shutdown.ts): on SIGTERM the process finishes its in-flight requests, closes the
// database pool and exits.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkSettingsOrExit } = await import("@/lib/startup-check");
    checkSettingsOrExit();
    const { installSocketAddressStamp } = await import("@/lib/auth/socket-address");
    installSocketAddressStamp();
    const { installGracefulShutdown } = await import("@/lib/shutdown");
    installGracefulShutdown();
  }
}
