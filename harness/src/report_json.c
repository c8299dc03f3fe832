#include "report.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "match.h"

static json_t *jstr(const char *s)
{
    json_t *v = json_string(s ? s : "");
    return v ? v : json_string("(not valid UTF-8)");
}

static json_t *expectation_json(const expectation *e)
{
    json_t *o = json_object();
    json_object_set_new(o, "python", jstr(e->python));
    json_object_set_new(o, "outcome", jstr(outcome_name(e->outcome)));
    char *d = describe_expected(e);
    json_object_set_new(o, "summary", jstr(d));
    free(d);
    if (e->outcome == OUTCOME_RAISES) {
        json_object_set_new(o, "type", jstr(e->exc_type));
        if (e->exc_message)
            json_object_set_new(o, "message", jstr(e->exc_message));
        if (e->exc_message_re)
            json_object_set_new(o, "message_re", jstr(e->exc_message_re));
    } else if (e->outcome == OUTCOME_HANGS) {
        json_object_set_new(o, "after", json_real(e->hang_after));
    } else if (e->outcome == OUTCOME_EXITS) {
        json_object_set_new(o, "code", json_integer(e->exit_code));
    }
    return o;
}

static json_t *observed_json(const job *j)
{
    const observed *ob = &j->o;
    json_t *o = json_object();
    json_object_set_new(o, "outcome", jstr(outcome_name(ob->kind)));
    char *d = describe_observed(ob);
    json_object_set_new(o, "summary", jstr(d));
    free(d);
    json_object_set_new(o, "exit_status", json_integer(j->r.exit_status));
    json_object_set_new(o, "signal", json_integer(j->r.term_signal));
    json_object_set_new(o, "timed_out", json_boolean(j->r.timed_out));
    if (ob->kind == OUTCOME_RAISES) {
        json_object_set_new(o, "type", jstr(ob->exc_type));
        json_object_set_new(o, "message", jstr(ob->exc_message));
    }
    if (ob->error)
        json_object_set_new(o, "error", jstr(ob->error));
    json_object_set_new(o, "duration", json_real(ob->duration));
    json_object_set_new(o, "stdout", jstr(ob->out_text));
    json_object_set_new(o, "stderr", jstr(ob->err_text));
    json_object_set_new(o, "stdout_bytes_dropped", json_integer((json_int_t)j->r.out_dropped));
    json_object_set_new(o, "stderr_bytes_dropped", json_integer((json_int_t)j->r.err_dropped));
    json_object_set_new(o, "leftover_processes_killed", json_integer(j->r.leftovers));
    return o;
}

bool json_write(const char *path, job *const *jobs, size_t n, target *const *targets,
                size_t ntargets, const run_info *info)
{
    json_t *root = json_object();
    json_object_set_new(root, "format", jstr("futurespec-results"));
    json_object_set_new(root, "format_version", json_integer(1));
    json_object_set_new(root, "started", json_integer((json_int_t)info->started_wall));
    json_object_set_new(root, "duration", json_real(info->duration));
    json_object_set_new(root, "interrupted", json_boolean(info->interrupted));
    json_t *ts = json_array();
    for (size_t t = 0; t < ntargets; t++) {
        json_t *o = json_object();
        json_object_set_new(o, "name", jstr(targets[t]->name));
        json_object_set_new(o, "file", jstr(targets[t]->file));
        json_object_set_new(o, "executable", jstr(targets[t]->executable));
        char v[32];
        snprintf(v, sizeof v, "%d.%d", targets[t]->version.major, targets[t]->version.minor);
        json_object_set_new(o, "python", jstr(v));
        json_array_append_new(ts, o);
    }
    json_object_set_new(root, "targets", ts);
    json_t *rs = json_array();
    json_t *totals = json_object();
    for (size_t i = 0; i < n; i++) {
        const job *j = jobs[i];
        json_t *o = json_object();
        json_object_set_new(o, "case", jstr(j->id));
        json_object_set_new(o, "file", jstr(j->path));
        json_object_set_new(o, "target", jstr(j->t->name));
        json_object_set_new(o, "verdict", jstr(verdict_name(j->v)));
        if (j->c) {
            json_object_set_new(o, "title", jstr(j->c->title));
            json_t *cl = json_array();
            for (size_t k = 0; k < j->c->clauses.n; k++)
                json_array_append_new(cl, jstr(j->c->clauses.items[k]));
            json_object_set_new(o, "clauses", cl);
        }
        if (j->header_errors)
            json_object_set_new(o, "header_errors", jstr(j->header_errors));
        if (j->skip_reason)
            json_object_set_new(o, "skip_reason", jstr(j->skip_reason));
        if (j->known)
            json_object_set_new(o, "known_reason", jstr(j->known->reason));
        if (j->e)
            json_object_set_new(o, "expected", expectation_json(j->e));
        if (j->ran)
            json_object_set_new(o, "got", observed_json(j));
        json_t *mm = json_array();
        for (size_t k = 0; k < j->mismatches.n; k++)
            json_array_append_new(mm, jstr(j->mismatches.items[k]));
        json_object_set_new(o, "mismatches", mm);
        json_array_append_new(rs, o);
        json_t *c = json_object_get(totals, verdict_name(j->v));
        json_object_set_new(totals, verdict_name(j->v),
                            json_integer(c ? json_integer_value(c) + 1 : 1));
    }
    json_object_set_new(root, "totals", totals);
    json_object_set_new(root, "results", rs);
    int rc = json_dump_file(root, path, JSON_INDENT(1) | JSON_ENSURE_ASCII);
    json_decref(root);
    return rc == 0;
}
