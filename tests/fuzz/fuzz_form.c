/* fuzz_form.c: fuzz target for the form engine: any bytes, taken as an
 * XML instance or as browser form fields, against every shipped form,
 * must give either "valid" or a list of errors, never a crash, a leak or
 * an engine failure; the same XML read as a partner's receipt likewise,
 * and as the stored arguments of a timeline event (evmsg.h), which are
 * read or refused and then put into words and into a view.
 * Used by libFuzzer (make fuzz) and by driver.c in make check. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "dates.h"
#include "evmsg.h"
#include "form.h"
#include "receipt.h"
#include "urlenc.h"
#include "xmlsafe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct formset forms;
static int ready;

static void
setup(void)
{
	char dir[4096], err[512];
	const char *top = getenv("top_srcdir");

	xmlsafe_global_init();
	dates_fix_today("2026-06-15");
	snprintf(dir, sizeof(dir), "%s/forms", top != NULL ? top : ".");
	if (formset_load(&forms, dir, err, sizeof(err)) != ST_OK ||
	    forms.n == 0) {
		fprintf(stderr, "fuzz_form: %s\n", err);
		abort();
	}
	ready = 1;
}

/* Whatever the input, the engine answers; a failure is a bug. */
static void
exercise(const struct form_def *def, xmlDocPtr inst)
{
	struct form_errors errs;
	xmlDocPtr view = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root = xmlNewDocNode(view, NULL, BAD_CAST "v", NULL);
	size_t i;

	xmlDocSetRootElement(view, root);
	form_errors_init(&errs);
	if (form_validate(def, NULL, inst, &errs, 0) != ST_OK)
		abort();
	for (i = 0; i < errs.n; i++)
		if (errs.v[i].path[0] != '/' || errs.v[i].message[0] == '\0')
			abort();
	if (form_view(def, NULL, inst, &errs, 0, root) != ST_OK)
		abort();
	if (errs.n == 0) {
		/* valid: pruning must keep it valid */
		form_errors_release(&errs);
		form_errors_init(&errs);
		if (form_validate(def, NULL, inst, &errs, 1) != ST_OK)
			abort();
	}
	form_errors_release(&errs);
	xmlFreeDoc(view);
}

/* A receipt is read or refused with paths; never anything between. */
static void
receipt(xmlDocPtr doc)
{
	struct receipt_errors errs;
	struct receipt rec;
	size_t i;

	if (receipt_parse(doc, &rec, &errs) == ST_OK) {
		if (errs.n != 0 || !secure_is_id(rec.notice) ||
		    (rec.kind == RECEIPT_ACCEPTED) != (rec.reference != NULL))
			abort();
		receipt_release(&rec);
		return;
	}
	if (errs.n == 0 || rec.reference != NULL || rec.text != NULL)
		abort();
	for (i = 0; i < errs.n; i++)
		if (errs.v[i].path[0] != '/' || errs.v[i].message[0] == '\0')
			abort();
}

/* An event's stored arguments: read whole or refused, then in words. */
static void
event_args(const char *data, size_t size)
{
	struct buf words = BUF_INIT(1 << 21);
	struct evmsg m;
	xmlDocPtr view;
	xmlNodePtr ev;
	size_t i;

	if (evmsg_decode(&m, "{0} {1} {2} {3} {4} {5} {6} {7} {8}", data,
	    size) != ST_OK) {
		if (m.n != 0)
			abort();
		evmsg_release(&m);
		return;
	}
	if (m.n > EVMSG_MAX_ARGS)
		abort();
	for (i = 0; i < m.n; i++)
		if (m.a[i].type == NULL || m.a[i].value == NULL)
			abort();
	if (evmsg_render(&m, &words) != ST_OK)
		abort();
	view = xmlNewDoc(BAD_CAST "1.0");
	ev = xmlNewDocNode(view, NULL, BAD_CAST "event", NULL);
	xmlDocSetRootElement(view, ev);
	evmsg_view(&m, LANG_NN, ev);
	xmlFreeDoc(view);
	buf_release(&words);
	evmsg_release(&m);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct form_def *def;
	xmlDocPtr inst = NULL;
	char err[256];

	if (!ready)
		setup();
	if (size < 2)
		return 0;
	/* The first byte picks the form, the second how to read the rest. */
	def = forms.v[data[0] % forms.n];
	if (data[1] & 1) {
		struct fields f;

		fields_init(&f);
		if (urlenc_parse(&f, (const char *)data + 2, size - 2) ==
		    ST_OK && form_from_fields(def, &f, &inst) == ST_OK) {
			exercise(def, inst);
			if (data[1] & 2) {
				const char *act = fields_get(&f, "_action");

				/* a bad action is refused, a good one
				 * applied: either way the instance stands */
				if (act != NULL &&
				    form_action(def, inst, act) != ST_OK)
					act = NULL;
				exercise(def, inst);
			}
			xmlFreeDoc(inst);
		}
		fields_release(&f);
		return 0;
	}
	event_args((const char *)data + 2, size - 2);
	if (xmlsafe_parse((const char *)data + 2, size - 2, 1 << 20, 32,
	    &inst, err, sizeof(err)) == ST_OK) {
		receipt(inst);
		exercise(def, inst);
		xmlFreeDoc(inst);
	}
	return 0;
}
