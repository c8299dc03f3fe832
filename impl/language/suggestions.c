/* "Did you mean" hints for AttributeError and NameError (3.10+), as
 * Lib/traceback.py's _compute_suggestion_error: the closest name by a
 * Levenshtein distance where a case change costs less than an edit. */
#include "suggestions.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "dictobject.h"
#include "errors.h"
#include "exceptions.h"
#include "frame.h"
#include "listobject.h"
#include "strobject.h"
#include "tupleobject.h"
#include "typeobject.h"

#define MAX_CANDIDATE_ITEMS 750
#define MAX_STRING_SIZE 40
#define MOVE_COST 2
#define CASE_COST 1

static size_t substitution_cost(char a, char b)
{
    if (a == b)
        return 0;
    if (tolower((unsigned char)a) == tolower((unsigned char)b))
        return CASE_COST;
    return MOVE_COST;
}

/* Lib/traceback.py: _levenshtein_distance, with its early exits */
static size_t levenshtein(const char *a, size_t alen, const char *b, size_t blen,
                          size_t max_cost)
{
    if (alen == blen && memcmp(a, b, alen) == 0)
        return 0;
    /* trim a common prefix and suffix */
    while (alen && blen && a[0] == b[0]) {
        a++;
        b++;
        alen--;
        blen--;
    }
    while (alen && blen && a[alen - 1] == b[blen - 1]) {
        alen--;
        blen--;
    }
    if (alen == 0 || blen == 0)
        return (alen + blen) * MOVE_COST;
    if (alen > MAX_STRING_SIZE || blen > MAX_STRING_SIZE)
        return max_cost + 1;
    if (blen < alen) {
        const char *t = a;
        a = b;
        b = t;
        size_t tl = alen;
        alen = blen;
        blen = tl;
    }
    if ((blen - alen) * MOVE_COST > max_cost)
        return max_cost + 1;
    size_t row[MAX_STRING_SIZE + 1];
    for (size_t i = 0; i < alen; i++)
        row[i] = (i + 1) * MOVE_COST;
    size_t result = 0;
    for (size_t bindex = 0; bindex < blen; bindex++) {
        char bchar = b[bindex];
        size_t distance = result = bindex * MOVE_COST;
        size_t minimum = (size_t)-1;
        for (size_t index = 0; index < alen; index++) {
            size_t substitute = distance + substitution_cost(bchar, a[index]);
            distance = row[index];
            size_t insert_delete = (result < distance ? result : distance) + MOVE_COST;
            result = insert_delete < substitute ? insert_delete : substitute;
            row[index] = result;
            if (result < minimum)
                minimum = result;
        }
        if (minimum > max_cost)
            return max_cost + 1;
    }
    return result;
}

static RObject *best_match(RObject *candidates, RObject *wrong)
{
    ssize_t n = R_LIST_SIZE(candidates);
    if (n > MAX_CANDIDATE_ITEMS)
        return NULL;
    size_t wlen = (size_t)r_str_size(wrong);
    if (wlen > MAX_STRING_SIZE)
        return NULL;
    size_t best = wlen;
    RObject *suggestion = NULL;
    for (ssize_t i = 0; i < n; i++) {
        RObject *cand = R_LIST_ITEMS(candidates)[i];
        if (!R_STR_CHECK(cand) || r_str_equal(cand, wrong))
            continue;
        size_t clen = (size_t)r_str_size(cand);
        size_t max_distance = (clen + wlen + 3) * MOVE_COST / 6;
        if (best > 0 && max_distance > best - 1)
            max_distance = best - 1;
        size_t d = levenshtein(r_str_utf8(wrong), wlen, r_str_utf8(cand), clen, max_distance);
        if (d > max_distance)
            continue;
        if (!suggestion || d < best) {
            suggestion = cand;
            best = d;
        }
    }
    return suggestion ? r_incref(suggestion) : NULL;
}

static int add_keys(RObject *list, RObject *dict)
{
    ssize_t pos = 0;
    RObject *k, *v;
    while (dict && r_dict_next(dict, &pos, &k, &v))
        if (r_list_append(list, k) < 0)
            return -1;
    return 0;
}

/* dir(obj): the instance's names and its class's, sorted, no duplicates */
static RObject *dir_of(RObject *obj)
{
    RObject *seen = r_dict_new();
    if (!seen)
        return NULL;
    RObject *idict = r_instance_dict(obj);
    ssize_t pos = 0;
    RObject *k, *v;
    while (idict && r_dict_next(idict, &pos, &k, &v))
        r_dict_set_item(seen, k, R_NONE);
    RType *t = r_typecheck(obj, &r_type_type) ? (RType *)obj : R_TYPE(obj);
    for (; t; t = t->base) {
        pos = 0;
        while (t->dict && r_dict_next(t->dict, &pos, &k, &v))
            r_dict_set_item(seen, k, R_NONE);
    }
    RObject *list = r_list_new(0);
    if (list && add_keys(list, seen) == 0 && r_list_sort(list, NULL, false) == 0) {
        R_DECREF(seen);
        return list;
    }
    R_XDECREF(list);
    R_DECREF(seen);
    return NULL;
}

RObject *r_suggestion_for(RObject *exc)
{
    RBaseException *e = (RBaseException *)exc;
    if (!e->name || !R_STR_CHECK(e->name))
        return NULL;
    RObject *candidates = NULL;
    if (r_typecheck(exc, r_exc_AttributeError)) {
        if (!e->obj)
            return NULL;
        candidates = dir_of(e->obj);
    } else if (r_typecheck(exc, r_exc_NameError)) {
        RTraceback *tb = (RTraceback *)e->traceback;
        if (!tb)
            return NULL;
        while (tb->next)
            tb = tb->next;
        RFrame *f = tb->frame;
        candidates = r_list_new(0);
        if (candidates) {
            /* the innermost frame's locals, then its globals and builtins */
            RCode *co = f->code;
            for (int i = 0; i < co->nlocals; i++)
                r_list_append(candidates, R_TUPLE_GET(co->localsplusnames, i));
            if (f->locals)
                add_keys(candidates, f->locals);
            add_keys(candidates, f->globals);
            add_keys(candidates, f->builtins);
        }
    }
    if (!candidates) {
        r_err_clear();
        return NULL;
    }
    RObject *s = best_match(candidates, e->name);
    R_DECREF(candidates);
    r_err_clear();
    return s;
}
