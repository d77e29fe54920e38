#!/usr/bin/env bash
# Refreshes an addon's translation template and merges it into its vi.po, then lists what is left to translate.
#   scripts/i18n.sh child_protection
# Uses the demo database (upgraded first). Needs gettext's msgmerge (apt-get install gettext).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
addon=${1:?usage: scripts/i18n.sh ADDON}
i18n="addons/$addon/i18n"
mkdir -p "$i18n"
"$ROOT/scripts/odoo" -d "${CHILD_DEMO_DB:-child_demo}" -u "$addon" --stop-after-init --log-level=warn
"$ROOT/scripts/odoo" -d "${CHILD_DEMO_DB:-child_demo}" --i18n-export="$DATA/$addon.po" --modules="$addon" --stop-after-init \
    --log-level=warn
mv "$DATA/$addon.po" "$i18n/$addon.pot"
[[ -f $i18n/vi.po ]] || cp "$i18n/$addon.pot" "$i18n/vi.po"
msgmerge -q --no-fuzzy-matching --backup=none -U "$i18n/vi.po" "$i18n/$addon.pot"
msgattrib --no-wrap --no-obsolete -o "$i18n/vi.po" "$i18n/vi.po"
echo "Untranslated in $i18n/vi.po:"
msgattrib --no-wrap --untranslated "$i18n/vi.po" | grep '^msgid' | grep -v '^msgid ""$' || echo "  none"
