#include "report.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "match.h"

static void html_escaped(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        default: fputc(*s, f);
        }
    }
}

static const char *cell_text(verdict v)
{
    switch (v) {
    case VERDICT_PASS: return "pass";
    case VERDICT_FAIL: return "FAIL";
    case VERDICT_SKIP: return "skip";
    case VERDICT_KNOWN_FAIL: return "known";
    case VERDICT_KNOWN_PASS: return "known, passes";
    case VERDICT_NOT_RUN: return "not run";
    }
    return "?";
}

static const job *find_job(job *const *jobs, size_t n, const char *path, const target *t)
{
    for (size_t i = 0; i < n; i++)
        if (jobs[i]->t == t && strcmp(jobs[i]->path, path) == 0)
            return jobs[i];
    return NULL;
}

void html_write(FILE *f, job *const *jobs, size_t n, target *const *targets, size_t ntargets,
                const run_info *info)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
          "<title>FutureSpec results</title>\n<style>\n"
          "body{font-family:sans-serif;margin:1em}table{border-collapse:collapse}"
          "th,td{border:1px solid #ccc;padding:2px 6px;font-size:13px}"
          "th{background:#eee;position:sticky;top:0}td.case{font-family:monospace}"
          ".pass{background:#c8f0c8}.fail{background:#f4a0a0;font-weight:bold}"
          ".skip{background:#f0f0f0;color:#888}.known-fail{background:#f6e3a0}"
          ".known-pass{background:#a0d8f4}.not-run{background:#ddd}\n"
          "</style></head><body>\n<h1>FutureSpec results</h1>\n",
          f);
    time_t started = (time_t)info->started_wall;
    char when[64];
    strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S UTC", gmtime(&started));
    fprintf(f, "<p>Run started %s, took %.1f s%s. Hover over a cell for details.</p>\n", when,
            info->duration, info->interrupted ? " (interrupted: some runs did not finish)" : "");
    fputs("<table>\n<tr><th>case</th>", f);
    for (size_t t = 0; t < ntargets; t++) {
        fputs("<th>", f);
        html_escaped(f, targets[t]->name);
        fprintf(f, "<br><small>Python %d.%d</small></th>", targets[t]->version.major,
                targets[t]->version.minor);
    }
    fputs("</tr>\n", f);
    /* rows: cases in the order they first appear */
    for (size_t i = 0; i < n; i++) {
        bool seen = false;
        for (size_t k = 0; k < i && !seen; k++)
            if (strcmp(jobs[k]->path, jobs[i]->path) == 0)
                seen = true;
        if (seen)
            continue;
        fputs("<tr><td class=\"case\" title=\"", f);
        html_escaped(f, jobs[i]->c && jobs[i]->c->title ? jobs[i]->c->title : "");
        fputs("\">", f);
        html_escaped(f, jobs[i]->id);
        fputs("</td>", f);
        for (size_t t = 0; t < ntargets; t++) {
            const job *j = find_job(jobs, n, jobs[i]->path, targets[t]);
            if (!j) {
                fputs("<td></td>", f);
                continue;
            }
            fprintf(f, "<td class=\"%s\" title=\"", verdict_name(j->v));
            if (j->e) {
                char *exp = describe_expected(j->e);
                fputs("expected: ", f);
                html_escaped(f, exp);
                free(exp);
            }
            if (j->ran) {
                char *got = describe_observed(&j->o);
                fputs("&#10;got: ", f);
                html_escaped(f, got);
                free(got);
            }
            for (size_t k = 0; k < j->mismatches.n; k++) {
                fputs("&#10;", f);
                html_escaped(f, j->mismatches.items[k]);
            }
            if (j->skip_reason) {
                fputs("&#10;", f);
                html_escaped(f, j->skip_reason);
            }
            if (j->known) {
                fputs("&#10;known: ", f);
                html_escaped(f, j->known->reason);
            }
            fprintf(f, "\">%s</td>", cell_text(j->v));
        }
        fputs("</tr>\n", f);
    }
    fputs("</table>\n</body></html>\n", f);
}
