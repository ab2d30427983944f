/* partner.c: the partner registry commands and the secrets on disk. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "cli.h"
#include "db.h"
#include "partner.h"
#include "secure.h"

/* The largest secret accepted: a PEM certificate chain fits. */
#define SECRET_MAX	65536
/* An HMAC key shorter than this is refused (RFC 2104: at least L). */
#define HMAC_KEY_MIN	32

static const char *const kinds[] = {
	"bup", "nav", "child_welfare", "ppt", "police", "other", NULL
};
static const char *const auths[] = { "mtls", "bearer", NULL };
static const char *const types[] = {
	"referral", "nav_notice", "cw_report", "handover", "cancellation",
	NULL
};
static const char *const secrets[] = { "hmac", "bearer", "cert", "key",
	"inbound_hmac", NULL };
/* The one secret the web workers read, through their group. */
#define INBOUND	"inbound_hmac"

static int
one_of(const char *const *set, const char *s)
{
	size_t i;

	for (i = 0; set[i] != NULL; i++)
		if (strcmp(set[i], s) == 0)
			return 1;
	return 0;
}

int
partner_kind_valid(const char *kind)
{
	return one_of(kinds, kind);
}

int
partner_auth_valid(const char *auth)
{
	return one_of(auths, auth);
}

int
partner_type_valid(const char *type)
{
	return one_of(types, type);
}

int
partner_endpoint_valid(const char *url)
{
	size_t i, len = strlen(url);

	if (len <= 8 || len > 500 || strncmp(url, "https://", 8) != 0)
		return 0;
	/* No user information, no blanks or controls: a URL that curl
	 * and a reader see the same way. */
	for (i = 0; i < len; i++)
		if ((unsigned char)url[i] <= ' ' || url[i] == 0x7f ||
		    url[i] == '@' || url[i] == '\\')
			return 0;
	return 1;
}

st_rc
partner_secret_path(const char *dir, const char *public_id,
    const char *secret, char *out, size_t outlen)
{
	int n;

	if (!secure_is_id(public_id) || !one_of(secrets, secret))
		return ST_E_INVALID;
	n = snprintf(out, outlen, "%s/%s/%s", dir, public_id, secret);
	if (n < 0 || (size_t)n >= outlen)
		return ST_E_TOO_BIG;
	return ST_OK;
}

st_rc
partner_secret_read(const char *dir, const char *public_id,
    const char *secret, char *out, size_t max, size_t *len)
{
	char path[1024];
	struct stat st;
	ssize_t n;
	size_t got = 0;
	int fd;
	st_rc rc;

	if (max == 0)
		return ST_E_TOO_BIG;
	if ((rc = partner_secret_path(dir, public_id, secret, path,
	    sizeof(path))) != ST_OK)
		return rc;
	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) < 0)
		return errno == ENOENT ? ST_E_NOT_FOUND : ST_E_IO;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    (st.st_mode & (strcmp(secret, INBOUND) == 0 ? 037 : 077)) != 0) {
		close(fd);
		return ST_E_IO;
	}
	while (got < max - 1) {
		n = read(fd, out + got, max - 1 - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			close(fd);
			sodium_memzero(out, max);
			return ST_E_IO;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	while (got > 0 && (out[got - 1] == '\n' || out[got - 1] == '\r'))
		got--;
	out[got] = '\0';
	if (len != NULL)
		*len = got;
	return ST_OK;
}

static int
open_db(const struct conf *cfg, struct db *db)
{
	db_init(db, cfg->db_socket, cfg->db_host, cfg->db_port, cfg->db_user,
	    cfg->db_password, cfg->db_name);
	if (db_ensure(db) != ST_OK) {
		fprintf(stderr, "stafett: cannot connect to the database "
		    "(%s)\n", db->err);
		db_release(db);
		return -1;
	}
	return 0;
}

static int
partner_add(struct db *db, int argc, char **argv)
{
	char id[SECURE_ID_SIZE], accepts[128];
	struct db_val p[6];
	size_t i, nlen = strlen(argv[0]);
	int j;

	for (i = 0; i < nlen; i++)
		if ((unsigned char)argv[0][i] < ' ' || argv[0][i] == 0x7f)
			break;
	if (nlen == 0 || nlen > 200 || i < nlen) {
		fprintf(stderr, "stafett: a partner name has 1 to 200 "
		    "printable characters\n");
		return 2;
	}
	if (!partner_kind_valid(argv[1])) {
		fprintf(stderr, "stafett: kind must be bup, nav, "
		    "child_welfare, ppt, police or other\n");
		return 2;
	}
	if (!partner_endpoint_valid(argv[2])) {
		fprintf(stderr, "stafett: the endpoint must be an https:// "
		    "URL (at most 500 characters, no user name)\n");
		return 2;
	}
	if (!partner_auth_valid(argv[3])) {
		fprintf(stderr, "stafett: auth must be mtls or bearer\n");
		return 2;
	}
	accepts[0] = '\0';
	for (j = 4; j < argc; j++) {
		if (!partner_type_valid(argv[j])) {
			fprintf(stderr, "stafett: unknown message type '%s' "
			    "(referral, nav_notice, cw_report, handover, "
			    "cancellation)\n", argv[j]);
			return 2;
		}
		if (accepts[0] != '\0')
			(void)strncat(accepts, ",",
			    sizeof(accepts) - strlen(accepts) - 1);
		(void)strncat(accepts, argv[j],
		    sizeof(accepts) - strlen(accepts) - 1);
	}
	secure_random_id(id);
	p[0] = DV_STR(id);
	p[1] = DV_STR(argv[0]);
	p[2] = DV_STR(argv[1]);
	p[3] = DV_STR(argv[2]);
	p[4] = DV_STR(argv[3]);
	p[5] = DV_STR(accepts);
	if (db_exec(db, STMT_PARTNER_INSERT, p, 6, NULL, NULL) != ST_OK) {
		fprintf(stderr, "stafett: cannot add the partner (%s)\n",
		    db->err);
		return 1;
	}
	/* The id alone on standard output, for scripts. */
	printf("%s\n", id);
	return 0;
}

static int
partner_exists(struct db *db, const char *id)
{
	struct db_res res;
	struct db_val p[1];
	int found;

	if (!secure_is_id(id))
		return 0;
	p[0] = DV_STR(id);
	if (db_query(db, STMT_PARTNER_EXISTS, p, 1, 1, &res) != ST_OK)
		return 0;
	found = res.nrows == 1;
	db_res_release(&res);
	return found;
}

/* Make dir (and nothing above it) with mode (0700, or 0750 for what
 * the web workers read) if it is missing; never more open than that. */
static int
private_dir(const char *dir, mode_t mode)
{
	struct stat st;

	if (mkdir(dir, mode) != 0 && errno != EEXIST)
		return -1;
	if (lstat(dir, &st) != 0 || !S_ISDIR(st.st_mode) ||
	    st.st_uid != geteuid())
		return -1;
	if ((st.st_mode & 0777 & ~mode) != 0 && chmod(dir, mode) != 0)
		return -1;
	return 0;
}

static int
write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int
partner_secret(const struct conf *cfg, struct db *db, const char *id,
    const char *what)
{
	static char val[SECRET_MAX + 1];
	char pdir[1024], path[1024], tmp[1100];
	const char *dir;
	size_t n = 0;
	mode_t dmode = 0700, fmode = 0600;
	int fd, rc = 1, inbound;

	if (strcmp(what, "inbound-hmac") == 0)
		what = INBOUND;
	if (!one_of(secrets, what)) {
		fprintf(stderr, "stafett: the secret is hmac, bearer, cert, "
		    "key or inbound-hmac\n");
		return 2;
	}
	inbound = strcmp(what, INBOUND) == 0;
	dir = inbound ? cfg->partner_inbound_dir : cfg->partner_secrets_dir;
	if (inbound) {
		dmode = 0750;
		fmode = 0640;
	}
	if (!partner_exists(db, id)) {
		fprintf(stderr, "stafett: no partner '%s'\n", id);
		return 1;
	}
	n = fread(val, 1, sizeof(val), stdin);
	if (n > SECRET_MAX) {
		fprintf(stderr, "stafett: the secret is too long\n");
		goto out;
	}
	/* A trailing newline from echo or a terminal is not part of a
	 * token or key; PEM files keep theirs inside. */
	if (strcmp(what, "hmac") == 0 || strcmp(what, "bearer") == 0 ||
	    inbound)
		while (n > 0 && (val[n - 1] == '\n' || val[n - 1] == '\r'))
			n--;
	if (n == 0 || memchr(val, '\0', n) != NULL) {
		fprintf(stderr, "stafett: no secret on standard input\n");
		goto out;
	}
	if ((strcmp(what, "hmac") == 0 || inbound) && n < HMAC_KEY_MIN) {
		fprintf(stderr, "stafett: an HMAC key needs at least %d "
		    "bytes\n", HMAC_KEY_MIN);
		goto out;
	}
	if ((strcmp(what, "cert") == 0 || strcmp(what, "key") == 0) &&
	    strstr(val, "-----BEGIN ") == NULL) {
		fprintf(stderr, "stafett: a certificate or key must be "
		    "PEM\n");
		goto out;
	}
	if (partner_secret_path(dir, id, what, path, sizeof(path)) != ST_OK ||
	    (size_t)snprintf(pdir, sizeof(pdir), "%s/%s", dir, id) >=
	    sizeof(pdir) ||
	    (size_t)snprintf(tmp, sizeof(tmp), "%s.new", path) >=
	    sizeof(tmp)) {
		fprintf(stderr, "stafett: '%s' is too long\n", dir);
		goto out;
	}
	if (private_dir(dir, dmode) != 0 || private_dir(pdir, dmode) != 0) {
		fprintf(stderr, "stafett: cannot make a private directory "
		    "'%s'\n", pdir);
		goto out;
	}
	/* Written beside and renamed, so notify never reads half a key. */
	(void)unlink(tmp);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    fmode);
	if (fd < 0) {
		fprintf(stderr, "stafett: cannot write '%s': %s\n", tmp,
		    strerror(errno));
		goto out;
	}
	if (write_all(fd, val, n) != 0 || fsync(fd) != 0) {
		fprintf(stderr, "stafett: cannot write '%s'\n", tmp);
		close(fd);
		(void)unlink(tmp);
		goto out;
	}
	close(fd);
	if (rename(tmp, path) != 0) {
		fprintf(stderr, "stafett: cannot rename to '%s'\n", path);
		(void)unlink(tmp);
		goto out;
	}
	fprintf(stderr, "stafett: %s of partner '%s' stored\n", what, id);
	rc = 0;
out:
	sodium_memzero(val, sizeof(val));
	return rc;
}

/*
 * A new bearer token for the partner's receipts: printed once on
 * standard output, kept only as its hash; it replaces the one before.
 */
static int
partner_token(struct db *db, const char *id)
{
	unsigned char hash[SECURE_HASH_LEN];
	char token[SECURE_TOKEN_SIZE];
	struct db_val p[2];
	int rc = 1;

	if (!partner_exists(db, id)) {
		fprintf(stderr, "stafett: no partner '%s'\n", id);
		return 1;
	}
	secure_token(token);
	secure_hash(token, SECURE_TOKEN_LEN, hash);
	p[0] = DV_BLOB(hash, sizeof(hash));
	p[1] = DV_STR(id);
	if (db_exec(db, STMT_PARTNER_SET_TOKEN, p, 2, NULL, NULL) != ST_OK)
		fprintf(stderr, "stafett: cannot store the token (%s)\n",
		    db->err);
	else {
		printf("%s\n", token);
		fprintf(stderr, "stafett: receipt token of partner '%s' "
		    "issued; it is not shown again\n", id);
		rc = 0;
	}
	sodium_memzero(token, sizeof(token));
	return rc;
}

static int
partner_list(const struct conf *cfg, struct db *db)
{
	static const char *const names[] = { "hmac", "bearer", "cert", "key" };
	struct db_res res;
	size_t i, k;

	if (db_query(db, STMT_PARTNER_LIST, NULL, 0, 10000, &res) != ST_OK) {
		fprintf(stderr, "stafett: cannot list partners (%s)\n",
		    db->err);
		return 1;
	}
	for (i = 0; i < res.nrows; i++) {
		const char *id = db_get(&res, i, 0);

		printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\twaiting %s\tsecrets", id,
		    db_get(&res, i, 1), db_get(&res, i, 2), db_get(&res, i, 3),
		    db_get(&res, i, 4), db_get(&res, i, 5), db_get(&res, i, 6),
		    db_get(&res, i, 7));
		/* Which secrets are in place, never what they are. */
		for (k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
			char path[1024];

			if (partner_secret_path(cfg->partner_secrets_dir, id,
			    names[k], path, sizeof(path)) == ST_OK &&
			    access(path, F_OK) == 0)
				printf(" %s", names[k]);
		}
		/* and what the partner's receipts are checked with */
		{
			char path[1024];

			if (partner_secret_path(cfg->partner_inbound_dir, id,
			    INBOUND, path, sizeof(path)) == ST_OK &&
			    access(path, F_OK) == 0)
				printf(" inbound-hmac");
			if (db_get_int(&res, i, 8))
				printf(" receipt-token");
		}
		printf("\n");
	}
	db_res_release(&res);
	return 0;
}

static int
partner_status(struct db *db, const char *id, const char *status)
{
	struct db_val p[2];

	if (!partner_exists(db, id)) {
		fprintf(stderr, "stafett: no partner '%s'\n", id);
		return 1;
	}
	p[0] = DV_STR(status);
	p[1] = DV_STR(id);
	if (db_exec(db, STMT_PARTNER_SET_STATUS, p, 2, NULL, NULL) != ST_OK) {
		fprintf(stderr, "stafett: cannot change the partner (%s)\n",
		    db->err);
		return 1;
	}
	fprintf(stderr, "stafett: partner '%s' is %s\n", id, status);
	return 0;
}

int
cmd_partner(const struct conf *cfg, int argc, char **argv)
{
	struct db db;
	int rc;

	if (argc < 1 ||
	    (strcmp(argv[0], "add") == 0 && argc < 6) ||
	    (strcmp(argv[0], "secret") == 0 && argc != 3) ||
	    (strcmp(argv[0], "token") == 0 && argc != 2) ||
	    (strcmp(argv[0], "list") == 0 && argc != 1) ||
	    ((strcmp(argv[0], "pause") == 0 ||
	    strcmp(argv[0], "resume") == 0) && argc != 2)) {
		fprintf(stderr, "usage: stafett partner add NAME KIND URL AUTH "
		    "TYPE... | secret ID hmac|bearer|cert|key|inbound-hmac | "
		    "token ID | list | pause ID | resume ID\n");
		return 2;
	}
	if (open_db(cfg, &db) != 0)
		return 1;
	if (strcmp(argv[0], "add") == 0)
		rc = partner_add(&db, argc - 1, argv + 1);
	else if (strcmp(argv[0], "secret") == 0)
		rc = partner_secret(cfg, &db, argv[1], argv[2]);
	else if (strcmp(argv[0], "token") == 0)
		rc = partner_token(&db, argv[1]);
	else if (strcmp(argv[0], "list") == 0)
		rc = partner_list(cfg, &db);
	else if (strcmp(argv[0], "pause") == 0)
		rc = partner_status(&db, argv[1], "paused");
	else if (strcmp(argv[0], "resume") == 0)
		rc = partner_status(&db, argv[1], "active");
	else {
		fprintf(stderr, "stafett: unknown partner command '%s'\n",
		    argv[0]);
		rc = 2;
	}
	db_release(&db);
	return rc;
}
