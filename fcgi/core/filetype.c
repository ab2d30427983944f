/* filetype.c: recognise PDF, PNG and JPEG by magic bytes (see filetype.h). */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "filetype.h"

static const struct magic {
	const char	*mime;
	const char	*sig;
	size_t		 len;
} magics[] = {
	{ "application/pdf", "%PDF-", 5 },
	{ "image/png", "\x89PNG\r\n\x1a\n", 8 },
	{ "image/jpeg", "\xff\xd8\xff", 3 },
};

#define NMAGICS (sizeof(magics) / sizeof(magics[0]))

const char *
filetype_sniff(const unsigned char *data, size_t len)
{
	size_t i;

	if (data == NULL)
		return NULL;
	for (i = 0; i < NMAGICS; i++)
		if (len >= magics[i].len &&
		    memcmp(data, magics[i].sig, magics[i].len) == 0)
			return magics[i].mime;
	return NULL;
}

int
filetype_allowed(const char *mime)
{
	size_t i;

	if (mime == NULL)
		return 0;
	for (i = 0; i < NMAGICS; i++)
		if (strcasecmp(mime, magics[i].mime) == 0)
			return 1;
	return 0;
}
