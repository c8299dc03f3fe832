/* fspec list, fspec targets and fspec doctor. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "header.h"
#include "probe.h"

int cmd_list(const options *o)
{
    strlist files = {0};
    bool ok = collect_case_files(o, &files);
    for (size_t f = 0; f < files.n; f++) {
        char *id = case_id_for(files.items[f]);
        diagnostics d = {0};
        case_t c;
        if (header_parse_file(files.items[f], id, &c, &d)) {
            if (filter_accepts(&o->filter, &c))
                printf("%s\n", id);
            case_free(&c);
        } else {
            printf("%s\n", id); /* listed: an invalid header is never silently dropped */
            diag_print(&d, stderr);
            ok = false;
        }
        diag_free(&d);
        free(id);
    }
    sl_free(&files);
    return ok ? 0 : 1;
}

int cmd_targets(const options *o)
{
    char *dir = xasprintf("%s/harness/targets", o->root);
    strlist files = {0};
    builtin_target_files(dir, &files);
    printf("%-14s %-9s %-7s %s\n", "target", "installed", "python", "executable / why not");
    bool ok = true;
    for (size_t i = 0; i < files.n; i++) {
        diagnostics d = {0};
        target t;
        if (!target_load(files.items[i], &t, &d)) {
            diag_print(&d, stderr);
            diag_free(&d);
            target_free(&t);
            ok = false;
            continue;
        }
        diag_free(&d);
        target_resolve(&t, o->root);
        if (t.installed)
            printf("%-14s %-9s %d.%-5d %s\n", t.name, "yes", t.version.major, t.version.minor,
                   t.executable);
        else
            printf("%-14s %-9s %-7s %s\n", t.name, "no", "-", t.not_installed);
        target_free(&t);
    }
    sl_free(&files);
    free(dir);
    return ok ? 0 : 2;
}

int cmd_doctor(const options *o)
{
    if (o->paths.n != 1) {
        fprintf(stderr, "usage: fspec doctor TARGET\n");
        return 2;
    }
    options run = *o;
    memset(&run.target_args, 0, sizeof run.target_args);
    sl_push(&run.target_args, o->paths.items[0]);
    target **ts;
    size_t n;
    if (!select_targets(&run, &ts, &n)) {
        sl_free(&run.target_args);
        return 2;
    }
    target *t = ts[0];
    printf("target:      %s (%s)\n", t->name, t->file);
    printf("executable:  %s\n", t->executable);
    printf("python:      %d.%d (%s)\n", t->version.major, t->version.minor,
           strcmp(t->python_decl, "probe") == 0 ? "asked of the target" : "declared");
    if (strcmp(t->python_decl, "probe") != 0) {
        char *argv[] = {t->executable, "-c",
                        "import sys; print('%d.%d' % tuple(sys.version_info[:2]))", NULL};
        char *out = NULL, *why = NULL;
        char **env = target_env(t, o->root);
        if (capture_command(argv, env, 20.0, &out, &why)) {
            out[strcspn(out, "\r\n")] = '\0';
            printf("probe:       the executable itself reports %s\n", out);
        } else {
            printf("probe:       not answered (%s)\n", why);
        }
        strv_free(env);
        free(out);
        free(why);
    }
    printf("known:       %zu declared failures\n\n", t->nknown);
    free_targets(ts, n);
    /* the smoke cases go through the same pipeline as any run */
    memset(&run.paths, 0, sizeof run.paths);
    char *smoke = xasprintf("%s/harness/doctor", o->root);
    sl_push_owned(&run.paths, smoke);
    run.reports = NULL;
    int rc = cmd_run(&run, true);
    sl_free(&run.paths);
    sl_free(&run.target_args);
    printf("\n%s\n", rc == 0 ? "doctor: the target behaves" : "doctor: the target misbehaves");
    return rc;
}
