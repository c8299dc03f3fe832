#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { ARENA_BLOCK_SIZE = 64 * 1024 };

typedef struct ArenaBlock {
    struct ArenaBlock *next;
    size_t used;
    size_t size;
    max_align_t data[]; /* aligned start of the usable bytes */
} ArenaBlock;

struct AstArena {
    ArenaBlock *head;
};

AstArena *arena_new(void) {
    return calloc(1, sizeof(AstArena));
}

void arena_free(AstArena *arena) {
    if (!arena) {
        return;
    }
    ArenaBlock *block = arena->head;
    while (block) {
        ArenaBlock *next = block->next;
        free(block);
        block = next;
    }
    free(arena);
}

static size_t align_up(size_t size) {
    size_t align = _Alignof(max_align_t);
    return (size + align - 1) & ~(align - 1);
}

void *arena_alloc(AstArena *arena, size_t size) {
    if (size > SIZE_MAX / 2) {
        return NULL;
    }
    size = align_up(size ? size : 1);
    ArenaBlock *block = arena->head;
    if (!block || block->size - block->used < size) {
        /* Big requests get a block of their own, so a huge string literal
         * does not waste the rest of a shared block. */
        size_t capacity = size > ARENA_BLOCK_SIZE / 4 ? size : ARENA_BLOCK_SIZE;
        ArenaBlock *fresh = malloc(sizeof(ArenaBlock) + capacity);
        if (!fresh) {
            return NULL;
        }
        fresh->used = 0;
        fresh->size = capacity;
        if (block && capacity != ARENA_BLOCK_SIZE) {
            /* keep filling the current shared block afterwards */
            fresh->next = block->next;
            block->next = fresh;
            fresh->used = size;
            memset(fresh->data, 0, size);
            return fresh->data;
        }
        fresh->next = block;
        arena->head = fresh;
        block = fresh;
    }
    void *result = (char *)block->data + block->used;
    block->used += size;
    memset(result, 0, size);
    return result;
}

char *arena_strndup(AstArena *arena, const char *text, size_t len) {
    char *copy = arena_alloc(arena, len + 1);
    if (copy) {
        memcpy(copy, text, len);
        copy[len] = '\0';
    }
    return copy;
}

bool arena_list_append(AstArena *arena, void *items_field, int *len, int *cap,
                       size_t elem_size, const void *elem) {
    void *items;
    memcpy(&items, items_field, sizeof items);
    if (*len == *cap) {
        if (*cap > (1 << 28)) {
            return false;
        }
        int new_cap = *cap ? *cap * 2 : 4;
        /* The old array stays in the arena: at most doubling waste, and
         * nothing to free on an error path. */
        void *grown = arena_alloc(arena, (size_t)new_cap * elem_size);
        if (!grown) {
            return false;
        }
        if (*len) {
            memcpy(grown, items, (size_t)*len * elem_size);
        }
        items = grown;
        memcpy(items_field, &items, sizeof items);
        *cap = new_cap;
    }
    memcpy((char *)items + (size_t)*len * elem_size, elem, elem_size);
    (*len)++;
    return true;
}
