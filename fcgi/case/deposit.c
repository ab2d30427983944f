/* deposit.c: the archive folder of a closed relay log (see deposit.h). */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "buf.h"
#include "deposit.h"
#include "log.h"

/* Forms and scans read at a time (a scan is up to 10 MB). */
#define FORMS_BATCH	50
#define SCANS_BATCH	1

struct dep {
	char		 dir[1024];	/* the folder being made */
	struct buf	 manifest;
};

static void
hex_sha256(const void *p, size_t n, char out[DEPOSIT_SHA_SIZE])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, p, n);
	sodium_bin2hex(out, DEPOSIT_SHA_SIZE, h, sizeof(h));
}

static st_rc
sync_dir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0 || fsync(fd) != 0) {
		log_err("deposit: cannot sync '%s': %s", path,
		    strerror(errno));
		if (fd >= 0)
			close(fd);
		return ST_E_IO;
	}
	close(fd);
	return ST_OK;
}

/* One file of the folder, new, whole and synced, and its manifest line
 * (what: the form and version, or the scan's type; NULL: nothing). */
static st_rc
put(struct dep *d, const char *rel, const void *data, size_t len,
    const char *what)
{
	char path[1200], sha[DEPOSIT_SHA_SIZE];
	const char *p = data;
	size_t off = 0;
	ssize_t n;
	int fd;

	if (snprintf(path, sizeof(path), "%s/%s", d->dir, rel) >=
	    (int)sizeof(path))
		return ST_E_TOO_BIG;
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC |
	    O_NOFOLLOW, 0640)) < 0) {
		log_err("deposit: cannot write '%s': %s", path,
		    strerror(errno));
		return ST_E_IO;
	}
	while (off < len) {
		n = write(fd, p + off, len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		off += (size_t)n;
	}
	if (off < len || fsync(fd) != 0) {
		log_err("deposit: cannot write '%s': %s", path,
		    strerror(errno));
		close(fd);
		return ST_E_IO;
	}
	close(fd);
	hex_sha256(data, len, sha);
	return buf_addf(&d->manifest, "%s  %s%s%s\n", sha, rel,
	    what != NULL ? "  " : "", what != NULL ? what : "");
}

/* The files of a folder this module made (two levels), then it. */
static void
remove_tree(const char *path)
{
	char sub[1200];
	struct dirent *e;
	struct stat st;
	DIR *dir;

	if ((dir = opendir(path)) == NULL)
		return;
	while ((e = readdir(dir)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
		if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode))
			remove_tree(sub);
		else
			(void)unlink(sub);
	}
	closedir(dir);
	(void)rmdir(path);
}

static const char *
scan_ext(const char *mime)
{
	if (strcmp(mime, "application/pdf") == 0)
		return "pdf";
	if (strcmp(mime, "image/png") == 0)
		return "png";
	if (strcmp(mime, "image/jpeg") == 0)
		return "jpg";
	return "bin";
}

static st_rc
forms(struct dep *d, struct db *db, long long log_id)
{
	struct db_val v[9];
	struct db_res res;
	long long after = 0;
	char rel[64], what[80];
	size_t i;
	st_rc rc;

	for (;;) {
		for (i = 0; i < 8; i++)
			v[i] = DV_INT(log_id);
		v[8] = DV_INT(after);
		if ((rc = db_query(db, STMT_DEPOSIT_FORMS, v, 9, FORMS_BATCH,
		    &res)) != ST_OK)
			return rc;
		for (i = 0; i < res.nrows && rc == ST_OK; i++) {
			snprintf(rel, sizeof(rel), "forms/%s.xml",
			    db_get(&res, i, 1));
			snprintf(what, sizeof(what), "%s %s",
			    db_get(&res, i, 2), db_get(&res, i, 3));
			rc = put(d, rel, db_get(&res, i, 4), res.len[i *
			    res.ncols + 4], what);
			after = db_get_int(&res, i, 0);
		}
		i = res.nrows;
		db_res_release(&res);
		if (rc != ST_OK || i < FORMS_BATCH)
			return rc;
	}
}

static st_rc
scans(struct dep *d, struct db *db, long long log_id)
{
	struct db_val v[2];
	struct db_res res;
	long long after = 0;
	char rel[64];
	size_t i;
	st_rc rc;

	for (;;) {
		v[0] = DV_INT(log_id);
		v[1] = DV_INT(after);
		if ((rc = db_query(db, STMT_DEPOSIT_SCANS, v, 2, SCANS_BATCH,
		    &res)) != ST_OK)
			return rc;
		for (i = 0; i < res.nrows && rc == ST_OK; i++) {
			snprintf(rel, sizeof(rel), "scans/%s.%s",
			    db_get(&res, i, 1), scan_ext(db_get(&res, i, 2)));
			rc = put(d, rel, db_get(&res, i, 3), res.len[i *
			    res.ncols + 3], db_get(&res, i, 2));
			after = db_get_int(&res, i, 0);
		}
		i = res.nrows;
		db_res_release(&res);
		if (rc != ST_OK || i < SCANS_BATCH)
			return rc;
	}
}

/* The archive copy, then the forms and the scans, then the manifest. */
static st_rc
fill(struct dep *d, struct db *db, long long log_id)
{
	struct db_val v[1];
	struct db_res res;
	char sub[1100];
	st_rc rc;

	v[0] = DV_INT(log_id);
	if ((rc = db_query(db, STMT_RETENTION_LOG_ARCHIVE, v, 1, 1, &res)) !=
	    ST_OK)
		return rc;
	if (res.nrows != 1 || db_get(&res, 0, 0) == NULL ||
	    db_get(&res, 0, 1) == NULL) {
		db_res_release(&res);
		return ST_E_NOT_FOUND;
	}
	rc = put(d, "log.html", db_get(&res, 0, 0), res.len[0], NULL);
	if (rc == ST_OK)
		rc = put(d, "log.xml", db_get(&res, 0, 1), res.len[1], NULL);
	db_res_release(&res);
	if (rc == ST_OK)
		rc = forms(d, db, log_id);
	if (rc == ST_OK)
		rc = scans(d, db, log_id);
	if (rc != ST_OK)
		return rc;
	snprintf(sub, sizeof(sub), "%s/forms", d->dir);
	if ((rc = sync_dir(sub)) != ST_OK)
		return rc;
	snprintf(sub, sizeof(sub), "%s/scans", d->dir);
	return sync_dir(sub);
}

st_rc
deposit_log(const struct conf *cfg, struct db *db, long long log_id,
    const char *municipality, const char *reference, const char *public_id,
    char *name, size_t nlen, char sha[DEPOSIT_SHA_SIZE])
{
	char final[1100], sub[1100], top[1100];
	struct dep d;
	st_rc rc;

	/* each municipality's archive in a folder of its own: its number */
	snprintf(name, nlen, "%s/%s-%s", municipality, reference, public_id);
	if (snprintf(top, sizeof(top), "%s/%s", cfg->archive_dir,
	    municipality) >= (int)sizeof(top) ||
	    snprintf(d.dir, sizeof(d.dir), "%s/.%s-%s.%ld.part", top,
	    reference, public_id, (long)getpid()) >= (int)sizeof(d.dir) ||
	    snprintf(final, sizeof(final), "%s/%s", cfg->archive_dir, name) >=
	    (int)sizeof(final))
		return ST_E_TOO_BIG;
	if (mkdir(top, 0750) != 0 && errno != EEXIST) {
		log_err("deposit: cannot make '%s': %s", top, strerror(errno));
		return ST_E_IO;
	}
	/* a folder this process left in a crash before */
	remove_tree(d.dir);
	if (mkdir(d.dir, 0750) != 0) {
		log_err("deposit: cannot make '%s': %s", d.dir,
		    strerror(errno));
		return ST_E_IO;
	}
	snprintf(sub, sizeof(sub), "%s/forms", d.dir);
	rc = mkdir(sub, 0750) == 0 ? ST_OK : ST_E_IO;
	snprintf(sub, sizeof(sub), "%s/scans", d.dir);
	if (rc == ST_OK && mkdir(sub, 0750) != 0)
		rc = ST_E_IO;
	/* a manifest line a file; a case has some hundreds */
	buf_init(&d.manifest, 4 * 1024 * 1024);
	if (rc == ST_OK)
		rc = fill(&d, db, log_id);
	if (rc == ST_OK) {
		hex_sha256(d.manifest.data, d.manifest.len, sha);
		rc = put(&d, "manifest.txt", d.manifest.data, d.manifest.len,
		    NULL);
	}
	buf_release(&d.manifest);
	if (rc == ST_OK)
		rc = sync_dir(d.dir);
	if (rc == ST_OK) {
		/* an earlier attempt's folder: its log was not deleted */
		remove_tree(final);
		if (rename(d.dir, final) != 0) {
			log_err("deposit: cannot name '%s': %s", final,
			    strerror(errno));
			rc = ST_E_IO;
		}
	}
	if (rc == ST_OK)
		rc = sync_dir(top);
	if (rc == ST_OK)
		rc = sync_dir(cfg->archive_dir);
	if (rc != ST_OK)
		remove_tree(d.dir);
	if (rc == ST_E_NOT_FOUND)
		log_warn("retention: log %s has no archive copy; it is kept",
		    reference);
	return rc;
}
