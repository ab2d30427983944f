#!/bin/sh
# check_layers.sh: the layers of fcgi/ hold. The folders, bottom to top,
# are ST_LAYERS in Makefile.am; a file may include headers of its own
# layer and of the layers below it, never of one above (fcgi/README.md).
# Fails also on a source file outside a layer folder, a header found in
# no layer, a name in two layers, and a layer without its README.md.
set -u
cd "${top_srcdir:-.}" || exit 1
rc=0
fail() { echo "check_layers: $*" >&2; rc=1; }

layers=$(sed -n 's/^ST_LAYERS = //p' Makefile.am)
[ -n "$layers" ] || { echo "check_layers: no ST_LAYERS in Makefile.am" >&2; exit 1; }

for f in fcgi/*.c fcgi/*.h; do
	[ -e "$f" ] && fail "$f: every source file belongs in a layer folder"
done

# rank of each layer, and the layer of each header
map=$(mktemp)
trap 'rm -f "$map"' EXIT
rank=0
for l in $layers; do
	[ -f "fcgi/$l/README.md" ] || fail "fcgi/$l has no README.md"
	for h in fcgi/"$l"/*.h; do
		[ -e "$h" ] && printf '%s %s %s\n' "$(basename "$h")" "$l" "$rank"
	done
	rank=$((rank + 1))
done >"$map"
dups=$(cut -d' ' -f1 "$map" | sort | uniq -d)
[ -n "$dups" ] && fail "headers of one name in two layers: $dups"

rank=0
for l in $layers; do
	for f in fcgi/"$l"/*.c fcgi/"$l"/*.h; do
		[ -e "$f" ] || continue
		for inc in $(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$f"); do
			[ "$inc" = config.h ] && continue
			line=$(grep "^$inc " "$map") ||
				{ fail "$f includes \"$inc\", which is in no layer"; continue; }
			set -- $line
			[ "$3" -gt "$rank" ] &&
				fail "$f (layer $l) includes $inc of the higher layer $2"
		done
	done
	rank=$((rank + 1))
done

[ $rc = 0 ] && echo "check_layers: ok ($(echo $layers | wc -w) layers)"
exit $rc
