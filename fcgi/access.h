/* access.h: who may see which object: deny unless a rule grants it. */
#ifndef ST_ACCESS_H
#define ST_ACCESS_H

#include "principal.h"

/*
 * The object-level rules, each a pure function of the principal and the
 * facts about the object, so they can be tested exhaustively. The route
 * table has already checked the general role; these decide for one
 * object. Administrators manage configuration, not cases: no rule here
 * grants them a child's data.
 */

/* A concern: its author sees it; a leader sees every concern of the unit. */
int access_concern_read(const struct principal *who, long long unit_id,
    long long author_id);

/* A standalone form submission: only its author, a member of staff. */
int access_submission_read(const struct principal *who, long long author_id);

/*
 * A relay log. The facts are what the database says about the log and
 * the asking user (see caselog.h, which loads them in one statement):
 * whether the user takes part, whether their service is covered (their
 * unit is the log's home unit, or a consent valid today names their kind
 * of service), and whether they are a guardian of the child or the
 * child. Consent is evaluated on every request, so an expired or
 * withdrawn consent takes access away at once.
 */
struct log_facts {
	long long	holder_id;
	long long	home_unit_id;
	int		open;		/* status is open */
	int		participant;	/* an active participant row */
	int		covered;	/* their service may take part */
	int		guardian;	/* a guardian of the child */
	int		self;		/* the child, as a youth */
	int		child_age;	/* whole years today, -1 if unknown */
};

enum log_right {
	LR_READ,	/* see the log, its measures, meetings, consents */
	LR_NOTE,	/* add a note or a bright spot */
	LR_MINUTES,	/* write minutes, record a report of concern */
	LR_MANAGE,	/* level, participants, meetings, measures, consent,
			 * referrals, closing: the holder's work */
	LR_HANDOVER,	/* ask for the baton to be handed over */
	LR_LEVEL,	/* move the case up or down a level */
	LR_WITHDRAW,	/* withdraw a consent */
	LR_CLOSE_ASK,	/* ask the holder to close the log */
	LR_ACCESS_LOG	/* see who read or changed the child's data */
};

/* The age from which the youth sees their own log (and co-consents). */
#define YOUTH_AGE	15

int access_log(const struct principal *who, const struct log_facts *f,
    enum log_right right);
/*
 * The per-case role the user acts in for the audit trail and the event
 * log ("holder", "participant", "leader", "guardian", "youth"), or NULL
 * when they have none.
 */
const char *access_log_role(const struct principal *who,
    const struct log_facts *f);

/* Changing a concern's level (before it is in a log): author or leader. */
int access_concern_decide(const struct principal *who, long long unit_id,
    long long author_id);

#endif
