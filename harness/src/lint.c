#include "lint.h"

#include <stdlib.h>
#include <string.h>

#include "pylex.h"

static char *tok_text(const token *t)
{
    return xstrndup(t->start, t->len);
}

/* Reads a dotted name starting at toks[*i]; advances past it. */
static char *dotted_name(const token_list *tl, size_t *i)
{
    strbuf sb;
    sb_init(&sb);
    while (*i < tl->n && tl->toks[*i].kind == TOK_NAME) {
        sb_append(&sb, tl->toks[*i].start, tl->toks[*i].len);
        (*i)++;
        if (*i < tl->n && tok_is(&tl->toks[*i], ".")) {
            sb_putc(&sb, '.');
            (*i)++;
        } else {
            break;
        }
    }
    return sb_take(&sb);
}

static bool module_allowed(const spec_index *si, const char *mod)
{
    return sl_contains(&si->allowed_modules, mod);
}

static void check_module(const char *path, const token *at, const char *mod, const spec_index *si,
                         diagnostics *d, bool *ok)
{
    if (!*mod)
        return;
    if (!module_allowed(si, mod)) {
        diag_add(d, path, at->line, at->col,
                 "module '%s' is outside the case language (allowed: see spec/case-language.md, "
                 "Lint tables)", mod);
        *ok = false;
    }
}

bool lint_case_source(const char *path, const char *text, size_t len, const spec_index *si,
                      diagnostics *d)
{
    token_list tl;
    pylex(text, len, 1, &tl);
    bool ok = true;
    if (tl.error) {
        diag_add(d, path, tl.error_line, tl.error_col, "%s", tl.error);
        token_list_free(&tl);
        return false;
    }
    for (size_t i = 0; i < tl.n; i++) {
        const token *t = &tl.toks[i];
        if (t->line_start && t->tab_indent) {
            diag_add(d, path, t->line, 1, "indentation uses a tab; the case language indents "
                                          "with spaces only");
            ok = false;
        }
        if (t->kind == TOK_OP && tok_is(t, ":=")) {
            diag_add(d, path, t->line, t->col, "the walrus operator ':=' is outside the case "
                                               "language");
            ok = false;
        }
        if (t->kind != TOK_NAME)
            continue;
        bool after_dot = i > 0 && tok_is(&tl.toks[i - 1], ".");
        if (!after_dot) {
            char *name = tok_text(t);
            if (sl_contains(&si->forbidden_names, name)) {
                diag_add(d, path, t->line, t->col, "'%s' is outside the case language", name);
                ok = false;
            }
            free(name);
        }
        if (!t->line_start)
            continue;
        if (tok_is(t, "import")) {
            size_t k = i + 1;
            for (;;) {
                const token *at = &tl.toks[k];
                char *mod = dotted_name(&tl, &k);
                check_module(path, at, mod, si, d, &ok);
                free(mod);
                if (k < tl.n && tok_is(&tl.toks[k], "as"))
                    k += 2;
                if (k < tl.n && tok_is(&tl.toks[k], ",")) {
                    k++;
                    continue;
                }
                break;
            }
        } else if (tok_is(t, "from")) {
            size_t k = i + 1;
            const token *at = &tl.toks[k];
            char *mod = dotted_name(&tl, &k);
            check_module(path, at, mod, si, d, &ok);
            if (k < tl.n && tok_is(&tl.toks[k], "import")) {
                size_t s = k + 1;
                if (s < tl.n && tok_is(&tl.toks[s], "(")) /* from x import (a, b) */
                    s++;
                if (s < tl.n && tok_is(&tl.toks[s], "*")) {
                    diag_add(d, path, tl.toks[s].line, tl.toks[s].col,
                             "star-imports are outside the case language");
                    ok = false;
                }
            }
            free(mod);
        } else if (tok_is(t, "match") && i + 1 < tl.n && tl.toks[i + 1].kind != TOK_OP) {
            /* "match x:" is a match statement; "match = 1" or match(...) is not */
            size_t k = i + 1;
            while (k < tl.n && tl.toks[k].kind != TOK_NEWLINE && tl.toks[k].kind != TOK_END)
                k++;
            if (k > 0 && tok_is(&tl.toks[k - 1], ":")) {
                diag_add(d, path, t->line, t->col, "match statements are outside the case "
                                                   "language");
                ok = false;
            }
        } else if (tok_is(t, "except") && i + 1 < tl.n && tok_is(&tl.toks[i + 1], "*")) {
            diag_add(d, path, t->line, t->col, "except* is outside the case language");
            ok = false;
        } else if (tok_is(t, "global") && t->indent == 0) {
            diag_add(d, path, t->line, t->col,
                     "'global' at module level is outside the case language");
            ok = false;
        } else if (tok_is(t, "class")) {
            if (t->indent > 0) {
                diag_add(d, path, t->line, t->col,
                         "class statements belong at module level in the case language");
                ok = false;
            }
            size_t k = i + 2;
            if (k < tl.n && tok_is(&tl.toks[k], "(")) {
                int depth = 0, bases = 0;
                bool any = false;
                for (; k < tl.n; k++) {
                    const token *b = &tl.toks[k];
                    if (tok_is(b, "(") || tok_is(b, "[") || tok_is(b, "{"))
                        depth++;
                    else if (tok_is(b, ")") || tok_is(b, "]") || tok_is(b, "}")) {
                        if (--depth == 0)
                            break;
                    } else if (depth == 1 && tok_is(b, ","))
                        bases++;
                    else if (depth == 1 && tok_is(b, "metaclass")) {
                        diag_add(d, path, b->line, b->col,
                                 "metaclass= is outside the case language");
                        ok = false;
                    } else if (depth == 1)
                        any = true;
                }
                if (any && bases >= 1 && !tok_is(&tl.toks[k - 1], ",")) {
                    diag_add(d, path, t->line, t->col,
                             "a class with more than one base is outside the case language");
                    ok = false;
                }
            }
        }
    }
    token_list_free(&tl);
    return ok;
}
