/* message.c: build the messages sent to partners (see message.h). */
#include "config.h"

#include <string.h>

#include <libxml/tree.h>

#include "message.h"

static const char *const names[MSG__COUNT] = {
	[MSG_REFERRAL] = "referral",
	[MSG_NAV_NOTICE] = "nav_notice",
	[MSG_CW_REPORT] = "cw_report",
	[MSG_HANDOVER] = "handover",
	[MSG_CANCELLATION] = "cancellation",
};

const char *
msg_type_name(enum msg_type t)
{
	return (unsigned)t < MSG__COUNT ? names[t] : NULL;
}

enum msg_type
msg_type_of(const char *name)
{
	unsigned i;

	for (i = 0; i < MSG__COUNT; i++)
		if (strcmp(names[i], name) == 0)
			return (enum msg_type)i;
	return MSG__COUNT;
}

/* The first child element of n named name, or NULL. */
static xmlNodePtr
child(xmlNodePtr n, const char *name)
{
	xmlNodePtr c;

	if (n == NULL)
		return NULL;
	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)c->name, name) == 0)
			return c;
	return NULL;
}

/* The element at a '/'-separated path below n, or NULL. */
static xmlNodePtr
at(xmlNodePtr n, const char *path)
{
	char part[64];
	const char *p = path, *slash;

	while (n != NULL && *p != '\0') {
		size_t len;

		slash = strchr(p, '/');
		len = slash != NULL ? (size_t)(slash - p) : strlen(p);
		if (len == 0 || len >= sizeof(part))
			return NULL;
		memcpy(part, p, len);
		part[len] = '\0';
		n = child(n, part);
		p = slash != NULL ? slash + 1 : p + len;
	}
	return n;
}

/*
 * The trimmed text of the element at path below n into a new string
 * (xmlFree), or NULL when it is missing or blank.
 */
static xmlChar *
text(xmlNodePtr n, const char *path)
{
	xmlChar *s;
	size_t b, e;

	if ((n = at(n, path)) == NULL || (s = xmlNodeGetContent(n)) == NULL)
		return NULL;
	e = strlen((const char *)s);
	for (b = 0; b < e && strchr(" \t\r\n", s[b]) != NULL; b++)
		;
	while (e > b && strchr(" \t\r\n", s[e - 1]) != NULL)
		e--;
	if (e == b) {
		xmlFree(s);
		return NULL;
	}
	memmove(s, s + b, e - b);
	s[e - b] = '\0';
	return s;
}

struct bld {
	xmlDocPtr	 doc;
	xmlNsPtr	 ns;
	int		 missing;	/* a required field was empty */
	int		 nomem;
};

static xmlNodePtr
add(struct bld *b, xmlNodePtr parent, const char *name, const char *val)
{
	xmlNodePtr n;

	n = xmlNewChild(parent, b->ns, (const xmlChar *)name, NULL);
	if (n == NULL) {
		b->nomem = 1;
		return NULL;
	}
	/* xmlNodeAddContent escapes: values are text, never markup. */
	if (val != NULL)
		xmlNodeAddContent(n, (const xmlChar *)val);
	return n;
}

/* Copy the field at path (below src) as element name under parent.
 * A required field that is blank marks the build as failed. */
static void
copy(struct bld *b, xmlNodePtr parent, xmlNodePtr src, const char *path,
    const char *name, int required)
{
	xmlChar *v = text(src, path);

	if (v == NULL) {
		if (required)
			b->missing = 1;
		return;
	}
	(void)add(b, parent, name, (const char *)v);
	xmlFree(v);
}

/* Copy a yes/no field as "true" or "false" (blank is "false"). */
static void
copy_bool(struct bld *b, xmlNodePtr parent, xmlNodePtr src,
    const char *path, const char *name)
{
	xmlChar *v = text(src, path);

	(void)add(b, parent, name, v != NULL &&
	    strcmp((const char *)v, "true") == 0 ? "true" : "false");
	xmlFree(v);
}

/* Whether the field at path equals val (a relevance condition: a field
 * the form hides is not sent even if the instance still holds it). */
static int
is(xmlNodePtr src, const char *path, const char *val)
{
	xmlChar *v = text(src, path);
	int eq = v != NULL && strcmp((const char *)v, val) == 0;

	xmlFree(v);
	return eq;
}

/* Whether the space-separated list at path holds word. */
static int
has_word(xmlNodePtr src, const char *path, const char *word)
{
	xmlChar *v = text(src, path);
	const char *p;
	size_t wl = strlen(word);
	int found = 0;

	for (p = v != NULL ? (const char *)v : ""; *p != '\0' && !found;) {
		size_t len = strcspn(p, " ");

		found = len == wl && strncmp(p, word, wl) == 0;
		p += len;
		p += strspn(p, " ");
	}
	xmlFree(v);
	return found;
}

static xmlNodePtr
start(struct bld *b, enum msg_type t, const struct msg_head *h)
{
	xmlNodePtr root, head;

	memset(b, 0, sizeof(*b));
	if ((b->doc = xmlNewDoc((const xmlChar *)"1.0")) == NULL) {
		b->nomem = 1;
		return NULL;
	}
	root = xmlNewNode(NULL, (const xmlChar *)names[t]);
	if (root == NULL) {
		b->nomem = 1;
		return NULL;
	}
	xmlDocSetRootElement(b->doc, root);
	b->ns = xmlNewNs(root, (const xmlChar *)MSG_NS, NULL);
	xmlSetNs(root, b->ns);
	if (xmlNewProp(root, (const xmlChar *)"version",
	    (const xmlChar *)"1") == NULL)
		b->nomem = 1;
	head = add(b, root, "header", NULL);
	if (head == NULL)
		return NULL;
	if (h->notice == NULL || h->created == NULL || h->sender == NULL)
		b->missing = 1;
	(void)add(b, head, "notice", h->notice);
	if (h->log_ref != NULL)
		(void)add(b, head, "log", h->log_ref);
	(void)add(b, head, "created", h->created);
	(void)add(b, head, "sender", h->sender);
	return root;
}

static st_rc
finish(struct bld *b, xmlDocPtr *out)
{
	st_rc rc = b->nomem ? ST_E_NOMEM : b->missing ? ST_E_INVALID : ST_OK;

	if (rc != ST_OK) {
		xmlFreeDoc(b->doc);
		*out = NULL;
	} else {
		*out = b->doc;
	}
	return rc;
}

/* The instance's root if it is named form, else NULL. */
static xmlNodePtr
form_root(xmlDocPtr inst, const char *form)
{
	xmlNodePtr r = inst != NULL ? xmlDocGetRootElement(inst) : NULL;

	if (r == NULL || strcmp((const char *)r->name, form) != 0)
		return NULL;
	return r;
}

/* The child: name, and the identity number, or else the birth date, or
 * else (not born yet) the expected date. */
static void
child_identity(struct bld *b, xmlNodePtr parent, xmlNodePtr src)
{
	xmlNodePtr c = add(b, parent, "child", NULL);
	xmlChar *nin = text(src, "child/nin");
	xmlChar *birth = text(src, "child/birthdate");

	copy(b, c, src, "child/name", "name", 1);
	if (nin != NULL)
		(void)add(b, c, "nin", (const char *)nin);
	else if (birth != NULL)
		(void)add(b, c, "birthdate", (const char *)birth);
	else
		copy(b, c, src, "child/expected", "expected", 1);
	xmlFree(nin);
	xmlFree(birth);
}

st_rc
msg_build_referral(const struct msg_head *h, xmlDocPtr inst, xmlDocPtr *out)
{
	xmlNodePtr src = form_root(inst, "referral"), root, n;
	struct bld b;

	*out = NULL;
	if (src == NULL)
		return ST_E_INVALID;
	root = start(&b, MSG_REFERRAL, h);
	if (root != NULL) {
		copy(&b, root, src, "recipient", "recipient", 1);
		child_identity(&b, root, src);
		copy(&b, root, src, "reason", "reason", 1);
		copy(&b, root, src, "tried", "tried", 0);
		n = add(&b, root, "functioning", NULL);
		copy(&b, n, src, "functioning/daytime", "daytime", 0);
		copy(&b, n, src, "functioning/home", "home", 0);
		copy(&b, n, src, "functioning/peers", "peers", 0);
		copy(&b, root, src, "consent_ref", "consent_ref", 0);
		copy_bool(&b, root, src, "guardians_agree", "guardians_agree");
		copy(&b, root, src, "urgency", "urgency", 1);
		if (is(src, "urgency", "urgent"))
			copy(&b, root, src, "urgency_reason", "urgency_reason",
			    0);
		n = add(&b, root, "contact", NULL);
		copy(&b, n, src, "contact/name", "name", 1);
		copy(&b, n, src, "contact/phone", "phone", 0);
		copy(&b, n, src, "contact/email", "email", 0);
	}
	return finish(&b, out);
}

st_rc
msg_build_nav_notice(const struct msg_head *h, xmlDocPtr inst,
    xmlDocPtr *out)
{
	xmlNodePtr src = form_root(inst, "nav_notice"), root, n;
	struct bld b;

	*out = NULL;
	if (src == NULL)
		return ST_E_INVALID;
	root = start(&b, MSG_NAV_NOTICE, h);
	if (root != NULL) {
		copy(&b, root, src, "kind", "kind", 1);
		if (has_word(src, "kind", "other"))
			copy(&b, root, src, "kind_other", "kind_other", 0);
		copy(&b, root, src, "needs", "needs", 1);
		copy(&b, root, src, "consent_ref", "consent_ref", 0);
		n = add(&b, root, "family_contact", NULL);
		copy(&b, n, src, "family_contact/name", "name", 1);
		copy(&b, n, src, "family_contact/phone", "phone", 0);
		copy_bool(&b, n, src, "family_contact/interpreter",
		    "interpreter");
		if (is(src, "family_contact/interpreter", "true"))
			copy(&b, n, src, "family_contact/language", "language",
			    0);
		copy(&b, root, src, "urgency", "urgency", 1);
		if (is(src, "urgency", "urgent"))
			copy(&b, root, src, "urgency_reason", "urgency_reason",
			    0);
	}
	return finish(&b, out);
}

st_rc
msg_build_cw_report(const struct msg_head *h, xmlDocPtr inst,
    xmlDocPtr *out)
{
	xmlNodePtr src = form_root(inst, "cw_report"), root, n, obs, o;
	struct bld b;

	*out = NULL;
	if (src == NULL)
		return ST_E_INVALID;
	root = start(&b, MSG_CW_REPORT, h);
	if (root != NULL) {
		n = add(&b, root, "reporter", NULL);
		copy(&b, n, src, "reporter/role", "role", 1);
		if (is(src, "reporter/role", "other"))
			copy(&b, n, src, "reporter/role_other", "role_other",
			    0);
		copy(&b, n, src, "reporter/name", "name", 1);
		copy(&b, n, src, "reporter/unit", "unit", 1);
		copy(&b, n, src, "reporter/phone", "phone", 0);
		child_identity(&b, root, src);
		/* Child welfare must be able to find the child. */
		copy(&b, child(root, "child"), src, "child/address", "address",
		    0);
		copy(&b, root, src, "concern", "concern", 1);
		obs = add(&b, root, "observations", NULL);
		for (o = child(src, "observations") != NULL ?
		    child(src, "observations")->children : NULL; o != NULL;
		    o = o->next) {
			xmlNodePtr m;
			xmlChar *what;

			if (o->type != XML_ELEMENT_NODE ||
			    strcmp((const char *)o->name, "observation") != 0)
				continue;
			/* The form keeps a blank row to type into. */
			if ((what = text(o, "what")) == NULL)
				continue;
			m = add(&b, obs, "observation", NULL);
			copy(&b, m, o, "date", "date", 0);
			(void)add(&b, m, "what", (const char *)what);
			xmlFree(what);
		}
		copy(&b, root, src, "duration", "duration", 0);
		copy(&b, root, src, "risk", "risk", 0);
		copy_bool(&b, root, src, "urgent", "urgent");
		copy(&b, root, src, "guardians_informed", "guardians_informed",
		    1);
		if (is(src, "guardians_informed", "no"))
			copy(&b, root, src, "guardians_not_informed_why",
			    "guardians_not_informed_why", 0);
		n = add(&b, root, "leader", NULL);
		if (is(src, "leader/without", "true")) {
			copy_bool(&b, n, src, "leader/without", "without");
			copy(&b, n, src, "leader/without_why", "without_why",
			    0);
		} else {
			copy(&b, n, src, "leader/name", "name", 1);
			copy_bool(&b, n, src, "leader/without", "without");
		}
		copy(&b, root, src, "date", "date", 1);
	}
	return finish(&b, out);
}

st_rc
msg_build_handover(const struct msg_head *h, xmlDocPtr inst,
    xmlDocPtr *out)
{
	xmlNodePtr src = form_root(inst, "handover"), root, n;
	struct bld b;

	*out = NULL;
	if (src == NULL)
		return ST_E_INVALID;
	root = start(&b, MSG_HANDOVER, h);
	if (root != NULL) {
		/* Who coordinates from now on, to be contacted; the reason
		 * and the briefing stay inside the municipality. */
		n = add(&b, root, "new_holder", NULL);
		copy(&b, n, src, "new_holder/name", "name", 1);
		copy(&b, n, src, "new_holder/unit", "unit", 1);
		copy(&b, root, src, "planned_date", "date", 0);
	}
	return finish(&b, out);
}

st_rc
msg_build_cancellation(const struct msg_head *h, const char *cancels,
    const char *reason, xmlDocPtr *out)
{
	static const char *const reasons[] = { "consent_withdrawn",
		"consent_expired", "log_closed", "sender_withdrew", NULL };
	xmlNodePtr root;
	struct bld b;
	size_t i;

	*out = NULL;
	for (i = 0; reasons[i] != NULL; i++)
		if (reason != NULL && strcmp(reasons[i], reason) == 0)
			break;
	if (cancels == NULL || *cancels == '\0' || reasons[i] == NULL)
		return ST_E_INVALID;
	root = start(&b, MSG_CANCELLATION, h);
	if (root != NULL) {
		(void)add(&b, root, "cancels", cancels);
		(void)add(&b, root, "reason", reason);
	}
	return finish(&b, out);
}

st_rc
msg_build(enum msg_type t, const struct msg_head *h, xmlDocPtr inst,
    xmlDocPtr *out)
{
	switch (t) {
	case MSG_REFERRAL:
		return msg_build_referral(h, inst, out);
	case MSG_NAV_NOTICE:
		return msg_build_nav_notice(h, inst, out);
	case MSG_CW_REPORT:
		return msg_build_cw_report(h, inst, out);
	case MSG_HANDOVER:
		return msg_build_handover(h, inst, out);
	default:
		*out = NULL;
		return ST_E_INVALID;
	}
}
