#include "classify.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

static const char TB_HEADER[] = "Traceback (most recent call last):";
static const char GROUP_HEADER[] = "  + Exception Group Traceback (most recent call last):";

static void split_exception_line(const char *line, char **type, char **message)
{
    const char *colon = strstr(line, ": ");
    if (colon) {
        *type = xstrndup(line, (size_t)(colon - line));
        *message = xstrdup(colon + 2);
    } else {
        size_t n = strlen(line);
        if (n > 0 && line[n - 1] == ':') /* "Type:" with an empty message */
            n--;
        *type = xstrndup(line, n);
        *message = xstrdup("");
    }
}

bool last_exception_line(const char *stderr_text, char **type, char **message)
{
    strlist lines = {0};
    text_lines(stderr_text, &lines);
    long header = -1;
    bool group = false;
    for (size_t i = 0; i < lines.n; i++) {
        if (strcmp(lines.items[i], TB_HEADER) == 0) {
            header = (long)i;
            group = false;
        } else if (strcmp(lines.items[i], GROUP_HEADER) == 0) {
            header = (long)i;
            group = true;
        }
    }
    bool found = false;
    if (header >= 0) {
        for (size_t i = (size_t)header + 1; i < lines.n && !found; i++) {
            const char *l = lines.items[i];
            if (group) {
                if (strncmp(l, "  | ", 4) != 0)
                    continue;
                l += 4;
            }
            if (l[0] == ' ' || l[0] == '\0')
                continue;
            split_exception_line(l, type, message);
            found = true;
        }
    }
    sl_free(&lines);
    return found;
}

char *normalise_type(const char *name)
{
    static const struct {
        const char *from, *to;
    } prefixes[] = {
        {"asyncio.exceptions.", "asyncio."},
        {"asyncio.base_futures.", "asyncio."},
        {"_asyncio.", "asyncio."},
        {"concurrent.futures._base.", "concurrent.futures."},
        {"builtins.", ""},
        {"__main__.", ""},
    };
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
        if (str_starts_with(name, prefixes[i].from))
            return xasprintf("%s%s", prefixes[i].to, name + strlen(prefixes[i].from));
    return xstrdup(name);
}

void classify(const run_result *r, int deadlock_exit, observed *o)
{
    memset(o, 0, sizeof *o);
    o->duration = r->duration;
    o->out_text = utf8_sanitize(r->out ? r->out : "", r->out_len, false);
    o->err_text = utf8_sanitize(r->err ? r->err : "", r->err_len, false);
    if (r->spawn_error) {
        o->kind = OUTCOME_ERROR;
        o->error = xstrdup(r->spawn_error);
        return;
    }
    if (r->timed_out) {
        o->kind = OUTCOME_HANGS;
        return;
    }
    if (r->term_signal) {
        o->kind = OUTCOME_SIGNAL;
        o->signal = r->term_signal;
        return;
    }
    o->exit_code = r->exit_status;
    if (deadlock_exit && r->exit_status == deadlock_exit) {
        o->kind = OUTCOME_HANGS;
        o->deadlock_reported = true;
        return;
    }
    if (r->exit_status == 0) {
        o->kind = OUTCOME_COMPLETES;
        return;
    }
    if (last_exception_line(o->err_text, &o->exc_type, &o->exc_message)) {
        o->kind = OUTCOME_RAISES;
        return;
    }
    o->kind = OUTCOME_EXITS;
}
