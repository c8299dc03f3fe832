#include "pyrepr.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void text_append(TextBuffer *buffer, const char *text, size_t len) {
    if (buffer->failed) {
        return;
    }
    if (buffer->len + len + 1 > buffer->cap) {
        size_t cap = buffer->cap ? buffer->cap : 256;
        while (cap < buffer->len + len + 1) {
            cap *= 2;
        }
        char *grown = realloc(buffer->data, cap);
        if (!grown) {
            buffer->failed = true;
            return;
        }
        buffer->data = grown;
        buffer->cap = cap;
    }
    memcpy(buffer->data + buffer->len, text, len);
    buffer->len += len;
    buffer->data[buffer->len] = '\0';
}

void text_append_str(TextBuffer *buffer, const char *text) {
    text_append(buffer, text, strlen(text));
}

void text_append_int(TextBuffer *buffer, long value) {
    char digits[32];
    snprintf(digits, sizeof digits, "%ld", value);
    text_append_str(buffer, digits);
}

/* Decodes one code point of (generalised) UTF-8; *size gets its length. */
static unsigned int decode_utf8(const unsigned char *s, size_t avail, size_t *size) {
    unsigned char c = s[0];
    int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    if ((size_t)extra >= avail) {
        extra = 0;
    }
    unsigned int code = extra ? (c & (0x3F >> extra)) : c;
    for (int i = 1; i <= extra; i++) {
        code = (code << 6) | (s[i] & 0x3F);
    }
    *size = (size_t)extra + 1;
    return code;
}

/* Py_UNICODE_ISPRINTABLE for non-ASCII code points, approximated by the
 * categories Cc, Cf, Cs, Co, Zs, Zl, Zp and the noncharacters; unassigned
 * code points (Cn) are not known here and count as printable. */
static bool is_printable_non_ascii(unsigned int c) {
    static const unsigned int ranges[][2] = {
        {0x80, 0xA0}, {0xAD, 0xAD}, {0x600, 0x605}, {0x61C, 0x61C}, {0x6DD, 0x6DD},
        {0x70F, 0x70F}, {0x890, 0x891}, {0x8E2, 0x8E2}, {0x1680, 0x1680}, {0x180E, 0x180E},
        {0x2000, 0x200F}, {0x2028, 0x202F}, {0x205F, 0x2064}, {0x2066, 0x206F},
        {0x3000, 0x3000}, {0xD800, 0xF8FF}, {0xFDD0, 0xFDEF}, {0xFEFF, 0xFEFF},
        {0xFFF9, 0xFFFB}, {0x110BD, 0x110BD}, {0x110CD, 0x110CD}, {0x13430, 0x1343F},
        {0x1BCA0, 0x1BCA3}, {0x1D173, 0x1D17A}, {0xE0001, 0xE0001}, {0xE0020, 0xE007F},
        {0xF0000, 0x10FFFF},
    };
    if ((c & 0xFFFE) == 0xFFFE) {
        return false;
    }
    for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++) {
        if (c >= ranges[i][0] && c <= ranges[i][1]) {
            return false;
        }
    }
    return true;
}

static char choose_quote(const char *text, size_t len) {
    bool single = memchr(text, '\'', len) != NULL;
    bool dbl = memchr(text, '"', len) != NULL;
    return single && !dbl ? '"' : '\'';
}

/* Objects/unicodeobject.c: unicode_repr */
void repr_str(TextBuffer *buffer, const char *utf8, size_t len) {
    char quote = choose_quote(utf8, len);
    text_append(buffer, &quote, 1);
    size_t i = 0;
    while (i < len) {
        size_t size;
        unsigned int c = decode_utf8((const unsigned char *)utf8 + i, len - i, &size);
        char escaped[16];
        if (c == (unsigned char)quote || c == '\\') {
            escaped[0] = '\\';
            escaped[1] = (char)c;
            text_append(buffer, escaped, 2);
        } else if (c == '\t') {
            text_append_str(buffer, "\\t");
        } else if (c == '\n') {
            text_append_str(buffer, "\\n");
        } else if (c == '\r') {
            text_append_str(buffer, "\\r");
        } else if (c < ' ' || c == 0x7F) {
            snprintf(escaped, sizeof escaped, "\\x%02x", c);
            text_append_str(buffer, escaped);
        } else if (c < 0x7F || is_printable_non_ascii(c)) {
            text_append(buffer, utf8 + i, size);
        } else if (c <= 0xFF) {
            snprintf(escaped, sizeof escaped, "\\x%02x", c);
            text_append_str(buffer, escaped);
        } else if (c <= 0xFFFF) {
            snprintf(escaped, sizeof escaped, "\\u%04x", c);
            text_append_str(buffer, escaped);
        } else {
            snprintf(escaped, sizeof escaped, "\\U%08x", c);
            text_append_str(buffer, escaped);
        }
        i += size;
    }
    text_append(buffer, &quote, 1);
}

/* Objects/bytesobject.c: PyBytes_Repr */
void repr_bytes(TextBuffer *buffer, const char *bytes, size_t len) {
    char quote = choose_quote(bytes, len);
    text_append(buffer, "b", 1);
    text_append(buffer, &quote, 1);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)bytes[i];
        char escaped[8];
        if (c == (unsigned char)quote || c == '\\') {
            escaped[0] = '\\';
            escaped[1] = (char)c;
            text_append(buffer, escaped, 2);
        } else if (c == '\t') {
            text_append_str(buffer, "\\t");
        } else if (c == '\n') {
            text_append_str(buffer, "\\n");
        } else if (c == '\r') {
            text_append_str(buffer, "\\r");
        } else if (c < ' ' || c >= 0x7F) {
            snprintf(escaped, sizeof escaped, "\\x%02x", c);
            text_append_str(buffer, escaped);
        } else {
            text_append(buffer, (const char *)&c, 1);
        }
    }
    text_append(buffer, &quote, 1);
}

void repr_int_digits(TextBuffer *buffer, const char *digits, int base) {
    if (base == 10) {
        text_append_str(buffer, digits);
        return;
    }
    /* schoolbook conversion into little-endian decimal digits */
    size_t n = strlen(digits);
    size_t cap = n * 2 + 2; /* log10(16) < 2 decimal digits per hex digit */
    unsigned char *decimal = calloc(cap, 1);
    if (!decimal) {
        buffer->failed = true;
        return;
    }
    size_t used = 1;
    for (size_t i = 0; i < n; i++) {
        char c = digits[i];
        unsigned int carry = (unsigned int)(c <= '9' ? c - '0' : c - 'a' + 10);
        for (size_t k = 0; k < used; k++) {
            unsigned int value = decimal[k] * (unsigned int)base + carry;
            decimal[k] = (unsigned char)(value % 10);
            carry = value / 10;
        }
        while (carry && used < cap) {
            decimal[used++] = (unsigned char)(carry % 10);
            carry /= 10;
        }
    }
    while (used > 1 && decimal[used - 1] == 0) {
        used--;
    }
    for (size_t k = used; k-- > 0;) {
        char c = (char)('0' + decimal[k]);
        text_append(buffer, &c, 1);
    }
    free(decimal);
}

/* Python/pystrtod.c: the 'r' format with Py_DTSF_ADD_DOT_0 */
void repr_float(TextBuffer *buffer, double value) {
    if (isnan(value)) {
        text_append_str(buffer, "nan");
        return;
    }
    if (isinf(value)) {
        text_append_str(buffer, value < 0 ? "-inf" : "inf");
        return;
    }
    char formatted[64];
    for (int precision = 1; precision <= 17; precision++) {
        snprintf(formatted, sizeof formatted, "%.*e", precision - 1, value);
        if (strtod(formatted, NULL) == value) {
            break;
        }
    }
    /* formatted is [-]d[.ddd]e[+-]XX: split into digits and exponent */
    const char *p = formatted;
    if (*p == '-') {
        text_append(buffer, "-", 1);
        p++;
    }
    char digits[32];
    int ndigits = 0;
    while (*p && *p != 'e') {
        if (*p != '.' && ndigits < 31) {
            digits[ndigits++] = *p;
        }
        p++;
    }
    while (ndigits > 1 && digits[ndigits - 1] == '0') {
        ndigits--;
    }
    int exponent = *p == 'e' ? atoi(p + 1) : 0;
    int decpt = exponent + 1;
    if (decpt > -4 && decpt <= 16) {
        if (decpt <= 0) {
            text_append_str(buffer, "0.");
            for (int i = 0; i < -decpt; i++) {
                text_append(buffer, "0", 1);
            }
            text_append(buffer, digits, (size_t)ndigits);
        } else if (decpt >= ndigits) {
            text_append(buffer, digits, (size_t)ndigits);
            for (int i = ndigits; i < decpt; i++) {
                text_append(buffer, "0", 1);
            }
            text_append_str(buffer, ".0");
        } else {
            text_append(buffer, digits, (size_t)decpt);
            text_append(buffer, ".", 1);
            text_append(buffer, digits + decpt, (size_t)(ndigits - decpt));
        }
        return;
    }
    text_append(buffer, digits, 1);
    if (ndigits > 1) {
        text_append(buffer, ".", 1);
        text_append(buffer, digits + 1, (size_t)(ndigits - 1));
    }
    char exponent_text[16];
    snprintf(exponent_text, sizeof exponent_text, "e%c%02d", exponent < 0 ? '-' : '+',
             exponent < 0 ? -exponent : exponent);
    text_append_str(buffer, exponent_text);
}
