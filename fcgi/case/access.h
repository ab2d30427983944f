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

/*
 * Isolation between municipalities is decided here and nowhere else: a
 * member of staff reaches what belongs to their own municipality, or to
 * one their unit serves (an inter-municipal service the operator shared,
 * unit_served). Every rule below asks it first, with the object's
 * municipality among its facts; the lookups of what a request names
 * (people, units, partners, guide steps, notices) and every list ask it
 * through the municipality they are for. A citizen's rights are per
 * child, wherever the child's case is: for them it is always yes, and
 * the rules that follow decide.
 */
int access_municipality(const struct principal *who, long long municipality);

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
	long long	municipality_id;	/* its home unit's */
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
	LR_ACCESS_LOG,	/* see who read or changed the child's data */
	LR_RECEIVE	/* decide about a concern passed to the log by
			 * someone outside it: the holder, or the leader of
			 * the log's unit */
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

/*
 * A concern, with what the database says about the logs it touches
 * (LOG_FACTS of each, relative to the reader):
 *
 * - in_log/log: the log it opened or was taken into;
 * - passed/to: the child's open log it was passed to, because its author
 *   decided level 2 or 3 for a child who already had one that they may
 *   not read (pending: its holder has not decided yet). The author is
 *   never told that log exists; its holder and the leader of its unit
 *   read the concern and take it in or answer it.
 */
enum concern_status { CS_OPEN, CS_CLOSED, CS_PASSED };

struct concern_facts {
	long long		municipality_id;	/* its unit's */
	long long		unit_id;	/* where it arose */
	long long		author_id;
	enum concern_status	status;
	int			in_log;
	struct log_facts	log;
	int			passed;
	int			pending;
	struct log_facts	to;
	int			agenda;	/* on the agenda (waiting or
					 * discussed) of a team the reader
					 * is a member of */
};

enum concern_right {
	CR_READ,	/* see it (and its anonymous view) */
	CR_ANONYMOUS,	/* see its anonymous view only: its readers, and
			 * the members of a team whose agenda has it while
			 * it is open and in no log */
	CR_DECIDE,	/* close it or choose its level: open, in no log */
	CR_DISCUSS,	/* record a team's anonymous discussion of it, or
			 * put it on (or take it off) a team's agenda */
	CR_REPORT,	/* report it to child welfare (not once closed) */
	CR_RECEIVE	/* take a concern passed to a log in, or answer it */
};

int access_concern(const struct principal *who, const struct concern_facts *f,
    enum concern_right right);

/*
 * A team of the municipality (0040_team.sql). Its name, purpose,
 * members and calendar are no secret to the municipality's staff, who
 * need to know where to take a concern; its agenda is its members'
 * (the concerns on it, anonymous as they are, are theirs to discuss);
 * its leaders plan its meetings. Administrators keep the teams through
 * their own pages, not these rights.
 */
struct team_facts {
	long long	municipality_id;
	int		member;		/* a current member */
	int		leader;		/* a current member as its leader */
	int		active;		/* the team takes meetings and cases */
};

enum team_right {
	TR_READ,	/* see the team, its members and its calendar */
	TR_AGENDA,	/* see its agenda, give its advice */
	TR_PLAN		/* plan its meetings */
};

int access_team(const struct principal *who, const struct team_facts *f,
    enum team_right right);

/*
 * A family referred from its relay log to a team with an intake
 * (0041_team_referral.sql). Those who read the log see the referral as
 * part of it; the team's members see it while a consent valid today
 * names the team's unit (covered), as the family agreed to share with
 * the team. Its leaders decide about it; its members record the weekly
 * discussions while the family is in; the log's holder or a leader ends
 * it, and the holder withdraws it before it is decided. Nothing is
 * written once the log is closed.
 */
enum referral_status { RS_REFERRED, RS_WAITING, RS_IN, RS_DONE };

struct referral_facts {
	struct log_facts	log;
	struct team_facts	team;
	int			covered;	/* a consent names the
						 * team's unit today */
	enum referral_status	status;
};

enum referral_right {
	RF_READ,	/* see it: the log's readers, the team's members */
	RF_DECIDE,	/* take it in, put it on the waiting list, decline */
	RF_DISCUSS,	/* record a discussion while the family is in */
	RF_END		/* end it (the family leaves the team), or withdraw
			 * it before it is decided */
};

int access_referral(const struct principal *who,
    const struct referral_facts *f, enum referral_right right);

/*
 * A two-year consultation (0019_consultation.sql), read as a relay log
 * is: its author (as a holder), the leader of the author's unit (as the
 * home unit's), the professionals who took part while they work in the
 * kindergarten or the health clinic the parents' consent on it names
 * (as participants within consent), the child's guardians, and the
 * child as a youth. Nobody else, administrators included.
 */
struct consultation_facts {
	long long	author_id;
	long long	unit_id;		/* the author's */
	long long	kindergarten_id;	/* the two services the */
	long long	health_clinic_id;	/* parents consented to */
	int		took_part;	/* the reader is named as taking part */
	int		guardian;	/* a guardian of the child */
	int		self;		/* the child, as a youth */
	int		child_age;	/* whole years today, -1 if unknown */
	long long	municipality_id;	/* its author's unit's */
};

int access_consultation(const struct principal *who,
    const struct consultation_facts *f);
/* The role the reader has in it, for the audit trail, or NULL. */
const char *access_consultation_role(const struct principal *who,
    const struct consultation_facts *f);

/*
 * A handover request: those who may read the log see it; the proposed
 * holder (to_id) sees the request itself (not the log) while a consent
 * covers them, so they know what they are asked to take over. *log_too
 * says whether they may see the log as well.
 */
int access_handover_read(const struct principal *who,
    const struct log_facts *f, long long to_id, int *log_too);

#endif
