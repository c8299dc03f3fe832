#include "spec_index.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "header.h"

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void read_fenced_table(strlist *lines, size_t *i, strlist *out)
{
    for ((*i)++; *i < lines->n; (*i)++) {
        const char *l = lines->items[*i];
        if (str_starts_with(l, "```"))
            return;
        while (*l == ' ')
            l++;
        size_t n = strcspn(l, " \t#");
        if (n)
            sl_push_owned(out, xstrndup(l, n));
    }
}

static bool index_file(const char *path, spec_index *si, diagnostics *d, bool *tables_seen)
{
    size_t len;
    char *text = read_file(path, &len);
    if (!text) {
        diag_add(d, path, 1, 1, "cannot read: %s", strerror(errno));
        return false;
    }
    strlist lines = {0};
    for (char *p = text, *nl; *p; p = nl + 1) {
        nl = strchr(p, '\n');
        if (!nl) {
            sl_push(&lines, p);
            break;
        }
        sl_push_owned(&lines, xstrndup(p, (size_t)(nl - p)));
    }
    free(text);
    bool ok = true;
    bool in_code = false;
    for (size_t i = 0; i < lines.n; i++) {
        const char *l = lines.items[i];
        if (str_starts_with(l, "```")) {
            const char *info = l + 3;
            if (strcmp(info, "allowed-modules") == 0) {
                read_fenced_table(&lines, &i, &si->allowed_modules);
                *tables_seen = true;
                continue;
            }
            if (strcmp(info, "forbidden-names") == 0) {
                read_fenced_table(&lines, &i, &si->forbidden_names);
                continue;
            }
            in_code = !in_code;
            continue;
        }
        if (in_code || !str_starts_with(l, "### "))
            continue;
        const char *s = l + 4;
        size_t n = strcspn(s, " \t");
        char *id = xstrndup(s, n);
        if (!clause_id_valid(id)) {
            free(id);
            continue; /* an ordinary heading */
        }
        const clause *prev = spec_find(si, id);
        if (prev) {
            diag_add(d, path, (int)i + 1, 5, "clause %s is defined twice (first at %s:%d)", id,
                     prev->file, prev->line);
            ok = false;
            free(id);
            continue;
        }
        si->clauses = xrealloc(si->clauses, (si->n + 1) * sizeof *si->clauses);
        si->clauses[si->n].id = id;
        si->clauses[si->n].file = xstrdup(path);
        si->clauses[si->n].line = (int)i + 1;
        si->n++;
    }
    sl_free(&lines);
    return ok;
}

bool spec_index_load(const char *dir, spec_index *si, diagnostics *d)
{
    memset(si, 0, sizeof *si);
    DIR *dp = opendir(dir);
    if (!dp) {
        diag_add(d, dir, 1, 1, "cannot open the spec directory: %s", strerror(errno));
        return false;
    }
    strlist files = {0};
    struct dirent *e;
    while ((e = readdir(dp)) != NULL)
        if (e->d_name[0] != '.' && str_ends_with(e->d_name, ".md"))
            sl_push_owned(&files, xasprintf("%s/%s", dir, e->d_name));
    closedir(dp);
    qsort(files.items, files.n, sizeof *files.items, cmp_str);
    bool ok = true;
    bool tables = false;
    for (size_t i = 0; i < files.n; i++)
        if (!index_file(files.items[i], si, d, &tables))
            ok = false;
    sl_free(&files);
    si->has_tables = tables && si->forbidden_names.n > 0;
    return ok;
}

const clause *spec_find(const spec_index *si, const char *id)
{
    for (size_t i = 0; i < si->n; i++)
        if (strcmp(si->clauses[i].id, id) == 0)
            return &si->clauses[i];
    return NULL;
}

void spec_index_free(spec_index *si)
{
    for (size_t i = 0; i < si->n; i++) {
        free(si->clauses[i].id);
        free(si->clauses[i].file);
    }
    free(si->clauses);
    sl_free(&si->allowed_modules);
    sl_free(&si->forbidden_names);
    memset(si, 0, sizeof *si);
}
