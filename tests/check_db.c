/* check_db.c: unit tests for the parts of fcgi/db/db.h that need no server:
 * results and their cells. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "db.h"
#include "mem.h"

/* A result of rows x 2 columns: "<tag><row>" and NULL in column 1 of
 * odd rows, as db_query builds them (each cell its own allocation). */
static void
make(struct db_res *r, size_t rows, char tag)
{
	size_t i;

	r->nrows = rows;
	r->ncols = 2;
	r->cell = xcalloc(rows * 2 + 1, sizeof(*r->cell));
	r->len = xcalloc(rows * 2 + 1, sizeof(*r->len));
	for (i = 0; i < rows; i++) {
		char s[16];

		s[0] = tag;
		s[1] = (char)('0' + i);
		s[2] = '\0';
		r->cell[i * 2] = xstrdup(s);
		r->len[i * 2] = 2;
		r->cell[i * 2 + 1] = i % 2 ? NULL : xstrdup("x");
		r->len[i * 2 + 1] = i % 2 ? 0 : 1;
	}
}

START_TEST(test_append_moves_rows_in_order)
{
	struct db_res a, b;

	make(&a, 2, 'a');
	make(&b, 3, 'b');
	ck_assert_int_eq(db_res_append(&a, &b), ST_OK);
	ck_assert_uint_eq(a.nrows, 5);
	ck_assert_uint_eq(b.nrows, 0);
	ck_assert_ptr_null(b.cell);
	ck_assert_str_eq(db_get(&a, 0, 0), "a0");
	ck_assert_str_eq(db_get(&a, 1, 0), "a1");
	ck_assert_str_eq(db_get(&a, 2, 0), "b0");
	ck_assert_str_eq(db_get(&a, 4, 0), "b2");
	ck_assert_ptr_null(db_get(&a, 3, 1));
	ck_assert_str_eq(db_get(&a, 4, 1), "x");
	ck_assert_uint_eq(db_get_len(&a, 2, 0), 2);
	ck_assert_ptr_null(db_get(&a, 5, 0));
	db_res_release(&a);
	db_res_release(&b);
}
END_TEST

START_TEST(test_append_to_empty_and_of_empty)
{
	struct db_res a, b, none;

	memset(&a, 0, sizeof(a));
	memset(&none, 0, sizeof(none));
	make(&b, 2, 'b');
	ck_assert_int_eq(db_res_append(&a, &b), ST_OK);
	ck_assert_uint_eq(a.nrows, 2);
	ck_assert_str_eq(db_get(&a, 1, 0), "b1");
	ck_assert_int_eq(db_res_append(&a, &none), ST_OK);
	ck_assert_uint_eq(a.nrows, 2);
	db_res_release(&a);
	db_res_release(&b);
}
END_TEST

START_TEST(test_append_refuses_other_columns)
{
	struct db_res a, b;

	make(&a, 1, 'a');
	make(&b, 1, 'b');
	b.ncols = 1;
	b.nrows = 2;
	ck_assert_int_eq(db_res_append(&a, &b), ST_E_INTERNAL);
	ck_assert_uint_eq(a.nrows, 1);
	ck_assert_str_eq(db_get(&a, 0, 0), "a0");
	b.ncols = 2;
	b.nrows = 1;
	db_res_release(&a);
	db_res_release(&b);
}
END_TEST

static Suite *
db_suite(void)
{
	Suite *s = suite_create("db");
	TCase *tc = tcase_create("results");

	tcase_add_test(tc, test_append_moves_rows_in_order);
	tcase_add_test(tc, test_append_to_empty_and_of_empty);
	tcase_add_test(tc, test_append_refuses_other_columns);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(db_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
