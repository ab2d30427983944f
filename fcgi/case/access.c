/* access.c: object-level access rules (see access.h). */
#include "config.h"

#include <string.h>

#include "access.h"

int
access_municipality(const struct principal *who, long long municipality)
{
	unsigned i;

	if (who->user_id == 0 || who->role == ROLE_NONE)
		return 0;
	if (who->role == ROLE_CITIZEN)
		return 1;
	if (municipality <= 0)
		return 0;
	if (municipality == who->municipality_id)
		return 1;
	for (i = 0; i < who->nserves && i < PRINCIPAL_SERVES_MAX; i++)
		if (who->serves[i] == municipality)
			return 1;
	return 0;
}

int
access_concern_read(const struct principal *who, long long unit_id,
    long long author_id)
{
	if (who->user_id == 0)
		return 0;
	if (who->role == ROLE_EMPLOYEE)
		return author_id == who->user_id;
	if (who->role == ROLE_LEADER)
		return unit_id != 0 && unit_id == who->unit_id;
	return 0;
}

int
access_submission_read(const struct principal *who, long long author_id)
{
	if (who->user_id == 0)
		return 0;
	if (who->role != ROLE_EMPLOYEE && who->role != ROLE_LEADER)
		return 0;
	return author_id == who->user_id;
}

static int
is_staff(const struct principal *who)
{
	return who->user_id != 0 &&
	    (who->role == ROLE_EMPLOYEE || who->role == ROLE_LEADER);
}

/* A citizen's role towards a child's record: a guardian of the child, or
 * the child as a youth from YOUTH_AGE; NULL otherwise. */
static const char *
citizen_role(int guardian, int self, int child_age)
{
	if (guardian)
		return "guardian";
	if (self && child_age >= YOUTH_AGE)
		return "youth";
	return NULL;
}

const char *
access_log_role(const struct principal *who, const struct log_facts *f)
{
	if (!access_municipality(who, f->municipality_id))
		return NULL;
	if (who->role == ROLE_CITIZEN)
		return citizen_role(f->guardian, f->self, f->child_age);
	if (!is_staff(who))
		return NULL;
	if (who->user_id == f->holder_id)
		return "holder";
	if (f->participant && f->covered)
		return "participant";
	if (who->role == ROLE_LEADER && who->unit_id != 0 &&
	    who->unit_id == f->home_unit_id)
		return "leader";
	return NULL;
}

int
access_log(const struct principal *who, const struct log_facts *f,
    enum log_right right)
{
	const char *role = access_log_role(who, f);

	if (role == NULL)
		return 0;
	switch (right) {
	case LR_READ:
		return 1;
	case LR_NOTE:
		return f->open;
	case LR_MINUTES:
		return f->open && (strcmp(role, "holder") == 0 ||
		    strcmp(role, "participant") == 0);
	case LR_MANAGE:
		return f->open && strcmp(role, "holder") == 0;
	case LR_HANDOVER:
	case LR_LEVEL:
		/* The leader steps in when the holder is gone. */
		return f->open && (strcmp(role, "holder") == 0 ||
		    strcmp(role, "leader") == 0);
	case LR_WITHDRAW:
		return f->open && (strcmp(role, "guardian") == 0 ||
		    strcmp(role, "youth") == 0 || strcmp(role, "holder") == 0);
	case LR_CLOSE_ASK:
		return f->open && (strcmp(role, "guardian") == 0 ||
		    strcmp(role, "youth") == 0);
	case LR_ACCESS_LOG:
		return strcmp(role, "guardian") == 0 ||
		    strcmp(role, "youth") == 0 || strcmp(role, "holder") == 0;
	case LR_RECEIVE:
		return f->open && (strcmp(role, "holder") == 0 ||
		    strcmp(role, "leader") == 0);
	}
	return 0;
}

int
access_concern_decide(const struct principal *who, long long unit_id,
    long long author_id)
{
	return access_concern_read(who, unit_id, author_id);
}

/* Receives what is passed to the log: its holder, or its unit's leader. */
static int
receiver(const struct principal *who, const struct log_facts *f)
{
	const char *role = access_log_role(who, f);

	return role != NULL && (strcmp(role, "holder") == 0 ||
	    strcmp(role, "leader") == 0);
}

int
access_concern(const struct principal *who, const struct concern_facts *f,
    enum concern_right right)
{
	int own = is_staff(who) &&
	    access_concern_read(who, f->unit_id, f->author_id);

	if (!access_municipality(who, f->municipality_id))
		return 0;
	switch (right) {
	case CR_READ:
		return own || (f->in_log && access_log(who, &f->log,
		    LR_READ)) || (f->passed && receiver(who, &f->to));
	case CR_ANONYMOUS:
		return access_concern(who, f, CR_READ) || (is_staff(who) &&
		    f->agenda && f->status == CS_OPEN && !f->in_log);
	case CR_DECIDE:
	case CR_DISCUSS:
		return own && f->status == CS_OPEN && !f->in_log;
	case CR_REPORT:
		return own && f->status != CS_CLOSED;
	case CR_RECEIVE:
		return f->passed && f->pending && !f->in_log &&
		    access_log(who, &f->to, LR_RECEIVE);
	}
	return 0;
}

int
access_team(const struct principal *who, const struct team_facts *f,
    enum team_right right)
{
	if (!is_staff(who) || !access_municipality(who, f->municipality_id))
		return 0;
	switch (right) {
	case TR_READ:
		return 1;
	case TR_AGENDA:
		return f->member;
	case TR_PLAN:
		return f->leader && f->active;
	}
	return 0;
}

int
access_referral(const struct principal *who, const struct referral_facts *f,
    enum referral_right right)
{
	int team = f->covered && access_team(who, &f->team, TR_AGENDA);
	int lead = team && f->team.leader;
	int open = f->log.open && f->status != RS_DONE;

	switch (right) {
	case RF_READ:
		return team || access_log(who, &f->log, LR_READ);
	case RF_DECIDE:
		return open && lead && f->status != RS_IN;
	case RF_DISCUSS:
		return open && team && f->status == RS_IN;
	case RF_END:
		return open && (access_log(who, &f->log, LR_MANAGE) ||
		    (lead && f->status == RS_IN));
	}
	return 0;
}

const char *
access_consultation_role(const struct principal *who,
    const struct consultation_facts *f)
{
	if (!access_municipality(who, f->municipality_id))
		return NULL;
	if (who->role == ROLE_CITIZEN)
		return citizen_role(f->guardian, f->self, f->child_age);
	if (!is_staff(who))
		return NULL;
	if (who->user_id == f->author_id)
		return "author";
	if (f->took_part && who->unit_id != 0 &&
	    (who->unit_id == f->kindergarten_id ||
	    who->unit_id == f->health_clinic_id))
		return "participant";
	if (who->role == ROLE_LEADER && who->unit_id != 0 &&
	    who->unit_id == f->unit_id)
		return "leader";
	return NULL;
}

int
access_consultation(const struct principal *who,
    const struct consultation_facts *f)
{
	return access_consultation_role(who, f) != NULL;
}

int
access_handover_read(const struct principal *who, const struct log_facts *f,
    long long to_id, int *log_too)
{
	*log_too = access_log(who, f, LR_READ);
	if (*log_too)
		return 1;
	return is_staff(who) && who->user_id == to_id && f->covered;
}
