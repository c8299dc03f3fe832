/* Python versions (major.minor) and the version ranges of case expectations:
 * comma-separated specifiers such as ">=3.9,<3.12", "==3.10" or "*". */
#ifndef FSPEC_VERSION_H
#define FSPEC_VERSION_H

#include <stdbool.h>

typedef struct {
    int major, minor;
} pyversion;

typedef enum { OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE } range_op;

typedef struct {
    range_op op;
    pyversion v;
} range_spec;

typedef struct {
    range_spec specs[8];
    int n; /* 0 = any version */
} version_range;

/* "3", "3.12" or "3.12.1"; the patch level is accepted and ignored. */
bool version_parse(const char *text, pyversion *out);
/* Returns NULL on success, or a static message and the 0-based offset of
 * the problem in *err_offset. */
const char *range_parse(const char *text, version_range *out, int *err_offset);
bool range_holds(const version_range *r, pyversion v);
int version_cmp(pyversion a, pyversion b);

#endif
