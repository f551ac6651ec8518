#!/usr/bin/env bash
# Playwright end-to-end run against a throwaway database: migrate, seed, import both demo
# courses, build, `playwright test "$@"`, then drop the database. Needs MariaDB and Chromium.
# Builds into its own folder (E2E_DIST_DIR, default .next-test) and serves on its own port
# (E2E_PORT, default 3100), so a server from `bash scripts/setup.sh` (.next, :3000) keeps working.
# E2E_CLUSTER=N runs the specs against `npm run cluster -- --instances N` (nginx on E2E_PORT,
# instances from E2E_PORT+10) instead of one `next start`; e2e/cluster/ specs need it.
. "$(dirname "$0")/lib/common.sh"
suffix="$(date +%s)_$$"
export DATABASE_URL="${E2E_DATABASE_SERVER:-mysql://root@127.0.0.1:3306}/atrium_e2e_$suffix"
export CONTENT_STORE=disk CONTENT_DIR="$ROOT/var/e2e-$suffix"
export NEXTAUTH_SECRET="$(node -p 'require("crypto").randomBytes(32).toString("hex")')"
export E2E_PORT="${E2E_PORT:-3100}" NEXTAUTH_URL="http://127.0.0.1:${E2E_PORT:-3100}"
export E2E_DIST_DIR="${E2E_DIST_DIR:-.next-test}"
[ "$E2E_DIST_DIR" != ".next" ] && [ "$E2E_DIST_DIR" != "./.next" ] || die "E2E_DIST_DIR must not be .next (the folder the app from scripts/setup.sh serves)"
export NEXT_DIST_DIR="$E2E_DIST_DIR"
BUILD_LOG="$(mktemp /tmp/atrium-e2e-build-XXXXXX.log)"
export LOGIN_MAX_FAILURES_PER_IP=1000
# e2e/forum/xss.spec.ts posts many threads from one learner; the rate limit itself is tested in tests/integration/forum.test.ts.
export FORUM_POSTS_PER_MINUTE=200 FORUM_POSTS_PER_HOUR=2000
# e2e/studio/rerun-git.spec.ts imports from a bare repository it makes in a temp folder.
export GIT_IMPORT_ALLOW_LOCAL=true
CLUSTER_PID="" CLUSTER_DIR=""
cleanup() {
  if [ -n "$CLUSTER_PID" ]; then kill -TERM "$CLUSTER_PID" 2>/dev/null || true; for _ in $(seq 1 60); do kill -0 "$CLUSTER_PID" 2>/dev/null || break; sleep 0.5; done; fi
  [ -n "$CLUSTER_DIR" ] && rm -rf "$CLUSTER_DIR"
  node -e 'require("mysql2/promise").createConnection({uri:process.argv[1]}).then(c=>c.query("DROP DATABASE IF EXISTS `"+process.argv[2]+"`").then(()=>c.end()))' \
    "${E2E_DATABASE_SERVER:-mysql://root@127.0.0.1:3306}" "atrium_e2e_$suffix" || true
  rm -rf "$CONTENT_DIR"
  rm -f "$BUILD_LOG"
}
trap cleanup EXIT
say "e2e database atrium_e2e_$suffix"
npm run -s db:migrate
npm run -s db:seed >/dev/null
npm run -s olx -- import content/atr101 --owner author >/dev/null
if [ -d "$OPENEDX_DEMO" ]; then
  npm run -s olx -- import "$OPENEDX_DEMO" --owner author >/dev/null
  export E2E_OPENEDX_DEMO=1
else
  say "Open edX demo course not found at $OPENEDX_DEMO: its e2e specs will be skipped"
fi
if [ "${E2E_SKIP_BUILD:-0}" != 1 ]; then
  say "Building into $NEXT_DIST_DIR"
  npx next build >"$BUILD_LOG" 2>&1 || { tail -40 "$BUILD_LOG"; die "next build failed"; }
fi
if [ -n "${E2E_CLUSTER:-}" ]; then
  CLUSTER_DIR="$(mktemp -d /tmp/atrium-e2e-cluster-XXXXXX)"
  say "Starting a cluster of $E2E_CLUSTER instances behind nginx on $E2E_PORT"
  node --import tsx scripts/cluster.ts --instances "$E2E_CLUSTER" --port "$E2E_PORT" --no-build --var "$CLUSTER_DIR" >"$CLUSTER_DIR/cluster.log" 2>&1 &
  CLUSTER_PID=$!
  for _ in $(seq 1 240); do [ -f "$CLUSTER_DIR/cluster.json" ] && break; kill -0 "$CLUSTER_PID" 2>/dev/null || break; sleep 0.5; done
  [ -f "$CLUSTER_DIR/cluster.json" ] || { tail -30 "$CLUSTER_DIR/cluster.log"; die "the cluster did not start"; }
  export E2E_CLUSTER_STATE="$CLUSTER_DIR/cluster.json"
fi
npx playwright test "$@"
