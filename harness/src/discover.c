#include "discover.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void walk(const char *dir, strlist *out)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' || strcmp(e->d_name, "__pycache__") == 0)
            continue;
        char *full = xasprintf("%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(full, &st) != 0)
            ;
        else if (S_ISDIR(st.st_mode))
            walk(full, out);
        else if (S_ISREG(st.st_mode) && str_ends_with(e->d_name, ".py"))
            sl_push(out, full);
        free(full);
    }
    closedir(d);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *strip_trailing_slashes(const char *p)
{
    size_t n = strlen(p);
    while (n > 1 && p[n - 1] == '/')
        n--;
    return xstrndup(p, n);
}

bool discover_files(char *const *paths, size_t npaths, strlist *out, diagnostics *d)
{
    bool ok = true;
    strlist found = {0};
    for (size_t i = 0; i < npaths; i++) {
        char *p = strip_trailing_slashes(paths[i]);
        struct stat st;
        if (stat(p, &st) != 0) {
            sl_push_owned(&d->messages, xasprintf("fspec: %s: %s", p, strerror(errno)));
            ok = false;
        } else if (S_ISDIR(st.st_mode)) {
            walk(p, &found);
        } else {
            sl_push(&found, p);
        }
        free(p);
    }
    qsort(found.items, found.n, sizeof *found.items, cmp_str);
    for (size_t i = 0; i < found.n; i++)
        if (!sl_contains(out, found.items[i]))
            sl_push(out, found.items[i]);
    sl_free(&found);
    return ok;
}

char *case_id_for(const char *path)
{
    char *abs = realpath(path, NULL);
    const char *p = abs ? abs : path;
    /* outside a cases/ tree: the file's directory name and its own name */
    const char *start = p;
    const char *last = strrchr(p, '/');
    if (last) {
        const char *s = last;
        while (s > p && s[-1] != '/')
            s--;
        start = s;
    }
    for (const char *s = strstr(p, "cases/"); s; s = strstr(s + 1, "cases/"))
        if (s == p || s[-1] == '/')
            start = s + strlen("cases/");
    size_t n = strlen(start);
    const char *dot = strrchr(start, '.');
    if (dot && dot > start && !strchr(dot, '/'))
        n = (size_t)(dot - start);
    char *id = xstrndup(start, n);
    free(abs);
    return id;
}

bool filter_accepts(const case_filter *f, const case_t *c)
{
    if (f->clauses.n) {
        bool any = false;
        for (size_t i = 0; i < f->clauses.n && !any; i++)
            for (size_t k = 0; k < c->clauses.n && !any; k++) {
                const char *want = f->clauses.items[i], *have = c->clauses.items[k];
                size_t n = strlen(want);
                if (strcmp(want, have) == 0 || (strncmp(want, have, n) == 0 && have[n] == '.'))
                    any = true;
            }
        if (!any)
            return false;
    }
    for (size_t i = 0; i < f->flags.n; i++)
        if (!sl_contains(&c->flags, f->flags.items[i]))
            return false;
    if (f->globs.n) {
        bool any = false;
        for (size_t i = 0; i < f->globs.n && !any; i++)
            if (fnmatch(f->globs.items[i], c->id, 0) == 0)
                any = true;
        if (!any)
            return false;
    }
    return true;
}
