/* evmsg.c: a timeline event's message id and arguments, stored and put
 * into words in the reader's language (see evmsg.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <libxml/tree.h>

#include "evmsg.h"
#include "labels.h"
#include "req.h"
#include "xmlnode.h"
#include "xmlsafe.h"

/* The stored arguments of one event: a note of 4000 characters and a
 * few names fit many times over. */
#define ARGS_MAX	(256 * 1024)
#define ARGS_DEPTH	3

/* The types there are, as stored; a code type's words come from its
 * labels.h function. */
static const struct {
	const char	*type;
	const char	*(*label)(const char *code);
} types[] = {
	{ EVARG_TEXT, NULL }, { EVARG_NAME, NULL }, { EVARG_NAMES, NULL },
	{ EVARG_REF, NULL }, { EVARG_NUMBER, NULL }, { EVARG_DATE, NULL },
	{ EVARG_TIME, NULL }, { EVARG_SERVICES, NULL },
	{ EVARG_SERVICE, label_service },
	{ EVARG_ROLE, label_role },
	{ EVARG_CASE_ROLE, label_case_role },
	{ EVARG_CLOSING, label_closing },
	{ EVARG_RESULT, label_result },
	{ EVARG_NEXT_STEP, label_next_step },
	{ EVARG_NOTICE_KIND, label_notice_kind },
	{ EVARG_CANCEL_REASON, label_cancel_reason },
	{ EVARG_CONSENT_METHOD, label_consent_method },
};

/* The known type named t (its static string), or -1. */
static int
type_index(const char *t)
{
	size_t i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(types[i].type, t) == 0)
			return (int)i;
	return -1;
}

void
evmsg_init(struct evmsg *m, const char *msg)
{
	memset(m, 0, sizeof(*m));
	m->msg = msg;
	buf_init(&m->store, ARGS_MAX * 2);
}

static struct evarg *
next(struct evmsg *m, const char *type)
{
	struct evarg *a;

	if (m->n == EVMSG_MAX_ARGS) {
		m->overflow = 1;
		return NULL;
	}
	a = &m->a[m->n++];
	a->type = type;
	a->value = "";
	a->lang = NULL;
	return a;
}

void
evmsg_text(struct evmsg *m, const char *text, const char *lang)
{
	struct evarg *a = next(m, EVARG_TEXT);
	enum lang l;

	if (a == NULL)
		return;
	a->value = text != NULL ? text : "";
	/* only a language the program knows, as its code */
	a->lang = i18n_parse(lang, &l) ? i18n_code(l) : NULL;
}

static void
plain(struct evmsg *m, const char *type, const char *value)
{
	struct evarg *a = next(m, type);

	if (a != NULL && value != NULL)
		a->value = value;
}

void
evmsg_name(struct evmsg *m, const char *name)
{
	plain(m, EVARG_NAME, name);
}

void
evmsg_names(struct evmsg *m, const char *names)
{
	plain(m, EVARG_NAMES, names);
}

void
evmsg_ref(struct evmsg *m, const char *ref)
{
	plain(m, EVARG_REF, ref);
}

void
evmsg_number(struct evmsg *m, long long n)
{
	size_t i = m->n;

	plain(m, EVARG_NUMBER, NULL);
	if (i < m->n) {
		snprintf(m->num[i], sizeof(m->num[i]), "%lld", n);
		m->a[i].value = m->num[i];
	}
}

void
evmsg_date(struct evmsg *m, const char *iso)
{
	plain(m, EVARG_DATE, iso);
}

void
evmsg_time(struct evmsg *m, const char *hhmm)
{
	plain(m, EVARG_TIME, hhmm);
}

void
evmsg_code(struct evmsg *m, const char *type, const char *code)
{
	int t = type_index(type);

	/* an unknown type is a bug of the writer: the code is kept as a
	 * name rather than lost */
	plain(m, t >= 0 ? types[t].type : EVARG_NAME, code);
}

void
evmsg_release(struct evmsg *m)
{
	buf_release(&m->store);
	m->n = 0;
}

const char *
evmsg_typed_lang(const struct req *r)
{
	return req_is_api(r) ? NULL : i18n_code(r->lang);
}

/* ------------------------------------------------------------ storing */

st_rc
evmsg_encode(const struct evmsg *m, struct buf *out)
{
	xmlDocPtr doc;
	xmlNodePtr root, a;
	xmlBufferPtr xb;
	size_t i;
	st_rc rc = ST_OK;

	if (m->overflow)
		return ST_E_INVALID;
	if (m->n == 0)
		return ST_OK;
	if ((doc = xmlNewDoc(BAD_CAST "1.0")) == NULL)
		return ST_E_NOMEM;
	root = xmlNewDocNode(doc, NULL, BAD_CAST "args", NULL);
	xmlDocSetRootElement(doc, root);
	for (i = 0; i < m->n; i++) {
		const struct evarg *v = &m->a[i];

		if (strcmp(v->type, EVARG_NAMES) == 0) {
			const char *p = v->value;
			size_t n;

			a = view_el(root, "a", NULL);
			for (; *p != '\0'; p += n + (p[n] != '\0'))
				if ((n = strcspn(p, EVMSG_SEP)) > 0)
					xmlNodeAddContentLen(view_el(a, "i",
					    NULL), BAD_CAST p, (int)n);
		} else
			a = view_el(root, "a", v->value);
		view_attr(a, "t", v->type);
		view_attr(a, "lang", v->lang);
	}
	if ((xb = xmlBufferCreate()) == NULL) {
		xmlFreeDoc(doc);
		return ST_E_NOMEM;
	}
	if (xmlNodeDump(xb, doc, root, 0, 0) < 0)
		rc = ST_E_NOMEM;
	else
		rc = buf_add(out, xmlBufferContent(xb),
		    (size_t)xmlBufferLength(xb));
	xmlBufferFree(xb);
	xmlFreeDoc(doc);
	return rc;
}

/* ------------------------------------------------------------ reading */

/* The text of element n's children (only text, as evmsg_encode makes
 * it), appended to out; 0 when n holds anything else. */
static int
text_of(xmlNodePtr n, struct buf *out)
{
	xmlNodePtr c;

	for (c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_TEXT_NODE)
			return 0;
		if (buf_addstr(out, (const char *)c->content) != ST_OK)
			return 0;
	}
	return 1;
}

st_rc
evmsg_decode(struct evmsg *m, const char *msg, const char *args,
    size_t len)
{
	size_t off[EVMSG_MAX_ARGS], i;
	xmlDocPtr doc = NULL;
	xmlNodePtr root, a, it;
	char err[160];
	st_rc rc;

	evmsg_init(m, msg);
	if (args == NULL || len == 0)
		return ST_OK;
	if ((rc = xmlsafe_parse(args, len, ARGS_MAX, ARGS_DEPTH, &doc, err,
	    sizeof(err))) != ST_OK)
		return rc;
	rc = ST_E_INVALID;
	root = xmlDocGetRootElement(doc);
	if (root == NULL || strcmp((const char *)root->name, "args") != 0)
		goto out;
	for (a = root->children; a != NULL; a = a->next) {
		struct evarg *v;
		xmlChar *t, *lang;
		enum lang l;
		int k;

		if (a->type == XML_TEXT_NODE && xmlIsBlankNode(a))
			continue;
		if (a->type != XML_ELEMENT_NODE)
			goto out;
		if (strcmp((const char *)a->name, "a") != 0 ||
		    m->n == EVMSG_MAX_ARGS)
			goto out;
		t = xmlGetProp(a, BAD_CAST "t");
		k = t != NULL ? type_index((const char *)t) : -1;
		xmlFree(t);
		if (k < 0)
			goto out;
		v = &m->a[m->n];
		v->type = types[k].type;
		v->lang = NULL;
		off[m->n++] = m->store.len;
		if (strcmp(v->type, EVARG_NAMES) == 0) {
			int first = 1;

			for (it = a->children; it != NULL; it = it->next) {
				if (it->type == XML_TEXT_NODE &&
				    xmlIsBlankNode(it))
					continue;
				if (it->type != XML_ELEMENT_NODE)
					goto out;
				if (strcmp((const char *)it->name, "i") != 0 ||
				    (!first && buf_addstr(&m->store,
				    EVMSG_SEP) != ST_OK) ||
				    !text_of(it, &m->store))
					goto out;
				first = 0;
			}
		} else if (!text_of(a, &m->store))
			goto out;
		if (buf_addch(&m->store, '\0') != ST_OK)
			goto out;
		lang = xmlGetProp(a, BAD_CAST "lang");
		if (lang != NULL && i18n_parse((const char *)lang, &l))
			v->lang = i18n_code(l);
		xmlFree(lang);
	}
	/* the values are in place now that the store grows no more */
	for (i = 0; i < m->n; i++)
		m->a[i].value = m->store.data + off[i];
	rc = ST_OK;
out:
	xmlFreeDoc(doc);
	if (rc != ST_OK)
		evmsg_release(m);
	return rc;
}

/* ------------------------------------------------------------ words */

/* The names of a list, as "A, B and C". */
static st_rc
names(const char *list, struct buf *out)
{
	size_t n, total = 0, i = 0;
	const char *p;
	st_rc rc = ST_OK;

	for (p = list; *p != '\0'; p += n + (p[n] != '\0'))
		if ((n = strcspn(p, EVMSG_SEP)) > 0)
			total++;
	for (p = list; *p != '\0' && rc == ST_OK; p += n + (p[n] != '\0')) {
		if ((n = strcspn(p, EVMSG_SEP)) == 0)
			continue;
		if (i++ > 0)
			rc = buf_addstr(out, i == total ? _(" and ") : ", ");
		if (rc == ST_OK)
			rc = buf_add(out, p, n);
	}
	return rc;
}

/* One argument in words, in the current language. */
static st_rc
words(const struct evarg *a, struct buf *out)
{
	int t = type_index(a->type);

	if (t >= 0 && types[t].label != NULL)
		return buf_addstr(out, types[t].label(a->value));
	if (strcmp(a->type, EVARG_SERVICES) == 0)
		return label_services(out, a->value);
	if (strcmp(a->type, EVARG_NAMES) == 0)
		return names(a->value, out);
	if (strcmp(a->type, EVARG_DATE) == 0 &&
	    i18n_current() != LANG_EN) {
		char d[DATE_SIZE];

		/* 31.03.2024, as on a Norwegian page; English pages show
		 * the date as stored */
		label_date(d, a->value);
		return buf_addstr(out, d[0] != '\0' ? d : a->value);
	}
	return buf_addstr(out, a->value);
}

/*
 * The translation of m's msg with {N} replaced by argument N in words,
 * appended to out; with text not NULL, the sentence is built under it
 * as text nodes, a person's text in another language than reader's as
 * <quote lang>.
 */
static st_rc
expand(const struct evmsg *m, struct buf *out, xmlNodePtr text,
    enum lang reader)
{
	const char *tr, *p;
	size_t flushed = out->len;
	st_rc rc = ST_OK;

	tr = strcmp(m->msg, EVMSG_TEXT_ONLY) == 0 ? m->msg : _(m->msg);
	for (p = tr; *p != '\0' && rc == ST_OK; p++) {
		const struct evarg *a;

		if (!(p[0] == '{' && p[1] >= '0' && p[1] <= '7' &&
		    p[2] == '}' && (size_t)(p[1] - '0') < m->n)) {
			rc = buf_addch(out, *p);
			continue;
		}
		a = &m->a[p[1] - '0'];
		p += 2;
		if (text != NULL && a->lang != NULL &&
		    strcmp(a->lang, i18n_code(reader)) != 0 &&
		    *a->value != '\0') {
			xmlNodePtr q;

			if (out->len > flushed)
				xmlNodeAddContentLen(text,
				    BAD_CAST out->data + flushed,
				    (int)(out->len - flushed));
			q = view_el(text, "quote", a->value);
			view_attr(q, "lang", a->lang);
			rc = buf_addstr(out, a->value);
			flushed = out->len;
			continue;
		}
		rc = words(a, out);
	}
	if (rc == ST_OK && text != NULL && out->len > flushed)
		xmlNodeAddContentLen(text, BAD_CAST out->data + flushed,
		    (int)(out->len - flushed));
	return rc;
}

st_rc
evmsg_render(const struct evmsg *m, struct buf *out)
{
	return expand(m, out, NULL, i18n_current());
}

void
evmsg_view(const struct evmsg *m, enum lang reader, xmlNodePtr event)
{
	struct buf w = BUF_INIT(ARGS_MAX * 2);
	xmlNodePtr a, text;
	size_t i;

	view_attr(event, "msg", m->msg);
	for (i = 0; i < m->n; i++) {
		const struct evarg *v = &m->a[i];

		buf_reset(&w);
		if (strcmp(v->type, EVARG_NAMES) == 0) {
			const char *p = v->value;
			size_t n;

			a = view_el(event, "arg", NULL);
			for (; *p != '\0'; p += n + (p[n] != '\0'))
				if ((n = strcspn(p, EVMSG_SEP)) > 0 &&
				    buf_add(&w, p, n) == ST_OK) {
					view_el(a, "item", w.data);
					buf_reset(&w);
				}
		} else {
			if (words(v, &w) != ST_OK)
				buf_reset(&w);
			a = view_el(event, "arg", w.data);
			if (strcmp(w.data, v->value) != 0)
				view_attr(a, "value", v->value);
		}
		view_attr(a, "type", v->type);
		view_attr(a, "lang", v->lang);
	}
	buf_reset(&w);
	text = view_el(event, "text", NULL);
	view_attr(text, "lang", i18n_code(reader));
	(void)expand(m, &w, text, reader);
	buf_release(&w);
}
