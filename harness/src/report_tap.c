#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "match.h"
#include "text.h"

char *tap_quote(const char *s)
{
    strbuf sb;
    sb_init(&sb);
    sb_putc(&sb, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': sb_puts(&sb, "\\\""); break;
        case '\\': sb_puts(&sb, "\\\\"); break;
        case '\n': sb_puts(&sb, "\\n"); break;
        case '\t': sb_puts(&sb, "\\t"); break;
        case '\r': sb_puts(&sb, "\\r"); break;
        default:
            if (*p < 0x20 || *p == 0x7f)
                sb_printf(&sb, "\\x%02x", *p);
            else
                sb_putc(&sb, (char)*p);
        }
    }
    sb_putc(&sb, '"');
    return sb_take(&sb);
}

/* '#' starts a directive in a TAP description: escape it. */
static void put_description(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (*s == '#' || *s == '\\')
            fputc('\\', f);
        fputc(*s == '\n' ? ' ' : *s, f);
    }
}

void tap_plan(FILE *f, size_t count)
{
    fprintf(f, "TAP version 13\n1..%zu\n", count);
}

static void yaml_kv(FILE *f, const char *indent, const char *key, const char *value)
{
    char *q = tap_quote(value);
    fprintf(f, "%s  %s: %s\n", indent, key, q);
    free(q);
}

static void diagnostics_block(FILE *f, const job *j, const char *indent)
{
    fprintf(f, "%s  ---\n", indent);
    if (j->header_errors) {
        yaml_kv(f, indent, "message", "the case header is invalid");
        yaml_kv(f, indent, "errors", j->header_errors);
        fprintf(f, "%s  ...\n", indent);
        return;
    }
    if (j->mismatches.n)
        yaml_kv(f, indent, "message", j->mismatches.items[0]);
    if (j->mismatches.n > 1) {
        fprintf(f, "%s  mismatches:\n", indent);
        for (size_t i = 0; i < j->mismatches.n; i++) {
            char *q = tap_quote(j->mismatches.items[i]);
            fprintf(f, "%s    - %s\n", indent, q);
            free(q);
        }
    }
    if (j->e) {
        char *exp = describe_expected(j->e);
        yaml_kv(f, indent, "expected", exp);
        free(exp);
        yaml_kv(f, indent, "python", j->e->python);
    }
    if (j->ran) {
        char *got = describe_observed(&j->o);
        yaml_kv(f, indent, "got", got);
        free(got);
        fprintf(f, "%s  duration_ms: %ld\n", indent, (long)(j->o.duration * 1000));
        char *so = text_excerpt(j->o.out_text ? j->o.out_text : "", 2000, 2000);
        char *se = text_excerpt(j->o.err_text ? j->o.err_text : "", 2000, 2000);
        yaml_kv(f, indent, "stdout", so);
        yaml_kv(f, indent, "stderr", se);
        free(so);
        free(se);
        if (j->r.out_dropped)
            fprintf(f, "%s  stdout_bytes_dropped: %zu\n", indent, j->r.out_dropped);
        if (j->r.err_dropped)
            fprintf(f, "%s  stderr_bytes_dropped: %zu\n", indent, j->r.err_dropped);
        if (j->r.leftovers)
            fprintf(f, "%s  leftover_processes_killed: %d\n", indent, j->r.leftovers);
    }
    yaml_kv(f, indent, "target", j->t ? j->t->name : "?");
    yaml_kv(f, indent, "file", j->path);
    fprintf(f, "%s  ...\n", indent);
}

void tap_point(FILE *f, size_t number, const job *j, const char *indent)
{
    char *name = job_name(j);
    bool ok = j->v == VERDICT_PASS || j->v == VERDICT_SKIP || j->v == VERDICT_KNOWN_PASS;
    fprintf(f, "%s%s %zu - ", indent, ok ? "ok" : "not ok", number);
    put_description(f, name);
    free(name);
    switch (j->v) {
    case VERDICT_SKIP:
        fputs(" # SKIP ", f);
        put_description(f, j->skip_reason ? j->skip_reason : "no expectation applies");
        break;
    case VERDICT_KNOWN_FAIL:
        fputs(" # TODO known: ", f);
        put_description(f, j->known->reason);
        break;
    case VERDICT_KNOWN_PASS:
        fputs(" # TODO known entry passes now, remove it: ", f);
        put_description(f, j->known->reason);
        break;
    case VERDICT_NOT_RUN:
        fputs(" # interrupted before it finished", f);
        break;
    default:
        break;
    }
    fputc('\n', f);
    if (j->v == VERDICT_FAIL || j->v == VERDICT_KNOWN_FAIL || j->v == VERDICT_NOT_RUN)
        diagnostics_block(f, j, indent);
    fflush(f);
}

void tap_write_subtests(FILE *f, job *const *jobs, size_t n, target *const *targets,
                        size_t ntargets)
{
    fprintf(f, "TAP version 14\n1..%zu\n", ntargets);
    for (size_t t = 0; t < ntargets; t++) {
        size_t count = 0;
        bool all_ok = true;
        for (size_t i = 0; i < n; i++)
            if (jobs[i]->t == targets[t]) {
                count++;
                if (jobs[i]->v == VERDICT_FAIL || jobs[i]->v == VERDICT_NOT_RUN)
                    all_ok = false;
            }
        fprintf(f, "# Subtest: %s\n    1..%zu\n", targets[t]->name, count);
        size_t k = 0;
        for (size_t i = 0; i < n; i++)
            if (jobs[i]->t == targets[t])
                tap_point(f, ++k, jobs[i], "    ");
        fprintf(f, "%s %zu - %s\n", all_ok ? "ok" : "not ok", t + 1, targets[t]->name);
    }
}
