#!/bin/sh
# checksrc.sh: the house rules of conventions.md that a machine can check.
# Fails on: banned functions, raw allocation outside mem.c, a source file
# without its one-line description, a route without its ROUTE: marker,
# lines over 80 columns (except those holding a translatable message),
# trailing white space.
set -u
cd "${top_srcdir:-.}" || exit 1
rc=0
fail() { echo "checksrc: $*" >&2; rc=1; }

files=$(ls fcgi/*/*.c fcgi/*/*.h tests/*.c 2>/dev/null)

# Banned: unbounded or error-blind string and number functions.
hits=$(grep -nE '(^|[^_a-zA-Z0-9])(sprintf|vsprintf|strcpy|strcat|strtok|atoi|atol|atoll|sscanf|gets)[[:space:]]*\(' $files)
[ -n "$hits" ] && fail "banned functions:
$hits"

# Raw allocation only in the wrappers.
hits=$(grep -nE '(^|[^_a-zA-Z0-9.>])(malloc|calloc|realloc|free|strdup|strndup)[[:space:]]*\(' $files | grep -v '^fcgi/core/mem\.c:')
[ -n "$hits" ] && fail "raw allocation outside fcgi/core/mem.c (use xmalloc/xfree):
$hits"

for f in $files; do
	head -n 1 "$f" | grep -qE '^/\* [a-z_0-9]+\.[ch]: .+' ||
		fail "$f: the first line must say what the file holds: /* name.c: ... */"
done

# Every route in the table has its marker in a handler file.
grep -E '^[[:space:]]*\{ "(GET|POST|PUT|DELETE)", "' fcgi/handlers/routes.c |
sed -E 's/^[[:space:]]*\{ "([A-Z]+)", "([^"]+)".*/\1 \2/' |
while read -r method pattern; do
	grep -qF "/* ROUTE: $method $pattern */" fcgi/handlers/h_*.c ||
		{ echo "checksrc: route $method $pattern has no ROUTE: marker in fcgi/handlers/h_*.c" >&2; echo x; }
done | grep -q x && rc=1

for f in $files; do
	expand -t 8 "$f" | awk -v f="$f" 'length($0) > 80 && !/_\("|N_\("/ {
		printf "checksrc: %s:%d: longer than 80 columns\n", f, NR; bad = 1 }
		END { exit bad }' >&2 || rc=1
	if grep -nE '[[:space:]]+$' "$f" >/dev/null; then
		fail "$f: trailing white space on lines $(grep -nE '[[:space:]]+$' "$f" | cut -d: -f1 | tr '\n' ' ')"
	fi
done

[ $rc = 0 ] && echo "checksrc: ok"
exit $rc
