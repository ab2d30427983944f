/* folk.h: the population register's family relations, behind one
 * interface. */
#ifndef ST_FOLK_H
#define ST_FOLK_H

#include <stddef.h>

#include "db.h"
#include "result.h"
#include "secure.h"

/*
 * Which children a guardian may see comes from the population register
 * (Folkeregisteret): who has parental responsibility for whom. stafett
 * keeps what the register said in folk_relation and folk_person, as
 * HMACs of identity numbers, and a source brings them up to date:
 *
 * - refresh() asks the register about one person at login and writes
 *   the answer into those tables. The real register is reached by the
 *   municipality's agreement (an adapter of its own); the table source
 *   here asks nothing: the tables are kept whole by `stafett folk load`
 *   from the register's extract, and the tests' fake writes them so.
 *
 * folk_sync() then makes a citizen's links to children (child_person,
 * source 'register') follow the tables: a guardian with parental
 * responsibility sees the child, one who lost it does not, and a youth
 * is linked to their own child (the access rules let them see it from
 * 15). Links made by hand (source 'manual') are left alone.
 *
 * folk_load() reads an extract and applies it at once: every person it
 * names as a parent has exactly the relations it lists, and every
 * account of those people is synced in the same transaction, so a
 * guardian who lost parental responsibility is out at their next
 * request, not their next login.
 */
struct folk_source {
	const char	*name;
	st_rc		(*refresh)(struct db *db,
			    const unsigned char person[SECURE_HASH_LEN]);
};

extern const struct folk_source folk_table;

st_rc folk_sync(struct db *db, long long user_id,
    const unsigned char person[SECURE_HASH_LEN]) ST_MUST_CHECK;

/* The register's name of person into out ("" when it has none). */
st_rc folk_name(struct db *db, const unsigned char person[SECURE_HASH_LEN],
    char *out, size_t n) ST_MUST_CHECK;

/*
 * An extract, one record a line, fields separated by ';':
 *   person;NIN;NAME
 *   parent;PARENT-NIN;CHILD-NIN;1 (parental responsibility) or 0
 * Empty lines and lines starting with '#' are skipped. The whole file is
 * one transaction. ST_E_INVALID with *line the first bad line's number
 * (a wrong identity number, an unknown record). *persons and *relations
 * count what was loaded; *synced the accounts brought up to date.
 */
struct folk_load_result {
	size_t	line, persons, relations, synced;
};
st_rc folk_load(struct db *db, const unsigned char key[SECURE_KEY_LEN],
    FILE *in, struct folk_load_result *out) ST_MUST_CHECK;

#endif
