#include "runner.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <uv.h>

#include "proc.h"
#include "util.h"

typedef struct batch batch;

typedef struct {
    batch *b;
    size_t index;
    uv_process_t proc;
    uv_pipe_t out, err;
    uv_timer_t deadline, grace;
    int open_handles;
    bool exited, out_open, err_open, spawned;
    pid_t pid;
    double started;
    strbuf out_buf, err_buf;
    run_result result;
} run_state;

struct batch {
    uv_loop_t loop;
    const run_spec *specs;
    size_t n, next, active, finished;
    int parallel;
    run_state **running; /* by slot */
    run_start_fn on_start;
    run_done_fn on_done;
    void *ud;
    uv_signal_t sigs[3];
    uv_timer_t sweep;
    bool interrupted;
};

static void start_next(batch *b);

static void active_sessions(const batch *b, pid_t *out, size_t *n)
{
    *n = 0;
    for (int i = 0; i < b->parallel; i++)
        if (b->running[i] && b->running[i]->pid > 0)
            out[(*n)++] = b->running[i]->pid;
}

static void sweep_orphans(batch *b)
{
    pid_t *sids = xcalloc((size_t)b->parallel + 1, sizeof *sids);
    size_t n;
    active_sessions(b, sids, &n);
    proc_reap_orphans(sids, n);
    free(sids);
}

static void finish(run_state *rs)
{
    batch *b = rs->b;
    for (int i = 0; i < b->parallel; i++)
        if (b->running[i] == rs)
            b->running[i] = NULL;
    b->active--;
    b->finished++;
    rs->result.out_len = rs->out_buf.len;
    rs->result.err_len = rs->err_buf.len;
    rs->result.out = sb_take(&rs->out_buf);
    rs->result.err = sb_take(&rs->err_buf);
    sweep_orphans(b);
    b->on_done(rs->index, &rs->result, b->ud);
    free(rs);
    start_next(b);
}

static void on_handle_closed(uv_handle_t *h)
{
    run_state *rs = h->data;
    if (--rs->open_handles == 0)
        finish(rs);
}

static void close_handle(uv_handle_t *h)
{
    if (!uv_is_closing(h))
        uv_close(h, on_handle_closed);
}

static void maybe_done(run_state *rs)
{
    if (rs->exited && !rs->out_open && !rs->err_open) {
        uv_timer_stop(&rs->grace);
        close_handle((uv_handle_t *)&rs->deadline);
        close_handle((uv_handle_t *)&rs->grace);
        close_handle((uv_handle_t *)&rs->proc);
    }
}

static void close_pipe(run_state *rs, uv_pipe_t *p)
{
    bool *open = p == &rs->out ? &rs->out_open : &rs->err_open;
    if (!*open)
        return;
    *open = false;
    uv_read_stop((uv_stream_t *)p);
    close_handle((uv_handle_t *)p);
}

static void alloc_cb(uv_handle_t *h, size_t suggested, uv_buf_t *buf)
{
    (void)h;
    (void)suggested;
    buf->base = xmalloc(65536);
    buf->len = 65536;
}

static void read_cb(uv_stream_t *s, ssize_t nread, const uv_buf_t *buf)
{
    run_state *rs = s->data;
    bool is_out = s == (uv_stream_t *)&rs->out;
    if (nread > 0) {
        strbuf *sb = is_out ? &rs->out_buf : &rs->err_buf;
        size_t *dropped = is_out ? &rs->result.out_dropped : &rs->result.err_dropped;
        size_t cap = rs->b->specs[rs->index].cap;
        size_t keep = sb->len >= cap ? 0 : cap - sb->len;
        if (keep > (size_t)nread)
            keep = (size_t)nread;
        sb_append(sb, buf->base, keep);
        *dropped += (size_t)nread - keep;
    }
    free(buf->base);
    if (nread < 0) {
        close_pipe(rs, is_out ? &rs->out : &rs->err);
        maybe_done(rs);
    }
}

static void kill_run(run_state *rs)
{
    if (rs->pid > 0) {
        int n = proc_kill_session(rs->pid);
        if (rs->exited)
            rs->result.leftovers += n;
    }
}

static void grace_cb(uv_timer_t *t)
{
    run_state *rs = t->data;
    /* Something outside the session still holds the pipes: stop waiting. */
    sweep_orphans(rs->b);
    close_pipe(rs, &rs->out);
    close_pipe(rs, &rs->err);
    maybe_done(rs);
}

static void exit_cb(uv_process_t *p, int64_t status, int term_signal)
{
    run_state *rs = p->data;
    rs->exited = true;
    rs->result.duration = now_seconds() - rs->started;
    rs->result.exit_status = (int)status;
    /* a kill we sent at the deadline or on interrupt is not the target's doing */
    rs->result.term_signal = rs->result.timed_out || rs->result.interrupted ? 0 : term_signal;
    uv_timer_stop(&rs->deadline);
    kill_run(rs); /* whatever it left in its session */
    uv_timer_start(&rs->grace, grace_cb, (uint64_t)(PIPE_GRACE_SECONDS * 1000), 0);
    maybe_done(rs);
}

static void deadline_cb(uv_timer_t *t)
{
    run_state *rs = t->data;
    if (rs->exited)
        return;
    rs->result.timed_out = true;
    kill_run(rs);
}

static void start_run(batch *b, size_t index, int slot)
{
    const run_spec *spec = &b->specs[index];
    run_state *rs = xcalloc(1, sizeof *rs);
    rs->b = b;
    rs->index = index;
    b->running[slot] = rs;
    b->active++;
    sb_init(&rs->out_buf);
    sb_init(&rs->err_buf);
    uv_pipe_init(&b->loop, &rs->out, 0);
    uv_pipe_init(&b->loop, &rs->err, 0);
    uv_timer_init(&b->loop, &rs->deadline);
    uv_timer_init(&b->loop, &rs->grace);
    rs->out.data = rs->err.data = rs->deadline.data = rs->grace.data = rs->proc.data = rs;
    rs->open_handles = 5;
    rs->out_open = rs->err_open = true;

    uv_stdio_container_t stdio[3];
    stdio[0].flags = UV_IGNORE;
    stdio[1].flags = UV_CREATE_PIPE | UV_WRITABLE_PIPE;
    stdio[1].data.stream = (uv_stream_t *)&rs->out;
    stdio[2].flags = UV_CREATE_PIPE | UV_WRITABLE_PIPE;
    stdio[2].data.stream = (uv_stream_t *)&rs->err;
    uv_process_options_t opt;
    memset(&opt, 0, sizeof opt);
    opt.file = spec->argv[0];
    opt.args = spec->argv;
    opt.env = spec->env;
    opt.cwd = spec->cwd;
    opt.flags = UV_PROCESS_DETACHED; /* setsid: its own session and group */
    opt.stdio_count = 3;
    opt.stdio = stdio;
    opt.exit_cb = exit_cb;
    if (b->on_start)
        b->on_start(index, b->ud);
    rs->started = now_seconds();
    int rc = uv_spawn(&b->loop, &rs->proc, &opt);
    if (rc != 0) {
        rs->result.spawn_error = xasprintf("cannot start %s: %s", spec->argv[0], uv_strerror(rc));
        rs->exited = true;
        close_pipe(rs, &rs->out);
        close_pipe(rs, &rs->err);
        maybe_done(rs);
        return;
    }
    rs->spawned = true;
    rs->pid = rs->proc.pid;
    uv_read_start((uv_stream_t *)&rs->out, alloc_cb, read_cb);
    uv_read_start((uv_stream_t *)&rs->err, alloc_cb, read_cb);
    uv_timer_start(&rs->deadline, deadline_cb, (uint64_t)(spec->deadline * 1000.0), 0);
}

static void stop_batch_handles(batch *b)
{
    for (int i = 0; i < 3; i++)
        if (!uv_is_closing((uv_handle_t *)&b->sigs[i]))
            uv_close((uv_handle_t *)&b->sigs[i], NULL);
    if (!uv_is_closing((uv_handle_t *)&b->sweep))
        uv_close((uv_handle_t *)&b->sweep, NULL);
}

static void start_next(batch *b)
{
    while (!b->interrupted && b->next < b->n && b->active < (size_t)b->parallel) {
        int slot = 0;
        while (b->running[slot])
            slot++;
        start_run(b, b->next++, slot);
    }
    if (b->active == 0 && (b->next >= b->n || b->interrupted))
        stop_batch_handles(b);
}

static void signal_cb(uv_signal_t *s, int signum)
{
    batch *b = s->data;
    (void)signum;
    if (b->interrupted)
        return;
    b->interrupted = true;
    for (int i = 0; i < b->parallel; i++) {
        run_state *rs = b->running[i];
        if (rs && !rs->exited) {
            rs->result.interrupted = true;
            kill_run(rs);
        }
    }
    start_next(b);
}

static void sweep_cb(uv_timer_t *t)
{
    sweep_orphans(t->data);
}

bool run_all(const run_spec *specs, size_t n, int parallel, run_start_fn on_start,
             run_done_fn on_done, void *ud)
{
    batch *b = xcalloc(1, sizeof *b);
    uv_loop_init(&b->loop);
    b->specs = specs;
    b->n = n;
    b->parallel = parallel < 1 ? 1 : parallel;
    b->running = xcalloc((size_t)b->parallel, sizeof *b->running);
    b->on_start = on_start;
    b->on_done = on_done;
    b->ud = ud;
    const int signums[3] = {SIGINT, SIGTERM, SIGHUP};
    for (int i = 0; i < 3; i++) {
        uv_signal_init(&b->loop, &b->sigs[i]);
        b->sigs[i].data = b;
        uv_signal_start(&b->sigs[i], signal_cb, signums[i]);
    }
    uv_timer_init(&b->loop, &b->sweep);
    b->sweep.data = b;
    uv_timer_start(&b->sweep, sweep_cb, 250, 250);
    start_next(b);
    uv_run(&b->loop, UV_RUN_DEFAULT);
    /* a last sweep for anything orphaned at the very end */
    for (int i = 0; i < 20 && proc_reap_orphans(NULL, 0) > 0; i++)
        ;
    bool completed = !b->interrupted;
    uv_loop_close(&b->loop);
    free(b->running);
    free(b);
    return completed;
}
