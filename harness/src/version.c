#include "version.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char *parse_number(const char *p, int *out)
{
    if (!isdigit((unsigned char)*p))
        return NULL;
    long v = 0;
    while (isdigit((unsigned char)*p)) {
        v = v * 10 + (*p - '0');
        if (v > 1000)
            return NULL;
        p++;
    }
    *out = (int)v;
    return p;
}

/* Parses major[.minor[.patch]] at p; returns the end or NULL. */
static const char *parse_version_at(const char *p, pyversion *out)
{
    int major, minor = 0, patch;
    p = parse_number(p, &major);
    if (!p)
        return NULL;
    if (*p == '.') {
        p = parse_number(p + 1, &minor);
        if (!p)
            return NULL;
        if (*p == '.') {
            p = parse_number(p + 1, &patch);
            if (!p)
                return NULL;
        }
    }
    out->major = major;
    out->minor = minor;
    return p;
}

bool version_parse(const char *text, pyversion *out)
{
    const char *end = parse_version_at(text, out);
    return end && *end == '\0';
}

int version_cmp(pyversion a, pyversion b)
{
    if (a.major != b.major)
        return a.major < b.major ? -1 : 1;
    if (a.minor != b.minor)
        return a.minor < b.minor ? -1 : 1;
    return 0;
}

const char *range_parse(const char *text, version_range *out, int *err_offset)
{
    memset(out, 0, sizeof *out);
    const char *p = text;
    while (*p == ' ')
        p++;
    if (strcmp(p, "*") == 0)
        return NULL;
    if (*p == '\0') {
        *err_offset = 0;
        return "empty version range (use \"*\" for every version)";
    }
    for (;;) {
        while (*p == ' ')
            p++;
        range_op op = OP_EQ;
        if (strncmp(p, ">=", 2) == 0) { op = OP_GE; p += 2; }
        else if (strncmp(p, "<=", 2) == 0) { op = OP_LE; p += 2; }
        else if (strncmp(p, "==", 2) == 0) { op = OP_EQ; p += 2; }
        else if (strncmp(p, "!=", 2) == 0) { op = OP_NE; p += 2; }
        else if (*p == '>') { op = OP_GT; p += 1; }
        else if (*p == '<') { op = OP_LT; p += 1; }
        while (*p == ' ')
            p++;
        pyversion v;
        const char *end = parse_version_at(p, &v);
        if (!end) {
            *err_offset = (int)(p - text);
            return "expected a version such as 3.11 after the operator";
        }
        if (out->n == (int)(sizeof out->specs / sizeof out->specs[0])) {
            *err_offset = (int)(p - text);
            return "too many specifiers in one range";
        }
        out->specs[out->n].op = op;
        out->specs[out->n].v = v;
        out->n++;
        p = end;
        while (*p == ' ')
            p++;
        if (*p == '\0')
            return NULL;
        if (*p != ',') {
            *err_offset = (int)(p - text);
            return "expected ',' between specifiers (for example \">=3.9,<3.12\")";
        }
        p++;
    }
}

bool range_holds(const version_range *r, pyversion v)
{
    for (int i = 0; i < r->n; i++) {
        int c = version_cmp(v, r->specs[i].v);
        bool ok = false;
        switch (r->specs[i].op) {
        case OP_EQ: ok = c == 0; break;
        case OP_NE: ok = c != 0; break;
        case OP_LT: ok = c < 0; break;
        case OP_LE: ok = c <= 0; break;
        case OP_GT: ok = c > 0; break;
        case OP_GE: ok = c >= 0; break;
        }
        if (!ok)
            return false;
    }
    return true;
}
