/* Memory for objects: malloc's, with a per-thread cache of freed small
 * blocks in front of it (blockcache.c). */
#ifndef REFPY_BLOCKCACHE_H
#define REFPY_BLOCKCACHE_H

#include <stddef.h>

/* Tunes malloc for many small objects; once, before the first object. */
void r_block_init(void);
/* Uninitialised memory for size bytes, or NULL. */
void *r_block_alloc(size_t size);
/* Gives back memory from r_block_alloc (or from malloc). */
void r_block_free(void *p);

#endif
