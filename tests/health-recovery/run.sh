#!/usr/bin/env bash
# Health recovery, end to end: a PRIVATE MariaDB (own datadir under /tmp, own port) and an app
# instance pointed at it. Stops that database → GET /api/health must answer 503 with a reason
# while the app keeps serving; starts it again → 200, with the same app process (never restarted).
# The system MariaDB on 3306 is never touched. Also checks that a second instance accepts the
# first one's session and shares its sign-in throttling, and that a malformed setting stops start-up.
#
# Needs a production build in its own folder: HEALTH_DIST_DIR (default .next-test, what
# scripts/e2e.sh builds) must hold `next build` output; never .next, which the app from
# scripts/setup.sh serves. Ports are free ones picked at random.
# Usage: bash tests/health-recovery/run.sh      (from the repo root)
set -euo pipefail
cd "$(dirname "$0")/../.."

DIST="${HEALTH_DIST_DIR:-.next-test}"
[[ "$DIST" != ".next" && "$DIST" != "./.next" ]] || { echo "HEALTH_DIST_DIR must not be .next (the folder the app from scripts/setup.sh serves)." >&2; exit 2; }
[[ -f "$DIST/BUILD_ID" ]] || { echo "No build in $DIST: run NEXT_DIST_DIR=$DIST npx next build first (scripts/e2e.sh does)." >&2; exit 2; }
command -v mariadbd >/dev/null || [[ -x /usr/sbin/mariadbd ]] || { echo "mariadbd not found (apt-get install mariadb-server)." >&2; exit 2; }
MARIADBD="$(command -v mariadbd || echo /usr/sbin/mariadbd)"

free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
DB_PORT="${HEALTH_DB_PORT:-$(free_port)}"
APP_PORT="${HEALTH_APP_PORT:-$(free_port)}"
WORK="$(mktemp -d /tmp/atrium-health-XXXXXX)"
DB_PID="" APP_PID=""
pass=0 fail=0
ok() { echo "  ok   $*"; pass=$((pass + 1)); }
bad() { echo "  FAIL $*"; fail=$((fail + 1)); }

cleanup() {
  [[ -n "$APP_PID" ]] && kill -- "-$APP_PID" 2>/dev/null || true
  [[ -n "${APP2_PID:-}" ]] && kill -- "-$APP2_PID" 2>/dev/null || true
  [[ -n "$DB_PID" ]] && kill "$DB_PID" 2>/dev/null || true
  sleep 1
  rm -rf "$WORK"
}
trap cleanup EXIT

start_db() {
  # --user=root only matters when running as root (mariadbd refuses root otherwise).
  "$MARIADBD" --no-defaults --datadir="$WORK/data" --port="$DB_PORT" --bind-address=127.0.0.1 \
    --socket="$WORK/mysqld.sock" --pid-file="$WORK/mysqld.pid" --user="$(id -un)" \
    --skip-log-bin --innodb-buffer-pool-size=32M --log-error="$WORK/mysqld.err" >/dev/null 2>&1 &
  DB_PID=$!
  for _ in $(seq 1 100); do
    mariadb-admin --no-defaults --protocol=TCP -h127.0.0.1 -P"$DB_PORT" -uroot ping >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "private MariaDB did not start; log:" >&2; tail -20 "$WORK/mysqld.err" >&2; exit 1
}

stop_db() {
  kill "$DB_PID"
  for _ in $(seq 1 100); do kill -0 "$DB_PID" 2>/dev/null || { DB_PID=""; return 0; }; sleep 0.2; done
  echo "private MariaDB did not stop" >&2; exit 1
}

# curl prints 000 itself when there is no answer.
health() { rm -f "$WORK/health.json"; curl -s -o "$WORK/health.json" -w '%{http_code}' --max-time 10 "http://127.0.0.1:$APP_PORT/api/health" || true; }
app_alive() { kill -0 "$APP_PID" 2>/dev/null; }

echo "private MariaDB on 127.0.0.1:$DB_PORT (datadir $WORK/data), app on 127.0.0.1:$APP_PORT"
mariadb-install-db --no-defaults --datadir="$WORK/data" --user="$(id -un)" --auth-root-authentication-method=normal \
  --skip-test-db >"$WORK/install.log" 2>&1 || { cat "$WORK/install.log" >&2; exit 1; }
start_db

export DATABASE_URL="mysql://root@127.0.0.1:$DB_PORT/atrium_health"
export NEXTAUTH_SECRET="$(node -p 'require("crypto").randomBytes(32).toString("hex")')"
export NEXT_DIST_DIR="$DIST" NEXT_TELEMETRY_DISABLED=1 CONTENT_DIR="$WORK/content"
unset NEXTAUTH_URL
npx tsx scripts/db-migrate.ts >/dev/null

# Own process group, so cleanup ends exactly the processes this script started.
setsid node_modules/.bin/next start -H 127.0.0.1 -p "$APP_PORT" >"$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 150); do [[ "$(health)" != 000 ]] && break; sleep 0.2; done

code=$(health)
[[ "$code" == 200 ]] && grep -q '"status":"ok"' "$WORK/health.json" && ok "database up → 200 $(cat "$WORK/health.json")" || bad "database up → $code $(cat "$WORK/health.json" 2>/dev/null)"

# Two instances on one database: a session made on one is honoured by the other (stateless JWT),
# and failed sign-ins are counted in MySQL, so throttling spans instances.
npx tsx --conditions=react-server scripts/db-seed.ts >/dev/null
APP2_PORT="$(free_port)"
setsid node_modules/.bin/next start -H 127.0.0.1 -p "$APP2_PORT" >"$WORK/app2.log" 2>&1 &
APP2_PID=$!
for _ in $(seq 1 150); do [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$APP2_PORT/api/health" || true)" == 200 ]] && break; sleep 0.2; done
sign_in() { # base login password jar → prints the JSON answer of the credentials callback
  local csrf
  csrf=$(curl -s -c "$4" -b "$4" "$1/api/auth/csrf" | node -pe 'JSON.parse(require("fs").readFileSync(0)).csrfToken')
  curl -s -c "$4" -b "$4" -X POST "$1/api/auth/callback/credentials" --data-urlencode "csrfToken=$csrf" \
    --data-urlencode "login=$2" --data-urlencode "password=$3" --data-urlencode json=true
}
A="http://127.0.0.1:$APP_PORT" B="http://127.0.0.1:$APP2_PORT"
sign_in "$A" learner learner-pass-1 "$WORK/jar" >/dev/null
code=$(curl -s -b "$WORK/jar" -o "$WORK/account.html" -w '%{http_code}' "$B/account" || true)
[[ "$code" == 200 ]] && grep -q 'learner@example.com' "$WORK/account.html" && ok "a session from instance A is accepted by instance B" || bad "instance B did not accept A's session ($code)"
for i in 1 2 3 4 5; do
  if (( i % 2 )); then base="$A"; else base="$B"; fi
  sign_in "$base" author "wrong-password-$i" "$WORK/jar$i" >/dev/null
done
answer=$(sign_in "$B" author author-pass-1 "$WORK/jar6")
grep -q 'atrium%3Athrottled' <<<"$answer" && ok "5 failures spread over both instances throttle the account on either" || bad "no cross-instance throttling: $answer"
kill -- "-$APP2_PID" 2>/dev/null || true

stop_db
for round in 1 2 3; do
  code=$(health)
  if [[ "$code" == 503 ]] && grep -q '"status":"error"' "$WORK/health.json" && grep -q '"reason":"[^"]' "$WORK/health.json"; then
    ok "database down (probe $round) → 503 $(cat "$WORK/health.json")"
  else
    bad "database down (probe $round) → $code $(cat "$WORK/health.json" 2>/dev/null)"
  fi
done
page=$(curl -s -o /dev/null -w '%{http_code}' --max-time 15 "http://127.0.0.1:$APP_PORT/login" || true)
[[ "$page" != 000 ]] && ok "a page request while the database is down answers (HTTP $page)" || bad "a page request while the database is down got no answer"
app_alive && ok "app process still running while the database is down" || bad "app process died while the database was down"

start_db
recovered=""
for _ in $(seq 1 60); do
  code=$(health)
  [[ "$code" == 200 ]] && { recovered=yes; break; }
  sleep 0.5
done
[[ -n "$recovered" ]] && ok "database back → 200 without restarting the app" || bad "database back → still $code $(cat "$WORK/health.json" 2>/dev/null)"
app_alive && ok "same app process (pid $APP_PID) throughout" || bad "app process is gone"
login=$(curl -s -o /dev/null -w '%{http_code}' --max-time 15 "http://127.0.0.1:$APP_PORT/login" || true)
[[ "$login" == 200 ]] && ok "pages work again (GET /login → 200)" || bad "GET /login → $login after recovery"

# Start-up settings check: a malformed setting stops `next start` with a message naming it.
out=$(DATABASE_URL="postgres://nope" timeout 60 node_modules/.bin/next start -H 127.0.0.1 -p "$(free_port)" 2>&1) && rc=0 || rc=$?
if [[ $rc -ne 0 && $rc -ne 124 ]] && grep -q "DATABASE_URL must be a mysql:// URL" <<<"$out"; then
  ok "a malformed DATABASE_URL stops start-up (exit $rc) naming the setting"
else
  bad "a malformed DATABASE_URL did not stop start-up with a clear message (exit $rc)"
fi

# The .env.example placeholder secret stops start-up too (anyone could mint session cookies with it).
out=$(NEXTAUTH_SECRET="change-me-to-32-or-more-random-characters" timeout 60 node_modules/.bin/next start -H 127.0.0.1 -p "$(free_port)" 2>&1) && rc=0 || rc=$?
if [[ $rc -ne 0 && $rc -ne 124 ]] && grep -q "NEXTAUTH_SECRET is a placeholder" <<<"$out"; then
  ok "the .env.example placeholder NEXTAUTH_SECRET stops start-up (exit $rc)"
else
  bad "the placeholder NEXTAUTH_SECRET did not stop start-up with a clear message (exit $rc)"
fi

echo "health-recovery: $pass passed, $fail failed"
if (( fail > 0 )); then echo "--- app log ---"; tail -30 "$WORK/app.log"; exit 1; fi
