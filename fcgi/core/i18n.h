/* i18n.h: the user's language and translated text (gettext). */
#ifndef ST_I18N_H
#define ST_I18N_H

#include <libintl.h>
#include <stddef.h>

#include "result.h"

/*
 * Norwegian bokmål is the default; nynorsk and English are available.
 * Source strings (msgids) are English; bokmål comes from po/nb.po and
 * nynorsk from po/nn.po through glibc's gettext. The language is chosen
 * per request with i18n_use(), which switches only this thread's
 * LC_MESSAGES (uselocale), so number and date formatting stay in the C
 * locale everywhere.
 *
 * Stylesheets translate with the XPath extension function i:t('msgid',
 * args...) in namespace I18N_NS; "{0}", "{1}" in the translation are
 * replaced by the arguments. C code uses _() around literals.
 *
 * i18n_init needs the locales nb_NO.UTF-8 and nn_NO.UTF-8 to exist on
 * the machine (glibc loads translations by locale name); if one does
 * not, it fails with a message that says how to create it.
 */
enum lang { LANG_NB = 0, LANG_EN = 1, LANG_NN = 2 };
#define LANG_COUNT	3

#define I18N_DOMAIN	"stafett"
#define I18N_NS		"urn:x-stafett:i18n"
#define _(s)		dgettext(I18N_DOMAIN, (s))
#define N_(s)		(s)

st_rc i18n_init(const char *localedir, char *err, size_t errlen) ST_MUST_CHECK;
void i18n_release(void);
void i18n_use(enum lang lang);
enum lang i18n_current(void);
/* "nb", "nn" or "en". */
const char *i18n_code(enum lang lang);
/* Parse "nb"/"no"/"nn"/"en" (and their regions): 1 on success. */
int i18n_parse(const char *code, enum lang *out);
/* The best match in an Accept-Language header, or def. */
enum lang i18n_from_accept(const char *header, enum lang def);
/* Register i:t() with libxslt; call once after i18n_init. */
void i18n_register_xslt(void);

#endif
