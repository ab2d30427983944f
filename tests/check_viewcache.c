/* check_viewcache.c: unit tests for what a worker keeps of log pages
 * (fcgi/http/viewcache.h): keys, the byte bound, least recently used first
 * out, pins, and who owns what. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <libxml/parser.h>

#include "mem.h"
#include "viewcache.h"

static void
key_of(struct vc_key *k, const char *what, const char *a, const char *b)
{
	struct vc_hash h;

	vc_hash_init(&h, what);
	vc_hash_str(&h, a);
	vc_hash_str(&h, b);
	vc_hash_final(&h, k);
}

static int
same(const struct vc_key *a, const struct vc_key *b)
{
	return memcmp(a->b, b->b, VC_KEY_LEN) == 0;
}

/* What a cache counts a page of len bytes as. */
static size_t
page_bytes(size_t len)
{
	struct viewcache c;
	struct vc_key k;
	char *page = xcalloc(1, len);
	size_t b;

	vc_init(&c, 64 * len + 65536, 0);
	key_of(&k, "probe", NULL, NULL);
	b = vc_put_html(&c, &k, page, len)->bytes;
	ck_assert_uint_ge(b, len);
	vc_release(&c);
	xfree(page);
	return b;
}

static xmlDocPtr
doc_of(const char *xml)
{
	xmlDocPtr d = xmlReadMemory(xml, (int)strlen(xml), NULL, NULL,
	    XML_PARSE_NONET);

	ck_assert_ptr_nonnull(d);
	return d;
}

START_TEST(test_keys_name_exactly_what_was_added)
{
	struct vc_key k1, k2;
	struct vc_hash h;

	key_of(&k1, "lists", "ab", "c");
	key_of(&k2, "lists", "ab", "c");
	ck_assert(same(&k1, &k2));
	/* strings do not run together */
	key_of(&k2, "lists", "a", "bc");
	ck_assert(!same(&k1, &k2));
	/* what the key is for is part of it */
	key_of(&k2, "page", "ab", "c");
	ck_assert(!same(&k1, &k2));
	/* NULL is not "" */
	key_of(&k1, "x", NULL, "c");
	key_of(&k2, "x", "", "c");
	ck_assert(!same(&k1, &k2));
	vc_hash_init(&h, "n");
	vc_hash_int(&h, 1);
	vc_hash_final(&h, &k1);
	vc_hash_init(&h, "n");
	vc_hash_int(&h, 2);
	vc_hash_final(&h, &k2);
	ck_assert(!same(&k1, &k2));
}
END_TEST

START_TEST(test_doc_keys_follow_the_serialisation)
{
	xmlDocPtr a = doc_of("<page lang=\"nb\"><csrf>t1</csrf></page>");
	xmlDocPtr b = doc_of("<page  lang='nb'><csrf>t1</csrf></page>");
	xmlDocPtr c = doc_of("<page lang=\"nb\"><csrf>t2</csrf></page>");
	struct vc_key ka, kb, kc;
	struct vc_hash h;

	vc_hash_init(&h, "page");
	ck_assert_int_eq(vc_hash_doc(&h, a), ST_OK);
	vc_hash_final(&h, &ka);
	vc_hash_init(&h, "page");
	ck_assert_int_eq(vc_hash_doc(&h, b), ST_OK);
	vc_hash_final(&h, &kb);
	vc_hash_init(&h, "page");
	ck_assert_int_eq(vc_hash_doc(&h, c), ST_OK);
	vc_hash_final(&h, &kc);
	/* the same document written differently: the same key */
	ck_assert(same(&ka, &kb));
	/* one token apart: another page */
	ck_assert(!same(&ka, &kc));
	xmlFreeDoc(a);
	xmlFreeDoc(b);
	xmlFreeDoc(c);
}
END_TEST

START_TEST(test_put_and_get)
{
	struct viewcache c;
	struct vc_key k1, k2;
	struct vc_entry *e;

	vc_init(&c, 64 * 1024, 0);
	key_of(&k1, "page", "1", NULL);
	key_of(&k2, "page", "2", NULL);
	ck_assert_ptr_null(vc_get(&c, &k1));
	ck_assert_ptr_nonnull(vc_put_html(&c, &k1, "<p>one</p>", 10));
	e = vc_get(&c, &k1);
	ck_assert_ptr_nonnull(e);
	ck_assert_uint_eq(e->len, 10);
	ck_assert_mem_eq(e->html, "<p>one</p>", 10);
	ck_assert_ptr_null(vc_get(&c, &k2));
	/* the same key again: replaced, counted once */
	ck_assert_ptr_nonnull(vc_put_html(&c, &k1, "<p>uno</p>", 10));
	ck_assert_uint_eq(c.n, 1);
	ck_assert_mem_eq(vc_get(&c, &k1)->html, "<p>uno</p>", 10);
	ck_assert_uint_eq(c.bytes, vc_get(&c, &k1)->bytes);
	vc_release(&c);
}
END_TEST

START_TEST(test_least_recently_used_goes_first)
{
	static char page[3000];
	struct viewcache c;
	struct vc_key k[6];
	int i;

	memset(page, 'x', sizeof(page));
	/* room for five such pages, not six */
	vc_init(&c, 6 * page_bytes(sizeof(page)) - 1, 0);
	for (i = 0; i < 6; i++) {
		char n[2] = { (char)('a' + i), '\0' };

		key_of(&k[i], "page", n, NULL);
	}
	for (i = 0; i < 5; i++)
		ck_assert_ptr_nonnull(vc_put_html(&c, &k[i], page,
		    sizeof(page)));
	/* a is used, so b is now the least recently used */
	ck_assert_ptr_nonnull(vc_get(&c, &k[0]));
	ck_assert_ptr_nonnull(vc_put_html(&c, &k[5], page, sizeof(page)));
	ck_assert_ptr_null(vc_get(&c, &k[1]));
	for (i = 0; i < 6; i++)
		if (i != 1)
			ck_assert_ptr_nonnull(vc_get(&c, &k[i]));
	ck_assert_uint_eq(c.n, 5);
	ck_assert_uint_le(c.bytes, c.max_bytes);
	vc_release(&c);
}
END_TEST

START_TEST(test_pinned_entries_stay)
{
	static char page[3000];
	struct viewcache c;
	struct vc_key k[5];
	struct vc_entry *e;
	int i;

	memset(page, 'y', sizeof(page));
	/* room for four such pages */
	vc_init(&c, 4 * page_bytes(sizeof(page)), 0);
	for (i = 0; i < 5; i++) {
		char n[2] = { (char)('1' + i), '\0' };

		key_of(&k[i], "page", n, NULL);
	}
	e = vc_put_html(&c, &k[0], page, sizeof(page));
	ck_assert_ptr_nonnull(e);
	vc_pin(e);
	for (i = 1; i < 5; i++)
		ck_assert_ptr_nonnull(vc_put_html(&c, &k[i], page,
		    sizeof(page)));
	/* 1 is the oldest but pinned: 2 went instead */
	ck_assert_ptr_eq(vc_get(&c, &k[0]), e);
	ck_assert_ptr_null(vc_get(&c, &k[1]));
	/* replacing a pinned entry: the old one stays where the request
	 * holds it, but is found no more */
	ck_assert_ptr_nonnull(vc_put_html(&c, &k[0], "new", 3));
	ck_assert_ptr_ne(vc_get(&c, &k[0]), e);
	ck_assert_mem_eq(vc_get(&c, &k[0])->html, "new", 3);
	ck_assert_mem_eq(e->html, page, sizeof(page));
	vc_clear(&c);
	ck_assert_uint_eq(c.n, 1);	/* only the pinned one */
	vc_unpin(e);
	vc_clear(&c);
	ck_assert_uint_eq(c.n, 0);
	ck_assert_uint_eq(c.bytes, 0);
	vc_release(&c);
}
END_TEST

START_TEST(test_what_is_not_kept_stays_the_callers)
{
	struct viewcache c, off;
	struct vc_key k;
	xmlDocPtr d = doc_of("<kept-lists><events count=\"1\"/></kept-lists>");
	struct vc_entry *e;

	key_of(&k, "lists", "1", NULL);
	/* off: nothing is kept, and the document is still ours */
	vc_init(&off, 0, 0);
	ck_assert_ptr_null(vc_put_doc(&off, &k, d));
	ck_assert_ptr_null(vc_put_html(&off, &k, "x", 1));
	ck_assert_uint_eq(off.n, 0);
	vc_release(&off);
	/* bigger than a quarter of the cache: not kept either, and what
	 * was kept under the same key is forgotten, not left out of date */
	vc_init(&c, 1000, 0);
	ck_assert_ptr_null(vc_put_doc(&c, &k, d));
	ck_assert_ptr_nonnull(vc_put_html(&c, &k, "old", 3));
	{
		static char big[600];

		ck_assert_ptr_null(vc_put_html(&c, &k, big, sizeof(big)));
	}
	ck_assert_ptr_null(vc_get(&c, &k));
	ck_assert_uint_eq(c.bytes, 0);
	vc_release(&c);
	/* kept: the cache owns it and frees it */
	vc_init(&c, 1024 * 1024, 1);
	ck_assert_int_eq(c.verify, 1);
	e = vc_put_doc(&c, &k, d);
	ck_assert_ptr_nonnull(e);
	ck_assert_ptr_eq(e->doc, d);
	ck_assert_uint_gt(e->bytes, 2 * 120);
	vc_release(&c);
}
END_TEST

static Suite *
viewcache_suite(void)
{
	Suite *s = suite_create("viewcache");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_keys_name_exactly_what_was_added);
	tcase_add_test(tc, test_doc_keys_follow_the_serialisation);
	tcase_add_test(tc, test_put_and_get);
	tcase_add_test(tc, test_least_recently_used_goes_first);
	tcase_add_test(tc, test_pinned_entries_stay);
	tcase_add_test(tc, test_what_is_not_kept_stays_the_callers);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(viewcache_suite());
	int failed;

	if (sodium_init() < 0)
		return EXIT_FAILURE;
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	xmlCleanupParser();
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
