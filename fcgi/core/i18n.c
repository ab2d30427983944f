/* i18n.c: language selection and gettext lookups (see i18n.h). */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <libxml/xpathInternals.h>
#include <libxslt/extensions.h>

#include "buf.h"
#include "i18n.h"

static locale_t locales[LANG_COUNT];
static enum lang current = LANG_NB;

static st_rc
norwegian(enum lang l, const char *code, char *err, size_t errlen)
{
	char name[32];

	snprintf(name, sizeof(name), "%s_NO.UTF-8", code);
	if (locales[l] == (locale_t)0)
		locales[l] = newlocale(LC_MESSAGES_MASK, name, (locale_t)0);
	if (locales[l] == (locale_t)0) {
		snprintf(err, errlen, "the locale '%s' is not installed; "
		    "create it with 'localedef -i %s_NO -f UTF-8 %s' (Debian "
		    "package 'locales')", name, code, name);
		return ST_E_CONFIG;
	}
	return ST_OK;
}

st_rc
i18n_init(const char *localedir, char *err, size_t errlen)
{
	if (bindtextdomain(I18N_DOMAIN, localedir) == NULL ||
	    bind_textdomain_codeset(I18N_DOMAIN, "UTF-8") == NULL) {
		snprintf(err, errlen, "cannot bind text domain to '%s'",
		    localedir);
		return ST_E_CONFIG;
	}
	/* Only LC_MESSAGES: numbers and dates stay in the C locale. */
	if (norwegian(LANG_NB, "nb", err, errlen) != ST_OK ||
	    norwegian(LANG_NN, "nn", err, errlen) != ST_OK)
		return ST_E_CONFIG;
	if (locales[LANG_EN] == (locale_t)0)
		locales[LANG_EN] = newlocale(LC_MESSAGES_MASK, "C.UTF-8",
		    (locale_t)0);
	if (locales[LANG_EN] == (locale_t)0) {
		snprintf(err, errlen, "the locale 'C.UTF-8' is missing");
		return ST_E_CONFIG;
	}
	i18n_use(LANG_NB);
	return ST_OK;
}

void
i18n_release(void)
{
	int i;

	uselocale(LC_GLOBAL_LOCALE);
	for (i = 0; i < LANG_COUNT; i++)
		if (locales[i] != (locale_t)0) {
			freelocale(locales[i]);
			locales[i] = (locale_t)0;
		}
}

void
i18n_use(enum lang lang)
{
	current = lang;
	if (locales[lang] != (locale_t)0)
		uselocale(locales[lang]);
}

enum lang
i18n_current(void)
{
	return current;
}

const char *
i18n_code(enum lang lang)
{
	return lang == LANG_EN ? "en" : lang == LANG_NN ? "nn" : "nb";
}

int
i18n_parse(const char *code, enum lang *out)
{
	if (code == NULL)
		return 0;
	if (strcasecmp(code, "nn") == 0 || strncasecmp(code, "nn-", 3) == 0) {
		*out = LANG_NN;
		return 1;
	}
	if (strcasecmp(code, "nb") == 0 || strcasecmp(code, "no") == 0 ||
	    strncasecmp(code, "nb-", 3) == 0 ||
	    strncasecmp(code, "no-", 3) == 0) {
		*out = LANG_NB;
		return 1;
	}
	if (strcasecmp(code, "en") == 0 || strncasecmp(code, "en-", 3) == 0) {
		*out = LANG_EN;
		return 1;
	}
	return 0;
}

enum lang
i18n_from_accept(const char *header, enum lang def)
{
	const char *p = header;

	/* Take the first listed language we know; q-values are rarely
	 * needed to choose between three. */
	while (p != NULL && *p != '\0') {
		char tag[16];
		size_t n = 0;
		enum lang l;

		while (*p == ' ' || *p == ',')
			p++;
		while (*p != '\0' && *p != ',' && *p != ';' && *p != ' ' &&
		    n < sizeof(tag) - 1)
			tag[n++] = *p++;
		tag[n] = '\0';
		if (i18n_parse(tag, &l))
			return l;
		while (*p != '\0' && *p != ',')
			p++;
	}
	return def;
}

/* i:t('msgid', arg0, arg1, ...) */
static void
xpath_t(xmlXPathParserContextPtr ctxt, int nargs)
{
	xmlChar *args[8];
	xmlChar *msgid;
	const char *tr, *p;
	struct buf out = BUF_INIT(16384);
	int i, nextra;

	if (nargs < 1 || nargs > 9) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	nextra = nargs - 1;
	for (i = nextra - 1; i >= 0; i--)
		args[i] = xmlXPathPopString(ctxt);
	msgid = xmlXPathPopString(ctxt);
	tr = msgid != NULL && *msgid != '\0' ? _((const char *)msgid) : "";
	for (p = tr; *p != '\0'; p++) {
		if (p[0] == '{' && p[1] >= '0' && p[1] <= '7' && p[2] == '}' &&
		    p[1] - '0' < nextra) {
			const xmlChar *a = args[p[1] - '0'];

			if (a != NULL &&
			    buf_addstr(&out, (const char *)a) != ST_OK)
				break;
			p += 2;
		} else if (buf_addch(&out, *p) != ST_OK)
			break;
	}
	valuePush(ctxt, xmlXPathNewString((const xmlChar *)out.data));
	buf_release(&out);
	for (i = 0; i < nextra; i++)
		xmlFree(args[i]);
	xmlFree(msgid);
}

void
i18n_register_xslt(void)
{
	xsltRegisterExtModuleFunction((const xmlChar *)"t",
	    (const xmlChar *)I18N_NS, xpath_t);
}
