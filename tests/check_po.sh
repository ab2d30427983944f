#!/bin/sh
# check_po.sh: every message the program or a stylesheet shows has a
# Norwegian translation, bokmål (po/nb.po) and nynorsk (po/nn.po), and
# both compile cleanly.
set -eu
cd "${top_srcdir:-.}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
xgettext --from-code=UTF-8 -k_ -kN_ --no-location -o "$tmp/c.pot" fcgi/*/*.c
scripts/xsl-msgids forms/xsl/*.xsl >"$tmp/xsl.pot"
msgcat --use-first "$tmp/c.pot" "$tmp/xsl.pot" -o "$tmp/all.pot"
for po in po/nb.po po/nn.po; do
	msgfmt --check -o /dev/null "$po"
	# msgcmp fails when a message of the template has no entry
	msgcmp "$po" "$tmp/all.pot"
	untranslated=$(msgattrib --untranslated --no-obsolete "$po" | grep -c '^msgid' || true)
	if [ "$untranslated" -gt 1 ]; then
		echo "check_po: untranslated messages in $po:" >&2
		msgattrib --untranslated "$po" >&2
		exit 1
	fi
	# a fuzzy entry is not used by msgfmt: the user would see English
	fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$po" | grep -c '^msgid' || true)
	if [ "$fuzzy" -gt 0 ]; then
		echo "check_po: fuzzy (unchecked) translations in $po:" >&2
		msgattrib --only-fuzzy --no-obsolete "$po" >&2
		exit 1
	fi
	# every {0} and %s of the English is in the translation too
	python3 - "$po" <<'PY'
import re, subprocess, sys
out = subprocess.run(["msgexec", "-i", sys.argv[1], "sh", "-c",
    'printf "%s\\0%s\\0" "$MSGEXEC_MSGID" "$(cat)"'],
    capture_output=True, check=True).stdout.decode()
parts = out.split("\0")
bad = []
for i in range(0, len(parts) - 1, 2):
    mid, tr = parts[i], parts[i + 1]
    if not mid or not tr:
        continue
    pat = r"\{[0-9]\}|%[-0-9.]*[a-z]+"
    if sorted(re.findall(pat, mid)) != sorted(re.findall(pat, tr)):
        bad.append(mid)
if bad:
    print("check_po: placeholders differ in %s:" % sys.argv[1], file=sys.stderr)
    for b in bad:
        print("  " + b, file=sys.stderr)
    sys.exit(1)
PY
done
echo "check_po: ok"
