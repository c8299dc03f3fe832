#include "text.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static size_t utf8_sequence_length(const unsigned char *s, size_t avail)
{
    unsigned char c = s[0];
    size_t n;
    unsigned int cp;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (avail < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

char *utf8_sanitize(const char *s, size_t len, bool xml_safe)
{
    strbuf sb;
    sb_init(&sb);
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    while (p < end) {
        size_t n = utf8_sequence_length(p, (size_t)(end - p));
        if (n == 0) {
            sb_puts(&sb, "\xEF\xBF\xBD");
            p++;
            continue;
        }
        if (n == 1 && xml_safe && p[0] < 0x20 && p[0] != '\n' && p[0] != '\t' && p[0] != '\r') {
            sb_puts(&sb, "\xEF\xBF\xBD");
            p++;
            continue;
        }
        /* U+FFFE and U+FFFF are not XML 1.0 characters either */
        if (n == 3 && xml_safe && p[0] == 0xEF && p[1] == 0xBF &&
            (p[2] == 0xBE || p[2] == 0xBF)) {
            sb_puts(&sb, "\xEF\xBF\xBD");
            p += 3;
            continue;
        }
        if (n == 1 && !xml_safe && p[0] == 0) {
            /* keep the text a C string */
            sb_puts(&sb, "\xEF\xBF\xBD");
            p++;
            continue;
        }
        sb_append(&sb, (const char *)p, n);
        p += n;
    }
    return sb_take(&sb);
}

void text_lines(const char *text, strlist *out)
{
    const char *p = text;
    while (*p) {
        const char *nl = strchr(p, '\n');
        if (!nl) {
            sl_push(out, p);
            return;
        }
        sl_push_owned(out, xstrndup(p, (size_t)(nl - p)));
        p = nl + 1;
    }
}

static bool parse_warning_line(const char *line, warning_line *w)
{
    /* path:line: Category: message -- the path may itself hold colons, so
     * look for ":<digits>: " followed by a category name. */
    for (const char *p = strchr(line, ':'); p; p = strchr(p + 1, ':')) {
        const char *q = p + 1;
        if (!isdigit((unsigned char)*q))
            continue;
        while (isdigit((unsigned char)*q))
            q++;
        if (q[0] != ':' || q[1] != ' ')
            continue;
        const char *cat = q + 2, *c = cat;
        while (isalnum((unsigned char)*c) || *c == '_' || *c == '.')
            c++;
        if (c == cat || c[0] != ':' || c[1] != ' ')
            continue;
        if (c - cat < 7 || strncmp(c - 7, "Warning", 7) != 0)
            continue;
        if (p == line)
            return false;
        w->path = xstrndup(line, (size_t)(p - line));
        w->line = atoi(p + 1);
        w->category = xstrndup(cat, (size_t)(c - cat));
        w->message = xstrdup(c + 2);
        return true;
    }
    return false;
}

size_t parse_warnings(const char *stderr_text, warning_line **out)
{
    strlist lines = {0};
    text_lines(stderr_text, &lines);
    warning_line *ws = NULL;
    size_t n = 0;
    for (size_t i = 0; i < lines.n; i++) {
        warning_line w;
        if (lines.items[i][0] == ' ' || !parse_warning_line(lines.items[i], &w))
            continue;
        ws = xrealloc(ws, (n + 1) * sizeof *ws);
        ws[n++] = w;
    }
    sl_free(&lines);
    *out = ws;
    return n;
}

void warnings_free(warning_line *w, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(w[i].path);
        free(w[i].category);
        free(w[i].message);
    }
    free(w);
}

static size_t back_to_boundary(const char *s, size_t i)
{
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    return i;
}

char *text_excerpt(const char *text, size_t head, size_t tail)
{
    size_t n = strlen(text);
    if (n <= head + tail + 64)
        return xstrdup(text);
    size_t h = back_to_boundary(text, head);
    size_t t = back_to_boundary(text, n - tail);
    return xasprintf("%.*s\n[... %zu bytes not shown ...]\n%s", (int)h, text, t - h, text + t);
}
