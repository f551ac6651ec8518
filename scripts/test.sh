#!/usr/bin/env bash
# The whole test suite: lint, typecheck, Vitest (unit + integration on a throwaway MariaDB
# database), Playwright e2e in Debian's Chromium, and the health-recovery check. Installs what
# is missing first. Ends with one line of real counts.
. "$(dirname "$0")/lib/common.sh"
load_env
ensure_mariadb
ensure_chromium
ensure_node_modules
export DATABASE_URL="${DATABASE_URL:-mysql://root@127.0.0.1:3306/atrium}"

say "Lint"
npx eslint . --max-warnings=0
say "Typecheck"
npx tsc --noEmit
say "Vitest (unit + integration on MariaDB)"
mkdir -p var/reports
npx vitest run --reporter=default --reporter=json --outputFile.json=var/reports/vitest.json
say "Playwright (e2e)"
PLAYWRIGHT_JSON_OUTPUT_NAME="$ROOT/var/reports/playwright.json" bash scripts/e2e.sh --reporter=list,json
say "Health recovery (private MariaDB stopped and restarted under a running app)"
bash tests/health-recovery/run.sh | tee var/reports/health.txt
node scripts/test-summary.mjs var/reports/vitest.json var/reports/playwright.json var/reports/health.txt
