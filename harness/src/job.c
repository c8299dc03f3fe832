#include "job.h"

#include <stdlib.h>

#include "classify.h"
#include "match.h"

const char *verdict_name(verdict v)
{
    switch (v) {
    case VERDICT_PASS: return "pass";
    case VERDICT_FAIL: return "fail";
    case VERDICT_SKIP: return "skip";
    case VERDICT_KNOWN_FAIL: return "known-fail";
    case VERDICT_KNOWN_PASS: return "known-pass";
    case VERDICT_NOT_RUN: return "not-run";
    }
    return "?";
}

void job_judge(job *j)
{
    if (j->header_errors) {
        j->v = VERDICT_FAIL;
        sl_push(&j->mismatches, "the case header is invalid");
        return;
    }
    if (!j->e) {
        j->v = VERDICT_SKIP;
        return;
    }
    if (!j->ran) {
        j->v = VERDICT_NOT_RUN;
        return;
    }
    classify(&j->r, j->t->deadlock_exit, &j->o);
    if (j->r.interrupted) {
        j->v = VERDICT_NOT_RUN;
        sl_push(&j->mismatches, "interrupted before it finished");
        return;
    }
    bool ok = match_expectation(j->e, &j->o, j->path, &j->mismatches);
    if (j->known)
        j->v = ok ? VERDICT_KNOWN_PASS : VERDICT_KNOWN_FAIL;
    else
        j->v = ok ? VERDICT_PASS : VERDICT_FAIL;
}

void job_free(job *j)
{
    free(j->path);
    free(j->id);
    free(j->header_errors);
    free(j->skip_reason);
    observed_free(&j->o);
    run_result_free(&j->r);
    sl_free(&j->mismatches);
}

char *job_name(const job *j)
{
    return xasprintf("%s [%s]", j->id, j->t ? j->t->name : "?");
}
