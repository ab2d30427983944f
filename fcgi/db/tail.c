/* tail.c: the rows a request keeps for its COMMIT (see tail.h). */
#include "config.h"

#include <string.h>

#include <jansson.h>

#include "db.h"
#include "mem.h"
#include "tail.h"

void
tail_init(struct db_tail *t)
{
	memset(t, 0, sizeof(*t));
}

void
tail_release(struct db_tail *t)
{
	int i;

	for (i = 0; i < TAIL__SLOTS; i++) {
		json_decref(t->rows[i]);
		json_decref(t->again[i]);
	}
	tail_init(t);
}

static json_t *
value(const struct db_val *v)
{
	switch (v->t) {
	case DB_T_NULL:
		return json_null();
	case DB_T_INT:
		return json_integer(v->i);
	case DB_T_STR:
		/* NULL when not UTF-8 (or holding a NUL) */
		return json_stringn(v->p, v->len);
	default:
		return NULL;
	}
}

int
tail_add(struct db_tail *t, int slot, const struct db_val *params,
    size_t nparams)
{
	json_t *row, *v;
	size_t i;

	if (slot < 0 || slot >= TAIL__SLOTS || (row = json_array()) == NULL)
		return -1;
	for (i = 0; i < nparams; i++)
		if ((v = value(&params[i])) == NULL ||
		    json_array_append_new(row, v) != 0) {
			json_decref(row);
			return -1;
		}
	if (t->rows[slot] == NULL && (t->rows[slot] = json_array()) == NULL) {
		json_decref(row);
		return -1;
	}
	if (json_array_append_new(t->rows[slot], row) != 0)
		return -1;
	return 0;
}

static size_t
count(const struct db_tail *t, int slot)
{
	return t->rows[slot] == NULL ? 0 : json_array_size(t->rows[slot]);
}

size_t
tail_count(const struct db_tail *t)
{
	size_t n = 0;
	int i;

	for (i = 0; i < TAIL__SLOTS; i++)
		n += count(t, i);
	return n;
}

void
tail_set_mark(struct db_tail *t)
{
	int i;

	for (i = 0; i < TAIL__SLOTS; i++)
		t->mark[i] = count(t, i);
	t->marked = 1;
}

void
tail_drop_mark(struct db_tail *t)
{
	int i;

	for (i = 0; i < TAIL__SLOTS; i++) {
		json_decref(t->again[i]);
		t->again[i] = NULL;
	}
	memset(t->mark, 0, sizeof(t->mark));
	t->marked = 0;
}

void
tail_back(struct db_tail *t)
{
	int i;

	if (!t->marked)
		return;
	for (i = 0; i < TAIL__SLOTS; i++) {
		while (count(t, i) > t->mark[i])
			json_array_remove(t->rows[i], count(t, i) - 1);
		if (t->again[i] == NULL)
			continue;
		/* the copies first: they were kept before the rest */
		if (t->rows[i] != NULL)
			(void)json_array_extend(t->again[i], t->rows[i]);
		json_decref(t->rows[i]);
		t->rows[i] = t->again[i];
		t->again[i] = NULL;
		t->mark[i] = count(t, i);
	}
}

int
tail_json(const struct db_tail *t, int slot, char **out)
{
	size_t n;

	*out = NULL;
	if (count(t, slot) == 0)
		return 0;
	/* jansson writes into memory of ours: the size first */
	if ((n = json_dumpb(t->rows[slot], NULL, 0, JSON_COMPACT)) == 0)
		return -1;
	*out = xmalloc(n + 1);
	if (json_dumpb(t->rows[slot], *out, n, JSON_COMPACT) != n) {
		xfree(*out);
		*out = NULL;
		return -1;
	}
	(*out)[n] = '\0';
	return 0;
}

void
tail_sent_all(struct db_tail *t)
{
	size_t j;
	int i;

	for (i = 0; i < TAIL__SLOTS; i++) {
		if (t->rows[i] == NULL)
			continue;
		if (t->marked && t->mark[i] > 0 && t->again[i] == NULL)
			t->again[i] = json_array();
		for (j = 0; t->marked && j < t->mark[i] &&
		    t->again[i] != NULL; j++)
			(void)json_array_append(t->again[i],
			    json_array_get(t->rows[i], j));
		json_array_clear(t->rows[i]);
	}
	memset(t->mark, 0, sizeof(t->mark));
}
