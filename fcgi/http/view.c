/* view.c: building view documents and rendering them (see view.h). */
#include "config.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlsave.h>
#include <libxslt/imports.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/xsltutils.h>

#include "buf.h"
#include "log.h"
#include "mem.h"
#include "req.h"
#include "route.h"
#include "urlenc.h"
#include "dates.h"
#include "view.h"
#include "viewcache.h"
#include "worker.h"

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

st_rc
xslset_load(struct xslset *s, const char *dir, char *err, size_t errlen)
{
	DIR *d;
	struct dirent *de;
	size_t alloc = 0, i;

	memset(s, 0, sizeof(*s));
	if ((d = opendir(dir)) == NULL) {
		snprintf(err, errlen, "cannot open stylesheet directory '%s'",
		    dir);
		return ST_E_CONFIG;
	}
	/* Files starting with '_' are partials, imported by the others. */
	while ((de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);

		if (len < 5 || strcmp(de->d_name + len - 4, ".xsl") != 0 ||
		    de->d_name[0] == '_' || de->d_name[0] == '.')
			continue;
		if (s->n == alloc) {
			alloc = alloc ? alloc * 2 : 16;
			s->names = xrealloc(s->names, alloc * sizeof(char *));
		}
		s->names[s->n++] = xstrndup(de->d_name, len - 4);
	}
	closedir(d);
	qsort(s->names, s->n, sizeof(char *), by_name);
	s->sheets = xcalloc(s->n + 1, sizeof(*s->sheets));
	for (i = 0; i < s->n; i++) {
		struct buf path = BUF_INIT(4096);
		xmlDocPtr doc;

		if (buf_addf(&path, "%s/%s.xsl", dir, s->names[i]) != ST_OK) {
			buf_release(&path);
			xslset_release(s);
			return ST_E_CONFIG;
		}
		doc = xmlReadFile(path.data, NULL, XML_PARSE_NONET |
		    XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
		if (doc == NULL || (s->sheets[i] =
		    xsltParseStylesheetDoc(doc)) == NULL) {
			snprintf(err, errlen, "stylesheet '%s' does not "
			    "compile", path.data);
			if (doc != NULL)
				xmlFreeDoc(doc);
			buf_release(&path);
			xslset_release(s);
			return ST_E_CONFIG;
		}
		buf_release(&path);
	}
	return ST_OK;
}

void
xslset_release(struct xslset *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		if (s->sheets != NULL && s->sheets[i] != NULL)
			xsltFreeStylesheet(s->sheets[i]);
		xfree(s->names[i]);
	}
	xfree(s->names);
	xfree(s->sheets);
	memset(s, 0, sizeof(*s));
}

xsltStylesheetPtr
xslset_get(const struct xslset *s, const char *name)
{
	size_t lo = 0, hi = s->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(name, s->names[mid]);

		if (c == 0)
			return s->sheets[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

void
view_free_doc(void *doc)
{
	xmlFreeDoc(doc);
}

xmlNodePtr
view_doc(struct req *r, const char *root)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr n = xmlNewDocNode(doc, NULL, BAD_CAST root, NULL);

	xmlDocSetRootElement(doc, n);
	pool_add(&r->pool, view_free_doc, doc);
	return n;
}

/*
 * The page's query without lang, so that the language links
 * lead to the same page (the same draft, step or filter), not to a bare
 * path that has lost what the reader was looking at.
 */
static void
page_query(struct req *r, xmlNodePtr page)
{
	static const char *const skip[] = { "lang", NULL };
	struct buf b;

	buf_init(&b, 8192);
	if (r->qs.n > 0 && urlenc_put(&b, &r->qs, skip) == ST_OK &&
	    b.len > 0 && buf_addch(&b, '\0') == ST_OK)
		view_attr(page, "query", b.data);
	buf_release(&b);
}

/*
 * What an action that worked says on the page it leads to
 * (resp_done_note): one of these codes, and the stylesheet says what was
 * done and what happens next. Any other value shows nothing.
 */
static const char *const done_codes[] = {
	"birth-registered", "close-requested", "concern-closed",
	"concern-passed", "consent-recorded", "consent-withdrawn",
	"draft-deleted",
	"evaluation-saved", "family-note-added",
	"form-saved", "handover-accepted", "handover-proposed",
	"handover-refused", "handover-withdrawn", "level-decided",
	"log-closed", "measure-added", "meeting-planned", "minutes-final",
	"minutes-saved", "note-added", "participant-added",
	"language-saved", "participant-removed", "role-appointed",
	"role-ended", "meeting-answered", "feedback-given",
	"team-added", "team-saved", "team-member-added", "team-member-removed",
	"team-meeting-added", "agenda-put", "agenda-advised",
	"agenda-withdrawn", "referral-made", "referral-in", "referral-waiting",
	"referral-declined", "referral-discussed", "referral-ended",
	"referral-withdrawn", "family-linked", "family-left",
	"expectant-named",
	"scan-uploaded",
	/* the administrator's units and people (h_unit.c, h_person.c) */
	"person-added", "person-deactivated", "person-reactivated",
	"person-saved", "unit-added", "unit-saved", NULL
};

int
view_done_known(const char *code)
{
	const char *const *c;

	for (c = done_codes; code != NULL && *c != NULL; c++)
		if (strcmp(*c, code) == 0)
			return 1;
	return 0;
}

/*
 * The cookie resp_done_note set, "code|path": shown on that page once,
 * then cleared; on another page (a second tab) it waits its minute out.
 */
static void
page_done(struct req *r, xmlNodePtr page)
{
	const char *v = req_cookie(r, DONE_COOKIE), *bar;
	char code[64];

	if (v == NULL || (bar = strchr(v, '|')) == NULL ||
	    (size_t)(bar - v) >= sizeof(code) || strcmp(bar + 1, r->path) != 0)
		return;
	snprintf(code, sizeof(code), "%.*s", (int)(bar - v), v);
	if (!view_done_known(code))
		return;
	view_attr(view_el(page, "done", NULL), "code", code);
	if (resp_cookie(r, DONE_COOKIE, "", 0) != ST_OK)
		log_warn("cannot clear the confirmation cookie");
}

void
view_time_attr(const struct req *r, xmlNodePtr n, const char *name,
    const char *utc)
{
	char local[LOCAL_TIME_SIZE];

	if (utc == NULL)
		return;
	if (req_is_api(r)) {
		view_attr(n, name, utc);
		return;
	}
	dates_local(local, utc);
	view_attr(n, name, local);
}

xmlNodePtr
view_page(struct req *r, const char *name)
{
	xmlNodePtr page = view_doc(r, "page"), u;

	view_attr(page, "name", name);
	view_attr(page, "lang", i18n_code(r->lang));
	view_attr(page, "path", r->path);
	page_query(r, page);
	page_done(r, page);
	{
		char today[DATE_SIZE];

		dates_today(today);
		view_attr(page, "today", today);
	}
	if (r->who.user_id != 0) {
		u = view_el(page, "user", NULL);
		view_attr(u, "name", r->who.display_name);
		view_attr(u, "username", r->who.username);
		view_attr(u, "role", role_name(r->who.role));
		if (r->who.unit_name != NULL)
			view_attr(u, "unit", r->who.unit_name);
	}
	if (r->csrf[0] != '\0') {
		view_el(page, "csrf", r->csrf);
		/* Every form of the page carries one key, so that a form
		 * sent twice (a double click, a resend after no answer) is
		 * carried out once (replay.h). */
		if (r->form_key[0] == '\0')
			secure_random_hex(r->form_key, sizeof(r->form_key));
		view_el(page, "idem", r->form_key);
	}
	return page;
}

/*
 * Serialisation writes straight into the response buffer: a log's view
 * is some 200 KB, and dumping it to memory first cost two more copies
 * of it (and the page faults of the fresh memory) on every read.
 */
struct buf_out {
	struct buf	*b;
	st_rc		 rc;
};

static int
buf_out_write(void *ctx, const char *data, int len)
{
	struct buf_out *o = ctx;

	if (o->rc == ST_OK && len > 0)
		o->rc = buf_add(o->b, data, (size_t)len);
	return o->rc == ST_OK ? len : -1;
}

/*
 * Put the kept lists a view document stands for (r->lists, at the empty
 * r->lists_at: logview.c) into it, as copies: the kept ones stay the
 * cache's.
 */
static st_rc
resolve_lists(struct req *r, xmlDocPtr doc)
{
	xmlNodePtr at = r->lists_at, kept, c, next;

	if (at == NULL || at->doc != doc)
		return ST_OK;
	kept = xmlDocGetRootElement(r->lists->doc)->children;
	if ((c = xmlDocCopyNodeList(doc, kept)) == NULL && kept != NULL)
		return ST_E_NOMEM;
	for (; c != NULL; c = next) {
		next = c->next;
		xmlUnlinkNode(c);
		if (xmlAddPrevSibling(at, c) == NULL) {
			xmlFreeNode(c);
			if (next != NULL)
				next->prev = NULL;
			xmlFreeNodeList(next);
			return ST_E_NOMEM;
		}
	}
	xmlUnlinkNode(at);
	xmlFreeNode(at);
	r->lists_at = NULL;
	return ST_OK;
}

st_rc
view_send_xml(struct req *r, int status, xmlDocPtr doc)
{
	struct buf_out o = { &r->out, ST_OK };
	xmlSaveCtxtPtr s;
	int failed;
	st_rc rc;

	if ((rc = resolve_lists(r, doc)) != ST_OK)
		return rc;
	buf_reset(&r->out);
	if ((s = xmlSaveToIO(buf_out_write, NULL, &o, "UTF-8", 0)) == NULL)
		return ST_E_NOMEM;
	failed = xmlSaveDoc(s, doc) < 0;
	failed = xmlSaveClose(s) < 0 || failed;
	if (o.rc != ST_OK)
		return o.rc;
	if (failed)
		return ST_E_NOMEM;
	r->status = status;
	r->ctype = "application/xml; charset=utf-8";
	return ST_OK;
}

st_rc
view_render(struct req *r, xmlDocPtr doc, const char *name, struct buf *out)
{
	xsltStylesheetPtr sheet = xslset_get(r->w->xsl, name);
	xsltTransformContextPtr tc;
	xsltSecurityPrefsPtr prefs;
	xmlCharEncodingHandlerPtr enc = NULL;
	xmlOutputBufferPtr ob;
	struct buf_out o = { out, ST_OK };
	const xmlChar *encoding;
	xmlDocPtr res;
	int failed;
	st_rc rc;

	if (sheet == NULL) {
		log_err("no stylesheet for page '%s'", name);
		return ST_E_INTERNAL;
	}
	if ((rc = resolve_lists(r, doc)) != ST_OK)
		return rc;
	/* Stylesheets may not read or write files or the network. */
	prefs = xsltNewSecurityPrefs();
	xsltSetSecurityPrefs(prefs, XSLT_SECPREF_READ_FILE,
	    xsltSecurityForbid);
	xsltSetSecurityPrefs(prefs, XSLT_SECPREF_WRITE_FILE,
	    xsltSecurityForbid);
	xsltSetSecurityPrefs(prefs, XSLT_SECPREF_CREATE_DIRECTORY,
	    xsltSecurityForbid);
	xsltSetSecurityPrefs(prefs, XSLT_SECPREF_READ_NETWORK,
	    xsltSecurityForbid);
	xsltSetSecurityPrefs(prefs, XSLT_SECPREF_WRITE_NETWORK,
	    xsltSecurityForbid);
	tc = xsltNewTransformContext(sheet, doc);
	xsltSetCtxtSecurityPrefs(prefs, tc);
	res = xsltApplyStylesheetUser(sheet, doc, NULL, NULL, NULL, tc);
	failed = res == NULL || tc->state != XSLT_STATE_OK;
	xsltFreeTransformContext(tc);
	xsltFreeSecurityPrefs(prefs);
	if (failed) {
		if (res != NULL)
			xmlFreeDoc(res);
		log_err("stylesheet '%s' failed", name);
		return ST_E_INTERNAL;
	}
	/* As xsltSaveResultToString, but straight into out (see
	 * buf_out_write): a log page is some 300 KB. */
	XSLT_GET_IMPORT_PTR(encoding, sheet, encoding)
	if (encoding != NULL) {
		enc = xmlFindCharEncodingHandler((const char *)encoding);
		if (enc != NULL && xmlStrEqual(BAD_CAST enc->name,
		    BAD_CAST "UTF-8"))
			enc = NULL;
	}
	buf_reset(out);
	if (res->children == NULL ||
	    (ob = xmlOutputBufferCreateIO(buf_out_write, NULL, &o, enc)) ==
	    NULL) {
		xmlFreeDoc(res);
		return ST_E_INTERNAL;
	}
	failed = xsltSaveResultTo(ob, res, sheet) < 0;
	failed = xmlOutputBufferClose(ob) < 0 || failed;
	xmlFreeDoc(res);
	if (o.rc != ST_OK)
		return o.rc;
	return failed ? ST_E_INTERNAL : ST_OK;
}

/*
 * A page made from kept lists is kept too (viewcache.h), under a digest
 * of its view document, in which the lists are the empty element that
 * stands for them, and of the lists' own key: the same digest, the same
 * document, the same HTML. The stylesheets and the translations are the
 * worker's for its life; the language is in the document.
 */
static st_rc
send_kept(struct req *r, xmlDocPtr doc, const char *name)
{
	struct viewcache *vc = r->w->vc;
	struct vc_hash h;
	struct vc_key key;
	struct vc_entry *e;
	st_rc rc;

	vc_hash_init(&h, "page/1");
	vc_hash_add(&h, r->lists->key.b, VC_KEY_LEN);
	vc_hash_str(&h, name);
	vc_hash_int(&h, r->lang);
	if ((rc = vc_hash_doc(&h, doc)) != ST_OK)
		return rc;
	vc_hash_final(&h, &key);
	e = vc_get(vc, &key);
	metrics_view_cache(r->w->metrics, MVC_PAGE, e != NULL ? MVC_HIT :
	    MVC_MISS);
	if (e != NULL && !vc->verify) {
		buf_reset(&r->out);
		return buf_add(&r->out, e->html, e->len);
	}
	if ((rc = view_render(r, doc, name, &r->out)) != ST_OK)
		return rc;
	if (e != NULL && (e->len != r->out.len ||
	    memcmp(e->html, r->out.data, e->len) != 0)) {
		metrics_view_cache(r->w->metrics, MVC_PAGE, MVC_STALE);
		log_err("view cache: stale page '%s'", name);
	}
	vc_put_html(vc, &key, r->out.data, r->out.len);
	return ST_OK;
}

/*
 * The forms of a page that is kept (send_kept) carry a key made from
 * what the page is made of, the log's version among it, instead of a
 * random one: with a random one no two reads would be alike and none
 * could be kept. So the same form sent twice from the same state of the
 * log is one request; after any change the page and its key are new.
 */
static void
kept_form_key(struct req *r, xmlDocPtr doc, const char *name)
{
	xmlNodePtr n;
	struct vc_hash h;
	struct vc_key key;
	size_t i;

	for (n = xmlDocGetRootElement(doc)->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    xmlStrcmp(n->name, BAD_CAST "idem") == 0)
			break;
	if (n == NULL)
		return;
	vc_hash_init(&h, "form-key/1");
	vc_hash_add(&h, r->lists->key.b, VC_KEY_LEN);
	vc_hash_str(&h, name);
	vc_hash_str(&h, r->csrf);
	vc_hash_final(&h, &key);
	for (i = 0; i < 16; i++)
		snprintf(r->form_key + 2 * i, 3, "%02x", key.b[i]);
	xmlNodeSetContent(n, BAD_CAST r->form_key);
}

static st_rc
send_html(struct req *r, int status, xmlDocPtr doc, const char *name)
{
	st_rc rc;

	/* Only plain reads are kept: an answer to a form with an error
	 * carries what was typed, and is not asked for twice. */
	if (status == 200 && r->lists_at != NULL && r->lists_at->doc == doc) {
		kept_form_key(r, doc, name);
		rc = send_kept(r, doc, name);
	} else
		rc = view_render(r, doc, name, &r->out);
	if (rc != ST_OK)
		return rc;
	r->status = status;
	r->ctype = "text/html; charset=utf-8";
	return ST_OK;
}

void
view_typed(struct req *r, xmlNodePtr parent, const char *key,
    const char *value)
{
	xmlNodePtr e;
	size_t i;

	for (i = 0; i < r->form.n; i++) {
		if (strcmp(r->form.v[i].name, "csrf") == 0)
			continue;
		e = view_el(parent, "typed", r->form.v[i].value);
		view_attr(e, key, value);
		view_attr(e, "name", r->form.v[i].name);
	}
}

st_rc
view_send(struct req *r, int status, xmlNodePtr node)
{
	xmlDocPtr doc = node->doc;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	xmlChar *name;
	st_rc rc;

	if (xmlStrcmp(root->name, BAD_CAST "page") != 0)
		return view_send_xml(r, status, doc);
	name = xmlGetProp(root, BAD_CAST "name");
	rc = send_html(r, status, doc, (const char *)name);
	xmlFree(name);
	return rc;
}

st_rc
view_send_field_error(struct req *r, int status, const char *field,
    const char *message)
{
	xmlNodePtr root = view_doc(r, "errors");

	view_attr(view_el(root, "error", message), "path", field);
	return view_send(r, status, root);
}
