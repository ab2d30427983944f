/* evmsg.h: the message of a timeline event: a message id and its
 * arguments, stored as they are and put into words when read, in the
 * reader's language. */
#ifndef ST_EVMSG_H
#define ST_EVMSG_H

#include <libxml/tree.h>

#include "buf.h"
#include "i18n.h"
#include "result.h"

/*
 * An event is read by people in other languages than the one its
 * writer used (a nurse with an English page, a guardian in nynorsk,
 * the archive), so the timeline stores no finished sentence. A system
 * event is stored as its message id (msg: the English text with {0},
 * {1} ... where the arguments go, marked N_() so that xgettext puts it
 * in the catalogue) and its arguments, each with a type:
 *
 *   EVARG_TEXT	  what a person wrote (a reason, a note, a measure),
 *		  shown as typed and marked with the language it was
 *		  written in when that is known (lang), never translated;
 *   EVARG_NAME	  a person's, unit's, team's or partner's name;
 *   EVARG_NAMES  a list of names, shown as "A, B and C" in the reader's
 *		  language (the value holds the names separated by
 *		  EVMSG_SEP);
 *   EVARG_REF	  a reference such as a concern's (K-2024-...);
 *   EVARG_NUMBER a whole number (a level);
 *   EVARG_DATE	  YYYY-MM-DD, shown as dates are on pages in the
 *		  reader's language; EVARG_TIME: HH:MM;
 *   EVARG_CODE_* a code (a service, a role, a reason), shown as its
 *		  words in the reader's language (labels.h, the one
 *		  place those words are kept).
 *
 * The msg EVMSG_TEXT_ONLY ("{0}") is an event that is nothing but what
 * a person wrote (a note, a bright spot): it is not translated.
 *
 * A writer fills a struct evmsg with evmsg_init() and one evmsg_*()
 * call per argument, in the order of their numbers; the struct points
 * at the caller's strings (they must live until the event is written)
 * and owns nothing until evmsg_decode(). caselog_event_msg() stores it
 * (caselog.h). A reader decodes what was stored with evmsg_decode()
 * and puts it into words with evmsg_render() (text) or evmsg_view()
 * (the view document); evmsg_release() frees what decoding made.
 */
#define EVMSG_MAX_ARGS	8
#define EVMSG_SEP	"\x1f"
#define EVMSG_TEXT_ONLY	"{0}"

#define EVARG_TEXT		"text"
#define EVARG_NAME		"name"
#define EVARG_NAMES		"names"
#define EVARG_REF		"ref"
#define EVARG_NUMBER		"number"
#define EVARG_DATE		"date"
#define EVARG_TIME		"time"
#define EVARG_SERVICE		"code:service"
#define EVARG_SERVICES		"code:services"	/* space-separated */
#define EVARG_ROLE		"code:role"
#define EVARG_CASE_ROLE		"code:case_role"	/* caserole.h */
#define EVARG_CLOSING		"code:closing"
#define EVARG_RESULT		"code:result"
#define EVARG_NEXT_STEP		"code:next_step"
#define EVARG_NOTICE_KIND	"code:notice_kind"
#define EVARG_CANCEL_REASON	"code:cancel_reason"
#define EVARG_CONSENT_METHOD	"code:consent_method"

struct evarg {
	const char	*type;	/* an EVARG_ string */
	const char	*value;	/* never NULL */
	const char	*lang;	/* EVARG_TEXT: "nb", "nn", "en" or NULL */
};

struct evmsg {
	const char	*msg;
	size_t		 n;
	int		 overflow;	/* more than EVMSG_MAX_ARGS given */
	struct evarg	 a[EVMSG_MAX_ARGS];
	char		 num[EVMSG_MAX_ARGS][24];
	struct buf	 store;		/* decoded values */
};

/* Start a message; msg is a message id (N_("...")) or EVMSG_TEXT_ONLY. */
void evmsg_init(struct evmsg *m, const char *msg);
/* The arguments, {0} first. NULL values are "". */
void evmsg_text(struct evmsg *m, const char *text, const char *lang);
void evmsg_name(struct evmsg *m, const char *name);
void evmsg_names(struct evmsg *m, const char *names);
void evmsg_ref(struct evmsg *m, const char *ref);
void evmsg_number(struct evmsg *m, long long n);
void evmsg_date(struct evmsg *m, const char *iso);
void evmsg_time(struct evmsg *m, const char *hhmm);
/* A code of type (one of the EVARG_ code types). */
void evmsg_code(struct evmsg *m, const char *type, const char *code);
void evmsg_release(struct evmsg *m);

/*
 * The language a person's text typed in this request was written in:
 * the language of the page they typed it on (its fields carry it, and
 * the browser spell-checks in it), as a code; NULL for an API client,
 * whose text may be in any language.
 */
struct req;
const char *evmsg_typed_lang(const struct req *r);

/*
 * The arguments as stored (case_event.args): an XML document
 * <args><a t="TYPE" lang="...">value</a>...</args>, a list of names as
 * <a t="names"><i>A</i><i>B</i></a>. Empty (out->len 0) when there are
 * none. ST_E_INVALID when m has more arguments than it can hold.
 */
st_rc evmsg_encode(const struct evmsg *m, struct buf *out) ST_MUST_CHECK;
/*
 * Read a stored message: msg and its encoded arguments (args, len bytes;
 * NULL for none), parsed as untrusted XML (xmlsafe.h). ST_E_INVALID
 * when they are not what evmsg_encode makes (an unknown type, too many
 * arguments): the caller shows the event's summary instead. m owns
 * copies of the values until evmsg_release(); msg must outlive m.
 */
st_rc evmsg_decode(struct evmsg *m, const char *msg, const char *args,
    size_t len) ST_MUST_CHECK;

/* The message in words in the current language (i18n_use), appended to
 * out: the catalogue's translation of msg with its arguments in. */
st_rc evmsg_render(const struct evmsg *m, struct buf *out) ST_MUST_CHECK;
/*
 * The message in the view document of an event (the node event), for
 * a reader of language reader (the current one):
 *
 *   msg="..." on event;
 *   <arg type="..." [value="..."] [lang="..."]>words</arg> for each
 *   argument, in order (value: the code or date as stored, when the
 *   words differ; a list of names as <item> children);
 *   <text lang="...">the sentence</text>, in the reader's language,
 *   in which text written in another language than the reader's is
 *   <quote lang="...">...</quote>.
 */
void evmsg_view(const struct evmsg *m, enum lang reader, xmlNodePtr event);

#endif
