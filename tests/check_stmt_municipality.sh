#!/bin/sh
# check_stmt_municipality.sh: every statement that inserts into a table
# that carries its municipality names the municipality
# (sql/0033_municipality.sql). The column has a default only so that a
# running older version keeps working during an upgrade; this version
# never leans on it, so no row lands in the first municipality by
# accident.
set -u
cd "${top_srcdir:-.}" || exit 1
tables=$(sed -n 's/^ALTER TABLE \([a-z_]*\)$/\1/p' sql/0033_municipality.sql)
[ -n "$tables" ] || { echo "check_stmt_municipality: no tables" >&2; exit 1; }
# one line per statement of the table in fcgi/db/stmt.c: its name and
# its SQL, the string pieces joined
awk '
/^\t\[STMT_[A-Z0-9_]*\] = \{/ { name = $1; sqltext = ""; on = 1 }
on { line = $0; while (match(line, /"[^"]*"/)) {
	sqltext = sqltext substr(line, RSTART + 1, RLENGTH - 2)
	line = substr(line, RSTART + RLENGTH) } }
on && /\},?[ \t]*$/ { print name "\t" sqltext; on = 0 }
' fcgi/db/stmt.c >"${TMPDIR:-/tmp}/stmt.$$"
trap 'rm -f "${TMPDIR:-/tmp}/stmt.$$"' EXIT
rc=0
n=0
for t in $tables; do
	while IFS="$(printf '\t')" read -r name text; do
		[ -n "$name" ] || continue
		n=$((n + 1))
		case $text in
		*municipality_id*) ;;
		*) echo "check_stmt_municipality: $name inserts into $t" \
		    "without its municipality" >&2; rc=1 ;;
		esac
	done <<LIST
$(grep -E "INSERT (IGNORE )?INTO $t \(" "${TMPDIR:-/tmp}/stmt.$$")
LIST
done
[ "$n" -ge 6 ] || { echo "check_stmt_municipality: found only $n inserts;" \
    "is the statement table where it was?" >&2; rc=1; }
exit $rc
