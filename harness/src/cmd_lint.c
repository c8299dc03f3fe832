/* fspec lint: headers, clause ids, the case language, target files. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "header.h"
#include "lint.h"
#include "spec_index.h"

static bool lint_targets(const options *o, diagnostics *d)
{
    char *dir = xasprintf("%s/harness/targets", o->root);
    strlist files = {0};
    builtin_target_files(dir, &files);
    bool ok = true;
    strlist names = {0};
    for (size_t i = 0; i < files.n; i++) {
        target t;
        if (!target_load(files.items[i], &t, d)) {
            ok = false;
            target_free(&t);
            continue;
        }
        if (sl_contains(&names, t.name)) {
            diag_add(d, files.items[i], 1, 1, "another target file is also named %s", t.name);
            ok = false;
        }
        sl_push(&names, t.name);
        const char *base = strrchr(files.items[i], '/');
        char *expect = xasprintf("/%s.yaml", t.name);
        if (base && strcmp(base, expect) != 0) {
            diag_add(d, files.items[i], 1, 1, "a built-in target's file is named after it: %s",
                     expect + 1);
            ok = false;
        }
        free(expect);
        for (size_t k = 0; k < t.scope.n; k++) {
            char *path = xasprintf("%s/cases/%s", o->root, t.scope.items[k]);
            struct stat st;
            if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
                diag_add(d, files.items[i], 1, 1, "scope: no case area '%s' (cases/%s)",
                         t.scope.items[k], t.scope.items[k]);
                ok = false;
            }
            free(path);
        }
        for (size_t k = 0; k < t.nknown; k++) {
            char *path = xasprintf("%s/cases/%s.py", o->root, t.known[k].case_id);
            struct stat st;
            if (stat(path, &st) != 0) {
                diag_add(d, files.items[i], t.known[k].line, 3,
                         "known: no case '%s' (cases/%s.py does not exist)", t.known[k].case_id,
                         t.known[k].case_id);
                ok = false;
            }
            for (size_t m = 0; m < k; m++)
                if (strcmp(t.known[m].case_id, t.known[k].case_id) == 0) {
                    diag_add(d, files.items[i], t.known[k].line, 3,
                             "known: '%s' is listed twice", t.known[k].case_id);
                    ok = false;
                }
            free(path);
        }
        target_free(&t);
    }
    sl_free(&names);
    sl_free(&files);
    free(dir);
    return ok;
}

int cmd_lint(const options *o)
{
    diagnostics d = {0};
    char *specdir = xasprintf("%s/spec", o->root);
    spec_index si;
    bool ok = spec_index_load(specdir, &si, &d);
    if (!si.has_tables) {
        diag_add(&d, specdir, 1, 1,
                 "case-language.md has no lint tables (```allowed-modules and "
                 "```forbidden-names blocks)");
        ok = false;
    }
    strlist files = {0};
    if (!collect_case_files(o, &files))
        ok = false;
    if (o->paths.n == 0) {
        /* the doctor's smoke cases are cases too */
        diagnostics dd = {0};
        char *doctor = xasprintf("%s/harness/doctor", o->root);
        if (!discover_files(&doctor, 1, &files, &dd))
            ok = false;
        diag_print(&dd, stderr);
        diag_free(&dd);
        free(doctor);
    }
    strlist cited = {0};
    strlist ids = {0};
    for (size_t f = 0; f < files.n; f++) {
        const char *path = files.items[f];
        char *id = case_id_for(path);
        if (sl_contains(&ids, id)) {
            diag_add(&d, path, 1, 1, "another file has the same case id '%s'", id);
            ok = false;
        }
        sl_push(&ids, id);
        case_t c;
        if (header_parse_file(path, id, &c, &d)) {
            for (size_t k = 0; k < c.clauses.n; k++) {
                if (!spec_find(&si, c.clauses.items[k])) {
                    diag_add(&d, path, c.clause_lines[k], c.clause_cols[k],
                             "clause %s is not defined in spec/*.md",
                             c.clauses.items[k]);
                    ok = false;
                }
                if (!sl_contains(&cited, c.clauses.items[k]))
                    sl_push(&cited, c.clauses.items[k]);
            }
            case_free(&c);
        } else {
            ok = false;
        }
        size_t len;
        char *text = read_file(path, &len);
        if (text && si.has_tables && !lint_case_source(path, text, len, &si, &d))
            ok = false;
        free(text);
        free(id);
    }
    if (o->paths.n == 0)
        for (size_t i = 0; i < si.n; i++)
            if (!sl_contains(&cited, si.clauses[i].id)) {
                diag_add(&d, si.clauses[i].file, si.clauses[i].line, 5,
                         "clause %s has no case (every clause needs one)", si.clauses[i].id);
                ok = false;
            }
    if (!lint_targets(o, &d))
        ok = false;
    diag_print(&d, stdout);
    fprintf(stderr, "fspec lint: %zu case files, %zu clauses, %zu problems\n", files.n, si.n,
            d.messages.n);
    diag_free(&d);
    sl_free(&files);
    sl_free(&cited);
    sl_free(&ids);
    spec_index_free(&si);
    free(specdir);
    return ok ? 0 : 1;
}
