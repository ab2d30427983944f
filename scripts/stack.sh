# stack.sh: start and stop a private stafett stack (MariaDB, the app,
# nginx) under one directory. Sourced by scripts/run, scripts/stop and the
# system tests, so development and tests run the same way.
#
# Layout under $dir: db/ (MariaDB data), run/ (sockets, pid files),
# log/ (logs), secret, db.password, stafett.conf, nginx.conf.

stack_user() { id -un; }

# stack_until CMD...: run CMD every tenth of a second until it succeeds,
# for at most 30 s (then 1).
stack_until() {
	n=0
	until "$@"; do
		n=$((n + 1))
		[ $n -le 300 ] || return 1
		sleep 0.1
	done
}

# stack_gone PID / stack_group_gone PID: the process, or its whole
# process group (and the pid itself), has exited.
stack_gone() { ! kill -0 "$1" 2>/dev/null; }
stack_group_gone() {
	! kill -0 "-$1" 2>/dev/null && ! kill -0 "$1" 2>/dev/null
}

# stack_private_logs DIR: the logs are the operators', not everyone's:
# the folder 0750, what is in it readable by no other (issue 15).
stack_private_logs() {
	mkdir -p "$1/log"
	chmod 0750 "$1/log"
	chmod o-rwx "$1"/log/* 2>/dev/null || true
}

# stack_db_start DIR: install the data directory if needed, start mariadbd
# on DIR/run/db.sock (no TCP), wait until it answers.
stack_db_start() {
	dir=$1
	mkdir -p "$dir/db" "$dir/run" "$dir/log"
	stack_private_logs "$dir"
	if [ ! -d "$dir/db/mysql" ]; then
		${MARIADB_INSTALL_DB:-mariadb-install-db} --no-defaults \
			--datadir="$dir/db" --user="$(stack_user)" \
			--auth-root-authentication-method=socket \
			--skip-test-db >"$dir/log/db-install.log" 2>&1 || {
			echo "stack: mariadb-install-db failed; see $dir/log/db-install.log" >&2
			return 1
		}
	fi
	if stack_db_up "$dir"; then
		return 0
	fi
	# Started through setsid so it outlives the shell that started it.
	setsid "${MARIADBD:-mariadbd}" --no-defaults --datadir="$dir/db" \
		--socket="$dir/run/db.sock" --pid-file="$dir/run/db.pid" \
		--skip-networking --user="$(stack_user)" \
		--log-error="$dir/log/db.log" \
		--innodb-buffer-pool-size="${STAFETT_DB_BUFFER_POOL:-256M}" \
		--max-connections=400 \
		--character-set-server=utf8mb4 \
		--collation-server=utf8mb4_unicode_ci \
		${STAFETT_DB_OPTS:-} \
		</dev/null >/dev/null 2>&1 &
	stack_until stack_db_up "$dir" || {
		echo "stack: MariaDB did not start; see $dir/log/db.log" >&2
		return 1
	}
}

stack_db_up() {
	mariadb --no-defaults -S "$1/run/db.sock" -u root -e 'SELECT 1' \
		>/dev/null 2>&1
}

# stack_sql DIR SQL: run SQL as the database administrator.
stack_sql() {
	mariadb --no-defaults -S "$1/run/db.sock" -u root -N -B -e "$2"
}

stack_db_stop() {
	dir=$1
	if [ -f "$dir/run/db.pid" ]; then
		pid=$(cat "$dir/run/db.pid")
		kill "$pid" 2>/dev/null || true
		stack_until stack_gone "$pid" || true
		kill -9 "$pid" 2>/dev/null || true
		rm -f "$dir/run/db.pid"
	fi
}

# stack_secrets DIR: the server key and the database password, made once.
stack_secrets() {
	dir=$1
	umask 077
	[ -s "$dir/secret" ] || od -An -tx1 -N32 /dev/urandom | tr -d ' \n' >"$dir/secret"
	[ -s "$dir/db.password" ] || od -An -tx1 -N18 /dev/urandom | tr -d ' \n' >"$dir/db.password"
	umask 022
}

# stack_db_setup DIR: the database and the application's account, which
# may read and write rows and call the schema's procedures (a concern's
# writes in one round trip, sql/0027_concern_store.sql) but not change
# the schema.
stack_db_setup() {
	dir=$1
	pw=$(cat "$dir/db.password")
	stack_sql "$dir" "
CREATE DATABASE IF NOT EXISTS stafett CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'stafett'@'localhost' IDENTIFIED BY '$pw';
ALTER USER 'stafett'@'localhost' IDENTIFIED BY '$pw';
GRANT SELECT, INSERT, UPDATE, DELETE, EXECUTE ON stafett.* TO 'stafett'@'localhost';"
}

# stack_conf DIR SRCDIR BUILDDIR [WORKERS]: write DIR/stafett.conf.
stack_conf() {
	dir=$1 src=$2 build=$3 workers=${4:-4}
	umask 077
	cat >"$dir/stafett.conf" <<CONF
# stafett.conf: written by scripts/stack.sh for a private development or
# test stack. Every key can be overridden by STAFETT_<KEY> in the environment.
db_socket = $dir/run/db.sock
db_name = stafett
db_user = stafett
# the password in a file of its own (mode 0600), not here
db_password_file = $dir/db.password
# migrations run as the database administrator (socket authentication)
db_admin_user = root
db_admin_password =
fcgi_socket = $dir/run/stafett.sock
pid_file = $dir/run/stafett.pid
workers = $workers
forms_dir = $src/forms
xsl_dir = $src/forms/xsl
sql_dir = $src/sql
locale_dir = $build/po/locale
secret_file = $dir/secret
partner_secrets_dir = $dir/partners
partner_inbound_dir = $dir/partners-inbound
archive_dir = $dir/archive
CONF
	umask 022
}

# stack_app_start DIR BINARY: the FastCGI server and the notify process.
stack_app_start() {
	dir=$1 bin=$2
	stack_private_logs "$dir"
	rm -f "$dir/run/stafett.sock"
	STAFETT_CONFIG="$dir/stafett.conf" setsid "$bin" serve \
		</dev/null >>"$dir/log/stafett.log" 2>&1 &
	STAFETT_CONFIG="$dir/stafett.conf" setsid "$bin" notify \
		</dev/null >>"$dir/log/notify.log" 2>&1 &
	echo $! >"$dir/run/notify.pid"
	stack_until test -S "$dir/run/stafett.sock" || {
		echo "stack: stafett serve did not start; see $dir/log/stafett.log" >&2
		tail -n 20 "$dir/log/stafett.log" >&2
		return 1
	}
}

# stack_kill_pidfile FILE [SIGNAL]: ask the process to stop gracefully
# (TERM, or QUIT for nginx), wait up to 30 s, then KILL.
stack_kill_pidfile() {
	f=$1 sig=${2:-TERM}
	pid=$(cat "$f" 2>/dev/null || true)
	if [ -n "$pid" ]; then
		kill -"$sig" "$pid" 2>/dev/null || true
		stack_until stack_gone "$pid" || true
		kill -9 "$pid" 2>/dev/null || true
		rm -f "$f"
	fi
}

# stack_kill_group FILE: as stack_kill_pidfile, for the whole process
# group of the pid in FILE (serve is started by setsid: its master leads
# the group, and its workers are in it even if the master is gone).
stack_kill_group() {
	f=$1
	pid=$(cat "$f" 2>/dev/null || true)
	if [ -n "$pid" ]; then
		# (the pid alone too, should it not lead a group of its own)
		kill -TERM "-$pid" 2>/dev/null || kill -TERM "$pid" \
			2>/dev/null || true
		stack_until stack_group_gone "$pid" || true
		kill -KILL "-$pid" 2>/dev/null || kill -KILL "$pid" \
			2>/dev/null || true
		rm -f "$f"
	fi
}

stack_app_stop() {
	stack_kill_pidfile "$1/run/notify.pid"
	stack_kill_group "$1/run/stafett.pid"
}

# stack_nginx_start DIR SRCDIR PORT: nginx on 127.0.0.1:PORT, with the
# same server block as production (nginx/stafett-server.conf.in), in
# front of DIR's serve or of each socket in STACK_SOCKETS.
stack_nginx_start() {
	dir=$1 src=$2 port=$3
	mkdir -p "$dir/nginx"
	r="$src/scripts/render"
	# the stack's serve, or the sockets of several (STACK_SOCKETS)
	app="" health=""
	for s in ${STACK_SOCKETS:-$dir/run/stafett.sock}; do
		app="$app server unix:$s;"
		health="$health server unix:$s.health;"
	done
	$r "$src/nginx/stafett-http.conf.in" "$dir/nginx/stafett-http.conf" \
	    APP_SERVERS="$app" HEALTH_SERVERS="$health" &&
	cp "$src/nginx/stafett-headers.conf" "$dir/nginx/" &&
	$r "$src/nginx/stafett-server.conf.in" \
	    "$dir/nginx/stafett-server.conf" CONF="$dir/nginx" \
	    STATIC="$src/forms/static" &&
	$r "$src/nginx/stafett.conf.in" "$dir/nginx.conf" PORT="$port" \
	    DIR="$dir" CONF="$dir/nginx" USER="$(stack_user)" || return 1
	"${NGINX_BIN:-nginx}" -p "$dir/nginx" -c "$dir/nginx.conf" \
		-e "$dir/log/nginx-error.log" || {
		echo "stack: nginx did not start; see $dir/log/nginx-error.log" >&2
		return 1
	}
}

# stack_wait_healthy PORT: until /healthz on PORT says ok (the monitor
# has seen the database answer and write), at most 30 s.
stack_wait_healthy() {
	stack_until curl -fsS -m 2 -o /dev/null "http://127.0.0.1:$1/healthz" \
		2>/dev/null || {
		echo "stack: stafett did not become healthy on port $1" >&2
		return 1
	}
}

stack_nginx_stop() {
	stack_kill_pidfile "$1/run/nginx.pid" QUIT
}

stack_stop_all() {
	stack_nginx_stop "$1"
	stack_app_stop "$1"
	stack_db_stop "$1"
}
