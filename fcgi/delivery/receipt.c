/* receipt.c: reading a partner's answer to a notice (see receipt.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "dates.h"
#include "i18n.h"
#include "mem.h"
#include "receipt.h"

static const char *const kinds[] = {
	[RECEIPT_ACCEPTED] = "accepted",
	[RECEIPT_REJECTED] = "rejected",
	[RECEIPT_MORE_INFO] = "more_info",
};

const char *
receipt_kind_name(enum receipt_kind k)
{
	return (unsigned)k <= RECEIPT_MORE_INFO ? kinds[k] : "";
}

static void
error(struct receipt_errors *errs, const char *path, const char *name,
    const char *message)
{
	struct receipt_error *e;

	if (errs->n >= RECEIPT_ERRORS_MAX)
		return;
	e = &errs->v[errs->n++];
	snprintf(e->path, sizeof(e->path), "%s%s%s", path,
	    name != NULL ? "/" : "", name != NULL ? name : "");
	e->message = message;
}

static int
blank(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Characters, not bytes: the schema's lengths count characters. */
static size_t
chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/* Is n an element of the receipt's namespace? */
static int
ours(xmlNodePtr n)
{
	return n->ns != NULL &&
	    strcmp((const char *)n->ns->href, RECEIPT_NS) == 0;
}

/* Any attribute on n is refused, except version on the root. */
static void
attributes(xmlNodePtr n, const char *path, int root,
    struct receipt_errors *errs)
{
	xmlAttrPtr a;
	char name[64];

	for (a = n->properties; a != NULL; a = a->next) {
		if (root && a->ns == NULL &&
		    strcmp((const char *)a->name, "version") == 0)
			continue;
		snprintf(name, sizeof(name), "@%s", (const char *)a->name);
		error(errs, path, name, _("This attribute is not part of a receipt."));
	}
}

/*
 * The text of a leaf element, trimmed, as a new string (xfree); NULL
 * when it has elements inside (an error is added) or only blanks.
 */
static char *
leaf(xmlNodePtr n, const char *path, struct receipt_errors *errs)
{
	struct buf b = BUF_INIT(64 * 1024);
	xmlNodePtr c;
	size_t s, e;
	char *out = NULL;

	attributes(n, path, 0, errs);
	for (c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_ELEMENT_NODE) {
			error(errs, path, NULL, _("Only text is allowed here."));
			buf_release(&b);
			return NULL;
		}
		if ((c->type == XML_TEXT_NODE ||
		    c->type == XML_CDATA_SECTION_NODE) && c->content != NULL &&
		    buf_addstr(&b, (const char *)c->content) != ST_OK) {
			error(errs, path, NULL, _("The text is too long."));
			buf_release(&b);
			return NULL;
		}
	}
	for (s = 0; s < b.len && blank(b.data[s]); s++)
		;
	for (e = b.len; e > s && blank(b.data[e - 1]); e--)
		;
	if (e > s)
		out = xstrndup(b.data + s, e - s);
	buf_release(&b);
	return out;
}

/* Element children of n in order, refusing text between them. */
static size_t
elements(xmlNodePtr n, const char *path, xmlNodePtr *v, size_t max,
    struct receipt_errors *errs)
{
	xmlNodePtr c;
	size_t k = 0;
	int text_seen = 0;

	for (c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_ELEMENT_NODE) {
			if (k < max)
				v[k] = c;
			k++;
		} else if ((c->type == XML_TEXT_NODE ||
		    c->type == XML_CDATA_SECTION_NODE) && !text_seen) {
			const xmlChar *t = c->content;

			while (t != NULL && *t != '\0' && blank(*t))
				t++;
			if (t != NULL && *t != '\0') {
				error(errs, path, NULL, _("Text is not allowed here, only the elements of a receipt."));
				text_seen = 1;
			}
		}
	}
	return k;
}

static int
named(xmlNodePtr n, const char *name)
{
	return ours(n) && strcmp((const char *)n->name, name) == 0;
}

static void
notice(xmlNodePtr n, struct receipt *out, struct receipt_errors *errs)
{
	char *v = leaf(n, "/receipt/notice", errs);

	if (v == NULL || strlen(v) != SECURE_ID_LEN || !secure_is_id(v))
		error(errs, "/receipt/notice", NULL, _("Give the id of the notice you answer, as its header had it: 22 characters of A-Z, a-z, 0-9, - and _."));
	else
		memcpy(out->notice, v, SECURE_ID_SIZE);
	xfree(v);
}

/* "YYYY-MM-DDTHH:MM:SS(.s+)?Z": when the receipt was sent, in UTC. */
static void
sent(xmlNodePtr n, struct receipt *out, struct receipt_errors *errs)
{
	char *v = leaf(n, "/receipt/sent", errs);
	long days = 0;
	int ok = 0;
	size_t i = 19;

	if (v != NULL && strlen(v) >= 20 && v[10] == 'T' && v[13] == ':' &&
	    v[16] == ':') {
		days = dates_days(v, &ok);
		if (ok && v[i] == '.')
			for (i++; v[i] >= '0' && v[i] <= '9'; i++)
				;
		ok = ok && v[i] == 'Z' && v[i + 1] == '\0';
		for (i = 11; ok && i < 19; i++)
			if (i != 13 && i != 16 && (v[i] < '0' || v[i] > '9'))
				ok = 0;
	}
	if (!ok)
		error(errs, "/receipt/sent", NULL, _("Say when you sent the receipt, in UTC: YYYY-MM-DDTHH:MM:SSZ."));
	else
		out->sent = (long long)days * 86400 +
		    ((v[11] - '0') * 10 + (v[12] - '0')) * 3600 +
		    ((v[14] - '0') * 10 + (v[15] - '0')) * 60 +
		    (v[17] - '0') * 10 + (v[18] - '0');
	xfree(v);
}

/* A value of the receipt's own, never used again. */
static void
nonce(xmlNodePtr n, struct receipt *out, struct receipt_errors *errs)
{
	char *v = leaf(n, "/receipt/nonce", errs);
	size_t len = v != NULL ? strlen(v) : 0, i;
	int ok = len >= RECEIPT_NONCE_MIN && len <= RECEIPT_NONCE_MAX;

	for (i = 0; ok && i < len; i++)
		ok = (v[i] >= 'A' && v[i] <= 'Z') ||
		    (v[i] >= 'a' && v[i] <= 'z') ||
		    (v[i] >= '0' && v[i] <= '9') || v[i] == '-' || v[i] == '_';
	if (!ok)
		error(errs, "/receipt/nonce", NULL, _("Give a nonce of your own for each receipt: 16 to 64 characters of A-Z, a-z, 0-9, - and _."));
	else
		memcpy(out->nonce, v, len + 1);
	xfree(v);
}

/* A text of 1 to RECEIPT_TEXT_MAX characters, not only blanks. */
static char *
text(xmlNodePtr n, const char *path, struct receipt_errors *errs)
{
	size_t before = errs->n;
	char *v = leaf(n, path, errs);

	if (v == NULL && errs->n == before)
		error(errs, path, NULL, _("Write the text: it may not be empty."));
	if (v != NULL && chars(v) > RECEIPT_TEXT_MAX) {
		error(errs, path, NULL, _("At most 8000 characters."));
		xfree(v);
		v = NULL;
	}
	return v;
}

static char *
reference(xmlNodePtr n, struct receipt_errors *errs)
{
	const char *path = "/receipt/accepted/reference";
	size_t before = errs->n;
	char *v = leaf(n, path, errs);
	const unsigned char *p;

	if (v == NULL) {
		if (errs->n == before)
			error(errs, path, NULL, _("Give your reference for the case."));
		return NULL;
	}
	for (p = (const unsigned char *)v; *p != '\0'; p++)
		if (*p <= 0x20 || *p == 0x7f)
			break;
	if (*p != '\0' || chars(v) > RECEIPT_REF_MAX) {
		error(errs, path, NULL, _("A reference has 1 to 100 characters and no spaces."));
		xfree(v);
		return NULL;
	}
	return v;
}

/*
 * The answer: its element names the kind; inside it, in this order,
 * accepted: reference, text?; rejected: reason; more_info: text.
 */
static void
answer(xmlNodePtr n, struct receipt *out, struct receipt_errors *errs)
{
	static const struct {
		const char		*name;
		enum receipt_kind	 kind;
		const char		*first;	/* required */
		const char		*second;	/* optional */
	} shapes[] = {
		{ "accepted", RECEIPT_ACCEPTED, "reference", "text" },
		{ "rejected", RECEIPT_REJECTED, "reason", NULL },
		{ "more_info", RECEIPT_MORE_INFO, "text", NULL },
	};
	xmlNodePtr c[3];
	char path[48];
	size_t i, k;

	for (i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++)
		if (named(n, shapes[i].name))
			break;
	if (i == sizeof(shapes) / sizeof(shapes[0])) {
		error(errs, "/receipt", (const char *)n->name, _("Not an answer: the answer is accepted, rejected or more_info."));
		return;
	}
	out->kind = shapes[i].kind;
	snprintf(path, sizeof(path), "/receipt/%s", shapes[i].name);
	attributes(n, path, 0, errs);
	k = elements(n, path, c, 3, errs);
	if (k == 0 || !named(c[0], shapes[i].first)) {
		const char *why = out->kind == RECEIPT_ACCEPTED ?
		    _("Give your reference for the case.") :
		    out->kind == RECEIPT_REJECTED ?
		    _("Say why you reject the notice.") :
		    _("Say what more you need to know.");

		error(errs, path, shapes[i].first, why);
		return;
	}
	if (out->kind == RECEIPT_ACCEPTED)
		out->reference = reference(c[0], errs);
	else {
		char p[64];

		snprintf(p, sizeof(p), "%s/%s", path, shapes[i].first);
		out->text = text(c[0], p, errs);
	}
	if (k >= 2 && shapes[i].second != NULL &&
	    named(c[1], shapes[i].second)) {
		char p[64];

		snprintf(p, sizeof(p), "%s/%s", path, shapes[i].second);
		out->text = text(c[1], p, errs);
		i = 2;
	} else
		i = 1;
	if (k > i)
		error(errs, path, (const char *)c[i]->name,
		    _("This is not part of the answer."));
}

/* After the answer, child welfare may say withhold or inform. */
static void
guardians(xmlNodePtr n, struct receipt *out, struct receipt_errors *errs)
{
	char *v = leaf(n, "/receipt/guardians", errs);

	if (v != NULL && strcmp(v, "withhold") == 0)
		out->guardians = RECEIPT_GUARDIANS_WITHHOLD;
	else if (v != NULL && strcmp(v, "inform") == 0)
		out->guardians = RECEIPT_GUARDIANS_INFORM;
	else
		error(errs, "/receipt/guardians", NULL, _("Say withhold (the guardians are not shown the report) or inform (they are)."));
	xfree(v);
}

st_rc
receipt_parse(xmlDocPtr doc, struct receipt *out,
    struct receipt_errors *errs)
{
	xmlNodePtr root = doc != NULL ? xmlDocGetRootElement(doc) : NULL;
	xmlNodePtr c[6];
	xmlChar *version;
	size_t i, k;

	memset(out, 0, sizeof(*out));
	errs->n = 0;
	if (root == NULL || !named(root, "receipt")) {
		error(errs, "/", NULL, _("The document must be a receipt: the element receipt in the namespace urn:x-stafett:receipt:1."));
		return ST_E_INVALID;
	}
	version = xmlGetNoNsProp(root, (const xmlChar *)"version");
	if (version == NULL || strcmp((const char *)version, "1") != 0)
		error(errs, "/receipt/@version", NULL, _("Give version=\"1\": the only version of a receipt."));
	xmlFree(version);
	attributes(root, "/receipt", 1, errs);
	k = elements(root, "/receipt", c, 6, errs);
	i = 0;
	if (i < k && named(c[i], "notice"))
		notice(c[i++], out, errs);
	else
		error(errs, "/receipt/notice", NULL, _("Give the id of the notice you answer, as its header had it: 22 characters of A-Z, a-z, 0-9, - and _."));
	if (i < k && named(c[i], "sent"))
		sent(c[i++], out, errs);
	else
		error(errs, "/receipt/sent", NULL, _("Say when you sent the receipt, in UTC: YYYY-MM-DDTHH:MM:SSZ."));
	if (i < k && named(c[i], "nonce"))
		nonce(c[i++], out, errs);
	else
		error(errs, "/receipt/nonce", NULL, _("Give a nonce of your own for each receipt: 16 to 64 characters of A-Z, a-z, 0-9, - and _."));
	if (i < k)
		answer(c[i++], out, errs);
	else
		error(errs, "/receipt", NULL, _("Give one answer: accepted, rejected or more_info."));
	if (i < k && named(c[i], "guardians"))
		guardians(c[i++], out, errs);
	if (i < k)
		error(errs, "/receipt", (const char *)c[i]->name,
		    _("A receipt has one answer only."));
	if (errs->n > 0) {
		receipt_release(out);
		return ST_E_INVALID;
	}
	return ST_OK;
}

void
receipt_release(struct receipt *r)
{
	xfree(r->reference);
	xfree(r->text);
	r->reference = NULL;
	r->text = NULL;
}

void
receipt_digest(const struct receipt *r, unsigned char out[SECURE_HASH_LEN])
{
	struct buf b = BUF_INIT(64 * 1024);
	const char *k = receipt_kind_name(r->kind);

	/* NUL separates the parts: none of them can hold one. */
	if (buf_add(&b, k, strlen(k) + 1) != ST_OK ||
	    buf_add(&b, r->reference != NULL ? r->reference : "",
	    r->reference != NULL ? strlen(r->reference) + 1 : 1) != ST_OK ||
	    buf_addstr(&b, r->text != NULL ? r->text : "") != ST_OK)
		buf_reset(&b);
	/* Only when said: an answer without it hashes as it always did. */
	if (r->guardians != RECEIPT_GUARDIANS_SAME && b.len > 0 &&
	    (buf_add(&b, "", 1) != ST_OK || buf_addstr(&b,
	    r->guardians == RECEIPT_GUARDIANS_WITHHOLD ? "withhold" :
	    "inform") != ST_OK))
		buf_reset(&b);
	secure_hash(b.data, b.len, out);
	buf_release(&b);
}
