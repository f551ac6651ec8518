# Shared by setup.sh, test.sh and e2e.sh: locate things, load .env, make sure MariaDB and
# Chromium are there. Sourced, not run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SHARED_DIR="${ATRIUM_SHARED_DIR:-$(cd "$ROOT/.." && pwd)/shared}"
OPENEDX_DEMO="$SHARED_DIR/fixtures/olx/openedx-demo-course"
export NEXT_TELEMETRY_DISABLED=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm_config_fund=false npm_config_audit=false
cd "$ROOT"

say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
die() { printf '\033[1;31mError:\033[0m %s\n' "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" = "0" ]; }
have() { command -v "$1" >/dev/null 2>&1; }

apt_updated=0
apt_install() {
  is_root && have apt-get || return 1
  if [ "$apt_updated" = 0 ]; then apt-get update -qq >/dev/null; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# Reads DATABASE_URL (from the environment or .env) into DB_HOST / DB_PORT.
db_target() {
  local url="${DATABASE_URL:-mysql://root@127.0.0.1:3306/atrium}"
  local hostport="${url#mysql://}"; hostport="${hostport#*@}"; hostport="${hostport%%/*}"
  DB_HOST="${hostport%%:*}"; DB_PORT="${hostport##*:}"
  [ "$DB_PORT" = "$hostport" ] && DB_PORT=3306
  return 0
}

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

tcp_login_ok() { mariadb -uroot -h"$DB_HOST" -P"$DB_PORT" --protocol=TCP -e 'select 1' >/dev/null 2>&1; }

# MariaDB: use the one that answers; otherwise install/start a local one when this machine allows.
ensure_mariadb() {
  db_target
  if port_open "$DB_HOST" "$DB_PORT"; then
    say "MariaDB answers at $DB_HOST:$DB_PORT"
    return 0
  fi
  case "$DB_HOST" in 127.0.0.1|localhost) ;; *) die "No database answers at $DB_HOST:$DB_PORT. Start it, or set DATABASE_URL in .env." ;; esac
  if ! have mariadbd && ! [ -x /usr/sbin/mariadbd ]; then
    say "Installing MariaDB (apt)"
    apt_install mariadb-server || die "MariaDB is not running and cannot be installed here (need root + apt). Install MariaDB 10.11+ or MySQL 8, start it on $DB_HOST:$DB_PORT with a passwordless root (or set DATABASE_URL), then re-run."
  fi
  say "Starting MariaDB"
  mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld 2>/dev/null || true
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd -- --user=mysql >/dev/null 2>&1 \
    || (mkdir -p "$ROOT/var" && nohup mysqld_safe >"$ROOT/var/mysqld_safe.log" 2>&1 &)
  for _ in $(seq 1 100); do port_open "$DB_HOST" "$DB_PORT" && break; sleep 0.2; done
  port_open "$DB_HOST" "$DB_PORT" || die "MariaDB did not start (see /var/log/mysql or $ROOT/var/mysqld_safe.log)."
  if ! tcp_login_ok; then
    # Debian's root is unix_socket-only: allow passwordless TCP login for local development.
    mariadb -uroot -e "ALTER USER root@localhost IDENTIFIED VIA mysql_native_password USING PASSWORD('') OR unix_socket; CREATE DATABASE IF NOT EXISTS test;" \
      || die "Could not enable TCP login for root on the local MariaDB."
  fi
}

ensure_chromium() {
  if [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then return 0; fi
  say "Installing Chromium (apt) for Playwright"
  apt_install chromium || die "Chromium is missing at /usr/bin/chromium and cannot be installed here. Install Debian's 'chromium' package (Playwright must not download a browser), or set CHROMIUM_PATH."
}

# nginx for `npm run cluster` and the test that has nginx itself check the generated config
# (`nginx -t`). Installed without starting Debian's own service (RUNLEVEL=1); never fatal: the
# cluster script explains what is missing when it is run.
ensure_nginx() {
  if [ -x /usr/sbin/nginx ]; then return 0; fi
  say "Installing nginx (apt) for the load-balanced cluster and its config test"
  RUNLEVEL=1 apt_install nginx || say "nginx could not be installed here: the nginx -t test will be skipped"
}

ensure_node_modules() {
  local major; major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
  [ "$major" -ge 20 ] || die "Node.js 20 or newer is required (found $(node -v 2>/dev/null || echo none))."
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "Installing npm packages (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

load_env() {
  if [ -f .env ]; then set -a; . ./.env; set +a; fi
}
