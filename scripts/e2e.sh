#!/usr/bin/env bash
# Playwright end-to-end run against a throwaway database: migrate, seed, import both demo
# courses, build, `playwright test "$@"`, then drop the database. Needs MariaDB and Chromium.
# E2E_CLUSTER=N runs the specs against `npm run cluster -- --instances N` (nginx on E2E_PORT,
# instances from E2E_PORT+10) instead of one `next start`; e2e/cluster/ specs need it.
. "$(dirname "$0")/lib/common.sh"
suffix="$(date +%s)_$$"
export DATABASE_URL="${E2E_DATABASE_SERVER:-mysql://root@127.0.0.1:3306}/atrium_e2e_$suffix"
export CONTENT_STORE=disk CONTENT_DIR="$ROOT/var/e2e-$suffix"
export NEXTAUTH_SECRET="e2e-secret-e2e-secret-e2e-secret-e2e-0001"
export E2E_PORT="${E2E_PORT:-3100}" NEXTAUTH_URL="http://127.0.0.1:${E2E_PORT:-3100}"
export LOGIN_MAX_FAILURES_PER_IP=1000
CLUSTER_PID="" CLUSTER_DIR=""
cleanup() {
  if [ -n "$CLUSTER_PID" ]; then kill -TERM "$CLUSTER_PID" 2>/dev/null || true; for _ in $(seq 1 60); do kill -0 "$CLUSTER_PID" 2>/dev/null || break; sleep 0.5; done; fi
  [ -n "$CLUSTER_DIR" ] && rm -rf "$CLUSTER_DIR"
  node -e 'require("mysql2/promise").createConnection({uri:process.argv[1]}).then(c=>c.query("DROP DATABASE IF EXISTS `"+process.argv[2]+"`").then(()=>c.end()))' \
    "${E2E_DATABASE_SERVER:-mysql://root@127.0.0.1:3306}" "atrium_e2e_$suffix" || true
  rm -rf "$CONTENT_DIR"
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
  say "Building"
  npx next build >/tmp/atrium-e2e-build.log 2>&1 || { tail -40 /tmp/atrium-e2e-build.log; die "next build failed"; }
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
