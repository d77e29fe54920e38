#!/usr/bin/env bash
# Back up one database: the PostgreSQL dump AND its filestore (the attachments, among them every issued document's
# PDF), which only make sense together, in one archive with a manifest.
#
# Usage: scripts/backup.sh DB [DEST]        (DEST: a folder, default .data/backups)
#
# Writes DEST/DB-YYYYmmdd-HHMMSS.tar holding
#   database.dump      pg_dump -Fc of DB (one consistent snapshot; restore with pg_restore, see scripts/restore.sh)
#   filestore.tar.gz   the folder <data_dir>/filestore/DB (data_dir: .data, or DATA_DIR=... for another one)
#   MANIFEST           date, database, encoding and collation, versions, module versions, file and document
#                      counts, and the SHA-256 of the two files ("sha256 <hex> <file>" lines)
# and prints the archive's path on the last line.
#
# Not in the archive, on purpose: the key file that decrypts the stored signing keys (odoo.conf's
# child_secret_key_file, default <data_dir>/secrets/child_signing.key). Back it up apart (README, Backups).
#
# The dump is taken first, then the filestore: a file added in between is a harmless extra, while the other order
# could miss the PDF of a document issued in between. The server may keep running.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[[ $# -ge 1 && $# -le 2 && $1 != -* ]] || { sed -n '4p' "${BASH_SOURCE[0]}" | sed 's/^# //' >&2; exit 2; }
DB=$1
DEST=${2:-$DATA/backups}
DATA_DIR=${DATA_DIR:-$DATA}
FILESTORE="$DATA_DIR/filestore/$DB"

db_exists "$DB" || die "database $DB does not exist"
[[ -d $FILESTORE ]] || die "no filestore for $DB at $FILESTORE (set DATA_DIR to Odoo's data_dir)"
mkdir -p "$DEST"
STAMP=$(date +%Y%m%d-%H%M%S)
ARCHIVE="$(cd "$DEST" && pwd)/$DB-$STAMP.tar"
[[ ! -e $ARCHIVE ]] || die "$ARCHIVE exists already"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

sql() { psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_ROLE" -d "$DB" -v ON_ERROR_STOP=1 -qtA -c "$1"; }

say "Dumping database $DB"
pg_dump -h "$PG_HOST" -p "$PG_PORT" -U "$PG_ROLE" -Fc -f "$WORK/database.dump" "$DB"

say "Archiving its filestore ($FILESTORE)"
tar -C "$FILESTORE" -czf "$WORK/filestore.tar.gz" .

{
    echo "database $DB"
    echo "date $(date --iso-8601=seconds)"
    echo "host $(hostname)"
    echo "encoding $(psql_admin -c "SELECT pg_encoding_to_char(encoding) FROM pg_database WHERE datname = '$DB'")"
    echo "collate $(psql_admin -c "SELECT datcollate FROM pg_database WHERE datname = '$DB'")"
    echo "ctype $(psql_admin -c "SELECT datctype FROM pg_database WHERE datname = '$DB'")"
    echo "postgresql $(sql "SHOW server_version")"
    echo "pg_dump $(pg_dump --version | awk '{print $3}')"
    sql "SELECT 'module ' || name || ' ' || latest_version FROM ir_module_module
          WHERE state = 'installed' AND name LIKE 'child%' ORDER BY name"
    echo "attachment_files $(sql "SELECT count(DISTINCT store_fname) FROM ir_attachment WHERE store_fname IS NOT NULL")"
    echo "filestore_files $(find "$FILESTORE" -type f | wc -l)"
    if [[ $(sql "SELECT to_regclass('child_document') IS NOT NULL") == t ]]; then
        echo "issued_documents $(sql "SELECT count(*) FROM child_document")"
    fi
    (cd "$WORK" && sha256sum database.dump filestore.tar.gz) | awk '{print "sha256 " $1 " " $2}'
} > "$WORK/MANIFEST"

tar -C "$WORK" -cf "$ARCHIVE" MANIFEST database.dump filestore.tar.gz
say "Backup of $DB written: $ARCHIVE ($(du -h "$ARCHIVE" | cut -f1))"
sed 's/^/    /' "$WORK/MANIFEST" >&2
echo "$ARCHIVE"
