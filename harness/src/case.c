#include "case.h"

#include <stdlib.h>

const char *outcome_name(outcome_kind k)
{
    switch (k) {
    case OUTCOME_COMPLETES: return "completes";
    case OUTCOME_RAISES: return "raises";
    case OUTCOME_HANGS: return "hangs";
    case OUTCOME_EXITS: return "exits";
    case OUTCOME_SIGNAL: return "signal";
    case OUTCOME_ERROR: return "error";
    }
    return "?";
}

static void matchers_free(matcher_set *m)
{
    for (size_t i = 0; i < m->n; i++) {
        free(m->items[i].text);
        sl_free(&m->items[i].lines);
    }
    free(m->items);
    m->items = NULL;
    m->n = 0;
}

void case_free(case_t *c)
{
    free(c->path);
    free(c->id);
    free(c->title);
    free(c->source);
    sl_free(&c->clauses);
    free(c->clause_lines);
    free(c->clause_cols);
    c->clause_lines = c->clause_cols = NULL;
    sl_free(&c->flags);
    for (size_t i = 0; i < c->nexpect; i++) {
        expectation *e = &c->expect[i];
        free(e->python);
        free(e->exc_type);
        free(e->exc_message);
        free(e->exc_message_re);
        matchers_free(&e->out);
        matchers_free(&e->err);
        for (size_t k = 0; k < e->nwarns; k++) {
            free(e->warns[k].category);
            free(e->warns[k].message);
            free(e->warns[k].message_re);
        }
        free(e->warns);
    }
    free(c->expect);
    c->path = c->id = c->title = c->source = NULL;
    c->expect = NULL;
    c->nexpect = 0;
}

const expectation *case_expectation_for(const case_t *c, pyversion v)
{
    for (size_t i = 0; i < c->nexpect; i++)
        if (range_holds(&c->expect[i].range, v))
            return &c->expect[i];
    return NULL;
}
