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
 *   <staff><person id="PUBLIC-ID" unit="fagerli-bhg"><name>Ingrid
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
 * Lists are read at most once a minute per worker (they change when an
 * administrator edits units, rarely) and kept in the worker's struct
 * codelists, which owns the documents.
 */
struct worker;

struct codelists {
	xmlDocPtr	 settings;	/* from the configuration */
	xmlDocPtr	 units;
	long long	 units_ms;	/* when read (monotonic ms), 0 never,
					 * -1 read again */
	xmlDocPtr	 staff;
	long long	 staff_ms;
	xmlDocPtr	 people;	/* always empty: <people/> */
};

/* The units and staff lists are read again at their next use (an
 * administrator changed them in this worker); c NULL: nothing. */
void codelists_stale(struct codelists *c);
/* The struct form_env fill callback; ctx is the struct worker. */
xmlDocPtr codelists_fill(void *ctx, const char *src);
void codelists_release(struct codelists *c);

#endif
