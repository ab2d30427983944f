/* driver.c: runs the fuzz targets without libFuzzer, for make check: the
 * seed inputs as they are, then deterministic mutations of them (flipped
 * bytes, cut and spliced pieces, inserted markup) for a fixed number of
 * rounds. The same target runs longer under libFuzzer (make fuzz).
 * Seeds are the files of SEED_DIR named *SUFFIX (.xml unless given), each
 * behind two bytes that the target reads as its choices (fuzz_form: which
 * form, and how to read the rest). */
#include "config.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAXSEED	256
#define MAXLEN	(64 * 1024)

static uint8_t *seeds[MAXSEED];
static size_t lens[MAXSEED], nseeds;
static unsigned long long rng = 0x9e3779b97f4a7c15ULL;

static unsigned long
next(void)
{
	/* xorshift64*: reproducible, good enough to pick mutations */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return (unsigned long)((rng * 2685821657736338717ULL) >> 32);
}

static void
add_seed(const uint8_t *d, size_t n, uint8_t form, uint8_t mode)
{
	uint8_t *s;

	if (nseeds >= MAXSEED || n + 2 > MAXLEN)
		return;
	s = xmalloc(n + 2);
	s[0] = form;
	s[1] = mode;
	memcpy(s + 2, d, n);
	seeds[nseeds] = s;
	lens[nseeds++] = n + 2;
}

static void
load_dir(const char *dir, const char *suffix)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	static uint8_t buf[MAXLEN];

	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		char path[4096];
		size_t n, len = strlen(de->d_name), slen = strlen(suffix);
		FILE *fp;
		int f;

		if (len <= slen || strcmp(de->d_name + len - slen, suffix) != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if ((fp = fopen(path, "rb")) == NULL)
			continue;
		n = fread(buf, 1, sizeof(buf) - 2, fp);
		fclose(fp);
		/* each seed with several choices (fuzz_form: forms) */
		for (f = 0; f < 4; f++)
			add_seed(buf, n, (uint8_t)(nseeds + f), 0);
	}
	closedir(d);
}

static const char *snippets[] = {
	"<", ">", "</", "/>", "&amp;", "&#0;", "&x;", "]]>", "<!--", "-->",
	"<!DOCTYPE x [<!ENTITY e \"e\">]>", "<?pi?>", "\xc3\xa5", "\xff",
	" xmlns=\"urn:x\"", " a=\"1\"", "<item>", "</item>", "2026-02-30",
	"99999999999999999999", "NaN", "true", "01010112345",
	"_row:participants=1&", "_action=insert:participants&",
	"_action=delete:participants:1&", "%00", "%zz", "/minutes/x[2]=",
	/* multipart/form-data */
	"\r\n", "\n", "\r", "--", "\r\n--", "\r\n\r\n", "\"", "\\", ";",
	"; filename=\"", "; name=\"", "Content-Disposition: form-data",
	"Content-Type: ", "Content-Transfer-Encoding: ", "/../", "C:\\x\\",
	"\xc2\x85", "%PDF-", "\x89PNG\r\n\x1a\n", "\xff\xd8\xff",
};

static size_t
mutate(uint8_t *buf, size_t n, size_t max)
{
	unsigned long k = next() % 6, i;
	size_t pos = n > 2 ? 2 + next() % (n - 2) : n;

	switch (k) {
	case 0:		/* flip bits */
		for (i = 0; i < 1 + next() % 4 && n > 2; i++)
			buf[2 + next() % (n - 2)] ^= (uint8_t)(1u << (next() % 8));
		break;
	case 1:		/* cut */
		if (n > pos)
			n = pos + (n - pos) / 2;
		break;
	case 2: {	/* insert a snippet */
		const char *sn = snippets[next() % (sizeof(snippets) /
		    sizeof(snippets[0]))];
		size_t sl = strlen(sn);

		if (n + sl < max) {
			memmove(buf + pos + sl, buf + pos, n - pos);
			memcpy(buf + pos, sn, sl);
			n += sl;
		}
		break;
	}
	case 3:		/* duplicate a piece */
		if (n > pos && n * 2 < max) {
			size_t l = (n - pos) / 3 + 1;

			memmove(buf + pos + l, buf + pos, n - pos);
			n += l;
		}
		break;
	case 4:		/* another form, another reading */
		buf[0] = (uint8_t)next();
		buf[1] = (uint8_t)next();
		break;
	default:	/* splice with another seed */
		if (nseeds > 0) {
			size_t s = next() % nseeds, from = 2 + next() %
			    (lens[s] > 2 ? lens[s] - 2 : 1), l;

			l = lens[s] > from ? lens[s] - from : 0;
			if (pos + l > max)
				l = max - pos;
			memcpy(buf + pos, seeds[s] + from, l);
			n = pos + l;
		}
		break;
	}
	return n;
}

int
main(int argc, char **argv)
{
	static uint8_t buf[MAXLEN * 2];
	unsigned long rounds = argc > 2 ? strtoul(argv[2], NULL, 10) : 3000;
	unsigned long r;
	size_t i, n;

	if (argc < 2) {
		fprintf(stderr, "usage: driver SEED_DIR [ROUNDS [SUFFIX]]\n");
		return 2;
	}
	load_dir(argv[1], argc > 3 ? argv[3] : ".xml");
	/* a few browser-style inputs too */
	add_seed((const uint8_t *)"/concern/anonymous=true&/concern/child/"
	    "age=5", 43, 0, 1);
	add_seed((const uint8_t *)"_row:participants=1&_row:participants=3&"
	    "_action=delete:participants:2", 70, 3, 3);
	if (nseeds == 0) {
		fprintf(stderr, "driver: no seeds in '%s'\n", argv[1]);
		return 2;
	}
	for (i = 0; i < nseeds; i++)
		LLVMFuzzerTestOneInput(seeds[i], lens[i]);
	for (r = 0; r < rounds; r++) {
		size_t s = next() % nseeds, m;

		memcpy(buf, seeds[s], lens[s]);
		n = lens[s];
		for (m = 0; m < 1 + next() % 3; m++)
			n = mutate(buf, n, MAXLEN);
		LLVMFuzzerTestOneInput(buf, n);
	}
	for (i = 0; i < nseeds; i++)
		xfree(seeds[i]);
	printf("fuzz driver: %zu seeds, %lu mutated inputs: no failure\n",
	    nseeds, rounds);
	return 0;
}
