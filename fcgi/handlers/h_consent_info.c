/* h_consent_info.c: what a consent to cooperation is, in the languages
 * of the municipality's families (issue 20, item 9). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>

#include "conf.h"
#include "handlers.h"
#include "i18n.h"
#include "route.h"
#include "view.h"
#include "worker.h"
#include "xmlnode.h"

/* What each language calls itself, for the list of languages. */
static const char *
autonym(const char *code)
{
	static const char *const t[][2] = {
		{ "nb", "Norsk bokmål" }, { "nn", "Norsk nynorsk" },
		{ "en", "English" }, { "pl", "Polski" },
		{ "ar", "العربية" }, { "so", "Soomaali" },
		{ "ti", "ትግርኛ" }, { "uk", "Українська" },
		{ "fa", "فارسی" }, { "ur", "اردو" }, { "lt", "Lietuvių" },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(t[i][0], code) == 0)
			return t[i][1];
	return code;
}

/* Is code (len bytes) one of the configured languages? */
static int
offered(const struct conf *cfg, const char *code, size_t len)
{
	const char *p = cfg->consent_info_languages;

	while (*p != '\0') {
		size_t n = strcspn(p, " ");

		if (n == len && strncmp(p, code, len) == 0)
			return 1;
		p += n;
		p += strspn(p, " ");
	}
	return 0;
}

/* ROUTE: GET /consent-info */
st_rc
h_consent_info(struct req *r)
{
	const struct conf *cfg = r->w->cfg;
	const char *lang = fields_get(&r->qs, "lang");
	char path[1024], code[8];
	const char *p;
	xmlNodePtr page, list, n;
	xmlDocPtr doc;
	size_t len;

	/* the page's language unless another is asked for */
	if (lang == NULL || *lang == '\0')
		lang = i18n_code(r->lang);
	len = strlen(lang);
	if (len < 2 || len > 3 || strspn(lang, "abcdefghijklmnopqrstuvwxyz")
	    != len || !offered(cfg, lang, len))
		return resp_error(r, 404, _("There is no consent information in this language."));
	snprintf(path, sizeof(path), "%s/consent-info/%s.xml", cfg->forms_dir,
	    lang);
	/* a file of the installation, read as the forms are: no network,
	 * no entities */
	doc = xmlReadFile(path, "UTF-8", XML_PARSE_NONET | XML_PARSE_NOBLANKS |
	    XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
	if (doc == NULL || xmlDocGetRootElement(doc) == NULL) {
		if (doc != NULL)
			xmlFreeDoc(doc);
		return resp_error(r, 404, _("There is no consent information in this language."));
	}
	page = view_page(r, "consent-info");
	n = xmlDocCopyNode(xmlDocGetRootElement(doc), page->doc, 1);
	xmlFreeDoc(doc);
	if (n == NULL)
		return ST_E_NOMEM;
	xmlAddChild(page, n);
	list = view_el(page, "languages", NULL);
	for (p = cfg->consent_info_languages; *p != '\0';) {
		size_t k = strcspn(p, " ");

		if (k > 0 && k < sizeof(code)) {
			memcpy(code, p, k);
			code[k] = '\0';
			n = view_el(list, "language", autonym(code));
			view_attr(n, "code", code);
			if (strcmp(code, lang) == 0)
				view_attr(n, "current", "true");
		}
		p += k;
		p += strspn(p, " ");
	}
	return view_send(r, 200, page);
}
