#include "source.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

int utf8_sequence_length(const unsigned char *s, size_t avail) {
    unsigned char c = s[0];
    if (c < 0x80) {
        return 1;
    }
    int need;
    unsigned char min2 = 0x80, max2 = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 3;
        if (c == 0xE0) {
            min2 = 0xA0; /* overlong */
        } else if (c == 0xED) {
            max2 = 0x9F; /* surrogates */
        }
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4;
        if (c == 0xF0) {
            min2 = 0x90;
        } else if (c == 0xF4) {
            max2 = 0x8F;
        }
    } else {
        return 0;
    }
    if (avail < (size_t)need || s[1] < min2 || s[1] > max2) {
        return 0;
    }
    for (int i = 2; i < need; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            return 0;
        }
    }
    return need;
}

static int line_of_offset(const char *bytes, size_t offset) {
    int line = 1;
    for (size_t i = 0; i < offset; i++) {
        if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 >= offset || bytes[i + 1] != '\n'))) {
            line++;
        }
    }
    return line;
}

bool source_prepare(const char *bytes, size_t len, const char *filename, char **text,
                    int *text_len, SyntaxErrorInfo *err) {
    *text = NULL;
    *text_len = 0;
    if (len > (size_t)INT_MAX / 2) {
        syntax_error_set(err, SYNTAX_ERROR_MEMORY, filename, 0, 0, 0, 0, NULL, -1,
                         "source code is too large");
        return false;
    }
    size_t start = 0;
    if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) {
        start = 3;
    }
    const char *nul = memchr(bytes + start, '\0', len - start);
    if (nul) {
        size_t at = (size_t)(nul - bytes);
        size_t line_start = at;
        while (line_start > start && bytes[line_start - 1] != '\n' && bytes[line_start - 1] != '\r') {
            line_start--;
        }
        /* CPython shows the line cut at the NUL, without a caret */
        char shown[256];
        size_t shown_len = at - line_start < sizeof shown - 2 ? at - line_start : sizeof shown - 2;
        memcpy(shown, bytes + line_start, shown_len);
        shown[shown_len++] = '\n';
        syntax_error_set(err, SYNTAX_ERROR_SYNTAX, filename, line_of_offset(bytes + start, at - start),
                         0, 0, 0, shown, (int)shown_len, "source code cannot contain null bytes");
        return false;
    }
    for (size_t i = start; i < len;) {
        int step = utf8_sequence_length((const unsigned char *)bytes + i, len - i);
        if (step == 0) {
            syntax_error_set(err, SYNTAX_ERROR_SYNTAX, filename, 0, 0, 0, 0, NULL, -1,
                             "Non-UTF-8 code starting with '\\x%02x' in file %s on line %d, "
                             "but no encoding declared; see https://peps.python.org/pep-0263/ "
                             "for details",
                             (unsigned char)bytes[i], filename ? filename : "<string>",
                             line_of_offset(bytes + start, i - start));
            return false;
        }
        i += (size_t)step;
    }
    char *out = malloc(len - start + 2);
    if (!out) {
        syntax_error_set(err, SYNTAX_ERROR_MEMORY, filename, 0, 0, 0, 0, NULL, -1, "out of memory");
        return false;
    }
    size_t n = 0;
    for (size_t i = start; i < len; i++) {
        if (bytes[i] == '\r') {
            out[n++] = '\n';
            if (i + 1 < len && bytes[i + 1] == '\n') {
                i++;
            }
        } else {
            out[n++] = bytes[i];
        }
    }
    if (n > 0 && out[n - 1] != '\n') {
        out[n++] = '\n';
    }
    out[n] = '\0';
    *text = out;
    *text_len = (int)n;
    return true;
}
