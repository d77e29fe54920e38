#!/usr/bin/env bash
# Sets up everything on a fresh machine and starts the product:
#   Debian packages, the Python 3.7 virtualenv with the pinned packages, lessc, PostgreSQL and its role,
#   the demo database child_demo (the addons, demo data, Vietnamese), and Odoo's HTTP server on 127.0.0.1:8069.
# Safe to run again: each step reuses what is there; the demo database is upgraded when the addons changed.
# Options: --env-only  stop after the environment (no database, no server)
#          --reset     drop and re-create the demo database
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

env_only=0 reset=0
for arg in "$@"; do
    case $arg in
        --env-only) env_only=1 ;;
        --reset) reset=1 ;;
        *) die "unknown option $arg (see the head of $0)" ;;
    esac
done

ensure_environment
[[ $env_only == 1 ]] && exit 0

DB=${CHILD_DEMO_DB:-child_demo}        # another name and port let a second checkout run beside this one
PORT=${CHILD_DEMO_PORT:-8069}
PIDFILE="$DATA/odoo.pid"
STAMP="$DATA/$DB.addons.sha256"
addons_hash=$(cd "$ROOT" && find addons -type f ! -name '*.pyc' -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)

stop_server "$PIDFILE"
if [[ $reset == 1 ]] && db_exists "$DB"; then
    say "Dropping $DB"
    psql_admin -c "DROP DATABASE \"$DB\""
    rm -rf "$DATA/filestore/$DB" "$STAMP"
fi
if db_exists "$DB" && [[ $(psql_admin -d "$DB" -c "SELECT state FROM ir_module_module WHERE name = 'child_protection'" 2>/dev/null) != installed ]]; then
    say "$DB exists but its install did not finish: re-creating it"
    psql_admin -c "DROP DATABASE \"$DB\""
    rm -f "$STAMP"
fi
if ! db_exists "$DB"; then
    say "Creating $DB with the addons, demo data and Vietnamese (about a minute)"
    "$ROOT/scripts/odoo" -d "$DB" -i "$ADDONS" --load-language=vi_VN --stop-after-init \
        --log-level=warn --logfile="$DATA/setup.log" \
        || { tail -n 60 "$DATA/setup.log" >&2; die "installing the addons into $DB failed (log: .data/setup.log)"; }
    echo "$addons_hash" > "$STAMP"
elif [[ ! -f $STAMP || $(cat "$STAMP") != "$addons_hash" ]]; then
    say "Addons changed: upgrading $DB"
    "$ROOT/scripts/odoo" -d "$DB" -u "$ADDONS" --i18n-overwrite --stop-after-init --log-level=warn \
        --logfile="$DATA/setup.log" \
        || { tail -n 60 "$DATA/setup.log" >&2; die "upgrading $DB failed (log: .data/setup.log)"; }
    echo "$addons_hash" > "$STAMP"
fi

set_server_url "$DB" "http://127.0.0.1:$PORT"
say "Starting Odoo on http://127.0.0.1:$PORT (log: .data/odoo.log)"
start_server "$PORT" "$PIDFILE" "$DATA/odoo.log" -d "$DB" --db-filter="^$DB\$"
say "Ready: open http://127.0.0.1:$PORT and log in as officer / demo (other users: see README.md)"
