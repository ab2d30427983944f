/* migrate.c: applying schema migrations and seed files. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mysql.h>
#include <sodium.h>

#include "buf.h"
#include "cli.h"
#include "db.h"
#include "mem.h"

#define SQL_FILE_MAX	(4 * 1024 * 1024)

/*
 * Migrations are trusted files from the repository, run with the admin
 * account over a connection that allows multiple statements. They are the
 * only SQL not in stmt.c: schema changes are not runtime statements and
 * take no input. Each file runs once; its SHA-256 is recorded so that an
 * edited, already applied migration is reported instead of ignored.
 */

static const char migration_table[] =
    "CREATE TABLE IF NOT EXISTS schema_migration ("
    " version INT UNSIGNED NOT NULL PRIMARY KEY"
    "  COMMENT 'the NNNN of sql/NNNN_name.sql',"
    " name VARCHAR(200) NOT NULL COMMENT 'the file name',"
    " checksum CHAR(64) NOT NULL COMMENT 'SHA-256 of the file as applied',"
    " applied_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)"
    "  COMMENT 'when it was applied'"
    ") ENGINE=InnoDB COMMENT='migrations applied to this database'";

/* A Galera cluster (db_galera): the first of its nodes that answers;
 * a schema change is replicated to the others as it runs. */
static MYSQL *
connect_admin(const struct conf *cfg)
{
	int usesock = *cfg->db_socket != '\0';
	const char *list = usesock ? cfg->db_socket : cfg->db_host;
	unsigned i, n = cfg->db_galera ? db_node_count(list) : 1;
	char addr[512];
	MYSQL *my;

	for (i = 0; i < n; i++) {
		if (cfg->db_galera)
			db_node_at(list, i, addr, sizeof(addr));
		else
			snprintf(addr, sizeof(addr), "%s", list);
		my = mysql_init(NULL);
		mysql_options(my, MYSQL_SET_CHARSET_NAME, "utf8mb4");
		mysql_options(my, MYSQL_INIT_COMMAND,
		    "SET time_zone = '+00:00'");
		if (mysql_real_connect(my, usesock ? "localhost" : addr,
		    cfg->db_admin_user, cfg->db_admin_password, cfg->db_name,
		    usesock ? 0 : cfg->db_port, usesock ? addr : NULL,
		    CLIENT_MULTI_STATEMENTS) != NULL)
			return my;
		fprintf(stderr, "stafett: cannot connect to database '%s' as "
		    "'%s': %s\n", cfg->db_name, cfg->db_admin_user,
		    mysql_error(my));
		mysql_close(my);
	}
	return NULL;
}

/* Run text with possibly many statements; drain every result. */
static int
run_multi(MYSQL *my, const char *what, const char *sql, size_t len)
{
	int status;

	if (mysql_real_query(my, sql, (unsigned long)len) != 0) {
		fprintf(stderr, "stafett: %s: %s\n", what, mysql_error(my));
		return -1;
	}
	do {
		MYSQL_RES *res = mysql_store_result(my);

		if (res != NULL)
			mysql_free_result(res);
		else if (mysql_field_count(my) != 0) {
			fprintf(stderr, "stafett: %s: %s\n", what,
			    mysql_error(my));
			return -1;
		}
		status = mysql_next_result(my);
		if (status > 0) {
			fprintf(stderr, "stafett: %s: %s\n", what,
			    mysql_error(my));
			return -1;
		}
	} while (status == 0);
	return 0;
}

static int
read_file(const char *path, struct buf *out)
{
	char chunk[8192];
	FILE *fp = fopen(path, "rb");
	size_t n;

	if (fp == NULL) {
		fprintf(stderr, "stafett: cannot read '%s': %s\n", path,
		    strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		if (buf_add(out, chunk, n) != ST_OK) {
			fprintf(stderr, "stafett: '%s' is too large\n", path);
			fclose(fp);
			return -1;
		}
	fclose(fp);
	return 0;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* One prepared statement with string parameters and at most one row. */
static int
prepared(MYSQL *my, const char *sql, const char **params, int n,
    char *out, size_t outlen, int *found)
{
	MYSQL_STMT *st = mysql_stmt_init(my);
	MYSQL_BIND b[4], rb[1];
	unsigned long lens[4], rlen = 0;
	my_bool isnull = 0;
	int i, rc = -1;

	memset(b, 0, sizeof(b));
	for (i = 0; i < n; i++) {
		lens[i] = (unsigned long)strlen(params[i]);
		b[i].buffer_type = MYSQL_TYPE_STRING;
		b[i].buffer = (void *)params[i];
		b[i].buffer_length = lens[i];
		b[i].length = &lens[i];
	}
	if (found != NULL)
		*found = 0;
	if (mysql_stmt_prepare(st, sql, strlen(sql)) != 0 ||
	    (n > 0 && mysql_stmt_bind_param(st, b) != 0) ||
	    mysql_stmt_execute(st) != 0) {
		fprintf(stderr, "stafett: %s\n", mysql_stmt_error(st));
		goto out;
	}
	if (out != NULL) {
		memset(rb, 0, sizeof(rb));
		rb[0].buffer_type = MYSQL_TYPE_STRING;
		rb[0].buffer = out;
		rb[0].buffer_length = outlen;
		rb[0].length = &rlen;
		rb[0].is_null = &isnull;
		if (mysql_stmt_bind_result(st, rb) != 0)
			goto out;
		if (mysql_stmt_fetch(st) == 0 && found != NULL && !isnull) {
			*found = 1;
			out[rlen < outlen ? rlen : outlen - 1] = '\0';
		}
	}
	rc = 0;
out:
	mysql_stmt_close(st);
	return rc;
}

/* The file's SHA-256 as hex into hex[65]. */
static void
checksum(const struct buf *sql, char *hex)
{
	unsigned char digest[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(digest, (const unsigned char *)sql->data, sql->len);
	sodium_bin2hex(hex, 2 * crypto_hash_sha256_BYTES + 1, digest,
	    sizeof(digest));
}

/* Apply one migration file: 1 if applied now, 0 if it was, -1 on error. */
static int
apply_one(MYSQL *my, const char *dir, const char *name)
{
	struct buf path = BUF_INIT(4096), sql = BUF_INIT(SQL_FILE_MAX);
	struct buf full = BUF_INIT(SQL_FILE_MAX + 4096);
	char hex[2 * crypto_hash_sha256_BYTES + 1], ver[8], stored[80];
	const char *params[3];
	int found = 0, rc = -1;

	memcpy(ver, name, 4);
	ver[4] = '\0';
	params[0] = ver;
	params[1] = name;
	params[2] = hex;
	if (buf_addf(&path, "%s/%s", dir, name) != ST_OK ||
	    read_file(path.data, &sql) != 0)
		goto out;
	checksum(&sql, hex);
	if (prepared(my, "SELECT checksum FROM schema_migration WHERE "
	    "version = ?", params, 1, stored, sizeof(stored), &found) != 0)
		goto out;
	if (found) {
		if (strcmp(stored, hex) == 0)
			rc = 0;
		else
			fprintf(stderr, "stafett: migration '%s' was changed "
			    "after it was applied; add a new migration "
			    "instead\n", name);
		goto out;
	}
	/* DDL commits implicitly in MariaDB; data-only migrations are
	 * atomic with their record. */
	if (buf_addstr(&full, "START TRANSACTION;\n") != ST_OK ||
	    buf_add(&full, sql.data, sql.len) != ST_OK ||
	    buf_addstr(&full, "\n;") != ST_OK ||
	    run_multi(my, name, full.data, full.len) != 0 ||
	    prepared(my, "INSERT INTO schema_migration (version, name, "
	    "checksum) VALUES (?, ?, ?)", params, 3, NULL, 0, NULL) != 0 ||
	    run_multi(my, "commit", "COMMIT", 6) != 0)
		goto out;
	fprintf(stderr, "stafett: applied %s\n", name);
	rc = 1;
out:
	buf_release(&path);
	buf_release(&sql);
	buf_release(&full);
	return rc;
}

int
cmd_migrate(const struct conf *cfg, int argc, char **argv)
{
	MYSQL *my;
	DIR *d;
	struct dirent *de;
	char **names = NULL, lockval[8];
	size_t n = 0, alloc = 0, i, applied = 0;
	int rc = 1, got;
	const char *lock[1] = { "stafett.migrate" };

	(void)argc;
	(void)argv;
	if ((my = connect_admin(cfg)) == NULL)
		return 1;
	if (run_multi(my, "migration table", migration_table,
	    strlen(migration_table)) != 0)
		goto out;
	/* Two migrate runs at once must not both apply a file. */
	if (prepared(my, "SELECT GET_LOCK(?, 60)", lock, 1, lockval,
	    sizeof(lockval), &got) != 0 || !got || strcmp(lockval, "1") != 0) {
		fprintf(stderr, "stafett: another migration is running\n");
		goto out;
	}
	if ((d = opendir(cfg->sql_dir)) == NULL) {
		fprintf(stderr, "stafett: cannot open '%s': %s\n", cfg->sql_dir,
		    strerror(errno));
		goto out;
	}
	while ((de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);

		if (len < 10 || de->d_name[4] != '_' ||
		    strspn(de->d_name, "0123456789") != 4 ||
		    strcmp(de->d_name + len - 4, ".sql") != 0)
			continue;
		if (n == alloc) {
			alloc = alloc ? alloc * 2 : 16;
			names = xrealloc(names, alloc * sizeof(*names));
		}
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), by_name);
	for (i = 0; i < n; i++) {
		int r = apply_one(my, cfg->sql_dir, names[i]);

		if (r < 0) {
			(void)run_multi(my, "rollback", "ROLLBACK", 8);
			goto unlock;
		}
		applied += (size_t)r;
	}
	fprintf(stderr, "stafett: database is up to date (%zu applied now, "
	    "%zu known)\n", applied, n);
	rc = 0;
unlock:
	(void)prepared(my, "SELECT RELEASE_LOCK(?)", lock, 1, NULL, 0, NULL);
out:
	for (i = 0; i < n; i++)
		xfree(names[i]);
	xfree(names);
	mysql_close(my);
	return rc;
}

int
cmd_seed(const struct conf *cfg, int argc, char **argv)
{
	struct buf sql = BUF_INIT(SQL_FILE_MAX);
	MYSQL *my;
	int rc = 1;

	if (argc != 1) {
		fprintf(stderr, "usage: stafett seed FILE\n");
		return 2;
	}
	if ((my = connect_admin(cfg)) == NULL)
		return 1;
	if (read_file(argv[0], &sql) == 0 &&
	    run_multi(my, argv[0], sql.data, sql.len) == 0) {
		fprintf(stderr, "stafett: seeded from '%s'\n", argv[0]);
		rc = 0;
	}
	buf_release(&sql);
	mysql_close(my);
	return rc;
}
