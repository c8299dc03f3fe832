#define _XOPEN_SOURCE 700 /* nftw */
/* fspec run and fspec tap: build the matrix of jobs, run it, report. */
#include <errno.h>
#include <ftw.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "header.h"
#include "proc.h"
#include "report.h"
#include "runner.h"

typedef struct {
    const options *o;
    bool tap_only;
    job **jobs;
    size_t njobs;
    target **targets;
    size_t ntargets;
    size_t *job_of_spec;
    size_t total_runs, finished_runs, failed;
    size_t next_emit; /* TAP streaming: the next job to print */
    bool stream_tap;
    bool tty_progress;
    size_t next_progress_mark;
    FILE *tap;
} run_ctx;

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    remove(path);
    return 0;
}

static bool job_finished(const job *j)
{
    return j->ran || !j->e || j->header_errors || j->v == VERDICT_NOT_RUN;
}

static void emit_ready(run_ctx *ctx)
{
    while (ctx->stream_tap && ctx->next_emit < ctx->njobs &&
           job_finished(ctx->jobs[ctx->next_emit])) {
        tap_point(ctx->tap, ctx->next_emit + 1, ctx->jobs[ctx->next_emit], "");
        ctx->next_emit++;
    }
}

static void clear_progress(run_ctx *ctx)
{
    if (ctx->tty_progress)
        fputs("\r\033[K", stderr);
}

static void on_start(size_t index, void *ud)
{
    run_ctx *ctx = ud;
    if (!ctx->tty_progress)
        return;
    job *j = ctx->jobs[ctx->job_of_spec[index]];
    fprintf(stderr, "\r\033[K[%zu/%zu] %s [%s]", ctx->finished_runs, ctx->total_runs, j->id,
            j->t->name);
    if (ctx->failed)
        fprintf(stderr, "  (%zu failed)", ctx->failed);
    fflush(stderr);
}

static void on_done(size_t index, run_result *r, void *ud)
{
    run_ctx *ctx = ud;
    job *j = ctx->jobs[ctx->job_of_spec[index]];
    j->r = *r;
    memset(r, 0, sizeof *r);
    j->ran = true;
    job_judge(j);
    ctx->finished_runs++;
    if (j->v == VERDICT_FAIL) {
        ctx->failed++;
        if (!ctx->tap_only) {
            clear_progress(ctx);
            fprintf(stderr, "FAIL %s [%s]: %s\n", j->id, j->t->name,
                    j->mismatches.n ? j->mismatches.items[0] : "failed");
        }
    }
    if (!ctx->tty_progress && !ctx->tap_only && ctx->total_runs >= 20 &&
        ctx->finished_runs >= ctx->next_progress_mark) {
        fprintf(stderr, "fspec: %zu/%zu runs finished, %zu failed\n", ctx->finished_runs,
                ctx->total_runs, ctx->failed);
        ctx->next_progress_mark += ctx->total_runs / 10 ? ctx->total_runs / 10 : 1;
    }
    emit_ready(ctx);
}

static char *header_errors_text(const diagnostics *d)
{
    strbuf sb;
    sb_init(&sb);
    for (size_t i = 0; i < d->messages.n; i++)
        sb_printf(&sb, "%s\n", d->messages.items[i]);
    return sb_take(&sb);
}

static char *ranges_text(const case_t *c)
{
    strbuf sb;
    sb_init(&sb);
    for (size_t i = 0; i < c->nexpect; i++)
        sb_printf(&sb, "%s\"%s\"", i ? ", " : "", c->expect[i].python);
    return sb_take(&sb);
}

/* Loads the cases and makes one job per case and target. */
static bool build_jobs(run_ctx *ctx, strlist *files, case_t ***cases_out, size_t *ncases)
{
    const options *o = ctx->o;
    case_t **cases = NULL;
    size_t nc = 0;
    bool any_header_error = false;
    for (size_t f = 0; f < files->n; f++) {
        char *id = case_id_for(files->items[f]);
        char *abs = realpath(files->items[f], NULL);
        diagnostics d = {0};
        case_t *c = xcalloc(1, sizeof *c);
        char *errors = NULL;
        if (!header_parse_file(files->items[f], id, c, &d)) {
            errors = header_errors_text(&d);
            fputs(errors, stderr);
            any_header_error = true;
            free(c);
            c = NULL;
        } else if (!filter_accepts(&o->filter, c)) {
            case_free(c);
            free(c);
            free(id);
            free(abs);
            diag_free(&d);
            continue;
        }
        diag_free(&d);
        if (c) {
            cases = xrealloc(cases, (nc + 1) * sizeof *cases);
            cases[nc++] = c;
        }
        for (size_t t = 0; t < ctx->ntargets; t++) {
            job *j = xcalloc(1, sizeof *j);
            j->c = c;
            j->path = xstrdup(abs ? abs : files->items[f]);
            j->id = xstrdup(id);
            j->header_errors = errors ? xstrdup(errors) : NULL;
            j->t = ctx->targets[t];
            if (c && !target_in_scope(j->t, id)) {
                strbuf sb;
                sb_init(&sb);
                for (size_t k = 0; k < j->t->scope.n; k++)
                    sb_printf(&sb, "%s%s", k ? ", " : "", j->t->scope.items[k]);
                j->skip_reason = xasprintf("outside the target's declared scope (%s)", sb.data);
                sb_free(&sb);
            } else if (c) {
                j->e = case_expectation_for(c, j->t->version);
                j->known = target_known(j->t, id);
                if (!j->e) {
                    char *r = ranges_text(c);
                    j->skip_reason = xasprintf("no expectation for Python %d.%d (declared: %s)",
                                               j->t->version.major, j->t->version.minor, r);
                    free(r);
                }
            }
            if (!c || !j->e)
                job_judge(j); /* header errors and skips are decided now */
            ctx->jobs = xrealloc(ctx->jobs, (ctx->njobs + 1) * sizeof *ctx->jobs);
            ctx->jobs[ctx->njobs++] = j;
        }
        free(errors);
        free(id);
        free(abs);
    }
    *cases_out = cases;
    *ncases = nc;
    if (any_header_error)
        fprintf(stderr, "fspec: some case headers are invalid; those cases fail\n");
    return true;
}

static void summary(const run_ctx *ctx, double elapsed, bool interrupted)
{
    size_t passed = 0, failed = 0, skipped = 0, known = 0, known_pass = 0, not_run = 0;
    printf("\n%-14s %-7s %6s %6s %6s %6s %9s\n", "target", "python", "pass", "fail", "skip",
           "known", "time");
    for (size_t t = 0; t < ctx->ntargets; t++) {
        size_t p = 0, f = 0, s = 0, k = 0;
        double secs = 0;
        for (size_t i = 0; i < ctx->njobs; i++) {
            const job *j = ctx->jobs[i];
            if (j->t != ctx->targets[t])
                continue;
            switch (j->v) {
            case VERDICT_PASS: p++; break;
            case VERDICT_FAIL: f++; break;
            case VERDICT_SKIP: s++; break;
            case VERDICT_KNOWN_FAIL: k++; break;
            case VERDICT_KNOWN_PASS: p++; known_pass++; break;
            case VERDICT_NOT_RUN: not_run++; break;
            }
            if (j->ran)
                secs += j->o.duration;
        }
        printf("%-14s %d.%-5d %6zu %6zu %6zu %6zu %8.1fs\n", ctx->targets[t]->name,
               ctx->targets[t]->version.major, ctx->targets[t]->version.minor, p, f, s, k, secs);
        passed += p;
        failed += f;
        skipped += s;
        known += k;
    }
    printf("\n");
    if (known)
        printf("%zu known failures (declared in the targets' known: lists, reported as TODO)\n",
               known);
    if (known_pass)
        printf("%zu known entries pass now: remove them from their target's known: list\n",
               known_pass);
    if (interrupted)
        printf("interrupted: %zu runs did not finish\n", not_run);
    printf("%.1f s in all\n", elapsed);
    printf("%zu passed, %zu failed, %zu skipped\n", passed, failed, skipped);
}

static bool write_reports(const run_ctx *ctx, const run_info *info)
{
    const char *dir = ctx->o->reports;
    char *owned = NULL;
    if (!dir)
        dir = owned = xasprintf("%s/reports", ctx->o->root);
    char *tapdir = xasprintf("%s/tap", dir);
    bool ok = true;
    if ((mkdir(dir, 0777) != 0 && errno != EEXIST) ||
        (mkdir(tapdir, 0777) != 0 && errno != EEXIST)) {
        fprintf(stderr, "fspec: cannot create %s: %s\n", tapdir, strerror(errno));
        ok = false;
    }
    for (size_t t = 0; ok && t < ctx->ntargets; t++) {
        char *path = xasprintf("%s/%s.tap", tapdir, ctx->targets[t]->name);
        FILE *f = fopen(path, "w");
        if (!f) {
            fprintf(stderr, "fspec: cannot write %s: %s\n", path, strerror(errno));
            ok = false;
        } else {
            size_t count = 0, k = 0;
            for (size_t i = 0; i < ctx->njobs; i++)
                if (ctx->jobs[i]->t == ctx->targets[t])
                    count++;
            tap_plan(f, count);
            for (size_t i = 0; i < ctx->njobs; i++)
                if (ctx->jobs[i]->t == ctx->targets[t])
                    tap_point(f, ++k, ctx->jobs[i], "");
            fclose(f);
        }
        free(path);
    }
    if (ok) {
        char *json = xasprintf("%s/results.json", dir);
        if (!json_write(json, ctx->jobs, ctx->njobs, ctx->targets, ctx->ntargets, info)) {
            fprintf(stderr, "fspec: cannot write %s\n", json);
            ok = false;
        }
        free(json);
        char *junit = xasprintf("%s/junit.xml", dir);
        FILE *f = fopen(junit, "w");
        if (f) {
            junit_write(f, ctx->jobs, ctx->njobs, ctx->targets, ctx->ntargets);
            fclose(f);
        } else {
            fprintf(stderr, "fspec: cannot write %s: %s\n", junit, strerror(errno));
            ok = false;
        }
        free(junit);
        char *html = xasprintf("%s/matrix.html", dir);
        f = fopen(html, "w");
        if (f) {
            html_write(f, ctx->jobs, ctx->njobs, ctx->targets, ctx->ntargets, info);
            fclose(f);
        } else {
            fprintf(stderr, "fspec: cannot write %s: %s\n", html, strerror(errno));
            ok = false;
        }
        free(html);
        if (ok)
            printf("reports: %s/ (tap/, results.json, junit.xml, matrix.html)\n", dir);
    }
    free(tapdir);
    free(owned);
    return ok;
}

int cmd_run(const options *o, bool tap_only)
{
    run_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.o = o;
    ctx.tap_only = tap_only;
    ctx.tap = stdout;
    if (!select_targets(o, &ctx.targets, &ctx.ntargets))
        return 2;
    strlist files = {0};
    if (!collect_case_files(o, &files)) {
        free_targets(ctx.targets, ctx.ntargets);
        sl_free(&files);
        return 2;
    }
    case_t **cases = NULL;
    size_t ncases = 0;
    build_jobs(&ctx, &files, &cases, &ncases);
    sl_free(&files);

    proc_become_subreaper();
    const char *tmp = getenv("TMPDIR");
    char *workdir = xasprintf("%s/fspec-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(workdir)) {
        fprintf(stderr, "fspec: cannot create a working directory in %s: %s\n",
                tmp && *tmp ? tmp : "/tmp", strerror(errno));
        return 2;
    }

    run_spec *specs = xcalloc(ctx.njobs + 1, sizeof *specs);
    ctx.job_of_spec = xcalloc(ctx.njobs + 1, sizeof *ctx.job_of_spec);
    size_t nspecs = 0;
    for (size_t i = 0; i < ctx.njobs; i++) {
        job *j = ctx.jobs[i];
        if (!j->c || !j->e)
            continue;
        double deadline = j->e->outcome == OUTCOME_HANGS ? j->e->hang_after : j->c->timeout;
        specs[nspecs].argv = target_argv(j->t, j->path, o->root);
        specs[nspecs].env = target_env(j->t, o->root);
        specs[nspecs].cwd = workdir;
        specs[nspecs].deadline = deadline * o->time_scale;
        specs[nspecs].cap = o->max_output;
        ctx.job_of_spec[nspecs++] = i;
    }
    ctx.total_runs = nspecs;
    ctx.next_progress_mark = nspecs / 10 ? nspecs / 10 : 1;
    ctx.tty_progress = o->progress == 1 || (o->progress == -1 && !tap_only && isatty(2));
    ctx.stream_tap = tap_only && !o->subtests;
    if (ctx.stream_tap) {
        tap_plan(stdout, ctx.njobs);
        emit_ready(&ctx);
    }

    double t0 = now_seconds();
    run_info info = {.started_wall = (double)time(NULL), .root = o->root};
    bool completed = run_all(specs, nspecs, o->jobs, on_start, on_done, &ctx);
    info.duration = now_seconds() - t0;
    info.interrupted = !completed;
    clear_progress(&ctx);
    for (size_t i = 0; i < ctx.njobs; i++)
        if (!job_finished(ctx.jobs[i]))
            job_judge(ctx.jobs[i]); /* never started: not run */
    emit_ready(&ctx);
    if (tap_only && o->subtests)
        tap_write_subtests(stdout, ctx.jobs, ctx.njobs, ctx.targets, ctx.ntargets);
    fflush(stdout);

    bool reports_ok = true;
    if (!tap_only) {
        reports_ok = write_reports(&ctx, &info);
        summary(&ctx, info.duration, !completed);
    }
    size_t failed = 0;
    for (size_t i = 0; i < ctx.njobs; i++)
        if (ctx.jobs[i]->v == VERDICT_FAIL)
            failed++;

    nftw(workdir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    free(workdir);
    for (size_t i = 0; i < nspecs; i++) {
        strv_free(specs[i].argv);
        strv_free(specs[i].env);
    }
    free(specs);
    free(ctx.job_of_spec);
    for (size_t i = 0; i < ctx.njobs; i++) {
        job_free(ctx.jobs[i]);
        free(ctx.jobs[i]);
    }
    free(ctx.jobs);
    for (size_t i = 0; i < ncases; i++) {
        case_free(cases[i]);
        free(cases[i]);
    }
    free(cases);
    free_targets(ctx.targets, ctx.ntargets);
    if (!completed)
        return 130;
    if (failed)
        return 1;
    return reports_ok ? 0 : 2;
}
