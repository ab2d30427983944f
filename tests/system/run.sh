#!/bin/sh
# run.sh: the system tests. Starts a private MariaDB, the sanitizer build
# of stafett and nginx under a temporary directory, runs the Python test
# cases against them over real HTTP, and always tears everything down.
# Any AddressSanitizer/LeakSanitizer report from the app fails the run.
set -eu
: "${top_srcdir:?}" "${top_builddir:?}"
PYTHON3=${PYTHON3:-python3}

T=$(mktemp -d /tmp/stafett-test.XXXXXX)
. "$top_srcdir/scripts/stack.sh"
cleanup() {
	stack_stop_all "$T" >/dev/null 2>&1 || true
	if [ -n "${KEEP_TEST_DIR:-}" ]; then
		echo "system tests: kept $T" >&2
	else
		rm -rf "$T"
	fi
}
trap cleanup EXIT INT TERM

PORT=$("$PYTHON3" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BIN=$top_builddir/fcgi/stafett-asan
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}:log_path=$T/log/asan"

mkdir -p "$T/run" "$T/log"
stack_secrets "$T"
stack_db_start "$T"
stack_db_setup "$T"
stack_conf "$T" "$top_srcdir" "$top_builddir" 3
# Delivery to the fake partner of test_delivery.py: its test CA (made by
# the tests, read by curl at each connection), short time-outs, quick
# retries and a short horizon so dead letters come within a test.
cat >>"$T/stafett.conf" <<CONF
partner_ca_file = $T/pki/ca.pem
delivery_timeout_s = 3
delivery_connect_timeout_s = 2
delivery_lease_s = 8
delivery_backoff_s = 1
delivery_horizon_s = 30
CONF
# Row locks are given up after 2 s (not 3), so the fault tests that hold
# one (test_faults.py) need not wait long.
echo 'db_lock_wait_s = 2' >>"$T/stafett.conf"
# A request may use 2 s of CPU (not 10), so test_hostile.py's runaway
# request is stopped soon.
echo 'request_cpu_s = 2' >>"$T/stafett.conf"
# Every use of a kept log page or its lists is checked against a fresh
# one (viewcache.h): a change the cache missed fails the run below.
echo 'view_cache_verify = 1' >>"$T/stafett.conf"
# The child welfare emergency number an urgent concern leads with
# (test_urgent.py); no real number begins with 0 after +47.
echo 'emergency_phone = +47 00 00 00 00' >>"$T/stafett.conf"
# E-mail to the fake mail server of test_email.py, on a port kept for it
# (nothing listens there while other files run: their notices fail and
# die within the short horizon). STARTTLS when offered, verified with the
# same test CA.
SMTP_PORT=$("$PYTHON3" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >>"$T/stafett.conf" <<CONF
smtp_url = smtp://127.0.0.1:$SMTP_PORT
smtp_from = stafett@stafett.test
smtp_starttls = try
smtp_ca_file = $T/pki/ca.pem
public_url = http://127.0.0.1:$PORT
CONF
# Logging in with ID-porten and the staff provider (test_oidc.py): the
# fake providers of fake_idp.py, on a port kept for them; stafett's client
# key for ID-porten made as an administrator makes it, the staff client's
# secret in a file of its own. Staff sessions are checked with the
# provider at every request (oidc_recheck_min 0).
IDP_PORT=$("$PYTHON3" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$T/staff-client-secret"
chmod 600 "$T/staff-client-secret"
STAFETT_CONFIG="$T/stafett.conf" "$BIN" oidc keygen "$T/idporten-client.jwk" \
	>"$T/idporten-client.pub.jwk"
cat >>"$T/stafett.conf" <<CONF
idporten_issuer = http://127.0.0.1:$IDP_PORT/idporten
idporten_client_id = stafett-test
idporten_client_key_file = $T/idporten-client.jwk
staff_issuer = http://127.0.0.1:$IDP_PORT/staff
staff_client_id = stafett-staff
staff_client_secret_file = $T/staff-client-secret
staff_subject_claim = oid
oidc_recheck_min = 0
CONF
export STAFETT_TEST_IDP_PORT="$IDP_PORT"
# Production gives nginx (www-data) the socket by its group
# (fcgi_socket_group); as root the tests do the same, and
# test_tls_site.py's nginx connects as www-data.
# (www-data may pass through the folders to the socket, and no more.)
if [ "$(id -u)" = 0 ] && getent group www-data >/dev/null; then
	echo "fcgi_socket_group = www-data" >>"$T/stafett.conf"
	chmod o+x "$T" "$T/run"
fi
export STAFETT_CONFIG="$T/stafett.conf"
"$BIN" migrate
"$BIN" seed "$top_srcdir/sql/seed/demo.sql"
"$BIN" seed "$top_srcdir/tests/system/fixtures.sql"
for u in ansatt leder helsesykepleier admin ansatt2 leder2 ppt nav laerer \
	forelder ungdom sfj.ansatt sfj.leder sfj.admin sfj.helse fact; do
	printf 'test-password-%s\n' "$u" | "$BIN" user password "$u"
done
# A copy of the forms, so a test can break one and reload.
cp -R "$top_srcdir/forms" "$T/forms"
chmod -R u+w "$T/forms"
export STAFETT_FORMS_DIR="$T/forms" STAFETT_XSL_DIR="$T/forms/xsl"
# The fault points of the sanitizer build (fcgi/core/fault.h) are armed by
# files the fault tests write here.
export STAFETT_FAULT_DIR="$T/faults"
mkdir -p "$STAFETT_FAULT_DIR"
stack_app_start "$T" "$BIN"
stack_nginx_start "$T" "$top_srcdir" "$PORT"
stack_wait_healthy "$PORT"

export STAFETT_TEST_URL="http://127.0.0.1:$PORT"
export STAFETT_TEST_DIR="$T" STAFETT_TEST_BIN="$BIN"
export STAFETT_TEST_SMTP_PORT="$SMTP_PORT"
rc=0
timeout 1200 "$PYTHON3" -m unittest discover -s "$top_srcdir/tests/system" \
	-p 'test_*.py' -v || rc=1

# Stop gracefully so every process runs its leak check, then look.
stack_nginx_stop "$T"
stack_app_stop "$T"
if ls "$T/log"/asan* >/dev/null 2>&1; then
	echo "system tests: sanitizer reports from the app:" >&2
	cat "$T/log"/asan* >&2
	rc=1
fi
if grep -q -E 'runtime error|AddressSanitizer' "$T/log/stafett.log" "$T/log/notify.log" 2>/dev/null; then
	echo "system tests: sanitizer errors in the app log" >&2
	rc=1
fi
if grep -E 'view cache: stale' "$T/log/stafett.log" >&2; then
	echo "system tests: a kept log page or its lists were out of date" >&2
	rc=1
fi
exit $rc
