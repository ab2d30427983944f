/* referral.h: a family referred from its relay log to a team with an
 * intake, and the team's queue (issue 20, item 1;
 * sql/0041_team_referral.sql; the rules in access.h, access_referral). */
#ifndef ST_REFERRAL_H
#define ST_REFERRAL_H

#include <libxml/tree.h>

#include "access.h"
#include "db.h"
#include "req.h"
#include "result.h"

struct caselog;

/* Characters of the texts of a referral, a decision, a discussion. */
#define REFERRAL_TEXT_MAX	4000
/* The longest waiting list a team keeps in order. */
#define REFERRAL_PRIORITY_MAX	999

/* Columns of STMT_REFERRAL_GET. */
enum { RG_ID, RG_PID, RG_STATUS, RG_REASON, RG_REFERRED, RG_REFERRER,
	RG_PRIORITY, RG_PRIORITY_REASON, RG_DECIDED_BY, RG_DECIDED,
	RG_DECISION_NOTE, RG_STARTED, RG_ENDED, RG_END_REASON, RG_TEAM_PID,
	RG_TEAM_NAME, RG_LOG_PID, RG_LOG_REF, RG_CHILD, RG_LOG_ID, RG_TEAM_ID,
	RG_MY_ROLE, RG_TEAM_ACTIVE, RG_MUNICIPALITY, RG_COVERED,
	RG_LOG_FACTS };
/* After LOG_FACTS (CASELOG_NFACTS columns): the child's id, the team's
 * capacity. */
#define RG_CHILD_ID(nfacts)	(RG_LOG_FACTS + (nfacts))
#define RG_CAPACITY(nfacts)	(RG_LOG_FACTS + (nfacts) + 1)

struct referral_row {
	struct db_res		res;
	long long		id;
	long long		log_id;
	long long		team_id;
	struct referral_facts	facts;
};

/*
 * Load the referral with public id pid for r->who when right allows it;
 * anyone who may not read it is answered 404 (as one that is not
 * there), one who may read it but not do this 409 with conflict. A read
 * of it is audited (it names the child). *ok = 1 when loaded (release
 * it).
 */
st_rc referral_load(struct req *r, const char *pid,
    enum referral_right right, const char *conflict, struct referral_row *f,
    int *ok) ST_MUST_CHECK;
void referral_release(struct referral_row *f);

/* A referral's status as the rules see it. */
enum referral_status referral_status_of(const char *status);

/* On the log page: the log's referrals (<referrals>), for everyone who
 * reads the log. */
st_rc referral_log_view(struct req *r, long long log_id, xmlNodePtr parent)
    ST_MUST_CHECK;
/* On the log page, for its holder: the intake teams of the municipality
 * it may be referred to (<intake-team>), each saying whether a consent
 * names it and how full it is. */
st_rc referral_teams_view(struct req *r, const struct caselog *l,
    xmlNodePtr parent) ST_MUST_CHECK;
/* On an intake team's page, for its members: who is in, who waits and
 * since when, and the capacity used (<queue>). */
st_rc referral_queue_view(struct req *r, long long team_id,
    const char *capacity, xmlNodePtr parent) ST_MUST_CHECK;

#endif
