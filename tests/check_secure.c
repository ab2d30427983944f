/* check_secure.c: unit tests for ids, tokens, hashes and MACs (secure.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "secure.h"

#define B64URL	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz" \
	"0123456789-_"
#define CROCKFORD "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

/* Does s consist of exactly len characters from set? */
static int
all_from(const char *s, size_t len, const char *set)
{
	return strlen(s) == len && strspn(s, set) == len;
}

/* Decode 2n hex digits (a test vector) into n bytes. */
static void
unhex(const char *hex, unsigned char *out, size_t n)
{
	size_t i;

	ck_assert_uint_eq(strlen(hex), 2 * n);
	for (i = 0; i < n; i++) {
		unsigned v = 0;
		int j;

		for (j = 0; j < 2; j++) {
			char c = hex[2 * i + (size_t)j];

			v <<= 4;
			if (c >= '0' && c <= '9')
				v |= (unsigned)(c - '0');
			else if (c >= 'a' && c <= 'f')
				v |= (unsigned)(c - 'a' + 10);
			else
				ck_abort_msg("bad hex in test vector");
		}
		out[i] = (unsigned char)v;
	}
}

START_TEST(test_random_id)
{
	char a[SECURE_ID_SIZE], b[SECURE_ID_SIZE];
	int i;

	for (i = 0; i < 100; i++) {
		secure_random_id(a);
		ck_assert_msg(all_from(a, SECURE_ID_LEN, B64URL), "id '%s'", a);
		ck_assert(secure_is_id(a));
	}
	secure_random_id(b);
	ck_assert_str_ne(a, b);
	ck_assert_uint_eq(SECURE_ID_LEN, 22);	/* 128 bits in base64 */
}
END_TEST

START_TEST(test_id_distinct)
{
	char ids[500][SECURE_ID_SIZE];
	int i, j;

	/* 128 random bits: a repeat among 500 means broken randomness. */
	for (i = 0; i < 500; i++)
		secure_random_id(ids[i]);
	for (i = 0; i < 500; i++)
		for (j = i + 1; j < 500; j++)
			ck_assert_str_ne(ids[i], ids[j]);
}
END_TEST

START_TEST(test_is_id)
{
	static const char *const bad[] = {
		"",
		"abc",
		"AAAAAAAAAAAAAAAAAAAAA",		/* 21 */
		"AAAAAAAAAAAAAAAAAAAAAAA",		/* 23 */
		"AAAAAAAAAAAAAAAAAAAAA+",		/* base64, not url */
		"AAAAAAAAAAAAAAAAAAAAA/",
		"AAAAAAAAAAAAAAAAAAAA==",		/* padding */
		"AAAAAAAAAA AAAAAAAAAAA",
		"AAAAAAAAAA.AAAAAAAAAAA",
		"AAAAAAAAAAAAAAAAAAAA\xc3\xa6",		/* non-ASCII */
		"../../../../etc/passwd",
		"AAAAAAAAAAAAAAAAAAAAA\n",
		"%41AAAAAAAAAAAAAAAAAAA",
	};
	size_t i;

	ck_assert(secure_is_id("AAAAAAAAAAAAAAAAAAAAAA"));
	ck_assert(secure_is_id("az09AZ-_az09AZ-_az09AZ"));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(!secure_is_id(bad[i]), "accepted '%s'", bad[i]);
	/* A NUL inside the 22 characters ends the string early. */
	ck_assert(!secure_is_id("AAAAAAAAAA\0AAAAAAAAAAA"));
}
END_TEST

START_TEST(test_token)
{
	char a[SECURE_TOKEN_SIZE], b[SECURE_TOKEN_SIZE];

	secure_token(a);
	secure_token(b);
	ck_assert_uint_eq(SECURE_TOKEN_LEN, 43);	/* 256 bits */
	ck_assert_msg(all_from(a, SECURE_TOKEN_LEN, B64URL), "'%s'", a);
	ck_assert_msg(all_from(b, SECURE_TOKEN_LEN, B64URL), "'%s'", b);
	ck_assert_str_ne(a, b);
	/* A token is not mistaken for an id. */
	ck_assert(!secure_is_id(a));
}
END_TEST

START_TEST(test_reference)
{
	char ref[SECURE_REF_SIZE], prev[SECURE_REF_SIZE] = "";
	int seen[256] = { 0 };
	int i, j, differ = 0;

	for (i = 0; i < 1000; i++) {
		secure_reference(ref);
		ck_assert_uint_eq(strlen(ref), 9);
		ck_assert_int_eq(ref[4], '-');
		for (j = 0; j < 9; j++) {
			if (j == 4)
				continue;
			ck_assert_msg(strchr(CROCKFORD, ref[j]) != NULL &&
			    ref[j] != '\0', "'%c' in '%s'", ref[j], ref);
			/* Never the ambiguous letters, nor lower case. */
			ck_assert_ptr_null(strchr("ILOUilou", ref[j]));
			seen[(unsigned char)ref[j]]++;
		}
		if (strcmp(ref, prev) != 0)
			differ++;
		memcpy(prev, ref, sizeof(prev));
	}
	ck_assert_int_ge(differ, 999);
	/*
	 * 8000 symbols from 32: each appears about 250 times; one that never
	 * does means the bits are not spread over the alphabet.
	 */
	for (i = 0; CROCKFORD[i] != '\0'; i++)
		ck_assert_msg(seen[(unsigned char)CROCKFORD[i]] > 100,
		    "'%c' seen %d times", CROCKFORD[i],
		    seen[(unsigned char)CROCKFORD[i]]);
}
END_TEST

/* The 40-bit value a reference spells (Crockford base32, '-' skipped). */
static unsigned long long
ref_value(const char *ref)
{
	unsigned long long v = 0;
	int j;

	for (j = 0; j < 9; j++) {
		const char *p;

		if (j == 4)
			continue;
		p = strchr(CROCKFORD, ref[j]);
		ck_assert_ptr_nonnull(p);
		v = (v << 5) | (unsigned long long)(p - CROCKFORD);
	}
	return v;
}

START_TEST(test_reference_bits)
{
	static unsigned long long v[1000];
	int i, a, b, n;

	/*
	 * All 40 bits are random and independent of each other: every bit is
	 * set about half the time, and any two bits agree about half the
	 * time. (The bounds are over nine standard deviations wide.)
	 */
	for (i = 0; i < 1000; i++) {
		char ref[SECURE_REF_SIZE];

		secure_reference(ref);
		v[i] = ref_value(ref);
	}
	for (a = 0; a < 40; a++) {
		for (n = 0, i = 0; i < 1000; i++)
			n += (int)((v[i] >> a) & 1);
		ck_assert_msg(n > 350 && n < 650, "bit %d set %d times", a, n);
		for (b = a + 1; b < 40; b++) {
			for (n = 0, i = 0; i < 1000; i++)
				n += ((v[i] >> a) & 1) == ((v[i] >> b) & 1);
			ck_assert_msg(n > 350 && n < 650,
			    "bits %d and %d agree %d times", a, b, n);
		}
	}
}
END_TEST

START_TEST(test_random_hex)
{
	char a[65], b[65], small[9];

	secure_random_hex(a, sizeof(a));
	secure_random_hex(b, sizeof(b));
	ck_assert_msg(all_from(a, 64, "0123456789abcdef"), "'%s'", a);
	ck_assert_str_ne(a, b);
	memset(small, 'X', sizeof(small));
	secure_random_hex(small, sizeof(small));
	ck_assert_msg(all_from(small, 8, "0123456789abcdef"), "'%s'", small);
}
END_TEST

START_TEST(test_streq)
{
	ck_assert(secure_streq("abc", "abc"));
	ck_assert(secure_streq("", ""));
	ck_assert(!secure_streq("abc", "abd"));
	ck_assert(!secure_streq("abc", "abcd"));
	ck_assert(!secure_streq("abcd", "abc"));
	ck_assert(!secure_streq("", "a"));
	ck_assert(!secure_streq("Abc", "abc"));
}
END_TEST

START_TEST(test_equal)
{
	static const unsigned char a[] = { 1, 2, 3, 0, 5 };
	static const unsigned char b[] = { 1, 2, 3, 0, 6 };

	ck_assert(secure_equal(a, a, sizeof(a)));
	ck_assert(!secure_equal(a, b, sizeof(a)));
	/* Bytes after a NUL still count. */
	ck_assert(secure_equal(a, b, 4));
	ck_assert(secure_equal(a, b, 0));
}
END_TEST

/*
 * BLAKE2b with a 32-byte digest, no key (RFC 7693). Values computed with
 * python3: hashlib.blake2b(b"", digest_size=32).hexdigest() and the
 * same for b"abc".
 */
START_TEST(test_hash)
{
	unsigned char out[SECURE_HASH_LEN], want[SECURE_HASH_LEN];

	secure_hash("", 0, out);
	unhex("0e5751c026e543b2e8ab2eb06099daa1"
	    "d1e5df47778f7787faab45cdf12fe3a8", want, sizeof(want));
	ck_assert_mem_eq(out, want, sizeof(want));
	secure_hash("abc", 3, out);
	unhex("bddd813c634239723171ef3fee98579b"
	    "94964e3bb1cb3e427262c8c068d52319", want, sizeof(want));
	ck_assert_mem_eq(out, want, sizeof(want));
	/* The length is what counts, not a NUL. */
	secure_hash("abcdef", 3, out);
	ck_assert_mem_eq(out, want, sizeof(want));
}
END_TEST

/*
 * RFC 4231 test cases 1, 2 and 3 (HMAC-SHA256). HMAC pads a key shorter
 * than the block with zero bytes, so the RFC's 20- and 4-byte keys padded
 * with zeros to 32 bytes give the RFC's results unchanged. Checked with
 * python3: hmac.new(key + b"\0" * (32 - len(key)), data,
 * hashlib.sha256).hexdigest() equals the RFC value for all three.
 */
static const struct {
	unsigned char	 keybyte;	/* repeated keylen times, 0 if key */
	size_t		 keylen;
	const char	*key;
	unsigned char	 databyte;	/* repeated datalen times, 0 if data */
	size_t		 datalen;
	const char	*data;
	const char	*mac;
} rfc4231[] = {
	{ 0x0b, 20, NULL, 0, 8, "Hi There",
	  "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7" },
	{ 0, 4, "Jefe", 0, 28, "what do ya want for nothing?",
	  "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843" },
	{ 0xaa, 20, NULL, 0xdd, 50, NULL,
	  "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe" },
};

START_TEST(test_hmac_rfc4231)
{
	unsigned char key[SECURE_KEY_LEN], data[64];
	unsigned char out[SECURE_HASH_LEN], want[SECURE_HASH_LEN];

	memset(key, 0, sizeof(key));
	if (rfc4231[_i].key != NULL)
		memcpy(key, rfc4231[_i].key, rfc4231[_i].keylen);
	else
		memset(key, rfc4231[_i].keybyte, rfc4231[_i].keylen);
	if (rfc4231[_i].data != NULL)
		memcpy(data, rfc4231[_i].data, rfc4231[_i].datalen);
	else
		memset(data, rfc4231[_i].databyte, rfc4231[_i].datalen);
	unhex(rfc4231[_i].mac, want, sizeof(want));
	secure_hmac(key, data, rfc4231[_i].datalen, out);
	ck_assert_mem_eq(out, want, sizeof(want));
}
END_TEST

START_TEST(test_hmac_keyed)
{
	unsigned char k1[SECURE_KEY_LEN], k2[SECURE_KEY_LEN];
	unsigned char a[SECURE_HASH_LEN], b[SECURE_HASH_LEN];
	unsigned char c[SECURE_HASH_LEN], d[SECURE_HASH_LEN];
	unsigned char h[SECURE_HASH_LEN];
	size_t i;

	for (i = 0; i < sizeof(k1); i++)
		k1[i] = (unsigned char)(i * 7 + 1);
	memcpy(k2, k1, sizeof(k2));
	k2[31] ^= 0x01;		/* one bit different */
	secure_hmac(k1, "session 42", 10, a);
	secure_hmac(k1, "session 42", 10, b);
	secure_hmac(k2, "session 42", 10, c);
	secure_hmac(k1, "session 43", 10, d);
	ck_assert_mem_eq(a, b, sizeof(a));	/* deterministic */
	ck_assert(memcmp(a, c, sizeof(a)) != 0);	/* keyed */
	ck_assert(memcmp(a, d, sizeof(a)) != 0);	/* data-dependent */
	/* Not the plain hash of the data. */
	secure_hash("session 42", 10, h);
	ck_assert(memcmp(a, h, sizeof(a)) != 0);
}
END_TEST

/* Write n bytes to a new temporary file; the path goes into path[]. */
static void
temp_file(char path[64], const void *p, size_t n)
{
	int fd;

	snprintf(path, 64, "/tmp/check_secure.XXXXXX");
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, p, n), (ssize_t)n);
	ck_assert_int_eq(close(fd), 0);
}

/* Load path; returns the result and leaves the key in key[]. */
static st_rc
load(const char *path, unsigned char key[SECURE_KEY_LEN], char *err,
    size_t errlen)
{
	memset(key, 0xee, SECURE_KEY_LEN);
	err[0] = '\0';
	return secure_load_key(path, key, err, errlen);
}

/* A fixed key with no newline or CR bytes in it: bytes 0x20, 0x21, ... */
static void
sample_key(unsigned char key[SECURE_KEY_LEN])
{
	size_t i;

	for (i = 0; i < SECURE_KEY_LEN; i++)
		key[i] = (unsigned char)(0x20 + i * 5);
}

START_TEST(test_load_key_hex)
{
	static const char hex[] =
	    "000102030405060708090a0b0c0d0e0f"
	    "f0e1d2c3b4a5968778695a4b3c2d1e0f\n";
	unsigned char key[SECURE_KEY_LEN], want[SECURE_KEY_LEN];
	char path[64], err[256];

	unhex("000102030405060708090a0b0c0d0e0f"
	    "f0e1d2c3b4a5968778695a4b3c2d1e0f", want, sizeof(want));
	/* With a trailing newline, as "od ... > secret" or an editor writes. */
	temp_file(path, hex, sizeof(hex) - 1);
	ck_assert_int_eq(load(path, key, err, sizeof(err)), ST_OK);
	ck_assert_mem_eq(key, want, sizeof(want));
	unlink(path);
	/* Without one. */
	temp_file(path, hex, sizeof(hex) - 2);
	ck_assert_int_eq(load(path, key, err, sizeof(err)), ST_OK);
	ck_assert_mem_eq(key, want, sizeof(want));
	unlink(path);
}
END_TEST

START_TEST(test_load_key_raw)
{
	unsigned char key[SECURE_KEY_LEN], want[SECURE_KEY_LEN];
	char path[64], err[256];

	sample_key(want);
	temp_file(path, want, sizeof(want));
	ck_assert_int_eq(load(path, key, err, sizeof(err)), ST_OK);
	ck_assert_mem_eq(key, want, sizeof(want));
	unlink(path);
	/* Raw bytes may include NUL. */
	want[0] = 0;
	want[17] = 0;
	temp_file(path, want, sizeof(want));
	ck_assert_int_eq(load(path, key, err, sizeof(err)), ST_OK);
	ck_assert_mem_eq(key, want, sizeof(want));
	unlink(path);
}
END_TEST

START_TEST(test_load_key_raw_newline)
{
	unsigned char key[SECURE_KEY_LEN], want[SECURE_KEY_LEN];
	char path[64], err[256];
	st_rc rc;

	/*
	 * 32 random bytes end in 0x0a or 0x0d one time in 128 ("head -c 32
	 * /dev/urandom > secret"). They are still 32 raw bytes and must load
	 * as such. (Fails today: the loader strips trailing CR/LF before it
	 * looks at the length; see the report.)
	 */
	sample_key(want);
	want[31] = '\n';
	temp_file(path, want, sizeof(want));
	rc = load(path, key, err, sizeof(err));
	unlink(path);
	ck_assert_msg(rc == ST_OK, "refused: %s", err);
	ck_assert_mem_eq(key, want, sizeof(want));
}
END_TEST

START_TEST(test_load_key_bad)
{
	static const char short_hex[] =
	    "000102030405060708090a0b0c0d0e0f"
	    "f0e1d2c3b4a5968778695a4b3c2d1e0";		/* 63 digits */
	static const char not_hex[] =
	    "000102030405060708090a0b0c0d0e0f"
	    "f0e1d2c3b4a5968778695a4b3c2d1e0g";		/* 'g' */
	unsigned char key[SECURE_KEY_LEN], raw[200];
	char path[64], err[256];

	memset(raw, 'k', sizeof(raw));
	/* Missing file: the error names it. */
	ck_assert_int_eq(load("/nonexistent/stafett-secret", key, err,
	    sizeof(err)), ST_E_CONFIG);
	ck_assert_ptr_nonnull(strstr(err, "/nonexistent/stafett-secret"));
	/* Empty, too short, one byte too long, far too long. */
	temp_file(path, "", 0);
	ck_assert_int_eq(load(path, key, err, sizeof(err)), ST_E_CONFIG);
	ck_assert_ptr_nonnull(strstr(err, path));
	unlink(path);
	temp_file(path, raw, 31);
	ck_assert_int_eq(load(path, key, err, sizeof(err)), ST_E_CONFIG);
	unlink(path);
	temp_file(path, raw, 33);
	ck_assert_int_eq(load(path, key, err, sizeof(err)), ST_E_CONFIG);
	unlink(path);
	temp_file(path, raw, sizeof(raw));
	ck_assert_int_eq(load(path, key, err, sizeof(err)), ST_E_CONFIG);
	unlink(path);
	/* 63 hex digits, and 64 characters that are not all hex. */
	temp_file(path, short_hex, sizeof(short_hex) - 1);
	ck_assert_int_eq(load(path, key, err, sizeof(err)), ST_E_CONFIG);
	unlink(path);
	temp_file(path, not_hex, sizeof(not_hex) - 1);
	ck_assert_int_eq(load(path, key, err, sizeof(err)), ST_E_CONFIG);
	unlink(path);
	/* A directory is not a key file. */
	ck_assert_int_eq(load("/tmp", key, err, sizeof(err)), ST_E_CONFIG);
}
END_TEST

START_TEST(test_load_key_err_small)
{
	unsigned char key[SECURE_KEY_LEN];
	char err[16];

	/* A short err buffer is terminated, not overrun. */
	memset(err, 'X', sizeof(err));
	ck_assert_int_eq(secure_load_key("/nonexistent/a-rather-long-path",
	    key, err, sizeof(err)), ST_E_CONFIG);
	ck_assert_uint_eq(strlen(err), sizeof(err) - 1);
}
END_TEST

#define N(a)	((int)(sizeof(a) / sizeof((a)[0])))

static Suite *
secure_suite(void)
{
	Suite *s = suite_create("secure");
	TCase *tc = tcase_create("core");
	TCase *bugs = tcase_create("regressions");

	tcase_add_test(tc, test_random_id);
	tcase_add_test(tc, test_id_distinct);
	tcase_add_test(tc, test_is_id);
	tcase_add_test(tc, test_token);
	tcase_add_test(tc, test_reference);
	tcase_add_test(tc, test_reference_bits);
	tcase_add_test(tc, test_random_hex);
	tcase_add_test(tc, test_streq);
	tcase_add_test(tc, test_equal);
	tcase_add_test(tc, test_hash);
	tcase_add_loop_test(tc, test_hmac_rfc4231, 0, N(rfc4231));
	tcase_add_test(tc, test_hmac_keyed);
	tcase_add_test(tc, test_load_key_hex);
	tcase_add_test(tc, test_load_key_raw);
	tcase_add_test(tc, test_load_key_bad);
	tcase_add_test(tc, test_load_key_err_small);
	suite_add_tcase(s, tc);
	/* Known defects in the module, kept failing until it is fixed. */
	tcase_add_test(bugs, test_load_key_raw_newline);
	suite_add_tcase(s, bugs);
	return s;
}

int
main(void)
{
	SRunner *sr;
	int failed;

	if (secure_init() != ST_OK)
		return EXIT_FAILURE;
	sr = srunner_create(secure_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
