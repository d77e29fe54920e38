#!/usr/bin/env bash
# Runs every test of the suite and ends with one line "N passed, N failed".
#   1. the environment (as scripts/setup.sh --env-only),
#   2. a throwaway database with every addon, its demo data and Vietnamese,
#   3. an Odoo HTTP server on that database (127.0.0.1:8169) for the end-to-end tests,
#   4. one pytest session: every addon's Odoo tests (pytest-odoo) and the top-level tests in tests/.
# Exits non-zero when a test failed or errored, or when no test ran. Extra arguments go to pytest.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

ensure_environment

DB="child_test_$(date +%Y%m%d%H%M%S)_$$"
PORT=${CHILD_TEST_PORT:-8169}
RUN="$DATA/test-run"
mkdir -p "$RUN"
PIDFILE="$RUN/odoo.pid"

cleanup() {
    stop_server "$PIDFILE"
    db_exists "$DB" && psql_admin -c "DROP DATABASE \"$DB\"" >/dev/null || true
    rm -rf "$DATA/filestore/$DB"
}
trap cleanup EXIT

say "Creating the test database $DB"
"$ROOT/scripts/odoo" -d "$DB" -i "$ADDONS" --load-language=vi_VN --stop-after-init \
    --log-level=warn --logfile="$RUN/install.log" \
    || { tail -n 60 "$RUN/install.log" >&2; die "installing the addons into $DB failed"; }

set_server_url "$DB" "http://127.0.0.1:$PORT"
say "Starting a test server on 127.0.0.1:$PORT"
start_server "$PORT" "$PIDFILE" "$RUN/odoo.log" -d "$DB" --db-filter="^$DB\$" --max-cron-threads=0

say "Running the tests"
addon_tests=()
IFS=, read -ra addon_list <<< "$ADDONS"
for addon in "${addon_list[@]}"; do addon_tests+=("addons/$addon/tests"); done
set +e
CHILD_TEST_URL="http://127.0.0.1:$PORT" CHILD_TEST_DB="$DB" \
    "$VENV/bin/python" -m pytest -p no:cacheprovider --odoo-config="$ROOT/odoo.conf" --odoo-database="$DB" \
    --junitxml="$RUN/results.xml" -o junit_family=xunit2 -q "${addon_tests[@]}" tests "$@"
pytest_rc=$?
set -e

"$VENV/bin/python" - "$RUN/results.xml" "$pytest_rc" <<'PY'
import sys
import xml.etree.ElementTree as ET

path, rc = sys.argv[1], int(sys.argv[2])
try:
    root = ET.parse(path).getroot()
except (OSError, ET.ParseError):
    print("pytest wrote no results (exit code %d)" % rc)
    print("0 passed, 1 failed")
    sys.exit(1)
suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
total = sum(int(s.get("tests", 0)) for s in suites)
failed = sum(int(s.get("failures", 0)) + int(s.get("errors", 0)) for s in suites)
skipped = sum(int(s.get("skipped", 0)) for s in suites)
passed = total - failed - skipped
print("%d passed, %d failed" % (passed, failed) + (", %d skipped" % skipped if skipped else ""))
sys.exit(1 if failed or passed == 0 or rc not in (0, 1) else 0)
PY
