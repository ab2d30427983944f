/* check_access.c: unit tests of the object-level access rules. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"

#define UNIT_A	10
#define UNIT_B	20
#define UNIT_C	30
#define ME	100
#define OTHER	200
/* municipalities: the person's own, one their unit serves, another */
#define HOME_M	1
#define SERVED_M	2
#define AWAY_M	3

static struct principal
who(enum role role, long long unit)
{
	struct principal p = { 0 };

	p.user_id = ME;
	p.role = role;
	p.unit_id = unit;
	p.municipality_id = role == ROLE_CITIZEN ? 0 : HOME_M;
	return p;
}

/*
 * The whole matrix for a concern: role x (own / other author) x (own /
 * other unit). Only the author (an employee) and the unit's leader see it.
 */
START_TEST(concern_matrix)
{
	static const struct {
		enum role	role;
		long long	author, unit;
		int		allowed;
	} rows[] = {
		{ ROLE_EMPLOYEE, ME, UNIT_A, 1 },
		{ ROLE_EMPLOYEE, OTHER, UNIT_A, 0 },
		{ ROLE_EMPLOYEE, ME, UNIT_B, 1 }, /* moved: theirs */
		{ ROLE_EMPLOYEE, OTHER, UNIT_B, 0 },
		{ ROLE_LEADER, ME, UNIT_A, 1 },
		{ ROLE_LEADER, OTHER, UNIT_A, 1 },
		{ ROLE_LEADER, ME, UNIT_B, 0 },
		{ ROLE_LEADER, OTHER, UNIT_B, 0 },
		{ ROLE_ADMIN, ME, UNIT_A, 0 },
		{ ROLE_ADMIN, OTHER, UNIT_A, 0 },
		{ ROLE_ADMIN, OTHER, UNIT_B, 0 },
		{ ROLE_NONE, ME, UNIT_A, 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct principal p = who(rows[i].role, UNIT_A);

		ck_assert_msg(access_concern_read(&p, rows[i].unit,
		    rows[i].author) == rows[i].allowed, "row %zu", i);
	}
}
END_TEST

START_TEST(nobody_sees_anything)
{
	struct principal p = { 0 };

	ck_assert(!access_concern_read(&p, UNIT_A, 0));
	ck_assert(!access_concern_read(&p, 0, 0));
}
END_TEST

START_TEST(leader_without_unit)
{
	struct principal p = who(ROLE_LEADER, 0);

	/* a concern can never have unit 0, but deny rather than match */
	ck_assert(!access_concern_read(&p, 0, OTHER));
}
END_TEST

/* A submission: its author alone, and never a non-staff role. */
START_TEST(submission_matrix)
{
	static const struct {
		enum role	role;
		long long	author;
		int		allowed;
	} rows[] = {
		{ ROLE_EMPLOYEE, ME, 1 },
		{ ROLE_EMPLOYEE, OTHER, 0 },
		{ ROLE_LEADER, ME, 1 },
		{ ROLE_LEADER, OTHER, 0 },	/* not even in the unit */
		{ ROLE_ADMIN, ME, 0 },
		{ ROLE_ADMIN, OTHER, 0 },
		{ ROLE_NONE, ME, 0 },
	};
	struct principal nobody = { 0 };
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct principal p = who(rows[i].role, UNIT_A);

		ck_assert_msg(access_submission_read(&p, rows[i].author) ==
		    rows[i].allowed, "row %zu", i);
	}
	ck_assert(!access_submission_read(&nobody, 0));
}
END_TEST

/*
 * The relay log: every per-case role x every right, on an open and a
 * closed log, with and without consent for the participant's service.
 * One row per (who, facts); the string lists the rights granted, in the
 * order of the enum: r=read n=note m=minutes M=manage h=handover
 * l=level w=withdraw c=close-ask a=access log R=receive a concern passed
 * to the log. "-" is nothing.
 */
enum actor { A_HOLDER, A_PART, A_LEADER_HOME, A_LEADER_OTHER, A_EMPLOYEE,
	A_GUARDIAN, A_YOUTH15, A_CHILD14, A_CITIZEN, A_ADMIN, A_NOBODY };

static void
setup(enum actor a, struct principal *p, struct log_facts *f, int covered,
    int open)
{
	memset(p, 0, sizeof(*p));
	memset(f, 0, sizeof(*f));
	p->user_id = ME;
	p->unit_id = UNIT_B;
	p->role = ROLE_EMPLOYEE;
	p->municipality_id = HOME_M;
	f->municipality_id = HOME_M;
	f->holder_id = OTHER;
	f->home_unit_id = UNIT_A;
	f->open = open;
	f->covered = covered;
	f->child_age = 10;
	switch (a) {
	case A_HOLDER:
		f->holder_id = ME;
		break;
	case A_PART:
		f->participant = 1;
		break;
	case A_LEADER_HOME:
		p->role = ROLE_LEADER;
		p->unit_id = UNIT_A;
		break;
	case A_LEADER_OTHER:
		p->role = ROLE_LEADER;
		break;
	case A_EMPLOYEE:
		p->unit_id = UNIT_A;	/* same unit, not taking part */
		break;
	case A_GUARDIAN:
		p->role = ROLE_CITIZEN;
		p->unit_id = 0;
		f->guardian = 1;
		break;
	case A_YOUTH15:
		p->role = ROLE_CITIZEN;
		p->unit_id = 0;
		f->self = 1;
		f->child_age = 15;
		break;
	case A_CHILD14:
		p->role = ROLE_CITIZEN;
		p->unit_id = 0;
		f->self = 1;
		f->child_age = 14;
		break;
	case A_CITIZEN:
		p->role = ROLE_CITIZEN;
		p->unit_id = 0;
		break;
	case A_ADMIN:
		p->role = ROLE_ADMIN;
		p->unit_id = UNIT_A;
		f->participant = 1;	/* even if someone added them */
		break;
	case A_NOBODY:
		p->user_id = 0;
		p->role = ROLE_NONE;
		break;
	}
}

START_TEST(log_matrix)
{
	static const char letters[] = "rnmMhlwcaR";
	static const enum log_right rights[] = { LR_READ, LR_NOTE, LR_MINUTES,
	    LR_MANAGE, LR_HANDOVER, LR_LEVEL, LR_WITHDRAW, LR_CLOSE_ASK,
	    LR_ACCESS_LOG, LR_RECEIVE };
	static const struct {
		enum actor	 who;
		int		 covered, open;
		const char	*granted;
	} rows[] = {
		{ A_HOLDER, 1, 1, "rnmMhlw-aR" },
		{ A_HOLDER, 0, 1, "rnmMhlw-aR" },	/* holds: keeps it */
		{ A_HOLDER, 1, 0, "r-------a-" },	/* closed: reads */
		{ A_PART, 1, 1, "rnm-------" },
		{ A_PART, 0, 1, "----------" },	/* consent ended */
		{ A_PART, 1, 0, "r---------" },
		{ A_LEADER_HOME, 0, 1, "rn--hl---R" },
		{ A_LEADER_HOME, 0, 0, "r---------" },
		{ A_LEADER_OTHER, 1, 1, "----------" },
		{ A_EMPLOYEE, 1, 1, "----------" },
		{ A_GUARDIAN, 0, 1, "rn----wca-" },
		{ A_GUARDIAN, 0, 0, "r-------a-" },
		{ A_YOUTH15, 0, 1, "rn----wca-" },
		{ A_CHILD14, 0, 1, "----------" },
		{ A_CITIZEN, 0, 1, "----------" },
		{ A_ADMIN, 1, 1, "----------" },
		{ A_NOBODY, 1, 1, "----------" },
	};
	struct principal p;
	struct log_facts f;
	size_t i, j;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		setup(rows[i].who, &p, &f, rows[i].covered, rows[i].open);
		for (j = 0; j < sizeof(rights) / sizeof(rights[0]); j++) {
			int want = rows[i].granted[j] == letters[j];

			ck_assert_msg(access_log(&p, &f, rights[j]) == want,
			    "row %zu right %c: want %d", i, letters[j], want);
		}
	}
}
END_TEST

START_TEST(log_roles)
{
	struct principal p;
	struct log_facts f;

	setup(A_HOLDER, &p, &f, 0, 1);
	ck_assert_str_eq(access_log_role(&p, &f), "holder");
	setup(A_PART, &p, &f, 1, 1);
	ck_assert_str_eq(access_log_role(&p, &f), "participant");
	setup(A_LEADER_HOME, &p, &f, 0, 1);
	ck_assert_str_eq(access_log_role(&p, &f), "leader");
	setup(A_GUARDIAN, &p, &f, 0, 1);
	ck_assert_str_eq(access_log_role(&p, &f), "guardian");
	setup(A_YOUTH15, &p, &f, 0, 1);
	ck_assert_str_eq(access_log_role(&p, &f), "youth");
	setup(A_CHILD14, &p, &f, 0, 1);
	ck_assert_ptr_null(access_log_role(&p, &f));
	setup(A_ADMIN, &p, &f, 1, 1);
	ck_assert_ptr_null(access_log_role(&p, &f));
}
END_TEST


/*
 * A concern passed to a log: every actor of the log matrix x the
 * concern's own people, for each right. The author (ME, an employee of
 * UNIT_C) never learns of the log; the log's holder and the leader of
 * its unit (UNIT_A) receive it while it waits; a participant of the log
 * does not see it; once taken in, it is read by the log's rule.
 */
START_TEST(concern_passed_to_a_log)
{
	static const char letters[] = "rdDpR";
	static const enum concern_right rights[] = { CR_READ, CR_DECIDE,
	    CR_DISCUSS, CR_REPORT, CR_RECEIVE };
	static const struct {
		enum actor	 who;
		int		 author, pending, taken;
		const char	*granted;
	} rows[] = {
		/* the author: theirs, passed on, decided by others */
		{ A_EMPLOYEE, 1, 1, 0, "r--p-" },
		{ A_EMPLOYEE, 1, 0, 1, "r--p-" },
		{ A_HOLDER, 0, 1, 0, "r---R" },
		{ A_HOLDER, 0, 0, 0, "r----" },	/* answered: reads it */
		{ A_LEADER_HOME, 0, 1, 0, "r---R" },
		{ A_PART, 0, 1, 0, "-----" },
		{ A_PART, 0, 0, 1, "r----" },	/* taken in: the log's */
		{ A_LEADER_OTHER, 0, 1, 0, "-----" },
		{ A_GUARDIAN, 0, 1, 0, "-----" },
		{ A_ADMIN, 0, 1, 0, "-----" },
		{ A_NOBODY, 0, 1, 0, "-----" },
	};
	struct concern_facts cf;
	struct principal p;
	size_t i, j;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		memset(&cf, 0, sizeof(cf));
		setup(rows[i].who, &p, &cf.to, 1, 1);
		/* the concern arose in a third unit, the author's */
		if (rows[i].who == A_EMPLOYEE)
			p.unit_id = UNIT_C;
		cf.unit_id = UNIT_C;
		cf.municipality_id = HOME_M;
		cf.author_id = rows[i].author ? ME : OTHER;
		cf.status = CS_PASSED;
		cf.passed = 1;
		cf.pending = rows[i].pending;
		if (rows[i].taken) {
			cf.in_log = 1;
			cf.log = cf.to;
		}
		for (j = 0; j < sizeof(rights) / sizeof(rights[0]); j++) {
			int want = rows[i].granted[j] == letters[j];

			ck_assert_msg(access_concern(&p, &cf, rights[j]) ==
			    want, "row %zu right %c: want %d", i, letters[j],
			    want);
		}
	}
}
END_TEST

/* An open concern of one's own is decided, discussed and reported; one
 * in a log is the log's; a closed one is only read. */
START_TEST(concern_own)
{
	struct concern_facts cf;
	struct principal p = who(ROLE_EMPLOYEE, UNIT_A);

	memset(&cf, 0, sizeof(cf));
	cf.unit_id = UNIT_A;
	cf.municipality_id = HOME_M;
	cf.author_id = ME;
	cf.status = CS_OPEN;
	ck_assert(access_concern(&p, &cf, CR_READ));
	ck_assert(access_concern(&p, &cf, CR_DECIDE));
	ck_assert(access_concern(&p, &cf, CR_DISCUSS));
	ck_assert(access_concern(&p, &cf, CR_REPORT));
	ck_assert(!access_concern(&p, &cf, CR_RECEIVE));
	cf.in_log = 1;		/* a log they may not read: theirs still */
	ck_assert(access_concern(&p, &cf, CR_READ));
	ck_assert(!access_concern(&p, &cf, CR_DECIDE));
	ck_assert(!access_concern(&p, &cf, CR_DISCUSS));
	cf.in_log = 0;
	cf.status = CS_CLOSED;
	ck_assert(access_concern(&p, &cf, CR_READ));
	ck_assert(!access_concern(&p, &cf, CR_DECIDE));
	ck_assert(!access_concern(&p, &cf, CR_REPORT));
	cf.author_id = OTHER;	/* a colleague's: not theirs */
	cf.status = CS_OPEN;
	ck_assert(!access_concern(&p, &cf, CR_READ));
}
END_TEST

/*
 * The anonymous view: the concern's readers, and a member of a team
 * whose agenda has it, only while it is open and in no log; a member
 * reads nothing else of it, and nobody of another municipality or
 * outside the staff does.
 */
START_TEST(concern_on_an_agenda)
{
	struct concern_facts cf;
	struct principal p = who(ROLE_EMPLOYEE, UNIT_B);

	memset(&cf, 0, sizeof(cf));
	cf.unit_id = UNIT_A;
	cf.municipality_id = HOME_M;
	cf.author_id = OTHER;
	cf.status = CS_OPEN;
	/* not on an agenda of theirs: nothing */
	ck_assert(!access_concern(&p, &cf, CR_ANONYMOUS));
	cf.agenda = 1;
	ck_assert(access_concern(&p, &cf, CR_ANONYMOUS));
	ck_assert(!access_concern(&p, &cf, CR_READ));
	ck_assert(!access_concern(&p, &cf, CR_DECIDE));
	ck_assert(!access_concern(&p, &cf, CR_DISCUSS));
	ck_assert(!access_concern(&p, &cf, CR_REPORT));
	/* decided: off every agenda */
	cf.status = CS_CLOSED;
	ck_assert(!access_concern(&p, &cf, CR_ANONYMOUS));
	cf.status = CS_PASSED;
	ck_assert(!access_concern(&p, &cf, CR_ANONYMOUS));
	cf.status = CS_OPEN;
	cf.in_log = 1;
	ck_assert(!access_concern(&p, &cf, CR_ANONYMOUS));
	cf.in_log = 0;
	/* another municipality's, a citizen, an administrator, nobody */
	cf.municipality_id = AWAY_M;
	ck_assert(!access_concern(&p, &cf, CR_ANONYMOUS));
	cf.municipality_id = HOME_M;
	p = who(ROLE_CITIZEN, 0);
	ck_assert(!access_concern(&p, &cf, CR_ANONYMOUS));
	p = who(ROLE_ADMIN, 0);
	ck_assert(!access_concern(&p, &cf, CR_ANONYMOUS));
	memset(&p, 0, sizeof(p));
	ck_assert(!access_concern(&p, &cf, CR_ANONYMOUS));
	/* its author reads it anyway, as they read the concern, decided
	 * or not */
	p = who(ROLE_EMPLOYEE, UNIT_A);
	cf.author_id = ME;
	cf.agenda = 0;
	cf.status = CS_CLOSED;
	ck_assert(access_concern(&p, &cf, CR_ANONYMOUS));
}
END_TEST

/* A team: staff of its municipality see it, its members its agenda, its
 * leaders plan while it is active; nobody else anything. */
START_TEST(team_rights)
{
	static const struct {
		enum role	role;
		long long	municipality;
		int		member, leader, active;
		const char	*granted;	/* read, agenda, plan */
	} rows[] = {
		{ ROLE_EMPLOYEE, HOME_M, 0, 0, 1, "r--" },
		{ ROLE_LEADER, HOME_M, 0, 0, 1, "r--" },
		{ ROLE_EMPLOYEE, HOME_M, 1, 0, 1, "ra-" },
		{ ROLE_EMPLOYEE, HOME_M, 1, 1, 1, "rap" },
		{ ROLE_EMPLOYEE, HOME_M, 1, 1, 0, "ra-" },
		{ ROLE_EMPLOYEE, AWAY_M, 1, 1, 1, "---" },
		{ ROLE_ADMIN, HOME_M, 0, 0, 1, "---" },
		{ ROLE_CITIZEN, HOME_M, 1, 1, 1, "---" },
		{ ROLE_NONE, HOME_M, 1, 1, 1, "---" },
	};
	static const char letters[] = "rap";
	struct team_facts f;
	struct principal p;
	size_t i, j;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		p = who(rows[i].role, UNIT_A);
		memset(&f, 0, sizeof(f));
		f.municipality_id = rows[i].municipality;
		f.member = rows[i].member;
		f.leader = rows[i].leader;
		f.active = rows[i].active;
		for (j = 0; j < 3; j++) {
			int want = rows[i].granted[j] == letters[j];

			ck_assert_msg(access_team(&p, &f, (enum team_right)j) ==
			    want, "row %zu right %c", i, letters[j]);
		}
	}
}
END_TEST

/*
 * A family referred to a team with an intake: every actor of the log, as
 * an outsider of the team, a member or its leader, with the consent
 * naming the team's unit or not, in each state of the referral and with
 * the log open or closed. Letters: r read, d decide, s discuss, e end.
 */
START_TEST(referral_rights)
{
	static const char letters[] = "rdse";
	static const struct {
		enum actor		a;
		int			team;	/* 0 out, 1 member, 2 leader */
		int			covered, open;
		enum referral_status	st;
		const char		*granted;
	} rows[] = {
		/* the log's holder: reads, ends or withdraws, never decides */
		{ A_HOLDER, 0, 1, 1, RS_REFERRED, "r--e" },
		{ A_HOLDER, 0, 1, 1, RS_IN, "r--e" },
		{ A_HOLDER, 0, 1, 1, RS_DONE, "r---" },
		{ A_HOLDER, 0, 1, 0, RS_IN, "r---" },
		/* a participant reads it as part of the log */
		{ A_PART, 0, 1, 1, RS_IN, "r---" },
		/* the team's leader: decides until it is in, ends it then */
		{ A_EMPLOYEE, 2, 1, 1, RS_REFERRED, "rd--" },
		{ A_EMPLOYEE, 2, 1, 1, RS_WAITING, "rd--" },
		{ A_EMPLOYEE, 2, 1, 1, RS_IN, "r-se" },
		{ A_EMPLOYEE, 2, 1, 1, RS_DONE, "r---" },
		{ A_EMPLOYEE, 2, 1, 0, RS_IN, "r---" },
		/* ... and nothing without the consent naming the team */
		{ A_EMPLOYEE, 2, 0, 1, RS_WAITING, "----" },
		/* a member: reads, discusses while in */
		{ A_EMPLOYEE, 1, 1, 1, RS_WAITING, "r---" },
		{ A_EMPLOYEE, 1, 1, 1, RS_IN, "r-s-" },
		{ A_EMPLOYEE, 1, 0, 1, RS_IN, "----" },
		/* outside the team and the log */
		{ A_EMPLOYEE, 0, 1, 1, RS_IN, "----" },
		{ A_LEADER_OTHER, 0, 1, 1, RS_IN, "----" },
		/* the family reads the log, not the referral's page (the
		 * route is staff's) */
		{ A_GUARDIAN, 0, 1, 1, RS_IN, "r---" },
		{ A_CITIZEN, 0, 1, 1, RS_IN, "----" },
		{ A_ADMIN, 2, 1, 1, RS_REFERRED, "----" },
		{ A_NOBODY, 2, 1, 1, RS_REFERRED, "----" },
	};
	struct referral_facts f;
	struct principal p;
	size_t i, j;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		memset(&f, 0, sizeof(f));
		setup(rows[i].a, &p, &f.log, 1, rows[i].open);
		f.team.municipality_id = HOME_M;
		f.team.member = rows[i].team > 0;
		f.team.leader = rows[i].team == 2;
		f.team.active = 1;
		f.covered = rows[i].covered;
		f.status = rows[i].st;
		for (j = 0; j < 4; j++) {
			int want = rows[i].granted[j] == letters[j];

			ck_assert_msg(access_referral(&p, &f,
			    (enum referral_right)j) == want,
			    "row %zu right %c: want %d", i, letters[j], want);
		}
	}
}
END_TEST

/* A handover: the log's readers see it; the proposed holder the request
 * alone, while a consent covers them; nobody else. */
START_TEST(handover_read)
{
	struct principal p;
	struct log_facts f;
	int log_too;

	setup(A_HOLDER, &p, &f, 0, 1);
	ck_assert(access_handover_read(&p, &f, OTHER, &log_too) && log_too);
	setup(A_EMPLOYEE, &p, &f, 1, 1);	/* proposed, covered */
	ck_assert(access_handover_read(&p, &f, ME, &log_too) && !log_too);
	setup(A_EMPLOYEE, &p, &f, 0, 1);	/* proposed, consent ended */
	ck_assert(!access_handover_read(&p, &f, ME, &log_too));
	setup(A_EMPLOYEE, &p, &f, 1, 1);	/* covered, not proposed */
	ck_assert(!access_handover_read(&p, &f, OTHER, &log_too));
	setup(A_GUARDIAN, &p, &f, 1, 1);
	ck_assert(access_handover_read(&p, &f, OTHER, &log_too) && log_too);
	setup(A_CITIZEN, &p, &f, 1, 1);		/* a citizen is never staff */
	ck_assert(!access_handover_read(&p, &f, ME, &log_too));
}
END_TEST

/*
 * A two-year consultation, read as a relay log is: its author, the
 * leader of the author's unit, who took part while they work in one of
 * the two services the consent names, the guardians, the youth from 15.
 */
START_TEST(consultation_readers)
{
	static const struct {
		enum role	 role;
		long long	 unit;
		int		 author, took_part, guardian, self, age;
		const char	*want;	/* the role, or NULL */
	} rows[] = {
		{ ROLE_EMPLOYEE, UNIT_A, 1, 0, 0, 0, 2, "author" },
		{ ROLE_LEADER, UNIT_A, 0, 0, 0, 0, 2, "leader" },
		{ ROLE_EMPLOYEE, UNIT_B, 0, 1, 0, 0, 2, "participant" },
		/* named, but no longer of either service: out */
		{ ROLE_EMPLOYEE, UNIT_C, 0, 1, 0, 0, 2, NULL },
		{ ROLE_EMPLOYEE, UNIT_B, 0, 0, 0, 0, 2, NULL },
		{ ROLE_LEADER, UNIT_B, 0, 0, 0, 0, 2, NULL },	/* not home */
		{ ROLE_EMPLOYEE, UNIT_A, 0, 0, 0, 0, 2, NULL },	/* colleague */
		{ ROLE_CITIZEN, 0, 0, 0, 1, 0, 2, "guardian" },
		{ ROLE_CITIZEN, 0, 0, 0, 0, 1, 15, "youth" },
		{ ROLE_CITIZEN, 0, 0, 0, 0, 1, 14, NULL },
		{ ROLE_CITIZEN, 0, 0, 0, 0, 0, 2, NULL },
		{ ROLE_ADMIN, UNIT_A, 1, 1, 0, 0, 2, NULL },
		{ ROLE_NONE, 0, 1, 1, 0, 0, 2, NULL },
	};
	struct consultation_facts f;
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct principal p = who(rows[i].role, rows[i].unit);
		const char *got;

		if (rows[i].role == ROLE_NONE)
			p.user_id = 0;
		memset(&f, 0, sizeof(f));
		f.author_id = rows[i].author ? ME : OTHER;
		f.municipality_id = HOME_M;
		f.unit_id = UNIT_A;
		f.kindergarten_id = UNIT_A;
		f.health_clinic_id = UNIT_B;
		f.took_part = rows[i].took_part;
		f.guardian = rows[i].guardian;
		f.self = rows[i].self;
		f.child_age = rows[i].age;
		got = access_consultation_role(&p, &f);
		if (rows[i].want == NULL)
			ck_assert_msg(got == NULL, "row %zu: %s", i, got);
		else
			ck_assert_msg(got != NULL && strcmp(got,
			    rows[i].want) == 0, "row %zu: %s", i,
			    got != NULL ? got : "(none)");
		ck_assert_int_eq(access_consultation(&p, &f), got != NULL);
	}
}
END_TEST

/*
 * The one rule between municipalities: own and served, yes; another's,
 * no, whatever the person is to the object; a citizen's rights are per
 * child, wherever the case is; nobody logged in, nothing.
 */
START_TEST(municipality_reach)
{
	struct principal p = who(ROLE_EMPLOYEE, UNIT_A), nobody = { 0 };

	ck_assert(access_municipality(&p, HOME_M));
	ck_assert(!access_municipality(&p, SERVED_M));
	ck_assert(!access_municipality(&p, AWAY_M));
	ck_assert(!access_municipality(&p, 0));
	principal_set_serves(&p, "2");
	ck_assert(access_municipality(&p, SERVED_M));
	ck_assert(!access_municipality(&p, AWAY_M));
	principal_set_serves(&p, "7,2,9");
	ck_assert_uint_eq(p.nserves, 3);
	ck_assert(access_municipality(&p, SERVED_M));
	principal_set_serves(&p, "x");
	ck_assert_uint_eq(p.nserves, 0);
	principal_set_serves(&p, NULL);
	ck_assert(!access_municipality(&p, SERVED_M));
	p = who(ROLE_ADMIN, 0);
	ck_assert(access_municipality(&p, HOME_M));
	ck_assert(!access_municipality(&p, AWAY_M));
	p = who(ROLE_CITIZEN, 0);
	ck_assert(access_municipality(&p, AWAY_M));
	ck_assert(!access_municipality(&nobody, HOME_M));
}
END_TEST

/* Every log right of every actor, the log in another municipality:
 * nothing for staff, even its holder; the guardian and the youth keep
 * theirs. Served, as at home. */
START_TEST(municipality_rules)
{
	static const enum actor actors[] = { A_HOLDER, A_PART, A_LEADER_HOME,
		A_LEADER_OTHER, A_EMPLOYEE, A_GUARDIAN, A_YOUTH15, A_CHILD14,
		A_CITIZEN, A_ADMIN, A_NOBODY };
	struct principal p;
	struct log_facts f;
	struct concern_facts cf;
	struct consultation_facts kf;
	size_t i;
	int right, home, away, served, citizen;

	for (i = 0; i < sizeof(actors) / sizeof(actors[0]); i++)
		for (right = LR_READ; right <= LR_RECEIVE; right++) {
			setup(actors[i], &p, &f, 1, 1);
			home = access_log(&p, &f, (enum log_right)right);
			citizen = p.role == ROLE_CITIZEN;
			f.municipality_id = AWAY_M;
			away = access_log(&p, &f, (enum log_right)right);
			ck_assert_msg(away == (citizen ? home : 0),
			    "actor %zu right %d away", i, right);
			principal_set_serves(&p, "3");
			served = access_log(&p, &f, (enum log_right)right);
			ck_assert_msg(served == home, "actor %zu right %d "
			    "served", i, right);
		}
	p = who(ROLE_EMPLOYEE, UNIT_A);
	memset(&cf, 0, sizeof(cf));
	cf.unit_id = UNIT_A;
	cf.author_id = ME;
	cf.status = CS_OPEN;
	cf.municipality_id = HOME_M;
	ck_assert(access_concern(&p, &cf, CR_READ));
	cf.municipality_id = AWAY_M;
	ck_assert(!access_concern(&p, &cf, CR_READ));
	ck_assert(!access_concern(&p, &cf, CR_DECIDE));
	memset(&kf, 0, sizeof(kf));
	kf.author_id = ME;
	kf.unit_id = UNIT_A;
	kf.municipality_id = HOME_M;
	ck_assert(access_consultation(&p, &kf));
	kf.municipality_id = AWAY_M;
	ck_assert(!access_consultation(&p, &kf));
}
END_TEST

static Suite *
access_suite(void)
{
	Suite *s = suite_create("access");
	TCase *tc = tcase_create("concern");

	tcase_add_test(tc, concern_matrix);
	tcase_add_test(tc, nobody_sees_anything);
	tcase_add_test(tc, leader_without_unit);
	suite_add_tcase(s, tc);
	tc = tcase_create("submission");
	tcase_add_test(tc, submission_matrix);
	tcase_add_test(tc, log_matrix);
	tcase_add_test(tc, log_roles);
	tcase_add_test(tc, concern_passed_to_a_log);
	tcase_add_test(tc, concern_own);
	tcase_add_test(tc, handover_read);
	tcase_add_test(tc, consultation_readers);
	tcase_add_test(tc, concern_on_an_agenda);
	tcase_add_test(tc, team_rights);
	tcase_add_test(tc, referral_rights);
	suite_add_tcase(s, tc);
	tc = tcase_create("municipality");
	tcase_add_test(tc, municipality_reach);
	tcase_add_test(tc, municipality_rules);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(access_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
