/* Objects come and go in the millions (frames, handles, futures, ints),
 * and glibc's own per-thread cache keeps only 7 freed blocks of a size, so
 * most frees of a busy loop take malloc's slow path. This cache keeps more
 * of them per thread, by malloc chunk size, as CPython's object allocator
 * keeps its pools. The blocks stay malloc's: free() and realloc() work on
 * them, and a thread's cache goes back to malloc when the thread ends.
 *
 * Left out where the chunk size cannot be read back (other C libraries)
 * and from sanitizer builds, which must see every free to catch a use
 * after it. */
#include "blockcache.h"

#include <stdlib.h>

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define BLOCKCACHE_OFF 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define BLOCKCACHE_OFF 1
#endif
#endif
#if !defined(__GLIBC__)
#define BLOCKCACHE_OFF 1
#endif

#ifdef BLOCKCACHE_OFF

void r_block_init(void)
{
}

void *r_block_alloc(size_t size)
{
    return malloc(size);
}

void r_block_free(void *p)
{
    free(p);
}

#else

#include <malloc.h>
#include <pthread.h>

/* glibc's chunks: the request plus one word, rounded up to 16 bytes, at
 * least 32; malloc_usable_size gives the chunk size less that word */
enum {
    CHUNK_WORD = 8,
    CHUNK_ALIGN = 16,
    CHUNK_MIN = 32,
    CACHED_MAX = 512,                      /* the largest chunk cached */
    NCLASSES = CACHED_MAX / CHUNK_ALIGN + 1,
    PER_CLASS = 1024,                      /* blocks kept per chunk size */
};

typedef struct free_block {
    struct free_block *next;
} free_block;

typedef struct {
    free_block *head[NCLASSES];
    unsigned count[NCLASSES];
} block_cache;

static _Thread_local block_cache cache;
static _Thread_local int cache_registered;
static pthread_key_t cache_key;
static pthread_once_t cache_key_once = PTHREAD_ONCE_INIT;

/* glibc returns freed blocks up to 128 bytes (its fast bins) without
 * merging them with their neighbours; the rest it merges at once and splits
 * again on the next allocation, which is most of the cost of a program
 * that makes and frees objects by the hundred thousand (an asyncio tree of
 * tasks). 160 is the most mallopt allows. */
void r_block_init(void)
{
    mallopt(M_MXFAST, 160);
}

static size_t chunk_of_request(size_t size)
{
    size_t chunk = (size + CHUNK_WORD + CHUNK_ALIGN - 1) & ~(size_t)(CHUNK_ALIGN - 1);
    return chunk < CHUNK_MIN ? CHUNK_MIN : chunk;
}

/* At thread exit: the thread's blocks go back to malloc. */
static void cache_release(void *arg)
{
    block_cache *c = arg;
    for (int i = 0; i < NCLASSES; i++) {
        while (c->head[i]) {
            free_block *b = c->head[i];
            c->head[i] = b->next;
            free(b);
        }
        c->count[i] = 0;
    }
}

static void cache_key_create(void)
{
    pthread_key_create(&cache_key, cache_release);
}

void *r_block_alloc(size_t size)
{
    size_t chunk = chunk_of_request(size);
    if (chunk <= CACHED_MAX) {
        size_t i = chunk / CHUNK_ALIGN;
        free_block *b = cache.head[i];
        if (b) {
            cache.head[i] = b->next;
            cache.count[i]--;
            return b;
        }
        /* exactly the chunk's usable size, so the block returns here */
        return malloc(chunk - CHUNK_WORD);
    }
    return malloc(size);
}

void r_block_free(void *p)
{
    if (!p)
        return;
    size_t chunk = malloc_usable_size(p) + CHUNK_WORD;
    size_t i = chunk / CHUNK_ALIGN;
    if (chunk > CACHED_MAX || chunk % CHUNK_ALIGN || cache.count[i] >= PER_CLASS) {
        free(p);
        return;
    }
    if (!cache_registered) {
        /* the main thread's cache is simply left at exit, as malloc's is */
        pthread_once(&cache_key_once, cache_key_create);
        pthread_setspecific(cache_key, &cache);
        cache_registered = 1;
    }
    free_block *b = p;
    b->next = cache.head[i];
    cache.head[i] = b;
    cache.count[i]++;
}

#endif
