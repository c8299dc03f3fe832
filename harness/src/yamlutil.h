/* Thin helpers over libyaml's document API, mapping node marks to positions
 * in the file the YAML came from (a case header sits behind "# "). */
#ifndef FSPEC_YAMLUTIL_H
#define FSPEC_YAMLUTIL_H

#include <stdbool.h>
#include <yaml.h>

#include "diag.h"

typedef struct {
    yaml_document_t doc;
    const char *file;
    int line_offset; /* file line of YAML line 0, minus 1 */
    int col_offset;  /* columns removed from every line */
    diagnostics *diag;
} ydoc;

/* Loads text; on a syntax error reports it and returns false. */
bool ydoc_load(ydoc *y, const char *text, size_t len);
void ydoc_free(ydoc *y);

int ynode_line(const ydoc *y, const yaml_node_t *n);
int ynode_col(const ydoc *y, const yaml_node_t *n);
void ynode_error(const ydoc *y, const yaml_node_t *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

yaml_node_t *ynode(const ydoc *y, int index);
const char *ynode_kind_name(const yaml_node_t *n);
/* The scalar's text, or NULL (and an error naming what) when n is not a scalar. */
const char *yscalar(const ydoc *y, const yaml_node_t *n, const char *what);
bool ybool(const ydoc *y, const yaml_node_t *n, const char *what, bool *out);
bool ynumber(const ydoc *y, const yaml_node_t *n, const char *what, double *out);
bool yint(const ydoc *y, const yaml_node_t *n, const char *what, int *out);
/* Validates that a mapping's keys are all in allowed (NULL-terminated) and
 * unique; reports each offender. */
bool ymap_check_keys(const ydoc *y, const yaml_node_t *map, const char *what,
                     const char *const *allowed);
yaml_node_t *ymap_get(const ydoc *y, const yaml_node_t *map, const char *key);
/* Copies a sequence of scalars into out; false (with errors) otherwise. */
bool ystrings(const ydoc *y, const yaml_node_t *n, const char *what, strlist *out);

#endif
