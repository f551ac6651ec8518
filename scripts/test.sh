#!/usr/bin/env bash
# The whole test suite: lint, typecheck, Vitest (unit + integration on a throwaway MariaDB
# database), Playwright e2e in Debian's Chromium, and the health-recovery check. Installs what
# is missing first. Every stage runs even when an earlier one fails; the run ends with the real
# counts (scripts/test-summary.mjs) and exits non-zero if any stage or test failed.
# Tests build into .next-test and serve on their own ports, so the app from scripts/setup.sh
# (.next, :3000) keeps working while this runs.
. "$(dirname "$0")/lib/common.sh"
load_env
ensure_mariadb
ensure_chromium
ensure_nginx
ensure_node_modules
export DATABASE_URL="${DATABASE_URL:-mysql://root@127.0.0.1:3306/atrium}"

failed_stages=()
stage() { # name command... — runs one stage, remembers a failure, never stops the run
  local name="$1"; shift
  say "$name"
  if ! "$@"; then
    failed_stages+=("$name")
    printf '\033[1;31m==> %s failed\033[0m\n' "$name"
  fi
}

# Reports of an earlier run must never be counted as this run's.
REPORTS="$ROOT/var/reports"
rm -rf "$REPORTS"
mkdir -p "$REPORTS"

stage "Lint" npx eslint . --max-warnings=0
stage "Typecheck" npx tsc --noEmit
stage "Vitest (unit + integration on MariaDB)" npx vitest run --reporter=default --reporter=json --outputFile.json="$REPORTS/vitest.json"
stage "Playwright (e2e)" env PLAYWRIGHT_JSON_OUTPUT_NAME="$REPORTS/playwright.json" bash scripts/e2e.sh --reporter=list,json
stage "Health recovery (private MariaDB stopped and restarted under a running app)" \
  bash -c 'bash tests/health-recovery/run.sh 2>&1 | tee "$1"; exit "${PIPESTATUS[0]}"' _ "$REPORTS/health.txt"

stages_csv="$(IFS=,; echo "${failed_stages[*]:-}")"
summary_rc=0
node scripts/test-summary.mjs --failed-stages "$stages_csv" "$REPORTS/vitest.json" "$REPORTS/playwright.json" "$REPORTS/health.txt" || summary_rc=$?
if [ "${#failed_stages[@]}" -gt 0 ] || [ "$summary_rc" -ne 0 ]; then exit 1; fi
