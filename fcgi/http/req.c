/* req.c: request lifecycle and response helpers (see req.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <libxml/tree.h>

#include "mem.h"
#include "req.h"

#define HDRS_MAX	(8 * 1024)
#define OUT_MAX		(8 * 1024 * 1024)

void
req_init(struct req *r, struct worker *w)
{
	memset(r, 0, sizeof(*r));
	r->w = w;
	pool_init(&r->pool);
	fields_init(&r->qs);
	fields_init(&r->cookies);
	fields_init(&r->form);
	buf_init(&r->body, 0);
	buf_init(&r->hdrs, HDRS_MAX);
	buf_init(&r->out, OUT_MAX);
	r->route_index = -1;
	r->status = 200;
	r->method = "GET";
	r->path = "/";
	r->query = "";
}

void
req_release(struct req *r)
{
	if (r->xml != NULL)
		xmlFreeDoc(r->xml);
	fields_release(&r->qs);
	fields_release(&r->cookies);
	fields_release(&r->form);
	buf_release(&r->body);
	buf_release(&r->hdrs);
	buf_release(&r->out);
	pool_release(&r->pool);
	memset(r->csrf, 0, sizeof(r->csrf));
	r->xml = NULL;
	r->lists = NULL;
	r->lists_at = NULL;
}

int
req_is_api(const struct req *r)
{
	return strncmp(r->path, "/api/", 5) == 0;
}

const char *
req_cookie(const struct req *r, const char *name)
{
	char full[128];

	/* over TLS, only the __Host- cookie counts (resp_cookie) */
	if (r->https) {
		snprintf(full, sizeof(full), "%s%s", HOST_PREFIX, name);
		return fields_get(&r->cookies, full);
	}
	return fields_get(&r->cookies, name);
}

st_rc
resp_header(struct req *r, const char *name, const char *value)
{
	if (strpbrk(value, "\r\n") != NULL || strpbrk(name, "\r\n:") != NULL)
		return ST_E_INVALID;
	return buf_addf(&r->hdrs, "%s: %s\r\n", name, value);
}

static st_rc
cookie(struct req *r, const char *name, const char *value, long max_age,
    const char *same_site)
{
	struct buf b = BUF_INIT(1024);
	st_rc rc;

	/*
	 * HttpOnly: scripts never see it. SameSite=Strict: no other site can
	 * make the browser send it. Over TLS (the development server on
	 * 127.0.0.1 is plain HTTP) Secure, and the __Host- prefix: the
	 * browser then takes it only from this host, over TLS, for the whole
	 * site, so no subdomain or plain-HTTP answer can set or shadow it.
	 */
	rc = buf_addf(&b, "%s%s=%s; Path=/; HttpOnly; SameSite=%s%s",
	    r->https ? HOST_PREFIX : "", name, value, same_site,
	    r->https ? "; Secure" : "");
	if (rc == ST_OK && max_age >= 0)
		rc = buf_addf(&b, "; Max-Age=%ld", max_age);
	if (rc == ST_OK)
		rc = resp_header(r, "Set-Cookie", b.data);
	buf_release(&b);
	return rc;
}

st_rc
resp_cookie(struct req *r, const char *name, const char *value, long max_age)
{
	return cookie(r, name, value, max_age, "Strict");
}

st_rc
resp_cookie_lax(struct req *r, const char *name, const char *value,
    long max_age)
{
	return cookie(r, name, value, max_age, "Lax");
}

st_rc
resp_redirect(struct req *r, const char *path)
{
	/* Only local paths: an open redirect would help phishing. */
	if (path[0] != '/' || path[1] == '/' || path[1] == '\\')
		path = "/";
	r->status = 303;
	r->ctype = NULL;
	buf_reset(&r->out);
	return resp_header(r, "Location", path);
}

st_rc
resp_text(struct req *r, int status, const char *ctype, const char *text)
{
	r->status = status;
	r->ctype = ctype;
	buf_reset(&r->out);
	return buf_addstr(&r->out, text);
}

const char *
http_reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 204: return "No Content";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Payload Too Large";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Entity";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	}
	return "Unknown";
}

static void
free_xml(void *p)
{
	xmlFree(p);
}

const char *
req_input_n(struct req *r, const char *name, size_t n)
{
	xmlNodePtr c;
	size_t i, seen = 0;

	if (r->xml != NULL) {
		c = xmlDocGetRootElement(r->xml);
		for (c = c != NULL ? c->children : NULL; c != NULL;
		    c = c->next) {
			xmlChar *t;

			if (c->type != XML_ELEMENT_NODE ||
			    strcmp((const char *)c->name, name) != 0)
				continue;
			if (seen++ != n)
				continue;
			t = xmlNodeGetContent(c);
			if (t == NULL)
				return "";
			return pool_add(&r->pool, free_xml, t);
		}
		return NULL;
	}
	for (i = 0; i < r->form.n; i++)
		if (strcmp(r->form.v[i].name, name) == 0 && seen++ == n)
			return r->form.v[i].value;
	return NULL;
}

const char *
req_input(struct req *r, const char *name)
{
	return req_input_n(r, name, 0);
}
