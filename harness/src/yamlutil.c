#include "yamlutil.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

bool ydoc_load(ydoc *y, const char *text, size_t len)
{
    yaml_parser_t parser;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    bool ok = yaml_parser_load(&parser, &y->doc) != 0;
    if (!ok) {
        yaml_mark_t m = parser.problem_mark;
        const char *problem = parser.problem ? parser.problem : "invalid YAML";
        if (parser.context)
            diag_add(y->diag, y->file, (int)m.line + 1 + y->line_offset,
                     (int)m.column + 1 + y->col_offset, "YAML syntax error: %s %s", problem,
                     parser.context);
        else
            diag_add(y->diag, y->file, (int)m.line + 1 + y->line_offset,
                     (int)m.column + 1 + y->col_offset, "YAML syntax error: %s", problem);
    } else if (!yaml_document_get_root_node(&y->doc)) {
        diag_add(y->diag, y->file, 1 + y->line_offset, 1, "empty YAML document");
        yaml_document_delete(&y->doc);
        ok = false;
    }
    yaml_parser_delete(&parser);
    if (!ok)
        memset(&y->doc, 0, sizeof y->doc);
    return ok;
}

void ydoc_free(ydoc *y)
{
    yaml_document_delete(&y->doc);
}

int ynode_line(const ydoc *y, const yaml_node_t *n)
{
    return (int)n->start_mark.line + 1 + y->line_offset;
}

int ynode_col(const ydoc *y, const yaml_node_t *n)
{
    return (int)n->start_mark.column + 1 + y->col_offset;
}

void ynode_error(const ydoc *y, const yaml_node_t *n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char buf[1024];
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    diag_add(y->diag, y->file, ynode_line(y, n), ynode_col(y, n), "%s", buf);
}

yaml_node_t *ynode(const ydoc *y, int index)
{
    return yaml_document_get_node((yaml_document_t *)&y->doc, index);
}

const char *ynode_kind_name(const yaml_node_t *n)
{
    switch (n->type) {
    case YAML_SCALAR_NODE: return "a scalar";
    case YAML_SEQUENCE_NODE: return "a list";
    case YAML_MAPPING_NODE: return "a mapping";
    default: return "nothing";
    }
}

const char *yscalar(const ydoc *y, const yaml_node_t *n, const char *what)
{
    if (n->type != YAML_SCALAR_NODE) {
        ynode_error(y, n, "%s must be a string, not %s", what, ynode_kind_name(n));
        return NULL;
    }
    return (const char *)n->data.scalar.value;
}

bool ybool(const ydoc *y, const yaml_node_t *n, const char *what, bool *out)
{
    const char *s = yscalar(y, n, what);
    if (!s)
        return false;
    if (strcmp(s, "true") == 0 || strcmp(s, "True") == 0 || strcmp(s, "yes") == 0) {
        *out = true;
        return true;
    }
    if (strcmp(s, "false") == 0 || strcmp(s, "False") == 0 || strcmp(s, "no") == 0) {
        *out = false;
        return true;
    }
    ynode_error(y, n, "%s must be true or false, not '%s'", what, s);
    return false;
}

bool ynumber(const ydoc *y, const yaml_node_t *n, const char *what, double *out)
{
    const char *s = yscalar(y, n, what);
    if (!s)
        return false;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (*s == '\0' || *end != '\0' || errno || !isfinite(v) || v < 0) {
        ynode_error(y, n, "%s must be a non-negative number of seconds, not '%s'", what, s);
        return false;
    }
    *out = v;
    return true;
}

bool yint(const ydoc *y, const yaml_node_t *n, const char *what, int *out)
{
    const char *s = yscalar(y, n, what);
    if (!s)
        return false;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (*s == '\0' || *end != '\0' || errno || v < 0 || v > 255) {
        ynode_error(y, n, "%s must be an integer from 0 to 255, not '%s'", what, s);
        return false;
    }
    *out = (int)v;
    return true;
}

static void join_allowed(char *buf, size_t size, const char *const *allowed)
{
    buf[0] = '\0';
    size_t used = 0;
    for (int i = 0; allowed[i]; i++) {
        int w = snprintf(buf + used, size - used, "%s%s", i ? ", " : "", allowed[i]);
        if (w < 0 || (size_t)w >= size - used)
            break;
        used += (size_t)w;
    }
}

bool ymap_check_keys(const ydoc *y, const yaml_node_t *map, const char *what,
                     const char *const *allowed)
{
    bool ok = true;
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = ynode(y, p->key);
        if (k->type != YAML_SCALAR_NODE) {
            ynode_error(y, k, "keys of %s must be plain words", what);
            ok = false;
            continue;
        }
        const char *key = (const char *)k->data.scalar.value;
        bool known = false;
        for (int i = 0; allowed[i]; i++)
            if (strcmp(key, allowed[i]) == 0)
                known = true;
        if (!known) {
            char list[512];
            join_allowed(list, sizeof list, allowed);
            ynode_error(y, k, "unknown key '%s' in %s (expected one of: %s)", key, what, list);
            ok = false;
        }
        for (yaml_node_pair_t *q = map->data.mapping.pairs.start; q < p; q++) {
            yaml_node_t *k2 = ynode(y, q->key);
            if (k2->type == YAML_SCALAR_NODE &&
                strcmp((const char *)k2->data.scalar.value, key) == 0) {
                ynode_error(y, k, "duplicate key '%s' in %s (first at line %d)", key, what,
                            ynode_line(y, k2));
                ok = false;
            }
        }
    }
    return ok;
}

yaml_node_t *ymap_get(const ydoc *y, const yaml_node_t *map, const char *key)
{
    if (map->type != YAML_MAPPING_NODE)
        return NULL;
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = ynode(y, p->key);
        if (k->type == YAML_SCALAR_NODE && strcmp((const char *)k->data.scalar.value, key) == 0)
            return ynode(y, p->value);
    }
    return NULL;
}

bool ystrings(const ydoc *y, const yaml_node_t *n, const char *what, strlist *out)
{
    if (n->type != YAML_SEQUENCE_NODE) {
        ynode_error(y, n, "%s must be a list, not %s", what, ynode_kind_name(n));
        return false;
    }
    bool ok = true;
    for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top;
         it++) {
        yaml_node_t *e = ynode(y, *it);
        const char *s = yscalar(y, e, what);
        if (s)
            sl_push(out, s);
        else
            ok = false;
    }
    return ok;
}
