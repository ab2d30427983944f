# shellcheck shell=sh
# lib.sh: what bench/deliver and bench/outbox share, sourced after
# scripts/stack.sh with ROOT (the source tree) and T (the run's
# temporary directory) set.

# bench_ports N: N free TCP ports on 127.0.0.1, different from each other.
bench_ports() {
	python3 -c 'import socket, sys
s = [socket.socket() for _ in range(int(sys.argv[1]))]
for x in s:
    x.bind(("127.0.0.1", 0))
print(" ".join(str(x.getsockname()[1]) for x in s))' "$1"
}

# bench_stack WORKERS: a private MariaDB with the schema and the demo
# data, and stafett.conf for WORKERS workers; exports STAFETT_CONFIG.
bench_stack() {
	mkdir -p "$T/run" "$T/log" "$T/nginx"
	stack_secrets "$T"
	stack_db_start "$T"
	stack_db_setup "$T"
	stack_conf "$T" "$ROOT" "$ROOT" "$1"
	export STAFETT_CONFIG="$T/stafett.conf"
	"$ROOT/fcgi/stafett" migrate >&2
	"$ROOT/fcgi/stafett" seed "$ROOT/sql/seed/demo.sql" >&2
}

# bench_app_start: stafett serve, without the stack's notify process: it
# would deliver (or route) notices while the benchmark measures.
bench_app_start() {
	stack_app_start "$T" "$ROOT/fcgi/stafett"
	stack_kill_pidfile "$T/run/notify.pid"
}

# bench_nginx CONF.IN [TLSPORT]: nginx from the template, on $PORT.
bench_nginx() {
	sed -e "s|@PORT@|$PORT|g" -e "s|@TLSPORT@|${2:-}|g" \
	    -e "s|@DIR@|$T|g" -e "s|@USER@|$(id -un)|g" "$1" >"$T/nginx.conf"
	nginx -p "$T/nginx" -c "$T/nginx.conf" -e "$T/log/nginx-error.log"
}

# bench_sql SQL: a statement on the application's database, as root.
bench_sql() {
	stack_sql "$T" "USE stafett; $1"
}

# bench_referral_xml: the referral form's valid test case, to PPT, for
# Sara Hansen of DEMO-0001 (demo.sql: an open log held by ansatt whose
# consent covers PPT).
bench_referral_xml() {
	python3 - "$ROOT/forms/tests/cases/referral-valid.xml" <<'PY'
import sys
import xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
root.find("recipient").text = "ppt"
# the child of the log, and no other (a referral naming another child,
# or a number of another birth date, is refused)
root.find("child/name").text = "Sara Hansen"
root.find("child/nin").text = ""
root.find("child/birthdate").text = "2016-09-02"
sys.stdout.write(ET.tostring(root, encoding="unicode"))
PY
}

# bench_ticks PID...: CPU clock ticks (user + system) the processes have
# used so far, summed; a process that is gone counts nothing.
bench_ticks() {
	for p in "$@"; do
		awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null
	done | awk '{s += $1} END {print s + 0}'
}

# bench_nginx_pids: nginx's master and workers.
bench_nginx_pids() {
	n=$(cat "$T/run/nginx.pid")
	echo "$n $(pgrep -P "$n" | tr '\n' ' ')"
}
