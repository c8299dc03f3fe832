/* bytes: an immutable array of bytes, and the codecs between str and bytes
 * that the case language needs (UTF-8, ASCII, Latin-1). */
#ifndef REFPY_BYTESOBJECT_H
#define REFPY_BYTESOBJECT_H

#include "object.h"

typedef struct {
    RObject ob;
    ssize_t size;
    int64_t hash; /* -1 until computed */
    char data[];  /* NUL-terminated */
} RBytes;

extern RType r_bytes_type;

#define R_BYTES_CHECK(o) r_typecheck((RObject *)(o), &r_bytes_type)
#define R_BYTES_DATA(o) (((RBytes *)(o))->data)
#define R_BYTES_SIZE(o) (((RBytes *)(o))->size)

RObject *r_bytes_from_data(const void *data, size_t n);
/* CPython's repr: b'...' with \t \n \r \\ \xhh and the quote chosen as for str. */
RObject *r_bytes_repr(RObject *b);
/* bytes.decode(encoding, errors) and str.encode(encoding, errors). */
RObject *r_bytes_decode(RObject *b, const char *encoding, const char *errors);
RObject *r_str_encode(RObject *s, const char *encoding, const char *errors);

/* Codecs: the index of an encoding name (0 UTF-8, 1 ASCII, 2 Latin-1,
 * CPython's aliases accepted) or -1 with LookupError "unknown encoding: x";
 * the index of an error handler (strict, ignore, replace,
 * backslashreplace, xmlcharrefreplace) or -1 with LookupError. */
enum { R_CODEC_UTF8, R_CODEC_ASCII, R_CODEC_LATIN1 };
int r_codec_lookup(const char *encoding);
int r_codec_error_handler(const char *errors);
/* Raises UnicodeEncodeError or UnicodeDecodeError with CPython's five
 * arguments (encoding, object, start, end, reason). */
void r_set_unicode_error(RType *type, int codec, RObject *object, ssize_t start, ssize_t end,
                         const char *reason);

#endif
