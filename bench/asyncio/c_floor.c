/* The floor for bench/run-asyncio.sh: the asyncio workloads written as
 * plain C state machines on libuv, with the same number of scheduled
 * callbacks as asyncio makes (a ready queue run in batches, one batch per
 * loop iteration, as asyncio's _run_once). Prints "NAME value" lines:
 * operations per second, and for pending_tasks the task count.
 * Build: cc -O2 c_floor.c -luv */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <uv.h>

/* ---- a ready queue drained once per loop iteration ---- */

typedef void (*callback)(void *arg);
typedef struct {
    callback fn;
    void *arg;
} handle;

static handle *ready;
static size_t ready_head, ready_len, ready_cap;
static uv_loop_t *loop;
static uv_idle_t idler; /* keeps the poll from blocking while work is ready */

static void call_soon(callback fn, void *arg)
{
    if (ready_len == ready_cap) {
        size_t cap = ready_cap ? ready_cap * 2 : 1024;
        handle *grown = malloc(cap * sizeof *grown);
        for (size_t i = 0; i < ready_len; i++)
            grown[i] = ready[(ready_head + i) % ready_cap];
        free(ready);
        ready = grown;
        ready_head = 0;
        ready_cap = cap;
    }
    ready[(ready_head + ready_len) % ready_cap] = (handle){fn, arg};
    if (ready_len++ == 0)
        uv_idle_start(&idler, NULL);
}

static void run_batch(uv_idle_t *h)
{
    (void)h;
    size_t n = ready_len; /* callbacks queued now run in the next batch */
    for (size_t i = 0; i < n; i++) {
        handle cb = ready[ready_head];
        ready_head = (ready_head + 1) % ready_cap;
        ready_len--;
        cb.fn(cb.arg);
    }
    if (ready_len == 0)
        uv_idle_stop(&idler);
}

static void run_loop(void)
{
    while (ready_len || uv_loop_alive(loop)) {
        if (ready_len)
            run_batch(&idler);
        else
            uv_run(loop, UV_RUN_ONCE);
    }
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- a gather: a counter and the callback that resumes the waiter ---- */

typedef struct gather {
    long pending;
    callback done;
    void *done_arg;
} gather;

static void gather_child_done(void *arg)
{
    gather *g = arg;
    if (--g->pending == 0)
        call_soon(g->done, g->done_arg);
}

/* ---- 100k tasks each awaiting sleep(0) ---- */

typedef struct {
    int step;
    gather *parent;
} sleeper;

static void sleeper_step(void *arg)
{
    sleeper *t = arg;
    if (t->step++ == 0)
        call_soon(sleeper_step, t); /* sleep(0): yield once */
    else
        call_soon(gather_child_done, t->parent);
}

static int gather_finished;
static void mark_finished(void *arg)
{
    (void)arg;
    gather_finished = 1;
}

static double bench_gather(long n)
{
    sleeper *tasks = calloc((size_t)n, sizeof *tasks);
    gather g = {n, mark_finished, NULL};
    gather_finished = 0;
    double start = now();
    for (long i = 0; i < n; i++) {
        tasks[i].parent = &g;
        call_soon(sleeper_step, &tasks[i]);
    }
    run_loop();
    double elapsed = now() - start;
    free(tasks);
    return gather_finished ? (double)n / elapsed : 0;
}

/* ---- the tree: ten children per node, five levels ---- */

typedef struct node {
    int depth;
    long leaves;
    gather children;
    struct node *parent;
    struct node *kids;
} node;

static void node_start(void *arg);

static void node_children_done(void *arg)
{
    node *n = arg;
    for (int i = 0; i < 10; i++)
        n->leaves += n->kids[i].leaves;
    free(n->kids);
    if (n->parent)
        call_soon(gather_child_done, &n->parent->children);
}

static void node_start(void *arg)
{
    node *n = arg;
    if (n->depth == 0) {
        n->leaves = 1;
        call_soon(gather_child_done, &n->parent->children);
        return;
    }
    n->kids = calloc(10, sizeof *n->kids);
    n->children = (gather){10, node_children_done, n};
    for (int i = 0; i < 10; i++) {
        n->kids[i].depth = n->depth - 1;
        n->kids[i].parent = n;
        call_soon(node_start, &n->kids[i]);
    }
}

static double bench_tree(void)
{
    node root = {.depth = 5};
    double start = now();
    call_soon(node_start, &root);
    run_loop();
    double elapsed = now() - start;
    return root.leaves == 100000 ? (double)root.leaves / elapsed : 0;
}

/* ---- a chain of call_soon ---- */

static long chain_left;
static void chain_step(void *arg)
{
    if (--chain_left)
        call_soon(chain_step, arg);
}

static double bench_chain(long n)
{
    chain_left = n;
    double start = now();
    call_soon(chain_step, NULL);
    run_loop();
    return (double)n / (now() - start);
}

/* ---- two state machines handing a future back and forth ---- */

typedef struct player {
    long rounds;
    struct player *other;
    int waiting; /* parked on its future */
} player;

static long handoffs;
static void player_step(void *arg);

/* set_result on the other's future: its wake-up is scheduled */
static void resolve(player *p)
{
    handoffs++;
    if (p->waiting) {
        p->waiting = 0;
        call_soon(player_step, p);
    }
}

static void player_step(void *arg)
{
    player *p = arg;
    if (p->rounds-- == 0)
        return;
    p->waiting = 1; /* await mine: resumed by the other's set_result */
    resolve(p->other);
}

static double bench_handoff(long rounds)
{
    player a = {rounds, NULL, 0}, b = {rounds, NULL, 0};
    a.other = &b;
    b.other = &a;
    handoffs = 0;
    double start = now();
    b.waiting = 1;
    call_soon(player_step, &a);
    run_loop();
    return (double)handoffs / (now() - start);
}

/* ---- run_in_executor: libuv's thread pool, one job at a time ---- */

static long executor_left;
static uv_work_t work_req;
static void do_work(uv_work_t *req)
{
    (void)req;
}
static void after_work(uv_work_t *req, int status);
static void submit_next(void *arg)
{
    (void)arg;
    uv_queue_work(loop, &work_req, do_work, after_work);
}
static void after_work(uv_work_t *req, int status)
{
    (void)req;
    (void)status;
    if (--executor_left)
        call_soon(submit_next, NULL); /* the awaiting coroutine resumes, submits again */
}

static double bench_executor(long n)
{
    executor_left = n;
    double start = now();
    call_soon(submit_next, NULL);
    run_loop();
    return (double)n / (now() - start);
}

/* ---- 100k pending tasks (peak memory is read by the runner) ---- */

static long bench_pending(long n)
{
    sleeper *tasks = calloc((size_t)n, sizeof *tasks);
    gather g = {n, mark_finished, NULL};
    for (long i = 0; i < n; i++) {
        tasks[i].parent = &g;
        call_soon(sleeper_step, &tasks[i]);
    }
    run_loop();
    free(tasks);
    return n;
}

int main(int argc, char **argv)
{
    loop = uv_default_loop();
    uv_idle_init(loop, &idler);
    uv_unref((uv_handle_t *)&idler);
    (void)argv;
    if (argc > 1) { /* just the memory workload */
        printf("pending_tasks %ld\n", bench_pending(100000));
        return 0;
    }
    printf("gather_sleep0 %.0f\n", bench_gather(100000));
    printf("tree %.0f\n", bench_tree());
    printf("call_soon_chain %.0f\n", bench_chain(1000000));
    printf("future_handoff %.0f\n", bench_handoff(500000));
    printf("run_in_executor %.0f\n", bench_executor(50000));
    return 0;
}
