#!/usr/bin/env bash
# One command from a fresh Debian/Ubuntu machine with Node 20 to a running Atrium on :3000:
# MariaDB (installed/started if needed), npm packages, .env with a fresh secret, migrations,
# demo users, demo courses, production build, then `next start`. Re-running is safe.
#   bash scripts/setup.sh             set up and serve http://localhost:3000
#   bash scripts/setup.sh --no-start  set up only (CI)
. "$(dirname "$0")/lib/common.sh"
start=1
[ "${1:-}" = "--no-start" ] && start=0

if [ ! -f .env ]; then
  say "Writing .env (from .env.example, with a fresh NEXTAUTH_SECRET)"
  secret="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  sed "s|^NEXTAUTH_SECRET=.*|NEXTAUTH_SECRET=$secret|" .env.example > .env
fi
load_env
ensure_mariadb
ensure_node_modules

say "Migrating the database"
npm run -s db:migrate
say "Seeding demo users"
npm run -s db:seed
say "Importing the demo courses"
# --if-changed: a re-run leaves a course whose content is unchanged alone (no new version).
npm run -s olx -- import content/atr101 --owner author --if-changed
if [ -d "$OPENEDX_DEMO" ]; then
  npm run -s olx -- import "$OPENEDX_DEMO" --owner author --if-changed
else
  say "Open edX demo course not found at $OPENEDX_DEMO (optional): skipped"
fi

say "Building"
mkdir -p var
npx next build >var/setup-build.log 2>&1 || { tail -40 var/setup-build.log; die "next build failed (full log: var/setup-build.log)"; }

if [ "$start" = 1 ]; then
  say "Atrium is starting on http://localhost:3000 — sign in as learner / learner-pass-1, author / author-pass-1 or admin / admin-pass-1"
  # The Node settings every instance gets unless NODE_OPTIONS says otherwise (README: memory).
  NODE_OPTIONS="${NODE_OPTIONS:-$(node -p 'require("./scripts/lib/instance.json").nodeOptions')}" exec npx next start -H 0.0.0.0 -p "${PORT:-3000}" --keepAliveTimeout "$(node -p 'require("./scripts/lib/instance.json").keepAliveTimeoutMs')"
fi
