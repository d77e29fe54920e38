#!/usr/bin/env bash
# Proof that a backup restores into a working copy whose issued documents still verify.
#
# Usage: scripts/check_restore.sh DB [PORT] [--archive FILE] [--anchors FILE] [--keep]     (PORT: default 8469)
#
# 1. scripts/backup.sh DB into a temporary folder (DB is only read: pg_dump and its filestore), or, with --archive,
#    an existing backup of DB (e.g. last night's) instead;
# 2. scripts/restore.sh of that archive as DB_restored_<pid>;
# 3. an Odoo server on the copy at 127.0.0.1:PORT (web.base.url set to it, no scheduled actions);
# 4. for every issued document (child.document) of the copy:
#    - its PDF in DB's filestore (when DB is on this machine), the restored one and the SHA-256 recorded at issue
#      are the same;
#    - its public page /child/verify/<token> shows that SHA-256, "stored file unchanged since issue" and every
#      signature valid;
#    - the original PDF uploaded to the page is confirmed byte for byte, and a copy with one byte changed is not.
# 5. scripts/audit_documents.py on the copy: every document's file and signatures, every issuer's register chain
#    (with --anchors FILE, heads kept by an earlier audit: the copy must still hold them);
# 6. the server stopped, the copy dropped and its filestore removed (--keep leaves them, and the server running).
# Prints one line per check and exits non-zero when any failed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

keep=""
archive=""
anchors=""
args=()
while [[ $# -gt 0 ]]; do
    case $1 in
        --keep) keep=yes ;;
        --archive) [[ $# -ge 2 ]] || die "--archive needs a file"; archive=$(realpath "$2"); shift ;;
        --anchors) [[ $# -ge 2 ]] || die "--anchors needs a file"; anchors=$(realpath "$2"); shift ;;
        *) args+=("$1") ;;
    esac
    shift
done
[[ ${#args[@]} -ge 1 && ${#args[@]} -le 2 && ${args[0]} != -* ]] \
    || { sed -n '4p' "${BASH_SOURCE[0]}" | sed 's/^# //' >&2; exit 2; }
DB=${args[0]}
PORT=${args[1]:-8469}
NEWDB="${DB}_restored_$$"
URL="http://127.0.0.1:$PORT"
WORK=$(mktemp -d)
PIDFILE="$WORK/odoo.pid"
failures=0

cleanup() {
    if [[ -n $keep ]]; then
        say "Kept: database $NEWDB, $DATA/filestore/$NEWDB, server $URL (pid file $PIDFILE), $WORK"
        return
    fi
    stop_server "$PIDFILE"
    if db_exists "$NEWDB"; then psql_admin -c "DROP DATABASE \"$NEWDB\"" >/dev/null || true; fi
    rm -rf "$DATA/filestore/$NEWDB" "$WORK"
}
trap cleanup EXIT

check() {   # check DESCRIPTION COMMAND...: one line, PASS or FAIL
    local description=$1; shift
    if "$@"; then
        echo "PASS  $CHECKING: $description" >&2
    else
        echo "FAIL  $CHECKING: $description" >&2
        failures=$((failures + 1))
    fi
}
same() { [[ $1 == "$2" ]]; }
contains() { grep -q -- "$2" "$1"; }
lacks() { ! grep -q -- "$2" "$1"; }
count_is() { [[ $(grep -o -- "$2" "$1" | wc -l) -eq $3 ]]; }
sql() { psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_ROLE" -d "$1" -v ON_ERROR_STOP=1 -qtA -F $'\t' -c "$2"; }

curl -s -o /dev/null "$URL/web/login" && die "something answers on $URL already: choose another PORT"

if [[ -n $archive ]]; then
    say "1. The backup $archive"
    [[ -f $archive ]] || die "no archive $archive"
else
    say "1. Backup of $DB"
    archive=$("$ROOT/scripts/backup.sh" "$DB" "$WORK" | tail -n 1)
fi
say "2. Restore as $NEWDB"
"$ROOT/scripts/restore.sh" "$archive" "$NEWDB"
say "3. Server on the copy at $URL"
set_server_url "$NEWDB" "$URL"
start_server "$PORT" "$PIDFILE" "$WORK/odoo.log" -d "$NEWDB" --db-filter="^$NEWDB\$" --workers=0 \
    --max-cron-threads=0

say "4. The issued documents of the copy"
documents=$(sql "$NEWDB" "SELECT d.id, d.number, d.token, d.sha256, d.signature_count, a.store_fname
                            FROM child_document d
                            JOIN ir_attachment a ON a.res_model = 'child.document' AND a.res_field = 'file'
                                                AND a.res_id = d.id
                           ORDER BY d.id")
[[ -n $documents ]] || die "$NEWDB has no issued document with a file: nothing to verify"
while IFS=$'\t' read -r id number token sha256 signature_count store_fname; do
    CHECKING="$number (child.document $id)"
    restored="$DATA/filestore/$NEWDB/$store_fname"
    original_fname=""
    if db_exists "$DB"; then
        original_fname=$(sql "$DB" "SELECT store_fname FROM ir_attachment WHERE res_model = 'child.document'
                                       AND res_field = 'file' AND res_id = $id")
    fi
    original="$DATA/filestore/$DB/$original_fname"
    if [[ -n $original_fname && -f $original ]]; then
        check "the original PDF ($original_fname) has the SHA-256 recorded at issue" \
            same "$(sha256sum "$original" | cut -d' ' -f1)" "$sha256"
    else
        echo "      $DB's own file is not on this machine: the restored PDF is the one uploaded below" >&2
        original=$restored
    fi
    check "the restored PDF has the same SHA-256" same "$(sha256sum "$restored" | cut -d' ' -f1)" "$sha256"

    page="$WORK/page-$id.html"
    jar="$WORK/cookies-$id"
    status=$(curl -s -c "$jar" -b "$jar" -o "$page" -w '%{http_code}' "$URL/child/verify/$token")
    check "GET /child/verify/<token> answers 200" same "$status" 200
    check "the page shows the number" contains "$page" "id=\"document-number\">$number<"
    check "the page shows the SHA-256 recorded at issue" contains "$page" "id=\"document-sha256\">$sha256<"
    check "the page says the stored file is unchanged since issue (class ok, no 'bad' span)" \
        bash -c 'grep -q "<span class=\"ok\">" "$0" && ! grep -q "<span class=\"bad\">" "$0"' "$page"
    check "the page shows its $signature_count signature(s) valid" count_is "$page" "signature-valid" "$signature_count"
    check "no signature broken or untrusted" bash -c '! grep -q -e signature-broken -e signature-untrusted "$0"' "$page"
    # what a visitor reads (in the page's language)
    sed -n -e 's/.*id="document-state"[^>]*>\([^<]*\)<.*/      page: state "\1"/p' \
        -e 's/.*<span class="ok">\([^<]*\)<.*/      page: stored file "\1"/p' "$page" >&2
    sed -n '/id="signatures"/,/<\/section>/p' "$page" | sed -e 's/<[^>]*>/ /g' -e 's/  */ /g' -e 's/^ //' \
        | grep -v '^ *$' | sed -n '2,$p' | paste -sd' ' | sed 's/^/      page: signatures: /' >&2

    csrf=$(sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' "$page" | head -n 1)
    check "the page has its upload form (CSRF token)" test -n "$csrf"
    answer="$WORK/upload-$id.html"
    curl -s -c "$jar" -b "$jar" -o "$answer" -F "csrf_token=$csrf" \
        -F "upload=@$original;filename=$number.pdf;type=application/pdf" "$URL/child/verify/$token"
    check "the original PDF uploaded is confirmed byte for byte (data-result=same)" \
        contains "$answer" 'data-result="same"'
    sed -n '/id="check-result"/,/<\/div>/p' "$answer" | sed -e 's/<[^>]*>/ /g' | paste -sd' ' \
        | sed -e 's/  */ /g' -e 's/^ /      page: /' >&2
    altered="$WORK/altered-$id.pdf"
    cp "$original" "$altered"
    printf 'X' | dd of="$altered" bs=1 seek=1000 conv=notrunc status=none
    curl -s -c "$jar" -b "$jar" -o "$answer" -F "csrf_token=$csrf" \
        -F "upload=@$altered;filename=altered.pdf;type=application/pdf" "$URL/child/verify/$token"
    check "a copy with one byte changed is not confirmed (data-result=different)" \
        contains "$answer" 'data-result="different"'
    sed -n '/id="check-result"/,/<\/div>/p' "$answer" | sed -e 's/<[^>]*>/ /g' | paste -sd' ' \
        | sed -e 's/  */ /g' -e 's/^ /      page: /' >&2
done <<< "$documents"

say "5. The audit of the copy (scripts/audit_documents.py): every file, signature and register chain"
CHECKING="audit of $NEWDB"
check "every issued document verified (files, signatures, register chains)" \
    "$VENV/bin/python" "$ROOT/scripts/audit_documents.py" "$NEWDB" ${anchors:+--anchors "$anchors"}

if [[ $failures -eq 0 ]]; then
    say "Restore checked: $(wc -l <<< "$documents") issued document(s) of $DB verify on the restored copy $NEWDB"
else
    say "Restore check: $failures check(s) FAILED"
    exit 1
fi
