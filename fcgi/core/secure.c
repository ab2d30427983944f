/* secure.c: the libsodium calls behind secure.h. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "mem.h"
#include "secure.h"

st_rc
secure_init(void)
{
	return sodium_init() < 0 ? ST_E_INTERNAL : ST_OK;
}

static void
random_b64(char *out, size_t outsize, size_t nbytes)
{
	unsigned char raw[64];

	randombytes_buf(raw, nbytes);
	sodium_bin2base64(out, outsize, raw, nbytes,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
}

void
secure_random_id(char out[SECURE_ID_SIZE])
{
	random_b64(out, SECURE_ID_SIZE, 16);
}

void
secure_token(char out[SECURE_TOKEN_SIZE])
{
	random_b64(out, SECURE_TOKEN_SIZE, 32);
}

void
secure_reference(char out[SECURE_REF_SIZE])
{
	/* Crockford base32: no I, L, O, U, so it reads aloud unambiguously. */
	static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
	unsigned char raw[5];
	unsigned long long v = 0;
	int i, j;

	randombytes_buf(raw, sizeof(raw));
	for (i = 0; i < 5; i++)
		v = (v << 8) | raw[i];
	for (i = 7, j = 8; i >= 0; i--) {
		if (j == 4)
			out[j--] = '-';
		out[j--] = alphabet[v & 31];
		v >>= 5;
	}
	out[9] = '\0';
}

void
secure_random_hex(char *out, size_t outsize)
{
	unsigned char raw[64];
	size_t n = (outsize - 1) / 2;

	if (n > sizeof(raw))
		n = sizeof(raw);
	randombytes_buf(raw, n);
	sodium_bin2hex(out, outsize, raw, n);
}

void
secure_hash(const char *s, size_t len, unsigned char out[SECURE_HASH_LEN])
{
	crypto_generichash(out, SECURE_HASH_LEN, (const unsigned char *)s, len,
	    NULL, 0);
}

void
secure_hmac(const unsigned char key[SECURE_KEY_LEN], const void *data,
    size_t len, unsigned char out[SECURE_HASH_LEN])
{
	crypto_auth_hmacsha256_state st;

	crypto_auth_hmacsha256_init(&st, key, SECURE_KEY_LEN);
	crypto_auth_hmacsha256_update(&st, data, len);
	crypto_auth_hmacsha256_final(&st, out);
}

int
secure_equal(const void *a, const void *b, size_t len)
{
	return sodium_memcmp(a, b, len) == 0;
}

int
secure_streq(const char *a, const char *b)
{
	unsigned char ha[SECURE_HASH_LEN], hb[SECURE_HASH_LEN];

	/* Hashing first makes the comparison independent of the lengths. */
	secure_hash(a, strlen(a), ha);
	secure_hash(b, strlen(b), hb);
	return secure_equal(ha, hb, sizeof(ha));
}

int
secure_is_id(const char *s)
{
	size_t i;

	for (i = 0; i < SECURE_ID_LEN; i++) {
		char c = s[i];

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_'))
			return 0;
	}
	return s[SECURE_ID_LEN] == '\0';
}

st_rc
secure_load_key(const char *path, unsigned char key[SECURE_KEY_LEN],
    char *err, size_t errlen)
{
	unsigned char raw[129];
	size_t n, binlen;
	FILE *fp;

	if ((fp = fopen(path, "rb")) == NULL) {
		snprintf(err, errlen, "cannot read secret '%s': %s", path,
		    strerror(errno));
		return ST_E_CONFIG;
	}
	n = fread(raw, 1, sizeof(raw) - 1, fp);
	fclose(fp);
	/* Only the hex form may end in a newline: a raw key's last byte
	 * can be 0x0a or 0x0d. */
	if (n != SECURE_KEY_LEN)
		while (n > 0 && (raw[n - 1] == '\n' || raw[n - 1] == '\r'))
			n--;
	raw[n] = '\0';
	if (n == SECURE_KEY_LEN) {
		memcpy(key, raw, SECURE_KEY_LEN);
	} else if (n == 2 * SECURE_KEY_LEN &&
	    sodium_hex2bin(key, SECURE_KEY_LEN, (const char *)raw, n, NULL,
	    &binlen, NULL) == 0 && binlen == SECURE_KEY_LEN) {
		/* hex form */
	} else {
		sodium_memzero(raw, sizeof(raw));
		snprintf(err, errlen, "secret '%s' must hold 32 raw bytes or "
		    "64 hex digits", path);
		return ST_E_CONFIG;
	}
	sodium_memzero(raw, sizeof(raw));
	return ST_OK;
}

void
secure_sha256_field(crypto_hash_sha256_state *st, const void *p, size_t n)
{
	unsigned char len[8];
	size_t i;

	for (i = 0; i < 8; i++)
		len[i] = (unsigned char)((unsigned long long)n >> (8 * i));
	crypto_hash_sha256_update(st, len, sizeof(len));
	crypto_hash_sha256_update(st, p, n);
}

void
secure_claimant(char *out, size_t n)
{
	char host[64];

	if (gethostname(host, sizeof(host)) != 0)
		snprintf(host, sizeof(host), "localhost");
	host[sizeof(host) - 1] = '\0';
	snprintf(out, n, "%.50s:%ld:%08x", host, (long)getpid(),
	    (unsigned)randombytes_random());
}

static void
seal_key(const unsigned char key[SECURE_KEY_LEN], const char *ctx,
    unsigned char sub[crypto_secretbox_KEYBYTES])
{
	crypto_kdf_derive_from_key(sub, crypto_secretbox_KEYBYTES, 1, ctx,
	    key);
}

st_rc
secure_seal(const unsigned char key[SECURE_KEY_LEN], const char *ctx,
    const void *p, size_t n, unsigned char **out, size_t *outlen)
{
	unsigned char sub[crypto_secretbox_KEYBYTES], *b;

	*out = NULL;
	*outlen = 0;
	b = xmalloc(SECURE_SEAL_OVER + n);
	seal_key(key, ctx, sub);
	randombytes_buf(b, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(b + crypto_secretbox_NONCEBYTES, p, n, b, sub);
	sodium_memzero(sub, sizeof(sub));
	*out = b;
	*outlen = SECURE_SEAL_OVER + n;
	return ST_OK;
}

st_rc
secure_unseal(const unsigned char key[SECURE_KEY_LEN], const char *ctx,
    const unsigned char *box, size_t n, char **out)
{
	unsigned char sub[crypto_secretbox_KEYBYTES];
	char *plain;
	size_t len;
	int bad;

	*out = NULL;
	if (box == NULL || n < SECURE_SEAL_OVER)
		return ST_E_INVALID;
	len = n - SECURE_SEAL_OVER;
	plain = xmalloc(len + 1);
	seal_key(key, ctx, sub);
	bad = crypto_secretbox_open_easy((unsigned char *)plain,
	    box + crypto_secretbox_NONCEBYTES, n - crypto_secretbox_NONCEBYTES,
	    box, sub);
	sodium_memzero(sub, sizeof(sub));
	if (bad != 0) {
		xfree(plain);
		return ST_E_INVALID;
	}
	plain[len] = '\0';
	*out = plain;
	return ST_OK;
}
