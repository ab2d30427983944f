#!/bin/sh
# check_docs.sh: the generated reference is whole and well formed: the
# API reference (docs/api-routes.md) has every route the program
# answers and every current form, and the man pages have every command
# and configuration key and pass groff's warnings. What they say comes
# from the tables (stafett doc); this checks what the build made.
set -u
cd "${top_builddir:-.}" || exit 1
src=${top_srcdir:-.}
bin=fcgi/stafett
rc=0
fail() { echo "check_docs: $*" >&2; rc=1; }

# made by `make` (all), which make check runs first
api=docs/api-routes.md
for f in "$api" man/stafett.8 man/stafett.conf.5; do
	[ -s "$f" ] || { echo "check_docs: $f was not built (make docs)" >&2; exit 1; }
done

"$bin" routes | while read -r method pattern perm; do
	grep -qF "### \`$method $pattern\`" "$api" || echo "$method $pattern"
done >routes.missing
[ -s routes.missing ] && fail "routes missing from $api: $(cat routes.missing)"
rm -f routes.missing

for f in "$src"/forms/*.xml; do
	id=$(sed -n 's/.*<form [^>]*id="\([a-z0-9-]*\)".*/\1/p; s/^ *id="\([a-z0-9-]*\)".*/\1/p' "$f" | head -n 1)
	[ -n "$id" ] || continue
	grep -q "^### \`$id\`, version" "$api" || fail "form $id missing from $api"
done

"$bin" doc conf | sed -n 's/^\.B //p' | while read -r key; do
	grep -q "^\.B $key\$" man/stafett.conf.5 || echo "$key"
done >keys.missing
[ -s keys.missing ] && fail "keys missing from stafett.conf.5: $(cat keys.missing)"
rm -f keys.missing
"$bin" help | sed -n 's/^  \([a-z]*\).*/\1/p' | sort -u | while read -r cmd; do
	[ "$cmd" = doc ] && continue
	grep -q "^\.B stafett $cmd" man/stafett.8 || echo "$cmd"
done >cmds.missing
[ -s cmds.missing ] && fail "commands missing from stafett.8: $(cat cmds.missing)"
rm -f cmds.missing

for m in man/stafett.8 man/stafett.conf.5; do
	grep -q '@[A-Z]*@' "$m" && fail "$m: a placeholder left"
	out=$(groff -man -ww -z "$m" 2>&1)
	[ -n "$out" ] && fail "$m: groff warns: $out"
done

[ $rc = 0 ] && echo "check_docs: ok ($(grep -c '^### `' "$api") sections)"
exit $rc
