#!/bin/sh
# galera.sh: no single machine whose loss stops the work, as a test
# (issue 19). On one machine: a three-node MariaDB Galera cluster (each
# node its own data folder, socket and ports), two stafett hosts A and B
# (each a serve and a notify; A prefers node 1, B node 2, each lists all
# three, db_galera = 1), one nginx with both hosts as upstreams, and a
# partner (HTTPS) that takes referrals. Clients write concerns and
# referrals the whole time (tests/drills/load.py: each write sent again
# with its Idempotency-Key until answered, as clients do). Then:
#   1. kill -9 database node 1 (host A's), and later start it again;
#   2. kill -9 host A (its serve and its notify), and later start it;
#   3. kill -9 host B's workers at once: nginx's connections to them
#      break in the middle of requests;
#   4. database node 2 (host B's) refuses the application, as a node
#      outside the primary component does (wsrep_reject_queries = ALL:
#      error 1047), and later takes it again.
# Passes when every write was acknowledged in the end and is in the
# database on all three nodes alike, every referral's notice reached the
# partner and is recorded as taken, no notice was sent twice except
# with the same Idempotency-Key, and no row was written twice. Prints,
# for each fault, the requests around it, what was acknowledged, lost
# and duplicated, and how long acknowledgements paused.
set -eu
: "${top_srcdir:?}" "${top_builddir:?}"
PYTHON3=${PYTHON3:-python3}
src=$(cd "$top_srcdir" && pwd)
build=$(cd "$top_builddir" && pwd)
BIN=$build/fcgi/stafett
GALERA=${GALERA_PROVIDER:-/usr/lib/galera/libgalera_smm.so}
say() { echo "galera: $*" >&2; }
[ -f "$GALERA" ] || {
	say "no Galera provider at $GALERA (apt-get install galera-4)"
	exit 1
}

T=$(mktemp -d /tmp/stafett-galera.XXXXXX)
chmod 755 "$T"
. "$src/scripts/stack.sh"
D=$T/d A=$T/a B=$T/b
cleanup() {
	touch "$T/stop"
	stack_kill_pidfile "$D/run/partner-nginx.pid" QUIT >/dev/null 2>&1 || true
	stack_nginx_stop "$D" >/dev/null 2>&1 || true
	stack_app_stop "$A" >/dev/null 2>&1 || true
	stack_app_stop "$B" >/dev/null 2>&1 || true
	for i in 1 2 3; do node_stop "$i" >/dev/null 2>&1 || true; done
	if [ -n "${KEEP_TEST_DIR:-}" ]; then
		say "kept $T"
	else
		rm -rf "$T"
	fi
}
trap cleanup EXIT INT TERM
now() { date +%s.%N; }

# the nodes run as mysql when the drill runs as root: the SST's rsync
# daemon would otherwise drop to nobody and could not write their folders
DBUSER=$(stack_user)
if [ "$(id -u)" = 0 ]; then
	id mysql >/dev/null 2>&1 || { say "no user mysql (apt-get install mariadb-server)"; exit 1; }
	DBUSER=mysql
fi
# shellcheck disable=SC2046
set -- $("$PYTHON3" -c 'import socket
s = [socket.socket() for _ in range(14)]
for x in s:
    x.bind(("127.0.0.1", 0))
print(" ".join(str(x.getsockname()[1]) for x in s))')
PORTS="$*"
port() { echo "$PORTS" | cut -d' ' -f"$1"; }
CLUSTER="gcomm://127.0.0.1:$(port 1),127.0.0.1:$(port 2),127.0.0.1:$(port 3)"
HTTP_PORT=$(port 13) PARTNER_PORT=$(port 14)
sock() { echo "$T/n$1/run/db.sock"; }

# node_start I [--wsrep-new-cluster]: node I; group communication on
# port I, state transfer (IST) on I+3, SST (rsync) on I+6, SQL on I+9.
node_start() {
	i=$1
	shift
	d=$T/n$i
	mkdir -p "$d/db" "$d/run" "$d/log"
	[ "$DBUSER" = mysql ] && chown -R mysql: "$d"
	setsid "${MARIADBD:-mariadbd}" --no-defaults --datadir="$d/db" \
		--socket="$d/run/db.sock" --pid-file="$d/run/db.pid" \
		--port="$(port $((i + 9)))" --bind-address=127.0.0.1 \
		--user="$DBUSER" --log-error="$d/log/db.log" \
		--innodb-buffer-pool-size=128M --max-connections=300 \
		--character-set-server=utf8mb4 \
		--collation-server=utf8mb4_unicode_ci \
		--binlog-format=ROW --innodb-autoinc-lock-mode=2 \
		--wsrep-on=ON --wsrep-provider="$GALERA" \
		--wsrep-cluster-name=stafett-drill \
		--wsrep-cluster-address="$CLUSTER" --wsrep-node-name="n$i" \
		--wsrep-node-address="127.0.0.1:$(port "$i")" \
		--wsrep-provider-options="gmcast.listen_addr=tcp://127.0.0.1:$(port "$i");ist.recv_addr=127.0.0.1:$(port $((i + 3)));gcache.size=128M" \
		--wsrep-sst-method=rsync \
		--wsrep-sst-receive-address="127.0.0.1:$(port $((i + 6)))" \
		"$@" </dev/null >/dev/null 2>&1 &
}
node_synced() {
	mariadb --no-defaults -S "$(sock "$1")" -u root -N -B \
		-e "SHOW STATUS LIKE 'wsrep_local_state_comment'" 2>/dev/null |
		grep -q Synced
}
node_wait() {
	n=0
	until node_synced "$1"; do
		n=$((n + 1))
		[ $n -lt 600 ] || { say "node $1 did not join"; tail -n 20 "$T/n$1/log/db.log" >&2; exit 1; }
		sleep 0.1
	done
}
node_stop() { stack_kill_pidfile "$T/n$1/run/db.pid"; }
node_kill() { kill -9 "$(cat "$T/n$1/run/db.pid")"; }
nsql() { mariadb --no-defaults -S "$(sock "$1")" -u root -N -B -D stafett -e "$2"; }

# -- the cluster
mkdir -p "$T/n1/db"
[ "$DBUSER" = mysql ] && chown -R mysql: "$T/n1"
"${MARIADB_INSTALL_DB:-mariadb-install-db}" --no-defaults \
	--datadir="$T/n1/db" --user="$DBUSER" \
	--auth-root-authentication-method=socket --skip-test-db \
	>"$T/install-db.log" 2>&1
t0=$(now)
node_start 1 --wsrep-new-cluster
node_wait 1
node_start 2
node_wait 2
node_start 3
node_wait 3
say "three nodes synced in $(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }') s"

# -- the database, its account and the schema (through node 1; Galera
# replicates each statement to the others)
mkdir -p "$D/run" "$D/log" "$A/run" "$A/log" "$B/run" "$B/log" "$D/pki"
stack_secrets "$D"
pw=$(cat "$D/db.password")
mariadb --no-defaults -S "$(sock 1)" -u root -e "
CREATE DATABASE stafett CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER 'stafett'@'localhost' IDENTIFIED BY '$pw';
GRANT SELECT, INSERT, UPDATE, DELETE, EXECUTE ON stafett.* TO 'stafett'@'localhost';"
for h in "$A" "$B"; do
	stack_conf "$h" "$src" "$build" 3 >/dev/null
	cp "$D/secret" "$D/db.password" "$h/"
	cat >>"$h/stafett.conf" <<CONF
db_galera = 1
partner_ca_file = $D/pki/ca.pem
delivery_timeout_s = 3
delivery_connect_timeout_s = 2
delivery_lease_s = 8
delivery_backoff_s = 1
CONF
done
# each host lists every node, its own first
sed -i "s|^db_socket = .*|db_socket = $(sock 1),$(sock 2),$(sock 3)|" "$A/stafett.conf"
sed -i "s|^db_socket = .*|db_socket = $(sock 2),$(sock 3),$(sock 1)|" "$B/stafett.conf"
STAFETT_CONFIG="$A/stafett.conf" "$BIN" migrate >"$T/migrate.log"
STAFETT_CONFIG="$A/stafett.conf" "$BIN" seed "$src/sql/seed/demo.sql" >/dev/null
TOKEN=$(STAFETT_CONFIG="$A/stafett.conf" "$BIN" token create ansatt)

# -- the partner: HTTPS with the drill's CA, registered like any partner
(
	cd "$D/pki"
	echo "subjectAltName=IP:127.0.0.1,DNS:localhost" >san.ext
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 \
		-subj "/CN=stafett drill CA" -keyout ca-key.pem -out ca.pem
	openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" \
		-keyout server-key.pem -out server.csr
	openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem \
		-CAcreateserial -days 2 -extfile san.ext -out server.pem
) >"$T/pki.log" 2>&1
mkdir -p "$D/partner-nginx"
"$src/scripts/render" "$src/tests/drills/partner-nginx.conf.in" \
	"$D/partner-nginx.conf" DIR="$D" PORT="$PARTNER_PORT" USER="$(stack_user)"
"${NGINX_BIN:-nginx}" -p "$D/partner-nginx" -c "$D/partner-nginx.conf" \
	-e "$D/log/partner-nginx-error.log"
PARTNER=$(STAFETT_CONFIG="$A/stafett.conf" "$BIN" partner add \
	--municipality 3805 "Drill PPT" \
	ppt "https://127.0.0.1:$PARTNER_PORT/notice" bearer referral)
HMAC=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
for h in "$A" "$B"; do
	printf '%s' "$HMAC" | STAFETT_CONFIG="$h/stafett.conf" "$BIN" \
		partner secret "$PARTNER" hmac >/dev/null
	printf 'drill-bearer' | STAFETT_CONFIG="$h/stafett.conf" "$BIN" \
		partner secret "$PARTNER" bearer >/dev/null
done

# -- the hosts, and nginx in front of both
stack_app_start "$A" "$BIN"
stack_app_start "$B" "$BIN"
STACK_SOCKETS="$A/run/stafett.sock $B/run/stafett.sock" \
	stack_nginx_start "$D" "$src" "$HTTP_PORT"
stack_wait_healthy "$HTTP_PORT"

LOG=$(nsql 2 "SELECT public_id FROM relay_log WHERE reference = 'DEMO-0001'")
ROOT=$src
. "$src/bench/lib.sh"
bench_referral_xml >"$T/referral.xml"
BEFORE=$(nsql 2 "SELECT COALESCE(MAX(id), 0) FROM outbox")
BEFORE_C=$(nsql 2 "SELECT COALESCE(MAX(id), 0) FROM concern")

"$PYTHON3" "$src/tests/drills/load.py" --token="$TOKEN" \
	--referral-log="$LOG" --referral-file="$T/referral.xml" \
	"http://127.0.0.1:$HTTP_PORT" "$T/acked" "$T/stop" \
	>"$T/load.log" 2>&1 &
load=$!
sleep 5
f1=$(now)
node_kill 1
say "fault 1: database node 1 killed"
sleep 8
node_start 1
node_wait 1
r1=$(now)
say "node 1 back and synced"
sleep 3
f2=$(now)
kill -KILL "-$(cat "$A/run/stafett.pid")" 2>/dev/null || true
kill -9 "$(cat "$A/run/notify.pid")" 2>/dev/null || true
say "fault 2: host A killed (serve and notify)"
sleep 8
stack_app_start "$A" "$BIN"
r2=$(now)
say "host A started again"
sleep 5
f3=$(now)
# the workers of B: the children of its master but its monitor
for w in $(pgrep -P "$(cat "$B/run/stafett.pid")"); do
	kill -9 "$w" 2>/dev/null || true
done
say "fault 3: host B's workers killed in the middle of requests"
sleep 8
f4=$(now)
mariadb --no-defaults -S "$(sock 2)" -u root -e \
	"SET GLOBAL wsrep_reject_queries = ALL"
say "fault 4: database node 2 refuses the application (error 1047)"
sleep 6
mariadb --no-defaults -S "$(sock 2)" -u root -e \
	"SET GLOBAL wsrep_reject_queries = NONE"
sleep 2
touch "$T/stop"
lrc=0
wait "$load" || lrc=$?
cat "$T/load.log" >&2
end=$(now)

rc=0
fail() { say "$*"; rc=1; }
[ "$lrc" = 0 ] || fail "the clients were refused, or not answered in the end"

# every notice of the run delivered, within a minute
n=0
while [ "$(nsql 2 "SELECT COUNT(*) FROM outbox WHERE id > $BEFORE AND
    kind = 'referral' AND status NOT IN ('delivered', 'acknowledged')")" != 0 ]; do
	n=$((n + 1))
	[ $n -lt 600 ] || { fail "notices not delivered after a minute"; break; }
	sleep 0.1
done

ids() { awk -v k="$1" '$2 == k { printf "%s'\''%s'\''", (n++ ? "," : ""), $3 }' "$T/acked"; }
concerns=$(awk '$2 == "concern"' "$T/acked" | wc -l)
referrals=$(awk '$2 == "referral"' "$T/acked" | wc -l)
[ "$concerns" -gt 20 ] && [ "$referrals" -gt 20 ] ||
	fail "too little load: $concerns concerns, $referrals referrals"
# on every node alike
for i in 1 2 3; do
	c=$(nsql "$i" "SELECT COUNT(*) FROM concern WHERE public_id IN ($(ids concern))")
	[ "$c" = "$concerns" ] || fail "node $i has $c of the $concerns concerns"
	s=$(nsql "$i" "SELECT COUNT(*), COALESCE(SUM(CRC32(CONCAT(public_id, status, idempotency_key))), 0) FROM outbox WHERE id > $BEFORE")
	[ -z "${s_prev:-}" ] || [ "$s" = "$s_prev" ] || fail "node $i's notices differ: $s, not $s_prev"
	s_prev=$s
done
# a referral acknowledged once is one submission and one notice: no
# retried request wrote twice
notices=$(nsql 2 "SELECT COUNT(*) FROM outbox WHERE id > $BEFORE AND kind = 'referral'")
[ "$notices" = "$referrals" ] || fail "$referrals referrals acknowledged, $notices notices"
# every concern row of the run is one acknowledged: a request sent again
# after no answer was recognised by its key, never written a second time
written=$(nsql 2 "SELECT COUNT(*) FROM concern WHERE id > $BEFORE_C")
[ "$written" = "$concerns" ] || fail "$concerns concerns acknowledged, $written written"
# what the partner took, by key: each notice's key, and no other
keys=$(awk '$3 == 200 { print $2 }' "$D/log/partner.log" | sort -u | wc -l)
posts=$(awk '$3 == 200' "$D/log/partner.log" | wc -l)
nkeys=$(nsql 2 "SELECT COUNT(DISTINCT idempotency_key) FROM outbox WHERE id > $BEFORE AND kind = 'referral'")
taken=$(nsql 2 "SELECT COUNT(*) FROM outbox WHERE id > $BEFORE AND kind = 'referral' AND status IN ('delivered', 'acknowledged')")
[ "$keys" = "$notices" ] && [ "$nkeys" = "$notices" ] ||
	fail "the partner took $keys keys for $notices notices ($nkeys keys)"
[ "$taken" = "$notices" ] || fail "$taken of $notices notices recorded as taken"
unknown=$(awk '$3 == 200 { print $2 }' "$D/log/partner.log" | sort -u |
	while read -r k; do
		[ "$(nsql 2 "SELECT COUNT(*) FROM outbox WHERE idempotency_key = '$k'")" = 1 ] || echo "$k"
	done | wc -l)
[ "$unknown" = 0 ] || fail "$unknown keys the partner took belong to no notice"
conflicts=$(grep -h -c 'Deadlock\|1213' "$A/log/stafett.log" "$B/log/stafett.log" \
	"$A/log/notify.log" "$B/log/notify.log" 2>/dev/null | awk '{ s += $1 } END { print s + 0 }')

# per fault: the acknowledgements in the 10 s after it, and the longest
# pause between two of them in that window
window() {
	awk -v f="$1" '$1 > f - 0.001 && $1 < f + 10 { print $1 }' "$T/acked" |
		sort -n | awk -v f="$1" 'BEGIN { last = f; gap = 0 }
		{ if ($1 - last > gap) gap = $1 - last; last = $1; n++ }
		END { printf "%d acknowledged, longest pause %.1f s", n, gap }'
}
say "fault 1 (a database node): $(window "$f1"); node 1 rejoined $(awk -v a="$f1" -v b="$r1" 'BEGIN { printf "%.1f", b - a }') s after"
say "fault 2 (a stafett host): $(window "$f2"); host A back $(awk -v a="$f2" -v b="$r2" 'BEGIN { printf "%.1f", b - a }') s after"
say "fault 3 (nginx's connections to a host): $(window "$f3")"
say "fault 4 (a node outside the primary component): $(window "$f4"); B on another node: $(grep -c 'not ready\|1047' "$B/log/stafett.log" || true) refusals seen"
say "in all: $concerns concerns and $referrals referrals acknowledged, none lost, none written twice, on all three nodes alike; $notices notices, all taken by the partner and recorded so, $posts POSTs for $keys keys ($((posts - keys)) sent again with the same key, none with another); $conflicts deadlocks or certification conflicts retried"
exit $rc
