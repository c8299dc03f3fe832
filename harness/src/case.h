/* The model of a case file: its header and the outcomes it declares. */
#ifndef FSPEC_CASE_H
#define FSPEC_CASE_H

#include "util.h"
#include "version.h"

typedef enum {
    OUTCOME_COMPLETES, /* exit status 0 */
    OUTCOME_RAISES,    /* non-zero exit with a traceback */
    OUTCOME_HANGS,     /* still running at the deadline */
    OUTCOME_EXITS,     /* non-zero exit without a traceback */
    OUTCOME_SIGNAL,    /* killed by a signal the harness did not send */
    OUTCOME_ERROR,     /* the target could not be started */
} outcome_kind;

const char *outcome_name(outcome_kind k);

typedef enum {
    MATCH_EXACT_TEXT,
    MATCH_EXACT_LINES,
    MATCH_UNORDERED,
    MATCH_CONTAINS,
    MATCH_ABSENT,
    MATCH_REGEX,
    MATCH_ORDER, /* lines holds pairs: items[2k] before items[2k+1] */
    MATCH_EMPTY,
} matcher_kind;

typedef struct {
    matcher_kind kind;
    char *text;    /* exact text or regex */
    strlist lines; /* line lists and order pairs */
    int line, col; /* where it is declared, for messages */
} matcher;

typedef struct {
    matcher *items;
    size_t n;
} matcher_set;

typedef struct {
    char *category;
    char *message;    /* exact, or NULL */
    char *message_re; /* regex, or NULL */
    int line;         /* line in the case file, 0 = not checked */
} warn_spec;

typedef struct {
    char *python; /* the range as written, "*" when absent */
    version_range range;
    outcome_kind outcome;
    char *exc_type; /* raises */
    char *exc_message;
    char *exc_message_re;
    double hang_after; /* hangs */
    int exit_code;     /* exits */
    matcher_set out, err;
    bool has_warns;
    warn_spec *warns;
    size_t nwarns;
    int line; /* where the entry starts in the case file */
} expectation;

typedef struct {
    char *path; /* as given to the harness */
    char *id;   /* path under cases/ without .py */
    char *title;
    char *source;
    strlist clauses;
    int *clause_lines, *clause_cols; /* where each clause id is written */
    strlist flags;
    double timeout;
    expectation *expect;
    size_t nexpect;
    int header_end_line; /* the closing fence */
} case_t;

#define CASE_DEFAULT_TIMEOUT 10.0

void case_free(case_t *c);
/* The first expectation whose range holds for v, or NULL. */
const expectation *case_expectation_for(const case_t *c, pyversion v);

#endif
