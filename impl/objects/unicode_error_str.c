/* str() of UnicodeDecodeError and UnicodeEncodeError, as CPython's
 * UnicodeDecodeError_str and UnicodeEncodeError_str (Objects/exceptions.c):
 * the codec, the offending byte or character (or the range of them), the
 * position and the reason, read from the five arguments
 * (encoding, object, start, end, reason). */
#include "unicode_error_str.h"

#include "bytesobject.h"
#include "errors.h"
#include "exceptions.h"
#include "intobject.h"
#include "strobject.h"
#include "tupleobject.h"

/* the code point at index i of s */
static uint32_t codepoint_at(RObject *s, ssize_t i)
{
    const char *p = r_str_utf8(s);
    uint32_t cp = 0;
    for (ssize_t k = 0; k <= i; k++)
        cp = r_utf8_decode(&p);
    return cp;
}

RObject *r_unicode_error_str(RObject *exc)
{
    RObject *args = r_exc_args(exc);
    bool decode = r_type_is_subtype(R_TYPE(exc), r_exc_UnicodeDecodeError);
    if (R_TUPLE_SIZE(args) != 5)
        return NULL;
    RObject *encoding = R_TUPLE_GET(args, 0), *object = R_TUPLE_GET(args, 1);
    RObject *reason = R_TUPLE_GET(args, 4);
    if (!R_STR_CHECK(encoding) || !R_STR_CHECK(reason) ||
        !(decode ? R_BYTES_CHECK(object) : R_STR_CHECK(object)))
        return NULL;
    ssize_t start = r_int_as_ssize(R_TUPLE_GET(args, 2));
    ssize_t end = start == -1 && r_err_occurred() ? -1 : r_int_as_ssize(R_TUPLE_GET(args, 3));
    if (r_err_occurred()) {
        r_err_clear();
        return NULL;
    }
    ssize_t size = decode ? (ssize_t)R_BYTES_SIZE(object) : r_str_length(object);
    const char *verb = decode ? "decode" : "encode";
    if (start < 0 || start >= size || end != start + 1)
        return r_str_from_format("'%U' codec can't %s %s in position %zd-%zd: %U", encoding, verb,
                                 decode ? "bytes" : "characters", start, end - 1, reason);
    if (decode)
        return r_str_from_format("'%U' codec can't decode byte 0x%02x in position %zd: %U",
                                 encoding, (unsigned char)R_BYTES_DATA(object)[start], start,
                                 reason);
    uint32_t ch = codepoint_at(object, start);
    const char *fmt = ch <= 0xff     ? "'%U' codec can't encode character '\\x%02x' in position %zd: %U"
                      : ch <= 0xffff ? "'%U' codec can't encode character '\\u%04x' in position %zd: %U"
                                     : "'%U' codec can't encode character '\\U%08x' in position %zd: %U";
    return r_str_from_format(fmt, encoding, (unsigned)ch, start, reason);
}
