#!/usr/bin/env bash
# Restore an archive of scripts/backup.sh under a database name: the database and its filestore together.
#
# Usage: scripts/restore.sh ARCHIVE NEWDB
#
# Checks the SHA-256 of the archive's files against its MANIFEST, creates NEWDB (owner odoo, the encoding and
# collation of the original) and restores the dump into it, then unpacks the filestore into
# <data_dir>/filestore/NEWDB (data_dir: .data, or DATA_DIR=...): Odoo finds a database's files under its own name,
# so the folder takes the new name. Refuses when NEWDB or its filestore folder exists already; on a failure it drops
# what it made.
#
# The restored database keeps everything of the original, web.base.url included (the address in the QR codes) and
# its scheduled actions: before starting a server on a copy that is not the production server, point web.base.url
# at the copy (scripts/lib.sh set_server_url) and start it with --max-cron-threads=0 so that it sends no reminders.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[[ $# -eq 2 && $1 != -* ]] || { sed -n '4p' "${BASH_SOURCE[0]}" | sed 's/^# //' >&2; exit 2; }
ARCHIVE=$1
NEWDB=$2
DATA_DIR=${DATA_DIR:-$DATA}
FILESTORE="$DATA_DIR/filestore/$NEWDB"

[[ -f $ARCHIVE ]] || die "no archive $ARCHIVE"
[[ $NEWDB =~ ^[A-Za-z0-9_.-]+$ ]] || die "database name $NEWDB: letters, digits, _ . - only"
db_exists "$NEWDB" && die "database $NEWDB exists already: choose a new name (or drop it first)"
[[ ! -e $FILESTORE ]] || die "$FILESTORE exists already: a filestore of an older $NEWDB? remove it first"

WORK=$(mktemp -d)
created=""
cleanup() {
    local status=$?
    rm -rf "$WORK"
    if [[ $status -ne 0 && -n $created ]]; then
        say "Restore failed: dropping $NEWDB and its filestore folder"
        psql_admin -c "DROP DATABASE IF EXISTS \"$NEWDB\"" >/dev/null || true
        rm -rf "$FILESTORE"
    fi
}
trap cleanup EXIT

tar -C "$WORK" -xf "$ARCHIVE" MANIFEST database.dump filestore.tar.gz \
    || die "$ARCHIVE is not an archive of scripts/backup.sh (MANIFEST, database.dump, filestore.tar.gz)"
manifest() { awk -v key="$1" '$1 == key {print $2; exit}' "$WORK/MANIFEST"; }
say "Checking $(basename "$ARCHIVE"): database $(manifest database) of $(manifest date)"
(cd "$WORK" && awk '$1 == "sha256" {print $2 "  " $3}' MANIFEST | sha256sum --check --strict) >&2 \
    || die "the archive's files do not match the SHA-256 in its MANIFEST"
[[ $(awk '$1 == "sha256"' "$WORK/MANIFEST" | wc -l) -eq 2 ]] || die "MANIFEST lacks its two SHA-256 lines"

encoding=$(manifest encoding); collate=$(manifest collate); ctype=$(manifest ctype)
say "Creating database $NEWDB (${encoding:-UTF8}, collation ${collate:-C})"
created=yes
psql_admin -c "CREATE DATABASE \"$NEWDB\" OWNER \"$PG_ROLE\" ENCODING '${encoding:-UTF8}'
               LC_COLLATE '${collate:-C}' LC_CTYPE '${ctype:-C}' TEMPLATE template0" >/dev/null
say "Restoring the dump"
pg_restore -h "$PG_HOST" -p "$PG_PORT" -U "$PG_ROLE" -d "$NEWDB" --no-owner --role="$PG_ROLE" --exit-on-error \
    "$WORK/database.dump"

say "Unpacking the filestore into $FILESTORE"
mkdir -p "$FILESTORE"
tar -C "$FILESTORE" -xzf "$WORK/filestore.tar.gz"

# Every attachment the database points at must be there.
missing=0
while IFS= read -r name; do
    if [[ ! -f $FILESTORE/$name ]]; then
        missing=$((missing + 1))
        if [[ $missing -le 5 ]]; then echo "missing: $name" >&2; fi
    fi
done < <(psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_ROLE" -d "$NEWDB" -qtA -c \
            "SELECT DISTINCT store_fname FROM ir_attachment WHERE store_fname IS NOT NULL")
[[ $missing -eq 0 ]] || die "$missing attachment file(s) of $NEWDB are not in the archive's filestore"

say "Restored $(manifest database) as $NEWDB: $(find "$FILESTORE" -type f | wc -l) files in $FILESTORE"
