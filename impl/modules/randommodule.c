/* random: CPython's Mersenne Twister (Modules/_randommodule.c) and the
 * Lib/random.py methods the case language admits (seed, random, randint,
 * choice, shuffle), so a seeded program draws the same numbers as CPython. */
#include "randommodule.h"

#include <gmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "descrobject.h"
#include "errors.h"
#include "exceptions.h"
#include "floatobject.h"
#include "intobject.h"
#include "listobject.h"
#include "moduleobject.h"
#include "strobject.h"

#define N 624
#define M 397
#define MATRIX_A 0x9908b0dfU
#define UPPER_MASK 0x80000000U
#define LOWER_MASK 0x7fffffffU

static uint32_t state[N];
static int index_ = N + 1;

static void init_genrand(uint32_t s)
{
    state[0] = s;
    for (int i = 1; i < N; i++)
        state[i] = 1812433253U * (state[i - 1] ^ (state[i - 1] >> 30)) + (uint32_t)i;
    index_ = N;
}

static void init_by_array(const uint32_t *key, size_t key_length)
{
    init_genrand(19650218U);
    size_t i = 1, j = 0;
    size_t k = N > key_length ? N : key_length;
    for (; k; k--) {
        state[i] = (state[i] ^ ((state[i - 1] ^ (state[i - 1] >> 30)) * 1664525U)) + key[j] +
                   (uint32_t)j;
        i++;
        j++;
        if (i >= N) {
            state[0] = state[N - 1];
            i = 1;
        }
        if (j >= key_length)
            j = 0;
    }
    for (k = N - 1; k; k--) {
        state[i] = (state[i] ^ ((state[i - 1] ^ (state[i - 1] >> 30)) * 1566083941U)) -
                   (uint32_t)i;
        i++;
        if (i >= N) {
            state[0] = state[N - 1];
            i = 1;
        }
    }
    state[0] = 0x80000000U; /* MSB is 1, assuring a non-zero initial array */
}

static uint32_t genrand_uint32(void)
{
    static const uint32_t mag01[2] = {0x0U, MATRIX_A};
    uint32_t y;
    if (index_ >= N) {
        int kk;
        for (kk = 0; kk < N - M; kk++) {
            y = (state[kk] & UPPER_MASK) | (state[kk + 1] & LOWER_MASK);
            state[kk] = state[kk + M] ^ (y >> 1) ^ mag01[y & 0x1U];
        }
        for (; kk < N - 1; kk++) {
            y = (state[kk] & UPPER_MASK) | (state[kk + 1] & LOWER_MASK);
            state[kk] = state[kk + (M - N)] ^ (y >> 1) ^ mag01[y & 0x1U];
        }
        y = (state[N - 1] & UPPER_MASK) | (state[0] & LOWER_MASK);
        state[N - 1] = state[M - 1] ^ (y >> 1) ^ mag01[y & 0x1U];
        index_ = 0;
    }
    y = state[index_++];
    y ^= (y >> 11);
    y ^= (y << 7) & 0x9d2c5680U;
    y ^= (y << 15) & 0xefc60000U;
    y ^= (y >> 18);
    return y;
}

/* random_seed for an int: the absolute value's 32-bit words, least
 * significant first */
static int seed_int(RObject *n)
{
    RObject *text = r_int_to_base_str(n, 16);
    if (!text)
        return -1;
    const char *s = r_str_utf8(text);
    if (*s == '-')
        s++;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        s += 2;
    mpz_t z;
    mpz_init_set_str(z, s, 16);
    R_DECREF(text);
    size_t words = mpz_sizeinbase(z, 2) / 32 + 1;
    uint32_t *key = calloc(words, sizeof *key);
    if (!key) {
        mpz_clear(z);
        r_err_no_memory();
        return -1;
    }
    size_t count = 0;
    mpz_export(key, &count, -1, sizeof *key, 0, 0, z);
    mpz_clear(z);
    if (count == 0)
        count = 1; /* seed 0 is the key [0] */
    init_by_array(key, count);
    free(key);
    return 0;
}

static void seed_from_time(void)
{
    uint32_t key[4] = {(uint32_t)time(NULL), (uint32_t)getpid(), (uint32_t)clock(),
                       (uint32_t)(uintptr_t)&key};
    init_by_array(key, 4);
}

static RObject *random_seed(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    if (r_check_no_kwargs("seed", kw) < 0 || r_check_nargs("seed", nargs, 0, 2) < 0)
        return NULL;
    if (nargs == 0 || args[0] == R_NONE) {
        seed_from_time();
        R_RETURN_NONE;
    }
    if (!R_INT_CHECK(args[0]))
        return r_err_format(r_exc_TypeError,
                            "seeding refpy's random with a %s is outside the case language",
                            R_TYPE(args[0])->name);
    if (seed_int(args[0]) < 0)
        return NULL;
    R_RETURN_NONE;
}

static double random_double(void)
{
    uint32_t a = genrand_uint32() >> 5, b = genrand_uint32() >> 6;
    return ((double)a * 67108864.0 + (double)b) * (1.0 / 9007199254740992.0);
}

static RObject *random_random(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    (void)args;
    if (r_check_no_kwargs("random", kw) < 0 || r_check_nargs("random", nargs, 0, 0) < 0)
        return NULL;
    return r_float_from_double(random_double());
}

/* getrandbits(k) for k <= 64 as _randommodule.c builds it: 32-bit words,
 * least significant first, the last one cut to the bits left */
static uint64_t getrandbits(int k)
{
    if (k <= 32)
        return genrand_uint32() >> (32 - k);
    uint64_t lo = genrand_uint32();
    uint64_t hi = genrand_uint32() >> (64 - k);
    return lo | (hi << 32);
}

/* Lib/random.py: _randbelow_with_getrandbits */
static int randbelow(uint64_t n, uint64_t *out)
{
    if (n == 0) {
        *out = 0;
        return 0;
    }
    int k = 64 - __builtin_clzll(n); /* n.bit_length() */
    uint64_t r = getrandbits(k);
    while (r >= n)
        r = getrandbits(k);
    *out = r;
    return 0;
}

static RObject *random_randint(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    if (r_check_no_kwargs("randint", kw) < 0 || r_check_nargs("randint", nargs, 2, 2) < 0)
        return NULL;
    int64_t a = r_int_as_i64(args[0]), b;
    if (a == -1 && r_err_occurred())
        return NULL;
    b = r_int_as_i64(args[1]);
    if (b == -1 && r_err_occurred())
        return NULL;
    if (b + 1 <= a)
        return r_err_format(r_exc_ValueError, "empty range in randrange(%lld, %lld)",
                            (long long)a, (long long)(b + 1));
    uint64_t r;
    randbelow((uint64_t)(b + 1 - a), &r);
    return r_int_from_i64(a + (int64_t)r);
}

static RObject *random_choice(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    if (r_check_no_kwargs("choice", kw) < 0 || r_check_nargs("choice", nargs, 1, 1) < 0)
        return NULL;
    ssize_t n = r_length(args[0]);
    if (n < 0)
        return NULL;
    if (n == 0)
        return r_err_format(r_exc_IndexError, "Cannot choose from an empty sequence");
    uint64_t i;
    randbelow((uint64_t)n, &i);
    RObject *index = r_int_from_i64((int64_t)i);
    if (!index)
        return NULL;
    RObject *item = r_getitem(args[0], index);
    R_DECREF(index);
    return item;
}

static RObject *random_shuffle(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    if (r_check_no_kwargs("shuffle", kw) < 0 || r_check_nargs("shuffle", nargs, 1, 1) < 0)
        return NULL;
    if (!R_LIST_CHECK(args[0]))
        return r_err_format(r_exc_TypeError, "shuffling a %s is outside the case language",
                            R_TYPE(args[0])->name);
    RObject **items = R_LIST_ITEMS(args[0]);
    for (ssize_t i = R_LIST_SIZE(args[0]) - 1; i > 0; i--) {
        uint64_t j;
        randbelow((uint64_t)i + 1, &j);
        RObject *t = items[i];
        items[i] = items[j];
        items[j] = t;
    }
    R_RETURN_NONE;
}

static const r_method_def random_functions[] = {
    {"seed", random_seed, 0, NULL},
    {"random", random_random, 0, NULL},
    {"randint", random_randint, 0, NULL},
    {"choice", random_choice, 0, NULL},
    {"shuffle", random_shuffle, 0, NULL},
    {NULL, NULL, 0, NULL},
};

RObject *r_random_module_new(void)
{
    seed_from_time();
    RObject *m = r_module_new("random");
    if (!m || r_module_add_functions(m, random_functions) < 0) {
        R_XDECREF(m);
        return NULL;
    }
    return m;
}
