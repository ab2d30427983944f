#!/bin/sh
# check_install.sh: make install makes a service that runs (issue 19).
# Installs twice from the build tree: with DESTDIR (as a package build
# does: nothing outside it, every path inside it the configured one)
# and into a prefix of its own, whose units then name a program that
# exists. Checks that every migration, form, stylesheet and translation
# is there and loads with the installed program, that no placeholder is
# left, that systemd accepts both units and rates their sandbox "OK"
# (exposure at most 2.0 of 10), and that nginx accepts the TLS site.
set -u
cd "${top_builddir:-.}" || exit 1
src=${top_srcdir:-.}
rc=0
fail() { echo "check_install: $*" >&2; rc=1; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

# -- DESTDIR: everything under it, at the configured paths
make -s install DESTDIR="$T/dest" >"$T/dest.log" 2>&1 || {
	cat "$T/dest.log" >&2
	exit 1
}
prefix=$(sed -n 's/^prefix = //p' Makefile)
pfx="$T/dest$prefix"
for f in bin/stafett share/stafett/forms/concern.xml \
    share/stafett/forms/xsl/_layout.xsl share/stafett/static/stafett.css \
    share/stafett/static/errors/no-answer.html \
    share/stafett/stafett.conf.example \
    share/stafett/nginx/stafett-site.conf \
    share/stafett/nginx/stafett-server.conf \
    share/stafett/nginx/stafett-http.conf \
    share/stafett/nginx/stafett-headers.conf \
    share/stafett/nginx/ffdhe2048.pem \
    share/locale/nb/LC_MESSAGES/stafett.mo \
    share/locale/nn/LC_MESSAGES/stafett.mo \
    share/man/man8/stafett.8 share/man/man5/stafett.conf.5 \
    lib/systemd/system/stafett.service \
    lib/systemd/system/stafett-notify.service \
    lib/sysusers.d/stafett.conf lib/tmpfiles.d/stafett.conf \
    lib/systemd/journald@stafett.conf.d/stafett.conf; do
	[ -s "$pfx/$f" ] || fail "make install did not install $prefix/$f"
done
n_src=$(ls "$src"/sql/*.sql | wc -l)
n_inst=$(ls "$pfx"/share/stafett/sql/*.sql | wc -l)
[ "$n_src" = "$n_inst" ] ||
	fail "$n_inst of the $n_src migrations installed"
n_src=$(ls "$src"/forms/xsl/*.xsl | wc -l)
n_inst=$(ls "$pfx"/share/stafett/forms/xsl/*.xsl | wc -l)
[ "$n_src" = "$n_inst" ] ||
	fail "$n_inst of the $n_src stylesheets installed"
grep -q "^ExecStart=$prefix/bin/stafett serve$" \
    "$pfx/lib/systemd/system/stafett.service" ||
	fail "stafett.service does not start $prefix/bin/stafett serve"
left=$(grep -rlI '@[A-Z_][A-Z_]*@' "$T/dest" || true)
[ -z "$left" ] || fail "placeholders left in: $left"

# -- a prefix of its own: the units name a program that is there
make -s install prefix="$T/pfx" >"$T/pfx.log" 2>&1 || {
	cat "$T/pfx.log" >&2
	exit 1
}
units="$T/pfx/lib/systemd/system"
if command -v systemd-analyze >/dev/null 2>&1; then
	systemd-analyze verify --man=no "$units/stafett.service" \
	    "$units/stafett-notify.service" >"$T/verify.log" 2>&1 ||
		fail "systemd-analyze verify: $(cat "$T/verify.log")"
	for u in stafett stafett-notify; do
		# the overall exposure, 0 (none) to 10; "OK" is below 4
		systemd-analyze security --offline=true --threshold=20 \
		    "$units/$u.service" >"$T/security.log" 2>&1 ||
			fail "$u.service: exposure above 2.0: $(tail -n 1 "$T/security.log")"
		grep -q 'Overall exposure level.*OK' "$T/security.log" ||
			fail "$u.service: $(tail -n 1 "$T/security.log")"
	done
	# the web workers never see the partners' keys
	grep -q '^InaccessiblePaths=-'"$T"'/pfx/etc/stafett/partners$' \
	    "$units/stafett.service" ||
		fail "stafett.service does not hide the partners' keys"
else
	echo "check_install: systemd-analyze not found (apt-get install systemd)" >&2
	rc=1
fi

# The installed program loads the installed forms and stylesheets.
STAFETT_CONFIG=/dev/null STAFETT_FORMS_DIR="$T/pfx/share/stafett/forms" \
    STAFETT_XSL_DIR="$T/pfx/share/stafett/forms/xsl" \
    "$T/pfx/bin/stafett" check >"$T/check.log" 2>&1 ||
	fail "the installed stafett check: $(cat "$T/check.log")"

# nginx accepts the TLS site as installed, with a certificate in place.
tls="$T/pfx/etc/stafett/tls"
mkdir -p "$tls" "$T/nginx"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost \
    -keyout "$tls/privkey.pem" -out "$tls/fullchain.pem" >/dev/null 2>&1
cp "$tls/fullchain.pem" "$tls/chain.pem"
cat >"$T/nginx.conf" <<EOF
pid $T/nginx.pid;
error_log $T/nginx-error.log;
events {}
http {
	include /etc/nginx/mime.types;
	include $T/pfx/share/stafett/nginx/stafett-site.conf;
}
EOF
"${NGINX_BIN:-nginx}" -t -p "$T/nginx" -c "$T/nginx.conf" \
    -e "$T/nginx-error.log" >"$T/nginx-t.log" 2>&1 ||
	fail "nginx -t on the installed site: $(cat "$T/nginx-t.log")"

# uninstall leaves nothing of stafett's behind
make -s uninstall DESTDIR="$T/dest" >/dev/null 2>&1 ||
	fail "make uninstall failed"
left=$(find "$T/dest" -type f | head -n 5)
[ -z "$left" ] || fail "make uninstall left: $left"
exit $rc
