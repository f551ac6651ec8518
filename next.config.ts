import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native/driver packages stay as plain Node requires on the server.
  // (mathjs is bundled: tree shaking keeps only the functions lib/capa/calc.ts creates.)
  serverExternalPackages: ["mysql2", "mongodb", "bcryptjs", "sanitize-html", "@xmldom/xmldom", "tar-stream", "esbuild", "pyodide"],
  // Each checkout/instance may build into its own folder (parallel builds, side-by-side benches).
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // Several instances or builds behind one balancer (docs/deploy.md): a fixed deployment id makes
  // every build of one release agree on asset URLs and lets clients detect a new release.
  deploymentId: process.env.NEXT_DEPLOYMENT_ID || undefined,
  // `ATRIUM_STANDALONE=1 next build` → .next/standalone/server.js with only the files it needs.
  output: process.env.ATRIUM_STANDALONE === "1" ? "standalone" : undefined,
  // `npm run typecheck` (tsc --noEmit) is a separate step of the test command; the build skips it.
  typescript: { ignoreBuildErrors: true },
  poweredByHeader: false,
  // proxy.ts must tell a browser's document request (answered by the page cache) from the router's
  // own RSC requests: without this, Next hides their RSC headers and `_rsc` query from the proxy.
  skipProxyUrlNormalize: true,
  reactStrictMode: true,
  experimental: {
    // Server actions carry form fields, never files: Next's default 1 MB, set explicitly (2 MB at most; a
    // test holds it there). Course archives go through the streaming route app/api/studio/import.
    serverActions: { bodySizeLimit: "1mb" },
    // forbidden() → app/forbidden.tsx with HTTP 403 (the Studio gate refuses non-authors on the server).
    authInterrupts: true,
  },
};

export default nextConfig;
