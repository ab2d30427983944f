#!/bin/sh
# check_po.sh: every message the program or a stylesheet shows has a
# Norwegian translation, and po/nb.po compiles cleanly.
set -eu
cd "${top_srcdir:-.}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
xgettext --from-code=UTF-8 -k_ -kN_ --no-location -o "$tmp/c.pot" fcgi/*/*.c
scripts/xsl-msgids forms/xsl/*.xsl >"$tmp/xsl.pot"
msgcat --use-first "$tmp/c.pot" "$tmp/xsl.pot" -o "$tmp/all.pot"
msgfmt --check -o /dev/null po/nb.po
# msgcmp fails when a message of the template has no entry in nb.po
msgcmp po/nb.po "$tmp/all.pot"
untranslated=$(msgattrib --untranslated --no-obsolete po/nb.po | grep -c '^msgid' || true)
if [ "$untranslated" -gt 1 ]; then
	echo "check_po: untranslated messages in po/nb.po:" >&2
	msgattrib --untranslated po/nb.po >&2
	exit 1
fi
# a fuzzy entry is not used by msgfmt: the user would see English
fuzzy=$(msgattrib --only-fuzzy --no-obsolete po/nb.po | grep -c '^msgid' || true)
if [ "$fuzzy" -gt 0 ]; then
	echo "check_po: fuzzy (unchecked) translations in po/nb.po:" >&2
	msgattrib --only-fuzzy --no-obsolete po/nb.po >&2
	exit 1
fi
echo "check_po: ok"
