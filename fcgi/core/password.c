/* password.c: argon2id hashing through libargon2 (see password.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <argon2.h>
#include <sodium.h>

#include "password.h"

#define T_COST	2
#define M_COST	(19 * 1024)	/* KiB */
#define LANES	1
#define SALTLEN	16
#define HASHLEN	32

st_rc
password_hash(const char *pw, char out[PASSWORD_HASH_SIZE])
{
	unsigned char salt[SALTLEN];
	size_t len = strlen(pw);
	int r;

	if (len > PASSWORD_MAX)
		return ST_E_TOO_BIG;
	randombytes_buf(salt, sizeof(salt));
	r = argon2id_hash_encoded(T_COST, M_COST, LANES, pw, len, salt,
	    sizeof(salt), HASHLEN, out, PASSWORD_HASH_SIZE);
	return r == ARGON2_OK ? ST_OK : ST_E_INTERNAL;
}

st_rc
password_verify(const char *encoded, const char *pw)
{
	size_t len = strlen(pw);

	if (len > PASSWORD_MAX || strncmp(encoded, "$argon2id$", 10) != 0)
		return ST_E_INVALID;
	return argon2id_verify(encoded, pw, len) == ARGON2_OK ? ST_OK :
	    ST_E_INVALID;
}

/* The number after "name=" in the parameter field, or 0. */
static unsigned long
param(const char *params, const char *name)
{
	const char *p = strstr(params, name);

	return p == NULL ? 0 : strtoul(p + strlen(name), NULL, 10);
}

int
password_needs_rehash(const char *encoded)
{
	const char *params = strstr(encoded, "$m=");

	/* "$argon2id$v=19$m=19456,t=2,p=1$": what the encoder wrote. */
	if (params == NULL || strncmp(encoded, "$argon2id$v=19$", 15) != 0)
		return 1;
	return param(params, "m=") < M_COST || param(params, ",t=") < T_COST;
}
