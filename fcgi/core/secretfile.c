/* secretfile.c: partners' secrets on disk (see secretfile.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "secretfile.h"
#include "secure.h"

const char *const partner_secret_names[] = { "hmac", "bearer", "cert",
	"key", PARTNER_INBOUND, NULL };

int
partner_secret_name_ok(const char *s)
{
	size_t i;

	for (i = 0; partner_secret_names[i] != NULL; i++)
		if (strcmp(partner_secret_names[i], s) == 0)
			return 1;
	return 0;
}

st_rc
partner_secret_path(const char *dir, const char *public_id,
    const char *secret, char *out, size_t outlen)
{
	int n;

	if (!secure_is_id(public_id) || !partner_secret_name_ok(secret))
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
	    (st.st_mode & (strcmp(secret, PARTNER_INBOUND) == 0 ?
	    037 : 077)) != 0) {
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

/*
 * A secret file may be read by its owner only, or, when root owns it, by
 * its group too: root then decides who is in the group. That is how an
 * installed stafett shares the database password and the server key
 * between serve and notify, two users in group stafett (systemd/), as
 * /etc/ssl/private does with group ssl-cert. Never by others, never
 * written by the group.
 */
static int
secret_mode_ok(const struct stat *st)
{
	if ((st->st_mode & 037) != 0)
		return 0;
	return st->st_uid == 0 || (st->st_mode & 070) == 0;
}

st_rc
secret_file_read(const char *key, const char *path, char *out,
    size_t outsize, size_t *len, char *err, size_t errlen)
{
	struct stat st;
	FILE *fp;
	size_t n;

	*len = 0;
	if ((fp = fopen(path, "r")) == NULL) {
		snprintf(err, errlen, "cannot read %s '%s': %s",
		    key, path, strerror(errno));
		return ST_E_CONFIG;
	}
	if (fstat(fileno(fp), &st) != 0 || !secret_mode_ok(&st)) {
		fclose(fp);
		snprintf(err, errlen, "%s '%s' must be readable by "
		    "its owner only (chmod 600), or owned by root and by "
		    "its group (chmod 640)", key, path);
		return ST_E_CONFIG;
	}
	n = fread(out, 1, outsize - 1, fp);
	fclose(fp);
	out[n] = '\0';
	*len = n;
	if (n == outsize - 1) {
		sodium_memzero(out, outsize);
		snprintf(err, errlen, "%s '%s' is too long", key, path);
		return ST_E_CONFIG;
	}
	return ST_OK;
}

st_rc
secret_password_read(const char *key, const char *path, char *out,
    size_t outsize, char *err, size_t errlen)
{
	size_t n = 0;
	st_rc rc;

	/* too long is said as not one line, below */
	if ((rc = secret_file_read(key, path, out, outsize, &n, err,
	    errlen)) != ST_OK && n != outsize - 1)
		return rc;
	while (n > 0 && (out[n - 1] == '\n' || out[n - 1] == '\r'))
		out[--n] = '\0';
	if (n == 0 || n >= outsize - 2 || strpbrk(out, "\r\n") != NULL) {
		sodium_memzero(out, outsize);
		snprintf(err, errlen, "%s '%s' must hold the password "
		    "on one line", key, path);
		return ST_E_CONFIG;
	}
	return ST_OK;
}
