#!/bin/sh
# check_forms.sh: every definition in forms/ loads, and every deliberately
# broken definition in forms/tests/broken/ is refused with its reason.
set -u
: "${top_srcdir:?}" "${top_builddir:?}"
BIN=$top_builddir/fcgi/stafett-asan
rc=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/stafett.conf" <<CONF
forms_dir = $top_srcdir/forms
xsl_dir = $top_srcdir/forms/xsl
CONF
if ! STAFETT_CONFIG="$tmp/stafett.conf" "$BIN" check >"$tmp/out" 2>&1; then
	echo "check_forms: the shipped forms do not load:" >&2
	cat "$tmp/out" >&2
	rc=1
fi
for f in "$top_srcdir"/forms/tests/broken/*.xml; do
	[ -f "$f" ] || continue
	want=$(sed -n 's/^<!-- expect: \(.*\) -->$/\1/p' "$f")
	rm -rf "$tmp/forms"
	mkdir "$tmp/forms"
	cp "$f" "$tmp/forms/"
	if STAFETT_CONFIG="$tmp/stafett.conf" STAFETT_FORMS_DIR="$tmp/forms" \
	    "$BIN" check >"$tmp/out" 2>&1; then
		echo "check_forms: $(basename "$f") was accepted" >&2
		rc=1
	elif ! grep -qF "$want" "$tmp/out"; then
		echo "check_forms: $(basename "$f"): expected '$want', got:" >&2
		cat "$tmp/out" >&2
		rc=1
	fi
done
# Declarative cases: forms/tests/cases/FORM-CASE.xml is an instance and
# FORM-CASE.expect what "stafett validate" says of it ("ok", or one
# "PATH: MESSAGE" line per error), with today fixed to 2026-06-15.
for f in "$top_srcdir"/forms/tests/cases/*.xml; do
	[ -f "$f" ] || continue
	name=$(basename "$f" .xml)
	# the form is named in the case: <!-- form: ID -->
	form=$(sed -n 's/^<!-- form: \(.*\) -->$/\1/p' "$f")
	STAFETT_CONFIG="$tmp/stafett.conf" "$BIN" validate --today 2026-06-15 \
	    "$form" "$f" >"$tmp/got" 2>&1
	if ! cmp -s "$tmp/got" "${f%.xml}.expect"; then
		echo "check_forms: case $name: expected, then got:" >&2
		cat "${f%.xml}.expect" >&2
		echo "--" >&2
		cat "$tmp/got" >&2
		rc=1
	fi
done
[ $rc = 0 ] && echo "check_forms: ok"
exit $rc
