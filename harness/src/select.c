/* Turns --target arguments and paths into targets and case files. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void free_targets(target **t, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        target_free(t[i]);
        free(t[i]);
    }
    free(t);
}

static bool add_target_file(const char *file, bool must_be_installed, const char *root,
                            target ***out, size_t *n)
{
    diagnostics d = {0};
    target *t = xcalloc(1, sizeof *t);
    if (!target_load(file, t, &d)) {
        diag_print(&d, stderr);
        diag_free(&d);
        target_free(t);
        free(t);
        return false;
    }
    diag_free(&d);
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*out)[i]->name, t->name) == 0) { /* named twice */
            target_free(t);
            free(t);
            return true;
        }
    target_resolve(t, root);
    if (!t->installed) {
        if (must_be_installed) {
            fprintf(stderr, "fspec: target %s is not installed: %s\n", t->name,
                    t->not_installed);
            target_free(t);
            free(t);
            return false;
        }
        target_free(t);
        free(t);
        return true;
    }
    *out = xrealloc(*out, (*n + 1) * sizeof **out);
    (*out)[(*n)++] = t;
    return true;
}

static bool add_target_arg(const char *arg, const char *root, target ***out, size_t *n)
{
    char *targets_dir = xasprintf("%s/harness/targets", root);
    bool ok = true;
    if (strcmp(arg, "all-installed") == 0 || strcmp(arg, "all") == 0) {
        strlist files = {0};
        builtin_target_files(targets_dir, &files);
        for (size_t i = 0; i < files.n; i++)
            if (!add_target_file(files.items[i], strcmp(arg, "all") == 0, root, out, n))
                ok = false;
        sl_free(&files);
    } else if (strchr(arg, '/') || str_ends_with(arg, ".yaml")) {
        ok = add_target_file(arg, true, root, out, n);
    } else {
        char *file = xasprintf("%s/%s.yaml", targets_dir, arg);
        FILE *f = fopen(file, "r");
        if (!f) {
            fprintf(stderr, "fspec: no target named '%s' (fspec targets lists them)\n", arg);
            ok = false;
        } else {
            fclose(f);
            ok = add_target_file(file, true, root, out, n);
        }
        free(file);
    }
    free(targets_dir);
    return ok;
}

bool select_targets(const options *o, target ***out, size_t *n)
{
    *out = NULL;
    *n = 0;
    bool ok = true;
    if (o->target_args.n == 0)
        ok = add_target_arg("all-installed", o->root, out, n);
    for (size_t i = 0; i < o->target_args.n && ok; i++) {
        char *copy = xstrdup(o->target_args.items[i]);
        for (char *save = NULL, *part = strtok_r(copy, ",", &save); part && ok;
             part = strtok_r(NULL, ",", &save))
            if (*part)
                ok = add_target_arg(part, o->root, out, n);
        free(copy);
    }
    if (ok && *n == 0) {
        fprintf(stderr, "fspec: no installed target to run (fspec targets shows why)\n");
        ok = false;
    }
    if (!ok) {
        free_targets(*out, *n);
        *out = NULL;
        *n = 0;
    }
    return ok;
}

bool collect_case_files(const options *o, strlist *files)
{
    diagnostics d = {0};
    bool ok;
    if (o->paths.n) {
        ok = discover_files(o->paths.items, o->paths.n, files, &d);
    } else {
        char *dir = xasprintf("%s/cases", o->root);
        ok = discover_files(&dir, 1, files, &d);
        free(dir);
    }
    diag_print(&d, stderr);
    diag_free(&d);
    return ok;
}
