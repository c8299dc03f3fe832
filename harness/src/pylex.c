#include "pylex.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static void push(token_list *tl, token t)
{
    tl->toks = xrealloc(tl->toks, (tl->n + 1) * sizeof *tl->toks);
    tl->toks[tl->n++] = t;
}

bool tok_is(const token *t, const char *text)
{
    return strlen(text) == t->len && memcmp(t->start, text, t->len) == 0;
}

static bool is_string_prefix(const char *p, size_t n)
{
    static const char *const prefixes[] = {"r", "u", "b", "f", "br", "rb", "fr", "rf", NULL};
    for (int i = 0; prefixes[i]; i++) {
        if (strlen(prefixes[i]) != n)
            continue;
        bool same = true;
        for (size_t k = 0; k < n; k++)
            if (tolower((unsigned char)p[k]) != prefixes[i][k])
                same = false;
        if (same)
            return true;
    }
    return false;
}

void pylex(const char *src, size_t len, int first_line, token_list *tl)
{
    memset(tl, 0, sizeof *tl);
    const char *p = src, *end = src + len, *line_begin = src;
    int line = first_line, depth = 0;
    bool at_line_start = true, logical_start = true;
    int indent = 0;
    bool tab = false;
    while (p < end) {
        if (at_line_start) {
            indent = 0;
            tab = false;
            const char *q = p;
            while (q < end && (*q == ' ' || *q == '\t' || *q == '\f')) {
                if (*q == '\t')
                    tab = true;
                indent++;
                q++;
            }
            p = q;
            at_line_start = false;
            if (depth == 0)
                logical_start = true;
            continue;
        }
        char c = *p;
        int col = (int)(p - line_begin) + 1;
        if (c == '\n') {
            if (depth == 0 && !logical_start) {
                token t = {TOK_NEWLINE, p, 1, line, col, false, indent, tab};
                push(tl, t);
            }
            p++;
            line++;
            line_begin = p;
            at_line_start = true;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
            p++;
            continue;
        }
        if (c == '#') {
            while (p < end && *p != '\n')
                p++;
            continue;
        }
        if (c == '\\' && p + 1 < end && p[1] == '\n') {
            p += 2;
            line++;
            line_begin = p;
            continue;
        }
        token t = {TOK_OP, p, 1, line, col, logical_start && depth == 0, indent, tab};
        const char *name_end = p;
        if (isalpha((unsigned char)c) || c == '_' || (unsigned char)c >= 0x80) {
            while (name_end < end && (isalnum((unsigned char)*name_end) || *name_end == '_' ||
                                      (unsigned char)*name_end >= 0x80))
                name_end++;
        }
        bool string = false;
        const char *q = p;
        if (name_end > p && name_end < end && (*name_end == '\'' || *name_end == '"') &&
            is_string_prefix(p, (size_t)(name_end - p))) {
            q = name_end;
            string = true;
        } else if (c == '\'' || c == '"') {
            string = true;
        }
        if (string) {
            char quote = *q;
            bool triple = q + 2 < end && q[1] == quote && q[2] == quote;
            bool raw = memchr(p, 'r', (size_t)(q - p)) || memchr(p, 'R', (size_t)(q - p));
            q += triple ? 3 : 1;
            bool closed = false;
            while (q < end) {
                if (*q == '\\' && q + 1 < end) {
                    if (q[1] == '\n') {
                        line++;
                        line_begin = q + 2;
                    }
                    q += 2;
                    continue;
                }
                (void)raw;
                if (*q == '\n') {
                    if (!triple)
                        break;
                    line++;
                    line_begin = q + 1;
                }
                if (*q == quote && (!triple || (q + 2 < end && q[1] == quote && q[2] == quote))) {
                    q += triple ? 3 : 1;
                    closed = true;
                    break;
                }
                q++;
            }
            if (!closed) {
                tl->error = "unterminated string literal";
                tl->error_line = t.line;
                tl->error_col = t.col;
                return;
            }
            t.kind = TOK_STRING;
            t.len = (size_t)(q - p);
            push(tl, t);
            logical_start = false;
            p = q;
            continue;
        }
        if (name_end > p) {
            t.kind = TOK_NAME;
            t.len = (size_t)(name_end - p);
        } else if (isdigit((unsigned char)c) ||
                   (c == '.' && p + 1 < end && isdigit((unsigned char)p[1]))) {
            const char *e = p;
            while (e < end && (isalnum((unsigned char)*e) || *e == '.' || *e == '_' ||
                               ((*e == '+' || *e == '-') && (e[-1] == 'e' || e[-1] == 'E'))))
                e++;
            t.kind = TOK_NUMBER;
            t.len = (size_t)(e - p);
        } else {
            static const char *const ops3[] = {"**=", "//=", ">>=", "<<=", "...", NULL};
            static const char *const ops2[] = {"**", "//", "==", "!=", "<=", ">=", "->", ":=",
                                               "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=",
                                               "@=", "<<", ">>", NULL};
            t.len = 1;
            for (int i = 0; ops3[i]; i++)
                if (p + 3 <= end && memcmp(p, ops3[i], 3) == 0)
                    t.len = 3;
            if (t.len == 1)
                for (int i = 0; ops2[i]; i++)
                    if (p + 2 <= end && memcmp(p, ops2[i], 2) == 0)
                        t.len = 2;
            if (c == '(' || c == '[' || c == '{')
                depth++;
            else if ((c == ')' || c == ']' || c == '}') && depth > 0)
                depth--;
        }
        push(tl, t);
        /* "x = 1; import m": a statement after ';' starts a logical line too */
        logical_start = depth == 0 && t.kind == TOK_OP && t.len == 1 && c == ';';
        p += t.len;
    }
    token t = {TOK_END, end, 0, line, 1, false, 0, false};
    push(tl, t);
}

void token_list_free(token_list *t)
{
    free(t->toks);
    t->toks = NULL;
    t->n = 0;
}
