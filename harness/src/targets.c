#define _GNU_SOURCE /* strverscmp */
#include "targets.h"

#include <dirent.h>
#include <errno.h>
#include <glob.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "probe.h"
#include "yamlutil.h"

extern char **environ;

static const char *const target_keys[] = {"name", "description", "executable", "argv",
                                          "python", "check", "env", "known", "scope",
                                          "deadlock_exit", NULL};
static const char *const known_keys[] = {"case", "reason", NULL};

static char *dir_of(const char *path)
{
    const char *s = strrchr(path, '/');
    if (!s)
        return xstrdup(".");
    return xstrndup(path, (size_t)(s - path));
}

bool target_load(const char *file, target *t, diagnostics *d)
{
    memset(t, 0, sizeof *t);
    t->file = xstrdup(file);
    char *abs = realpath(file, NULL);
    t->dir = dir_of(abs ? abs : file);
    free(abs);
    size_t len;
    char *text = read_file(file, &len);
    if (!text) {
        diag_add(d, file, 1, 1, "cannot read target file: %s", strerror(errno));
        return false;
    }
    ydoc y = {.file = file, .line_offset = 0, .col_offset = 0, .diag = d};
    bool ok = ydoc_load(&y, text, len);
    free(text);
    if (!ok)
        return false;
    yaml_node_t *root = yaml_document_get_root_node(&y.doc);
    if (root->type != YAML_MAPPING_NODE) {
        ynode_error(&y, root, "a target file is a mapping (name, executable, argv, python, ...)");
        ydoc_free(&y);
        return false;
    }
    ok = ymap_check_keys(&y, root, "a target", target_keys);
    yaml_node_t *n;
    const char *s;
    if (!(n = ymap_get(&y, root, "name"))) {
        ynode_error(&y, root, "missing name");
        ok = false;
    } else if ((s = yscalar(&y, n, "name"))) {
        t->name = xstrdup(s);
    } else {
        ok = false;
    }
    if ((n = ymap_get(&y, root, "description")) && (s = yscalar(&y, n, "description")))
        t->description = xstrdup(s);
    if (!(n = ymap_get(&y, root, "executable"))) {
        ynode_error(&y, root, "missing executable: a list of candidates (paths, globs, names)");
        ok = false;
    } else if (n->type == YAML_SCALAR_NODE) {
        sl_push(&t->executable_candidates, (const char *)n->data.scalar.value);
    } else if (!ystrings(&y, n, "executable", &t->executable_candidates)) {
        ok = false;
    }
    if (!(n = ymap_get(&y, root, "argv"))) {
        ynode_error(&y, root, "missing argv: the command line, with {executable} and {case}");
        ok = false;
    } else if (ystrings(&y, n, "argv", &t->argv)) {
        bool has_case = false;
        for (size_t i = 0; i < t->argv.n; i++)
            if (strstr(t->argv.items[i], "{case}"))
                has_case = true;
        if (!has_case || t->argv.n == 0) {
            ynode_error(&y, n, "argv must contain {case}, where the case file goes");
            ok = false;
        }
    } else {
        ok = false;
    }
    if (!(n = ymap_get(&y, root, "python"))) {
        ynode_error(&y, root, "missing python: the version it implements (\"3.12\") or probe");
        ok = false;
    } else if ((s = yscalar(&y, n, "python"))) {
        pyversion v;
        if (strcmp(s, "probe") != 0 && !version_parse(s, &v)) {
            ynode_error(&y, n, "python must be a version such as \"3.12\" or the word probe");
            ok = false;
        }
        t->python_decl = xstrdup(s);
    } else {
        ok = false;
    }
    if ((n = ymap_get(&y, root, "check")) && !ystrings(&y, n, "check", &t->check))
        ok = false;
    if ((n = ymap_get(&y, root, "scope"))) {
        if (!ystrings(&y, n, "scope", &t->scope))
            ok = false;
        else if (t->scope.n == 0) {
            ynode_error(&y, n, "scope lists the case areas the target implements; leave it out "
                               "for every case");
            ok = false;
        }
    }
    if ((n = ymap_get(&y, root, "deadlock_exit"))) {
        if (!yint(&y, n, "deadlock_exit", &t->deadlock_exit))
            ok = false;
        else if (t->deadlock_exit < 1 || t->deadlock_exit > 255) {
            ynode_error(&y, n, "deadlock_exit is the exit status (1 to 255) with which the target "
                               "reports that the program can never go on");
            ok = false;
        }
    }
    if ((n = ymap_get(&y, root, "env"))) {
        if (n->type != YAML_MAPPING_NODE) {
            ynode_error(&y, n, "env must be a mapping of variable names to values");
            ok = false;
        } else {
            for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
                 p++) {
                const char *k = yscalar(&y, ynode(&y, p->key), "an env name");
                const char *v = yscalar(&y, ynode(&y, p->value), "an env value");
                if (k && v)
                    sl_push_owned(&t->env, xasprintf("%s=%s", k, v));
                else
                    ok = false;
            }
        }
    }
    if ((n = ymap_get(&y, root, "known"))) {
        if (n->type != YAML_SEQUENCE_NODE) {
            ynode_error(&y, n, "known must be a list of {case, reason}");
            ok = false;
        } else {
            for (yaml_node_item_t *it = n->data.sequence.items.start;
                 it < n->data.sequence.items.top; it++) {
                yaml_node_t *e = ynode(&y, *it);
                if (e->type != YAML_MAPPING_NODE) {
                    ynode_error(&y, e, "a known entry is a mapping {case, reason}");
                    ok = false;
                    continue;
                }
                if (!ymap_check_keys(&y, e, "a known entry", known_keys)) {
                    ok = false;
                    continue;
                }
                yaml_node_t *c = ymap_get(&y, e, "case"), *r = ymap_get(&y, e, "reason");
                const char *cs = c ? yscalar(&y, c, "case") : NULL;
                const char *rs = r ? yscalar(&y, r, "reason") : NULL;
                if (!c)
                    ynode_error(&y, e, "a known entry needs case: the case id");
                if (!r)
                    ynode_error(&y, e, "a known entry needs reason: why the target differs");
                else if (rs && strlen(rs) < 10)
                    ynode_error(&y, r, "the reason must say why the target differs");
                if (!cs || !rs || strlen(rs) < 10) {
                    ok = false;
                    continue;
                }
                t->known = xrealloc(t->known, (t->nknown + 1) * sizeof *t->known);
                t->known[t->nknown].case_id = xstrdup(cs);
                t->known[t->nknown].reason = xstrdup(rs);
                t->known[t->nknown].line = ynode_line(&y, e);
                t->nknown++;
            }
        }
    }
    ydoc_free(&y);
    return ok;
}

void target_free(target *t)
{
    free(t->name);
    free(t->file);
    free(t->dir);
    free(t->description);
    sl_free(&t->executable_candidates);
    sl_free(&t->argv);
    sl_free(&t->check);
    sl_free(&t->scope);
    sl_free(&t->env);
    free(t->python_decl);
    for (size_t i = 0; i < t->nknown; i++) {
        free(t->known[i].case_id);
        free(t->known[i].reason);
    }
    free(t->known);
    free(t->executable);
    free(t->not_installed);
    memset(t, 0, sizeof *t);
}

static bool is_executable_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

/* Expands ~ and $VAR / ${VAR}; NULL when a variable is unset. */
static char *expand_vars(const char *s)
{
    strbuf sb;
    sb_init(&sb);
    if (s[0] == '~' && (s[1] == '/' || s[1] == '\0')) {
        const char *home = getenv("HOME");
        if (!home) {
            sb_free(&sb);
            return NULL;
        }
        sb_puts(&sb, home);
        s++;
    }
    while (*s) {
        if (*s == '$') {
            const char *start = s + 1;
            bool brace = *start == '{';
            if (brace)
                start++;
            const char *e = start;
            while ((*e >= 'A' && *e <= 'Z') || (*e >= 'a' && *e <= 'z') ||
                   (*e >= '0' && *e <= '9') || *e == '_')
                e++;
            char *name = xstrndup(start, (size_t)(e - start));
            const char *val = getenv(name);
            free(name);
            if (!val || !*val) {
                sb_free(&sb);
                return NULL;
            }
            sb_puts(&sb, val);
            s = brace && *e == '}' ? e + 1 : e;
            continue;
        }
        sb_putc(&sb, *s++);
    }
    return sb_take(&sb);
}

static int version_sort(const void *a, const void *b)
{
    return strverscmp(*(char *const *)b, *(char *const *)a); /* highest first */
}

static char *find_candidate(const char *cand)
{
    char *path = expand_vars(cand);
    if (!path)
        return NULL;
    char *found = NULL;
    if (strchr(path, '/')) {
        glob_t g;
        if (glob(path, 0, NULL, &g) == 0) {
            qsort(g.gl_pathv, g.gl_pathc, sizeof *g.gl_pathv, version_sort);
            for (size_t i = 0; i < g.gl_pathc && !found; i++)
                if (is_executable_file(g.gl_pathv[i]))
                    found = xstrdup(g.gl_pathv[i]);
            globfree(&g);
        }
    } else {
        /* a bare name: search PATH, skipping pyenv's shims, which only
         * answer for the versions pyenv has activated */
        const char *pathenv = getenv("PATH");
        char *copy = xstrdup(pathenv ? pathenv : "/usr/bin:/bin");
        for (char *save = NULL, *dir = strtok_r(copy, ":", &save); dir && !found;
             dir = strtok_r(NULL, ":", &save)) {
            if (str_ends_with(dir, "/shims"))
                continue;
            char *full = xasprintf("%s/%s", dir, path);
            if (is_executable_file(full))
                found = full;
            else
                free(full);
        }
        free(copy);
    }
    free(path);
    return found;
}

static char *substitute(const char *tmpl, const target *t, const char *case_path,
                        const char *root)
{
    strbuf sb;
    sb_init(&sb);
    for (const char *p = tmpl; *p;) {
        if (str_starts_with(p, "{executable}")) {
            sb_puts(&sb, t->executable ? t->executable : "");
            p += strlen("{executable}");
        } else if (str_starts_with(p, "{case}")) {
            sb_puts(&sb, case_path ? case_path : "");
            p += strlen("{case}");
        } else if (str_starts_with(p, "{targetdir}")) {
            sb_puts(&sb, t->dir);
            p += strlen("{targetdir}");
        } else if (str_starts_with(p, "{root}")) {
            sb_puts(&sb, root);
            p += strlen("{root}");
        } else {
            sb_putc(&sb, *p++);
        }
    }
    return sb_take(&sb);
}

char **target_argv(const target *t, const char *case_path, const char *root)
{
    char **v = xcalloc(t->argv.n + 1, sizeof *v);
    for (size_t i = 0; i < t->argv.n; i++)
        v[i] = substitute(t->argv.items[i], t, case_path, root);
    return v;
}

char **target_env(const target *t, const char *root)
{
    strlist out = {0};
    for (char **e = environ; *e; e++)
        if (!str_starts_with(*e, "PYTHON"))
            sl_push(&out, *e);
    for (size_t i = 0; i < t->env.n; i++) {
        char *kv = substitute(t->env.items[i], t, NULL, root);
        size_t klen = (size_t)(strchr(kv, '=') - kv);
        for (size_t k = 0; k < out.n; k++)
            if (strncmp(out.items[k], kv, klen + 1) == 0) {
                free(out.items[k]);
                out.items[k] = out.items[--out.n];
                k--;
            }
        sl_push_owned(&out, kv);
    }
    char **v = xcalloc(out.n + 1, sizeof *v);
    memcpy(v, out.items, out.n * sizeof *v);
    free(out.items);
    return v;
}

void strv_free(char **v)
{
    if (!v)
        return;
    for (char **p = v; *p; p++)
        free(*p);
    free(v);
}

void target_resolve(target *t, const char *root)
{
    free(t->executable);
    free(t->not_installed);
    t->executable = NULL;
    t->not_installed = NULL;
    t->installed = false;
    for (size_t i = 0; i < t->executable_candidates.n && !t->executable; i++) {
        char *cand = substitute(t->executable_candidates.items[i], t, NULL, root);
        t->executable = find_candidate(cand);
        free(cand);
    }
    if (!t->executable) {
        t->not_installed = xstrdup("no executable found among its candidates");
        return;
    }
    char **env = target_env(t, root);
    if (strcmp(t->python_decl, "probe") == 0) {
        char *argv[] = {t->executable, "-c",
                        "import sys; print('%d.%d' % tuple(sys.version_info[:2]))", NULL};
        char *out = NULL, *why = NULL;
        if (!capture_command(argv, env, 20.0, &out, &why)) {
            t->not_installed = xasprintf("version probe failed: %s", why);
        } else {
            out[strcspn(out, "\r\n")] = '\0';
            if (!version_parse(out, &t->version))
                t->not_installed = xasprintf("version probe printed '%s'", out);
        }
        free(out);
        free(why);
    } else {
        version_parse(t->python_decl, &t->version);
    }
    if (!t->not_installed && t->check.n) {
        strlist saved = t->argv;
        t->argv = t->check;
        char **argv = target_argv(t, NULL, root);
        t->argv = saved;
        char *out = NULL, *why = NULL;
        if (!capture_command(argv, env, 20.0, &out, &why))
            t->not_installed = xasprintf("its check failed: %s", why);
        free(out);
        free(why);
        strv_free(argv);
    }
    strv_free(env);
    t->installed = t->not_installed == NULL;
}

const known_entry *target_known(const target *t, const char *case_id)
{
    for (size_t i = 0; i < t->nknown; i++)
        if (strcmp(t->known[i].case_id, case_id) == 0)
            return &t->known[i];
    return NULL;
}

bool target_in_scope(const target *t, const char *case_id)
{
    /* scope names areas of cases/; the doctor's smoke cases apply to every target */
    if (t->scope.n == 0 || strncmp(case_id, "doctor/", 7) == 0)
        return true;
    for (size_t i = 0; i < t->scope.n; i++) {
        size_t n = strlen(t->scope.items[i]);
        if (strncmp(case_id, t->scope.items[i], n) == 0 &&
            (case_id[n] == '/' || case_id[n] == '\0'))
            return true;
    }
    return false;
}

static int cmp_version_order(const void *a, const void *b)
{
    return strverscmp(*(char *const *)a, *(char *const *)b); /* 3.8 before 3.10 */
}

void builtin_target_files(const char *dir, strlist *out)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    size_t first = out->n;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.' && str_ends_with(e->d_name, ".yaml"))
            sl_push_owned(out, xasprintf("%s/%s", dir, e->d_name));
    closedir(d);
    qsort(out->items + first, out->n - first, sizeof *out->items, cmp_version_order);
}
