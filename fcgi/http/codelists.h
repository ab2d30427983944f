/* codelists.h: secondary form instances the server fills from the
 * database (the municipality's units and services). */
#ifndef ST_CODELISTS_H
#define ST_CODELISTS_H

#include <libxml/tree.h>

/*
 * A form may declare <xf:instance id="units" st:src="units"/>; when it is
 * evaluated, the worker fills it with
 *
 *   <units><unit code="fagerli-bhg" kind="kindergarten" external="false">
 *     <name>Fagerli barnehage</name></unit> ...</units>
 *
 * <xf:instance id="staff" st:src="staff"/> with everyone who can take
 * part in a case (active employees and leaders):
 *
 *   <staff><person id="PUBLIC-ID" unit="fagerli-bhg"
 *     kind="kindergarten"><name>Ingrid
 *     Solberg</name><unit>Fagerli barnehage</unit></person> ...</staff>
 *
 * and <xf:instance id="settings" st:src="settings"/> with the
 * municipality's settings the forms check against:
 *
 *   <settings><max_consent_days>365</max_consent_days></settings>
 *
 * <xf:instance id="people" st:src="people"/> is who may be named in a
 * form for one relay log (its holder and participants, see minutes.h):
 * the case layer fills it per request, for the log the form is for.
 * Here, without a log, it is empty, never the definition's placeholder,
 * so a choice among the people of no log is no choice.
 *
 * Every list is the municipality's the request acts in (struct
 * codelists' current: the person's own, or the log's a case form is
 * for): its own units and people, and those of the units another
 * municipality shares with it (unit_served), never another's.
 *
 * Lists and settings are read at most once a minute per worker and
 * municipality (they change when an administrator edits units, rarely)
 * and kept in the worker's struct codelists, which owns the documents,
 * for the CODELISTS_SETS municipalities used last.
 */
struct worker;

/* A municipality's settings (0033_municipality.sql), each its own or,
 * where it has none, the installation's (stafett.conf). */
struct municipal {
	long long	 id;		/* 0: none could be read */
	char		 number[5];
	char		 name[201];
	unsigned	 concern_deadline_days;
	unsigned	 draft_keep_days;
	unsigned	 consent_max_days;
	char		 emergency_phone[41];
};

#define CODELISTS_SETS	8

struct codelist_set {
	long long		 municipality;	/* 0: unused */
	unsigned long		 used;		/* when last used (tick) */
	struct municipal	 m;
	long long		 m_ms;	/* when read, 0 never, -1 again */
	xmlDocPtr		 settings;	/* with m */
	xmlDocPtr		 units;
	long long		 units_ms;
	xmlDocPtr		 staff;
	long long		 staff_ms;
};

struct codelists {
	struct codelist_set	 set[CODELISTS_SETS];
	unsigned long		 tick;
	long long		 current;	/* the request's municipality */
	xmlDocPtr		 people;	/* always empty: <people/> */
};

/* The municipality the lists of this request are for (the dispatcher
 * sets the person's own; a case sets its own once access is decided). */
void codelists_use(struct codelists *c, long long municipality);
/* The municipality the request acts in (0: none yet); the people and
 * units a request names are looked up in it (access.h). */
long long codelists_current(const struct codelists *c);
/* The settings of municipality id (0: the current one), read at most
 * once a minute; never NULL (with the installation's values and id 0
 * when it cannot be read). */
const struct municipal *codelists_municipal(struct worker *w, long long id);
/* The units and staff lists are read again at their next use (an
 * administrator changed them in this worker); c NULL: nothing. */
void codelists_stale(struct codelists *c);
/* A person of the staff list (an element of its document) as a page
 * names them: the attributes id, name, unit (its name) and service (its
 * kind) of u. */
void codelists_person_attrs(xmlNodePtr person, xmlNodePtr u);
/* The struct form_env fill callback; ctx is the struct worker. */
xmlDocPtr codelists_fill(void *ctx, const char *src);
void codelists_release(struct codelists *c);

#endif
