#!/bin/sh
# upgrade.sh: an upgrade without downtime, as a test (issue 19). The version
# in production, the release named in tests/drills/upgrade-from (a commit; set
# to the new release's when one lands; STAFETT_UPGRADE_FROM to choose
# another), is built from git and runs as host A behind nginx, with its
# notify, on its own schema. Clients write concerns all along and read each back.
# Then, one step at a time, as operators upgrade:
#   1. the new version's migrations run while A serves (expand),
#   2. host B starts with the new version beside A,
#   3. A stops (gracefully, in the middle of the load).
# Between 1 and 2, A is the old binary on the new schema. Passes when no
# client was refused (a request nginx could not answer is sent again
# with its Idempotency-Key, as clients do), every acknowledged concern
# is in the database and was read back, and neither host logged an
# error. Prints the figures README's "Upgrades" shows.
set -eu
: "${top_srcdir:?}" "${top_builddir:?}"
PYTHON3=${PYTHON3:-python3}
src=$(cd "$top_srcdir" && pwd)
build=$(cd "$top_builddir" && pwd)

T=$(mktemp -d /tmp/stafett-upgrade.XXXXXX)
. "$src/scripts/stack.sh"
D=$T/d A=$T/a B=$T/b OLD=$T/old
cleanup() {
	touch "$T/stop"
	stack_nginx_stop "$D" >/dev/null 2>&1 || true
	stack_app_stop "$A" >/dev/null 2>&1 || true
	stack_app_stop "$B" >/dev/null 2>&1 || true
	stack_db_stop "$D" >/dev/null 2>&1 || true
	if [ -n "${KEEP_TEST_DIR:-}" ]; then
		echo "upgrade: kept $T" >&2
	else
		rm -rf "$T"
	fi
}
trap cleanup EXIT INT TERM
say() { echo "upgrade: $*" >&2; }
now() { date +%s.%N; }

# -- the old version, built from git
from=${STAFETT_UPGRADE_FROM:-$(cat "$src/tests/drills/upgrade-from")}
# A tarball or a shallow clone has no old version to build: said, and
# skipped (77), never passed. In a full clone a missing one fails.
if ! git -C "$src" rev-parse --git-dir >/dev/null 2>&1 ||
    [ "$(git -C "$src" rev-parse --is-shallow-repository)" = true ]; then
	say "SKIP: needs a clone with its history to build version $from"
	exit 77
fi
from=$(git -C "$src" rev-parse --verify "$from^{commit}") || {
	say "version $from is not in this clone"
	exit 1
}
say "from $(git -C "$src" log -1 --format='%h %s' "$from" | cut -c1-72)"
mkdir -p "$OLD"
git -C "$src" archive "$from" | tar -x -C "$OLD"
(
	cd "$OLD"
	autoreconf -fi && ./configure --disable-system-tests \
		--disable-sanitizers && make -j"$(nproc)" fcgi/stafett \
		po/locale/nb/LC_MESSAGES/stafett.mo \
		po/locale/nn/LC_MESSAGES/stafett.mo
) >"$T/old-build.log" 2>&1 || {
	tail -n 30 "$T/old-build.log" >&2
	say "the old version did not build"
	exit 1
}
OLDBIN=$OLD/fcgi/stafett NEWBIN=$build/fcgi/stafett

# -- the shared database and secrets (D), the hosts' own configuration:
# each version writes its own (a key the old one does not know would be
# refused by it), and both point at D by the environment.
mkdir -p "$D/run" "$D/log" "$A/run" "$A/log" "$B/run" "$B/log"
stack_secrets "$D"
stack_db_start "$D"
stack_db_setup "$D"
(. "$OLD/scripts/stack.sh" && stack_conf "$A" "$OLD" "$OLD" 3) >/dev/null
stack_conf "$B" "$src" "$build" 3 >/dev/null
export STAFETT_DB_SOCKET="$D/run/db.sock" \
	STAFETT_DB_PASSWORD_FILE="$D/db.password" \
	STAFETT_SECRET_FILE="$D/secret"
STAFETT_CONFIG="$A/stafett.conf" "$OLDBIN" migrate >"$T/old-migrate.log"
STAFETT_CONFIG="$A/stafett.conf" "$OLDBIN" seed "$OLD/sql/seed/demo.sql" \
	>/dev/null
TOKEN=$(STAFETT_CONFIG="$A/stafett.conf" "$OLDBIN" token create ansatt)

PORT=$("$PYTHON3" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
stack_app_start "$A" "$OLDBIN"
STACK_SOCKETS="$A/run/stafett.sock $B/run/stafett.sock" \
	stack_nginx_start "$D" "$src" "$PORT"
stack_wait_healthy "$PORT"

"$PYTHON3" "$src/tests/drills/load.py" --token="$TOKEN" \
	"http://127.0.0.1:$PORT" "$T/acked" "$T/stop" >"$T/load.log" 2>&1 &
load=$!
sleep 3
t1=$(now)
STAFETT_CONFIG="$B/stafett.conf" "$NEWBIN" migrate >"$T/new-migrate.log" 2>&1 || {
	cat "$T/new-migrate.log" >&2
	say "the new migrations failed while the old version served"
	exit 1
}
t2=$(now)
say "step 1: $(grep -c "applied 0" "$T/new-migrate.log" || true) new migrations ran while A (old) served"
sleep 4
t3=$(now)
stack_app_start "$B" "$NEWBIN"
say "step 2: B (new) started beside A"
sleep 3
t4=$(now)
stack_app_stop "$A"
t5=$(now)
say "step 3: A stopped"
sleep 3
touch "$T/stop"
wait "$load" || {
	cat "$T/load.log" >&2
	say "the clients failed"
	exit 1
}
cat "$T/load.log" >&2

rc=0
fail() { say "$*"; rc=1; }
acked=$(wc -l <"$T/acked")
ids=$(cut -d' ' -f3 "$T/acked" | sed "s/.*/'&'/" | paste -sd, -)
stored=$(stack_sql "$D" "SELECT COUNT(*) FROM stafett.concern
	WHERE public_id IN ($ids)" | tail -n 1)
[ "$acked" -gt 50 ] || fail "only $acked concerns acknowledged"
[ "$stored" = "$acked" ] || fail "$acked acknowledged, $stored stored"
old_on_new=$(awk -v a="$t2" -v b="$t3" '$1 > a && $1 < b' "$T/acked" | wc -l)
[ "$old_on_new" -gt 0 ] ||
	fail "no concern was written by the old version on the new schema"
new_only=$(awk -v a="$t5" '$1 > a' "$T/acked" | wc -l)
[ "$new_only" -gt 0 ] || fail "nothing was acknowledged after A stopped"
for h in A B; do
	d=$(eval echo "\$$h")
	if grep -h -E '^[^ ]+ error ' "$d/log/stafett.log" "$d/log/notify.log"; then
		fail "host $h logged errors (above)"
	fi
done
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
say "$acked concerns acknowledged and read back, $stored stored, none lost; $old_on_new written by the old version on the new schema, $new_only by B alone; the migrations took $(secs "$t1" "$t2") s, stopping A $(secs "$t4" "$t5") s"
exit $rc
