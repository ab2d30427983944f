/* filetype.h: the real type of an uploaded file, told by its bytes. */
#ifndef ST_FILETYPE_H
#define ST_FILETYPE_H

#include <stddef.h>

/*
 * An upload's declared type (the part's Content-Type, the file name's
 * extension) is whatever the client says; what is stored and later served
 * is decided by the bytes alone. Only the types a scanned paper form comes
 * in are recognised:
 *
 *   application/pdf  the data starts with "%PDF-"
 *   image/png        the data starts with the 8-byte PNG signature
 *   image/jpeg       the data starts with FF D8 FF
 *
 * filetype_sniff returns one of those static strings, or NULL for
 * anything else, empty or too short data included. It reads at most the
 * first 8 bytes and never past len. It does not check that the rest of
 * the file is well-formed: that is the viewer's job, and the type decides
 * only which viewer gets it.
 *
 * filetype_allowed returns 1 if mime is one of the three (compared
 * ignoring ASCII case, no parameters), 0 otherwise or for NULL.
 */
const char *filetype_sniff(const unsigned char *data, size_t len);
int filetype_allowed(const char *mime);

#endif
