/* An insertion-ordered map from C strings to ints, for the front end's
 * name tables (a scope's symbols and their flags, a code object's names,
 * the sets of the scope analysis). Keys are borrowed: they must outlive the
 * map (the AST arena's strings do). */
#ifndef REFPY_LANGUAGE_NAMEMAP_H
#define REFPY_LANGUAGE_NAMEMAP_H

#include <stdbool.h>

typedef struct NameMap {
    const char **keys; /* in insertion order */
    int *values;
    int count;
    int cap;
    int *slots; /* open addressing over key indices, -1 when empty */
    int nslots; /* a power of two, at least twice count */
} NameMap;

void namemap_init(NameMap *map);
void namemap_free(NameMap *map);

/* The index of key, or -1. */
int namemap_find(const NameMap *map, const char *key);
/* The index of key, added with value when missing; -1 when memory runs out. */
int namemap_add(NameMap *map, const char *key, int value);
/* Sets the value of key, adding it when missing; false when memory runs out. */
bool namemap_set(NameMap *map, const char *key, int value);
/* The value of key, or missing. */
int namemap_get(const NameMap *map, const char *key, int missing);

#endif
