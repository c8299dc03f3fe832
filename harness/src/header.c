#include "header.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "regex.h"
#include "yamlutil.h"

const char *const header_flags[] = {"threads", "processes", "slow", NULL};
const char *const header_source_prefixes[] = {"futures-not-compatible:", "asyncio-guide:",
                                              "cpython-docs:", NULL};

static const char *const top_keys[] = {"title", "clauses", "source", "flags",
                                       "timeout", "expect", NULL};
static const char *const expect_keys[] = {"python", "completes", "raises", "hangs", "exits",
                                          "stdout", "stderr", "warns", NULL};
static const char *const raises_keys[] = {"type", "message", "message_re", NULL};
static const char *const hangs_keys[] = {"after", NULL};
static const char *const exits_keys[] = {"code", NULL};
static const char *const matcher_keys[] = {"exact", "unordered", "contains", "absent",
                                           "regex", "order", "empty", NULL};
static const char *const warn_keys[] = {"category", "message", "message_re", "line", NULL};

static bool is_fence(const char *line, size_t n)
{
    while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t' || line[n - 1] == '\r'))
        n--;
    return n == 5 && memcmp(line, "# ---", 5) == 0;
}

/* Collects the header's YAML text; returns false with a diagnostic. */
static bool extract_header(const char *path, const char *text, size_t len, strbuf *yaml,
                           int *end_line, diagnostics *d)
{
    const char *p = text, *end = text + len;
    int lineno = 1;
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
    if (!is_fence(p, n)) {
        diag_add(d, path, 1, 1, "a case must start with a '# ---' line opening its YAML header");
        return false;
    }
    p = nl ? nl + 1 : end;
    while (p < end) {
        lineno++;
        nl = memchr(p, '\n', (size_t)(end - p));
        n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (is_fence(p, n)) {
            *end_line = lineno;
            return true;
        }
        if (n >= 1 && p[0] == '#' && (n == 1 || p[1] == ' ' || p[1] == '\r')) {
            if (n >= 2 && p[1] == ' ')
                sb_append(yaml, p + 2, n - 2);
            sb_putc(yaml, '\n');
        } else {
            diag_add(d, path, lineno, 1,
                     "header line must be '#' or start with '# ' (the header ends at a '# ---' "
                     "line)");
            return false;
        }
        p = nl ? nl + 1 : end;
    }
    diag_add(d, path, lineno, 1, "the header opened at line 1 has no closing '# ---' line");
    return false;
}

static bool valid_identifier_path(const char *s)
{
    /* dotted Python identifiers: asyncio.exceptions.CancelledError */
    if (!*s)
        return false;
    bool start = true;
    for (; *s; s++) {
        if (*s == '.') {
            if (start)
                return false;
            start = true;
            continue;
        }
        if (start ? !(isalpha((unsigned char)*s) || *s == '_')
                  : !(isalnum((unsigned char)*s) || *s == '_'))
            return false;
        start = false;
    }
    return !start;
}

bool clause_id_valid(const char *s)
{
    /* area.topic.n: lowercase words, digits and hyphens, at least two dots */
    int dots = 0;
    bool start = true;
    for (; *s; s++) {
        if (*s == '.') {
            if (start)
                return false;
            dots++;
            start = true;
            continue;
        }
        if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) || *s == '-' || *s == '_'))
            return false;
        start = false;
    }
    return !start && dots >= 2;
}

static bool check_regex(const ydoc *y, const yaml_node_t *n, const char *pattern, bool whole)
{
    char err[256];
    size_t off = 0;
    regex *re = regex_compile(pattern, !whole, whole, err, sizeof err, &off);
    if (!re) {
        ynode_error(y, n, "invalid regular expression at offset %zu: %s", off, err);
        return false;
    }
    regex_free(re);
    return true;
}

static bool parse_matchers(const ydoc *y, const yaml_node_t *n, const char *what,
                           matcher_set *out)
{
    if (n->type != YAML_MAPPING_NODE) {
        ynode_error(y, n, "%s must be a mapping of matchers (exact, unordered, contains, absent, "
                          "regex, order, empty)", what);
        return false;
    }
    if (!ymap_check_keys(y, n, what, matcher_keys))
        return false;
    bool ok = true;
    for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
        const char *key = (const char *)ynode(y, p->key)->data.scalar.value;
        yaml_node_t *v = ynode(y, p->value);
        matcher m;
        memset(&m, 0, sizeof m);
        m.line = ynode_line(y, v);
        m.col = ynode_col(y, v);
        bool good = true;
        if (strcmp(key, "exact") == 0) {
            if (v->type == YAML_SCALAR_NODE) {
                m.kind = MATCH_EXACT_TEXT;
                m.text = xstrdup((const char *)v->data.scalar.value);
            } else {
                m.kind = MATCH_EXACT_LINES;
                good = ystrings(y, v, "exact", &m.lines);
            }
        } else if (strcmp(key, "unordered") == 0 || strcmp(key, "contains") == 0 ||
                   strcmp(key, "absent") == 0) {
            m.kind = key[0] == 'u' ? MATCH_UNORDERED : key[0] == 'c' ? MATCH_CONTAINS : MATCH_ABSENT;
            good = ystrings(y, v, key, &m.lines);
        } else if (strcmp(key, "regex") == 0) {
            m.kind = MATCH_REGEX;
            const char *s = yscalar(y, v, "regex");
            good = s && check_regex(y, v, s, false);
            if (good)
                m.text = xstrdup(s);
        } else if (strcmp(key, "order") == 0) {
            m.kind = MATCH_ORDER;
            if (v->type != YAML_SEQUENCE_NODE) {
                ynode_error(y, v, "order must be a list of [first, second] pairs");
                good = false;
            } else {
                for (yaml_node_item_t *it = v->data.sequence.items.start;
                     it < v->data.sequence.items.top; it++) {
                    yaml_node_t *pair = ynode(y, *it);
                    strlist two = {0};
                    if (!ystrings(y, pair, "an order pair", &two) || two.n != 2) {
                        if (two.n != 2 && pair->type == YAML_SEQUENCE_NODE)
                            ynode_error(y, pair, "an order pair has exactly two lines, not %zu",
                                        two.n);
                        good = false;
                    } else {
                        sl_push(&m.lines, two.items[0]);
                        sl_push(&m.lines, two.items[1]);
                    }
                    sl_free(&two);
                }
            }
        } else { /* empty */
            m.kind = MATCH_EMPTY;
            bool b = false;
            good = ybool(y, v, "empty", &b);
            if (good && !b) {
                ynode_error(y, v, "empty: false says nothing; leave the key out");
                good = false;
            }
        }
        if (!good) {
            sl_free(&m.lines);
            free(m.text);
            ok = false;
            continue;
        }
        out->items = xrealloc(out->items, (out->n + 1) * sizeof *out->items);
        out->items[out->n++] = m;
    }
    return ok;
}

static bool parse_warns(const ydoc *y, const yaml_node_t *n, expectation *e)
{
    e->has_warns = true;
    if (n->type != YAML_SEQUENCE_NODE) {
        ynode_error(y, n, "warns must be a list of {category, message} (or [] for none)");
        return false;
    }
    bool ok = true;
    for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top;
         it++) {
        yaml_node_t *w = ynode(y, *it);
        if (w->type != YAML_MAPPING_NODE) {
            ynode_error(y, w, "a warning must be a mapping {category, message}");
            ok = false;
            continue;
        }
        if (!ymap_check_keys(y, w, "a warning", warn_keys)) {
            ok = false;
            continue;
        }
        warn_spec ws;
        memset(&ws, 0, sizeof ws);
        yaml_node_t *cat = ymap_get(y, w, "category");
        yaml_node_t *msg = ymap_get(y, w, "message");
        yaml_node_t *mre = ymap_get(y, w, "message_re");
        yaml_node_t *line = ymap_get(y, w, "line");
        const char *s;
        bool good = true;
        if (!cat) {
            ynode_error(y, w, "a warning needs a category (for example RuntimeWarning)");
            good = false;
        } else if ((s = yscalar(y, cat, "category")) != NULL) {
            if (!valid_identifier_path(s)) {
                ynode_error(y, cat, "'%s' is not a warning category name", s);
                good = false;
            } else {
                ws.category = xstrdup(s);
            }
        } else {
            good = false;
        }
        if (msg && mre) {
            ynode_error(y, mre, "give message or message_re, not both");
            good = false;
        } else if (!msg && !mre) {
            ynode_error(y, w, "a warning needs a message or a message_re");
            good = false;
        } else if (msg) {
            s = yscalar(y, msg, "message");
            if (s)
                ws.message = xstrdup(s);
            else
                good = false;
        } else {
            s = yscalar(y, mre, "message_re");
            if (s && check_regex(y, mre, s, true))
                ws.message_re = xstrdup(s);
            else
                good = false;
        }
        if (line && !yint(y, line, "line", &ws.line))
            good = false;
        if (line && ws.line == 0) {
            ynode_error(y, line, "line numbers start at 1");
            good = false;
        }
        e->warns = xrealloc(e->warns, (e->nwarns + 1) * sizeof *e->warns);
        e->warns[e->nwarns++] = ws;
        if (!good)
            ok = false;
    }
    return ok;
}

static bool parse_outcome(const ydoc *y, const char *key, const yaml_node_t *v, expectation *e)
{
    if (strcmp(key, "completes") == 0) {
        bool b = false;
        if (!ybool(y, v, "completes", &b))
            return false;
        if (!b) {
            ynode_error(y, v, "completes: false says nothing; declare the outcome that happens");
            return false;
        }
        e->outcome = OUTCOME_COMPLETES;
        return true;
    }
    if (v->type != YAML_MAPPING_NODE) {
        ynode_error(y, v, "%s must be a mapping, not %s", key, ynode_kind_name(v));
        return false;
    }
    if (strcmp(key, "raises") == 0) {
        e->outcome = OUTCOME_RAISES;
        if (!ymap_check_keys(y, v, "raises", raises_keys))
            return false;
        yaml_node_t *t = ymap_get(y, v, "type");
        yaml_node_t *m = ymap_get(y, v, "message");
        yaml_node_t *mr = ymap_get(y, v, "message_re");
        if (!t) {
            ynode_error(y, v, "raises needs a type (for example TypeError)");
            return false;
        }
        const char *s = yscalar(y, t, "type");
        if (!s)
            return false;
        if (!valid_identifier_path(s)) {
            ynode_error(y, t, "'%s' is not an exception type name", s);
            return false;
        }
        e->exc_type = xstrdup(s);
        if (m && mr) {
            ynode_error(y, mr, "give message or message_re, not both");
            return false;
        }
        if (m) {
            if (!(s = yscalar(y, m, "message")))
                return false;
            e->exc_message = xstrdup(s);
        }
        if (mr) {
            if (!(s = yscalar(y, mr, "message_re")) || !check_regex(y, mr, s, true))
                return false;
            e->exc_message_re = xstrdup(s);
        }
        return true;
    }
    if (strcmp(key, "hangs") == 0) {
        e->outcome = OUTCOME_HANGS;
        if (!ymap_check_keys(y, v, "hangs", hangs_keys))
            return false;
        yaml_node_t *a = ymap_get(y, v, "after");
        if (!a) {
            ynode_error(y, v, "hangs needs after: the seconds the target must still be running");
            return false;
        }
        if (!ynumber(y, a, "after", &e->hang_after))
            return false;
        if (e->hang_after <= 0 || e->hang_after > 60) {
            ynode_error(y, a, "after must be more than 0 and at most 60 seconds");
            return false;
        }
        return true;
    }
    /* exits */
    e->outcome = OUTCOME_EXITS;
    if (!ymap_check_keys(y, v, "exits", exits_keys))
        return false;
    yaml_node_t *c = ymap_get(y, v, "code");
    if (!c) {
        ynode_error(y, v, "exits needs code: the exit status");
        return false;
    }
    if (!yint(y, c, "code", &e->exit_code))
        return false;
    if (e->exit_code == 0) {
        ynode_error(y, c, "exit status 0 is the outcome 'completes: true'");
        return false;
    }
    return true;
}

static bool parse_expectation(const ydoc *y, const yaml_node_t *n, expectation *e)
{
    memset(e, 0, sizeof *e);
    e->line = ynode_line(y, n);
    if (n->type != YAML_MAPPING_NODE) {
        ynode_error(y, n, "each expect entry must be a mapping, not %s", ynode_kind_name(n));
        return false;
    }
    if (!ymap_check_keys(y, n, "an expect entry", expect_keys))
        return false;
    bool ok = true;
    yaml_node_t *py = ymap_get(y, n, "python");
    e->python = xstrdup("*");
    if (py) {
        const char *s = yscalar(y, py, "python");
        int off = 0;
        const char *err = s ? range_parse(s, &e->range, &off) : "not a string";
        if (!s) {
            ok = false;
        } else if (err) {
            /* off counts in the value: a quoted one starts after its quote */
            int quote = py->data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
                        py->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE;
            diag_add(y->diag, y->file, ynode_line(y, py), ynode_col(y, py) + quote + off,
                     "python: %s", err);
            ok = false;
        } else {
            free(e->python);
            e->python = xstrdup(s);
        }
    }
    int outcomes = 0;
    const char *const outcome_keys[] = {"completes", "raises", "hangs", "exits"};
    for (size_t i = 0; i < 4; i++) {
        yaml_node_t *v = ymap_get(y, n, outcome_keys[i]);
        if (!v)
            continue;
        if (++outcomes > 1) {
            ynode_error(y, v, "an expect entry declares exactly one outcome "
                              "(completes, raises, hangs or exits)");
            ok = false;
            continue;
        }
        if (!parse_outcome(y, outcome_keys[i], v, e))
            ok = false;
    }
    if (outcomes == 0) {
        ynode_error(y, n, "an expect entry needs an outcome: completes, raises, hangs or exits");
        ok = false;
    }
    yaml_node_t *so = ymap_get(y, n, "stdout");
    if (so && !parse_matchers(y, so, "stdout", &e->out))
        ok = false;
    yaml_node_t *se = ymap_get(y, n, "stderr");
    if (se && !parse_matchers(y, se, "stderr", &e->err))
        ok = false;
    yaml_node_t *w = ymap_get(y, n, "warns");
    if (w && !parse_warns(y, w, e))
        ok = false;
    return ok;
}

/* An entry that no version reaches (earlier entries cover its range) is an
 * authoring mistake the first-match rule would hide. */
static bool check_reachable(const ydoc *y, const yaml_node_t *seq, const case_t *c)
{
    bool ok = true;
    for (size_t i = 0; i < c->nexpect; i++) {
        bool reached = false;
        for (int minor = 0; minor <= 40 && !reached; minor++) {
            pyversion v = {3, minor};
            if (!range_holds(&c->expect[i].range, v))
                continue;
            bool earlier = false;
            for (size_t j = 0; j < i; j++)
                if (range_holds(&c->expect[j].range, v))
                    earlier = true;
            if (!earlier)
                reached = true;
        }
        if (!reached) {
            yaml_node_t *item = ynode(y, seq->data.sequence.items.start[i]);
            ynode_error(y, item,
                        "this entry never applies: python \"%s\" is covered by earlier entries "
                        "(the first entry whose range holds is used)",
                        c->expect[i].python);
            ok = false;
        }
    }
    return ok;
}

static bool parse_top(const ydoc *y, const yaml_node_t *root, case_t *c)
{
    if (root->type != YAML_MAPPING_NODE) {
        ynode_error(y, root, "the header must be a mapping (title, clauses, source, expect, ...)");
        return false;
    }
    bool ok = ymap_check_keys(y, root, "the header", top_keys);
    const char *s;
    yaml_node_t *n;

    if (!(n = ymap_get(y, root, "title"))) {
        ynode_error(y, root, "missing title");
        ok = false;
    } else if ((s = yscalar(y, n, "title"))) {
        if (!*s) {
            ynode_error(y, n, "title is empty");
            ok = false;
        }
        c->title = xstrdup(s);
    } else {
        ok = false;
    }

    if (!(n = ymap_get(y, root, "clauses"))) {
        ynode_error(y, root, "missing clauses: the spec clause ids this case checks");
        ok = false;
    } else if (ystrings(y, n, "clauses", &c->clauses)) {
        if (c->clauses.n == 0) {
            ynode_error(y, n, "clauses is empty: name at least one clause id");
            ok = false;
        }
        c->clause_lines = xcalloc(c->clauses.n, sizeof *c->clause_lines);
        c->clause_cols = xcalloc(c->clauses.n, sizeof *c->clause_cols);
        for (size_t i = 0; i < c->clauses.n; i++) {
            yaml_node_t *item = ynode(y, n->data.sequence.items.start[i]);
            c->clause_lines[i] = ynode_line(y, item);
            c->clause_cols[i] = ynode_col(y, item);
        }
        for (size_t i = 0; i < c->clauses.n; i++)
            if (!clause_id_valid(c->clauses.items[i])) {
                ynode_error(y, ynode(y, n->data.sequence.items.start[i]),
                            "'%s' is not a clause id (area.topic.n, lowercase)",
                            c->clauses.items[i]);
                ok = false;
            }
    } else {
        ok = false;
    }

    if (!(n = ymap_get(y, root, "source"))) {
        ynode_error(y, root, "missing source: cite the document and section");
        ok = false;
    } else if ((s = yscalar(y, n, "source"))) {
        bool known = false;
        for (int i = 0; header_source_prefixes[i]; i++)
            if (str_starts_with(s, header_source_prefixes[i]) &&
                s[strlen(header_source_prefixes[i])] != '\0')
                known = true;
        if (!known) {
            ynode_error(y, n, "source must start with futures-not-compatible:, asyncio-guide: or "
                              "cpython-docs: followed by the section");
            ok = false;
        }
        c->source = xstrdup(s);
    } else {
        ok = false;
    }

    if ((n = ymap_get(y, root, "flags"))) {
        if (ystrings(y, n, "flags", &c->flags)) {
            for (size_t i = 0; i < c->flags.n; i++) {
                bool known = false;
                for (int k = 0; header_flags[k]; k++)
                    if (strcmp(c->flags.items[i], header_flags[k]) == 0)
                        known = true;
                if (!known) {
                    ynode_error(y, ynode(y, n->data.sequence.items.start[i]),
                                "unknown flag '%s' (expected threads, processes or slow)",
                                c->flags.items[i]);
                    ok = false;
                }
            }
        } else {
            ok = false;
        }
    }

    c->timeout = CASE_DEFAULT_TIMEOUT;
    if ((n = ymap_get(y, root, "timeout"))) {
        if (!ynumber(y, n, "timeout", &c->timeout))
            ok = false;
        else if (c->timeout <= 0 || c->timeout > 600) {
            ynode_error(y, n, "timeout must be more than 0 and at most 600 seconds");
            ok = false;
        }
    }

    if (!(n = ymap_get(y, root, "expect"))) {
        ynode_error(y, root, "missing expect: the outcome the spec requires");
        ok = false;
    } else if (n->type != YAML_SEQUENCE_NODE) {
        ynode_error(y, n, "expect must be a list of entries (- python: ..., completes: true)");
        ok = false;
    } else {
        size_t count = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
        if (count == 0) {
            ynode_error(y, n, "expect is empty");
            ok = false;
        }
        c->expect = xcalloc(count, sizeof *c->expect);
        bool all = true;
        for (size_t i = 0; i < count; i++) {
            if (!parse_expectation(y, ynode(y, n->data.sequence.items.start[i]), &c->expect[i]))
                all = false;
            c->nexpect++;
        }
        if (all && !check_reachable(y, n, c))
            all = false;
        if (!all)
            ok = false;
    }
    return ok;
}

bool header_parse(const char *path, const char *id, const char *text, size_t len, case_t *out,
                  diagnostics *d)
{
    memset(out, 0, sizeof *out);
    out->path = xstrdup(path);
    out->id = xstrdup(id);
    if (memchr(text, '\0', len)) {
        diag_add(d, path, 1, 1, "the file contains NUL bytes; a case is Python source text");
        case_free(out);
        return false;
    }
    strbuf yaml;
    sb_init(&yaml);
    int end_line = 0;
    if (!extract_header(path, text, len, &yaml, &end_line, d)) {
        sb_free(&yaml);
        case_free(out);
        return false;
    }
    out->header_end_line = end_line;
    ydoc y = {.file = path, .line_offset = 1, .col_offset = 2, .diag = d};
    bool ok = ydoc_load(&y, yaml.data ? yaml.data : "", yaml.len);
    sb_free(&yaml);
    if (!ok) {
        if (d->messages.n == 0)
            diag_add(d, path, 2, 1, "the header is empty");
        case_free(out);
        return false;
    }
    ok = parse_top(&y, yaml_document_get_root_node(&y.doc), out);
    ydoc_free(&y);
    if (!ok)
        case_free(out);
    return ok;
}

bool header_parse_file(const char *path, const char *id, case_t *out, diagnostics *d)
{
    size_t len;
    char *text = read_file(path, &len);
    if (!text) {
        diag_add(d, path, 1, 1, "cannot read: %s", strerror(errno));
        memset(out, 0, sizeof *out);
        return false;
    }
    bool ok = header_parse(path, id, text, len, out, d);
    free(text);
    return ok;
}
