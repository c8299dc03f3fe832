#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "match.h"
#include "text.h"

/* Escapes for attribute values and text; input is already valid UTF-8,
 * sanitised again so that no character XML 1.0 forbids slips through. */
static void xml_escaped(FILE *f, const char *s)
{
    char *clean = utf8_sanitize(s, strlen(s), true);
    for (const char *p = clean; *p; p++) {
        switch (*p) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\n': fputs("&#10;", f); break;
        case '\r': fputs("&#13;", f); break;
        case '\t': fputs("&#9;", f); break;
        default: fputc(*p, f);
        }
    }
    free(clean);
}

static void xml_text_element(FILE *f, const char *tag, const char *text)
{
    if (!text || !*text)
        return;
    char *ex = text_excerpt(text, 8000, 8000);
    fprintf(f, "      <%s>", tag);
    xml_escaped(f, ex);
    fprintf(f, "</%s>\n", tag);
    free(ex);
}

static void counts(job *const *jobs, size_t n, const target *t, size_t *tests, size_t *fail,
                   size_t *skip, double *time)
{
    *tests = *fail = *skip = 0;
    *time = 0;
    for (size_t i = 0; i < n; i++) {
        if (t && jobs[i]->t != t)
            continue;
        (*tests)++;
        if (jobs[i]->v == VERDICT_FAIL)
            (*fail)++;
        else if (jobs[i]->v != VERDICT_PASS && jobs[i]->v != VERDICT_KNOWN_PASS)
            (*skip)++;
        if (jobs[i]->ran)
            *time += jobs[i]->o.duration;
    }
}

static void junit_case(FILE *f, const job *j)
{
    fputs("    <testcase classname=\"", f);
    xml_escaped(f, j->t->name);
    fputs("\" name=\"", f);
    xml_escaped(f, j->id);
    fprintf(f, "\" file=\"");
    xml_escaped(f, j->path);
    fprintf(f, "\" time=\"%.3f\">\n", j->ran ? j->o.duration : 0.0);
    strbuf details;
    sb_init(&details);
    for (size_t i = 0; i < j->mismatches.n; i++)
        sb_printf(&details, "%s\n", j->mismatches.items[i]);
    if (j->header_errors)
        sb_puts(&details, j->header_errors);
    if (j->e) {
        char *exp = describe_expected(j->e);
        sb_printf(&details, "expected (python %s): %s\n", j->e->python, exp);
        free(exp);
    }
    if (j->ran) {
        char *got = describe_observed(&j->o);
        sb_printf(&details, "got: %s\n", got);
        free(got);
    }
    switch (j->v) {
    case VERDICT_FAIL:
        fputs("      <failure type=\"mismatch\" message=\"", f);
        xml_escaped(f, j->mismatches.n ? j->mismatches.items[0] : "failed");
        fputs("\">", f);
        xml_escaped(f, details.data ? details.data : "");
        fputs("</failure>\n", f);
        break;
    case VERDICT_SKIP:
        fputs("      <skipped message=\"", f);
        xml_escaped(f, j->skip_reason ? j->skip_reason : "no expectation applies");
        fputs("\"/>\n", f);
        break;
    case VERDICT_KNOWN_FAIL:
        fputs("      <skipped message=\"known failure: ", f);
        xml_escaped(f, j->known->reason);
        fputs("\"/>\n", f);
        break;
    case VERDICT_NOT_RUN:
        fputs("      <skipped message=\"not run: the run was interrupted\"/>\n", f);
        break;
    case VERDICT_KNOWN_PASS:
        sb_printf(&details, "declared known (%s) but passes: remove the entry\n",
                  j->known->reason);
        break;
    case VERDICT_PASS:
        break;
    }
    if (j->v != VERDICT_PASS && j->v != VERDICT_SKIP)
        xml_text_element(f, "system-out", details.data);
    sb_free(&details);
    if (j->ran && (j->v == VERDICT_FAIL || j->v == VERDICT_KNOWN_FAIL)) {
        /* the run's own output, stdout then stderr */
        strbuf both;
        sb_init(&both);
        sb_printf(&both, "--- stdout\n%s\n--- stderr\n%s", j->o.out_text, j->o.err_text);
        xml_text_element(f, "system-err", both.data);
        sb_free(&both);
    }
    fputs("    </testcase>\n", f);
}

void junit_write(FILE *f, job *const *jobs, size_t n, target *const *targets, size_t ntargets)
{
    size_t tests, fail, skip;
    double time;
    counts(jobs, n, NULL, &tests, &fail, &skip, &time);
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", f);
    fprintf(f,
            "<testsuites name=\"FutureSpec\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" "
            "skipped=\"%zu\" time=\"%.3f\">\n",
            tests, fail, skip, time);
    for (size_t t = 0; t < ntargets; t++) {
        counts(jobs, n, targets[t], &tests, &fail, &skip, &time);
        fputs("  <testsuite name=\"", f);
        xml_escaped(f, targets[t]->name);
        fprintf(f, "\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"%zu\" time=\"%.3f\">\n",
                tests, fail, skip, time);
        fprintf(f, "    <properties>\n      <property name=\"python\" value=\"%d.%d\"/>\n",
                targets[t]->version.major, targets[t]->version.minor);
        fputs("      <property name=\"executable\" value=\"", f);
        xml_escaped(f, targets[t]->executable ? targets[t]->executable : "");
        fputs("\"/>\n    </properties>\n", f);
        for (size_t i = 0; i < n; i++)
            if (jobs[i]->t == targets[t])
                junit_case(f, jobs[i]);
        fputs("  </testsuite>\n", f);
    }
    fputs("</testsuites>\n", f);
}
