/* Arena allocation for the front end: every AST node, list and string of one
 * parse lives in one arena, so a whole tree (or an abandoned partial tree after
 * a SyntaxError) is released by a single arena_free(). */
#ifndef REFPY_LANGUAGE_ARENA_H
#define REFPY_LANGUAGE_ARENA_H

#include <stdbool.h>
#include <stddef.h>

typedef struct AstArena AstArena;

AstArena *arena_new(void);
void arena_free(AstArena *arena);

/* Zero-filled, aligned for any type; NULL when memory is exhausted. */
void *arena_alloc(AstArena *arena, size_t size);

/* A NUL-terminated copy of text[0..len). */
char *arena_strndup(AstArena *arena, const char *text, size_t len);

/* Appends *elem (elem_size bytes) to a growable array living in the arena.
 * items_field is the address of the array's pointer field, whatever its
 * element type; the pointer is read and written with memcpy so that typed
 * lists need no casts that would break strict aliasing. */
bool arena_list_append(AstArena *arena, void *items_field, int *len, int *cap,
                       size_t elem_size, const void *elem);

#define ARENA_LIST_APPEND(arena, list, elem)                                      \
    arena_list_append((arena), &(list).items, &(list).len, &(list).cap,        \
                      sizeof(*(list).items), &(elem))

#endif
