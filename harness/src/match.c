#include "match.h"

#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "regex.h"
#include "text.h"

static char *quote_short(const char *s)
{
    /* a line as it goes into a message: quoted and cut at 120 characters */
    size_t n = strlen(s);
    if (n <= 120)
        return xasprintf("\"%s\"", s);
    return xasprintf("\"%.117s...\"", s);
}

static long find_line(const strlist *lines, const char *want, const bool *used)
{
    for (size_t i = 0; i < lines->n; i++)
        if ((!used || !used[i]) && strcmp(lines->items[i], want) == 0)
            return (long)i;
    return -1;
}

static bool match_one(const matcher *m, const char *stream, const char *text,
                      const strlist *lines, strlist *mm)
{
    bool ok = true;
    switch (m->kind) {
    case MATCH_EXACT_TEXT:
        if (strcmp(text, m->text) != 0) {
            sl_push_owned(mm, xasprintf("%s: the text differs from exact (line %d)", stream,
                                        m->line));
            ok = false;
        }
        break;
    case MATCH_EXACT_LINES: {
        size_t n = lines->n < m->lines.n ? lines->n : m->lines.n;
        for (size_t i = 0; i < n; i++)
            if (strcmp(lines->items[i], m->lines.items[i]) != 0) {
                char *a = quote_short(m->lines.items[i]), *b = quote_short(lines->items[i]);
                sl_push_owned(mm, xasprintf("%s line %zu: expected %s, got %s", stream, i + 1,
                                            a, b));
                free(a);
                free(b);
                return false;
            }
        if (lines->n != m->lines.n) {
            if (lines->n < m->lines.n) {
                char *a = quote_short(m->lines.items[lines->n]);
                sl_push_owned(mm, xasprintf("%s: %zu lines, expected %zu (first missing: %s)",
                                            stream, lines->n, m->lines.n, a));
                free(a);
            } else {
                char *b = quote_short(lines->items[m->lines.n]);
                sl_push_owned(mm, xasprintf("%s: %zu lines, expected %zu (first extra: %s)",
                                            stream, lines->n, m->lines.n, b));
                free(b);
            }
            ok = false;
        }
        break;
    }
    case MATCH_UNORDERED:
    case MATCH_CONTAINS: {
        bool *used = xcalloc(lines->n, sizeof *used);
        for (size_t i = 0; i < m->lines.n; i++) {
            long at = find_line(lines, m->lines.items[i], used);
            if (at < 0) {
                char *a = quote_short(m->lines.items[i]);
                sl_push_owned(mm, xasprintf("%s: missing line %s", stream, a));
                free(a);
                ok = false;
            } else {
                used[at] = true;
            }
        }
        if (m->kind == MATCH_UNORDERED)
            for (size_t i = 0; i < lines->n; i++)
                if (!used[i]) {
                    char *b = quote_short(lines->items[i]);
                    sl_push_owned(mm, xasprintf("%s: unexpected line %s", stream, b));
                    free(b);
                    ok = false;
                }
        free(used);
        break;
    }
    case MATCH_ABSENT:
        for (size_t i = 0; i < m->lines.n; i++)
            if (find_line(lines, m->lines.items[i], NULL) >= 0) {
                char *a = quote_short(m->lines.items[i]);
                sl_push_owned(mm, xasprintf("%s: line %s must not occur", stream, a));
                free(a);
                ok = false;
            }
        break;
    case MATCH_REGEX:
        if (!regex_matches(m->text, text, true, false)) {
            sl_push_owned(mm, xasprintf("%s: no match for regex /%s/", stream, m->text));
            ok = false;
        }
        break;
    case MATCH_ORDER:
        for (size_t i = 0; i + 1 < m->lines.n; i += 2) {
            long a = find_line(lines, m->lines.items[i], NULL);
            long b = find_line(lines, m->lines.items[i + 1], NULL);
            char *qa = quote_short(m->lines.items[i]), *qb = quote_short(m->lines.items[i + 1]);
            if (a < 0 || b < 0) {
                sl_push_owned(mm, xasprintf("%s: order needs both %s and %s", stream, qa, qb));
                ok = false;
            } else if (a >= b) {
                sl_push_owned(mm, xasprintf("%s: %s should come before %s", stream, qa, qb));
                ok = false;
            }
            free(qa);
            free(qb);
        }
        break;
    case MATCH_EMPTY:
        if (text[0]) {
            sl_push_owned(mm, xasprintf("%s: expected no output, got %zu lines", stream,
                                        lines->n));
            ok = false;
        }
        break;
    }
    return ok;
}

bool match_output(const matcher_set *m, const char *stream, const char *text, strlist *mm)
{
    strlist lines = {0};
    text_lines(text, &lines);
    bool ok = true;
    for (size_t i = 0; i < m->n; i++)
        if (!match_one(&m->items[i], stream, text, &lines, mm))
            ok = false;
    sl_free(&lines);
    return ok;
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

static bool warning_fits(const warn_spec *w, const warning_line *got, const char *case_path)
{
    if (strcmp(w->category, got->category) != 0)
        return false;
    if (w->message && strcmp(w->message, got->message) != 0)
        return false;
    if (w->message_re && !regex_matches(w->message_re, got->message, false, true))
        return false;
    if (w->line) {
        if (got->line != w->line)
            return false;
        if (case_path && strcmp(base_name(got->path), base_name(case_path)) != 0)
            return false;
    }
    return true;
}

/* Kuhn's augmenting paths: declared warnings against printed ones. */
static bool augment(size_t i, const bool *fits, size_t ngot, long *owner, bool *seen)
{
    for (size_t j = 0; j < ngot; j++) {
        if (!fits[i * ngot + j] || seen[j])
            continue;
        seen[j] = true;
        if (owner[j] < 0 || augment((size_t)owner[j], fits, ngot, owner, seen)) {
            owner[j] = (long)i;
            return true;
        }
    }
    return false;
}

bool match_warnings(const expectation *e, const char *stderr_text, const char *case_path,
                    strlist *mm)
{
    if (!e->has_warns)
        return true;
    warning_line *got = NULL;
    size_t ngot = parse_warnings(stderr_text, &got);
    size_t nw = e->nwarns;
    bool *fits = xcalloc(nw * ngot + 1, sizeof *fits);
    for (size_t i = 0; i < nw; i++)
        for (size_t j = 0; j < ngot; j++)
            fits[i * ngot + j] = warning_fits(&e->warns[i], &got[j], case_path);
    long *owner = xmalloc((ngot + 1) * sizeof *owner);
    for (size_t j = 0; j < ngot; j++)
        owner[j] = -1;
    bool ok = true;
    bool *seen = xcalloc(ngot + 1, sizeof *seen);
    for (size_t i = 0; i < nw; i++) {
        memset(seen, 0, (ngot + 1) * sizeof *seen);
        if (!augment(i, fits, ngot, owner, seen)) {
            const warn_spec *w = &e->warns[i];
            sl_push_owned(mm, xasprintf("warns: missing %s: %s%s", w->category,
                                        w->message ? w->message : w->message_re,
                                        w->line ? " (at the declared line)" : ""));
            ok = false;
        }
    }
    for (size_t j = 0; j < ngot; j++)
        if (owner[j] < 0) {
            sl_push_owned(mm, xasprintf("warns: unexpected warning at line %d: %s: %s",
                                        got[j].line, got[j].category, got[j].message));
            ok = false;
        }
    free(seen);
    free(owner);
    free(fits);
    warnings_free(got, ngot);
    return ok;
}

char *describe_observed(const observed *o)
{
    switch (o->kind) {
    case OUTCOME_COMPLETES:
        return xstrdup("completes (exit 0)");
    case OUTCOME_RAISES:
        if (o->exc_message[0])
            return xasprintf("raises %s: %s", o->exc_type, o->exc_message);
        return xasprintf("raises %s", o->exc_type);
    case OUTCOME_HANGS:
        if (o->deadlock_reported)
            return xasprintf("hangs (the target reported a deadlock after %.1f s)", o->duration);
        return xasprintf("hangs (killed after %.1f s)", o->duration);
    case OUTCOME_EXITS:
        return xasprintf("exits with status %d (no traceback)", o->exit_code);
    case OUTCOME_SIGNAL:
        return xasprintf("killed by signal %d", o->signal);
    case OUTCOME_ERROR:
        return xasprintf("error: %s", o->error ? o->error : "cannot run");
    }
    return xstrdup("?");
}

char *describe_expected(const expectation *e)
{
    switch (e->outcome) {
    case OUTCOME_COMPLETES:
        return xstrdup("completes");
    case OUTCOME_RAISES:
        if (e->exc_message)
            return xasprintf("raises %s: %s", e->exc_type, e->exc_message);
        if (e->exc_message_re)
            return xasprintf("raises %s: /%s/", e->exc_type, e->exc_message_re);
        return xasprintf("raises %s", e->exc_type);
    case OUTCOME_HANGS:
        return xasprintf("hangs (still running after %.1f s)", e->hang_after);
    case OUTCOME_EXITS:
        return xasprintf("exits with status %d", e->exit_code);
    default:
        return xstrdup(outcome_name(e->outcome));
    }
}

bool match_expectation(const expectation *e, const observed *o, const char *case_path,
                       strlist *mm)
{
    bool ok = true;
    if (o->kind != e->outcome) {
        char *a = describe_expected(e), *b = describe_observed(o);
        sl_push_owned(mm, xasprintf("outcome: expected %s, got %s", a, b));
        free(a);
        free(b);
        ok = false;
    } else if (e->outcome == OUTCOME_RAISES) {
        char *want = normalise_type(e->exc_type), *got = normalise_type(o->exc_type);
        if (strcmp(want, got) != 0) {
            sl_push_owned(mm, xasprintf("exception type: expected %s, got %s", e->exc_type,
                                        o->exc_type));
            ok = false;
        }
        free(want);
        free(got);
        if (e->exc_message && strcmp(e->exc_message, o->exc_message) != 0) {
            char *a = quote_short(e->exc_message), *b = quote_short(o->exc_message);
            sl_push_owned(mm, xasprintf("exception message: expected %s, got %s", a, b));
            free(a);
            free(b);
            ok = false;
        }
        if (e->exc_message_re &&
            !regex_matches(e->exc_message_re, o->exc_message, false, true)) {
            char *b = quote_short(o->exc_message);
            sl_push_owned(mm, xasprintf("exception message: /%s/ does not match %s",
                                        e->exc_message_re, b));
            free(b);
            ok = false;
        }
    } else if (e->outcome == OUTCOME_EXITS && e->exit_code != o->exit_code) {
        sl_push_owned(mm, xasprintf("exit status: expected %d, got %d", e->exit_code,
                                    o->exit_code));
        ok = false;
    }
    if (o->kind == OUTCOME_ERROR)
        return false;
    if (!match_output(&e->out, "stdout", o->out_text, mm))
        ok = false;
    if (!match_output(&e->err, "stderr", o->err_text, mm))
        ok = false;
    if (!match_warnings(e, o->err_text, case_path, mm))
        ok = false;
    return ok;
}
