#include "literal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

bool literal_number(AstArena *arena, const char *text, int len, AstConstant *out) {
    memset(out, 0, sizeof *out);
    char *clean = arena_alloc(arena, (size_t)len + 1);
    if (!clean) {
        return false;
    }
    int n = 0;
    for (int i = 0; i < len; i++) {
        if (text[i] != '_') {
            clean[n++] = text[i];
        }
    }
    clean[n] = '\0';
    int base = 10;
    const char *digits = clean;
    if (n >= 2 && clean[0] == '0' && strchr("xXoObB", clean[1])) {
        char prefix = clean[1];
        base = (prefix == 'x' || prefix == 'X') ? 16 : (prefix == 'o' || prefix == 'O') ? 8 : 2;
        digits = clean + 2;
    } else if (strpbrk(clean, ".eE")) {
        /* strtod of the literal without underscores, as CPython's
         * PyOS_string_to_double; overflow gives inf as there. */
        out->kind = AST_CONST_FLOAT;
        out->float_value = strtod(clean, NULL);
        return true;
    }
    while (digits[0] == '0' && digits[1] != '\0') {
        digits++;
    }
    char *normal = (char *)digits;
    for (char *c = normal; *c; c++) {
        if (*c >= 'A' && *c <= 'F') {
            *c = (char)(*c - 'A' + 'a');
        }
    }
    out->kind = AST_CONST_INT;
    out->int_digits = normal;
    out->int_base = base;
    return true;
}

int literal_encode_utf8(unsigned int code, char *out) {
    if (code < 0x80) {
        out[0] = (char)code;
        return 1;
    }
    if (code < 0x800) {
        out[0] = (char)(0xC0 | (code >> 6));
        out[1] = (char)(0x80 | (code & 0x3F));
        return 2;
    }
    if (code < 0x10000) {
        out[0] = (char)(0xE0 | (code >> 12));
        out[1] = (char)(0x80 | ((code >> 6) & 0x3F));
        out[2] = (char)(0x80 | (code & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (code >> 18));
    out[1] = (char)(0x80 | ((code >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((code >> 6) & 0x3F));
    out[3] = (char)(0x80 | (code & 0x3F));
    return 4;
}

static void unicode_escape_error(char *error, size_t error_size, int start, int end,
                                 const char *body, const char *reason) {
    /* UnicodeDecodeError's str(): one byte or a range of positions */
    if (end - start == 1) {
        snprintf(error, error_size,
                 "(unicode error) 'unicodeescape' codec can't decode byte 0x%02x in position "
                 "%d: %s",
                 (unsigned char)body[start], start, reason);
    } else {
        snprintf(error, error_size,
                 "(unicode error) 'unicodeescape' codec can't decode bytes in position %d-%d: %s",
                 start, end - 1, reason);
    }
}

/* Reads `count` hex digits at body[*i]; false with *i at the first bad one. */
static bool read_hex(const char *body, int len, int *i, int count, unsigned int *value) {
    *value = 0;
    for (int k = 0; k < count; k++) {
        if (*i >= len || hex_value(body[*i]) < 0) {
            return false;
        }
        *value = (*value << 4) | (unsigned int)hex_value(body[*i]);
        (*i)++;
    }
    return true;
}

/* One escape after a backslash at body[*i - 1] of a str literal; writes the
 * decoded bytes at out + *n. */
static bool decode_str_escape(const char *body, int len, int *i, char *out, size_t *n,
                              char *error, size_t error_size) {
    int backslash = *i - 1;
    if (*i >= len) {
        /* a lone trailing backslash (an f-string text part before "\{") */
        out[(*n)++] = '\\';
        return true;
    }
    char c = body[(*i)++];
    unsigned int code;
    switch (c) {
    case '\n': return true;
    case '\\': out[(*n)++] = '\\'; return true;
    case '\'': out[(*n)++] = '\''; return true;
    case '"': out[(*n)++] = '"'; return true;
    case 'a': out[(*n)++] = '\a'; return true;
    case 'b': out[(*n)++] = '\b'; return true;
    case 'f': out[(*n)++] = '\f'; return true;
    case 'n': out[(*n)++] = '\n'; return true;
    case 'r': out[(*n)++] = '\r'; return true;
    case 't': out[(*n)++] = '\t'; return true;
    case 'v': out[(*n)++] = '\v'; return true;
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7':
        code = (unsigned int)(c - '0');
        for (int k = 0; k < 2 && *i < len && body[*i] >= '0' && body[*i] <= '7'; k++) {
            code = code * 8 + (unsigned int)(body[(*i)++] - '0');
        }
        *n += (size_t)literal_encode_utf8(code, out + *n);
        return true;
    case 'x':
    case 'u':
    case 'U': {
        int count = c == 'x' ? 2 : c == 'u' ? 4 : 8;
        const char *reason = c == 'x'   ? "truncated \\xXX escape"
                             : c == 'u' ? "truncated \\uXXXX escape"
                                        : "truncated \\UXXXXXXXX escape";
        if (!read_hex(body, len, i, count, &code)) {
            unicode_escape_error(error, error_size, backslash, *i, body, reason);
            return false;
        }
        if (code > 0x10FFFF) {
            unicode_escape_error(error, error_size, backslash, *i, body,
                                 "illegal Unicode character");
            return false;
        }
        *n += (size_t)literal_encode_utf8(code, out + *n);
        return true;
    }
    case 'N': {
        /* \N{name} needs Unicode's name table, which refpy does not carry:
         * only the malformed forms get CPython's own message */
        int name_start = *i + 1;
        if (*i < len && body[*i] == '{') {
            int close = name_start;
            while (close < len && body[close] != '}') {
                close++;
            }
            if (close < len && close > name_start) {
                snprintf(error, error_size,
                         "(unicode error) \\N{...} escapes are not supported by refpy "
                         "(position %d)",
                         backslash);
                return false;
            }
            *i = close;
        }
        unicode_escape_error(error, error_size, backslash, *i, body,
                             "malformed \\N character escape");
        return false;
    }
    default:
        /* an invalid escape keeps its backslash (CPython warns) */
        out[(*n)++] = '\\';
        (*i)--;
        return true;
    }
}

bool literal_decode_str(AstArena *arena, const char *body, int len, bool raw, bool fstring_text,
                        char **out, size_t *out_len, char *error, size_t error_size) {
    /* decoding never grows the text: every escape is at least as long as
     * its UTF-8 result */
    char *buffer = arena_alloc(arena, (size_t)len + 1);
    if (!buffer) {
        snprintf(error, error_size, "out of memory");
        return false;
    }
    size_t n = 0;
    int i = 0;
    while (i < len) {
        char c = body[i];
        if (fstring_text && (c == '{' || c == '}') && i + 1 < len && body[i + 1] == c) {
            buffer[n++] = c;
            i += 2;
            continue;
        }
        if (c == '\\' && !raw) {
            i++;
            if (i < len && (body[i] == '{' || body[i] == '}') && fstring_text) {
                buffer[n++] = '\\';
                continue;
            }
            if (!decode_str_escape(body, len, &i, buffer, &n, error, error_size)) {
                return false;
            }
            continue;
        }
        buffer[n++] = c;
        i++;
    }
    buffer[n] = '\0';
    *out = buffer;
    *out_len = n;
    return true;
}

bool literal_decode_bytes(AstArena *arena, const char *body, int len, bool raw, char **out,
                          size_t *out_len, char *error, size_t error_size) {
    for (int k = 0; k < len; k++) {
        if ((unsigned char)body[k] >= 0x80) {
            snprintf(error, error_size, "bytes can only contain ASCII literal characters");
            return false;
        }
    }
    char *buffer = arena_alloc(arena, (size_t)len + 1);
    if (!buffer) {
        snprintf(error, error_size, "out of memory");
        return false;
    }
    size_t n = 0;
    int i = 0;
    while (i < len) {
        char c = body[i++];
        if (c != '\\' || raw) {
            buffer[n++] = c;
            continue;
        }
        int backslash = i - 1;
        if (i >= len) {
            buffer[n++] = '\\';
            break;
        }
        c = body[i++];
        unsigned int code;
        switch (c) {
        case '\n': break;
        case '\\': buffer[n++] = '\\'; break;
        case '\'': buffer[n++] = '\''; break;
        case '"': buffer[n++] = '"'; break;
        case 'a': buffer[n++] = '\a'; break;
        case 'b': buffer[n++] = '\b'; break;
        case 'f': buffer[n++] = '\f'; break;
        case 'n': buffer[n++] = '\n'; break;
        case 'r': buffer[n++] = '\r'; break;
        case 't': buffer[n++] = '\t'; break;
        case 'v': buffer[n++] = '\v'; break;
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7':
            code = (unsigned int)(c - '0');
            for (int k = 0; k < 2 && i < len && body[i] >= '0' && body[i] <= '7'; k++) {
                code = code * 8 + (unsigned int)(body[i++] - '0');
            }
            buffer[n++] = (char)(code & 0xFF);
            break;
        case 'x':
            if (!read_hex(body, len, &i, 2, &code)) {
                snprintf(error, error_size, "(value error) invalid \\x escape at position %d",
                         backslash);
                return false;
            }
            buffer[n++] = (char)code;
            break;
        default:
            buffer[n++] = '\\';
            i--;
            break;
        }
    }
    buffer[n] = '\0';
    *out = buffer;
    *out_len = n;
    return true;
}
