/* The selector's part of the loop, on libuv: selector.select(timeout) is
 * one uv_run over a libuv loop that watches the wake-up eventfd (the
 * self-pipe of selector_events.py) and, when a timeout is given, one
 * uv_timer armed for it, rounded up to whole milliseconds as epoll's
 * select() rounds it. The eventfd is always watched, so with no timer the
 * poll blocks until call_soon_threadsafe writes to it: a plain call_soon
 * from another thread does not wake the loop, as in CPython. The eventfd
 * is watched by uv_poll rather than signalled with uv_async_send, whose
 * receiver spins in Debian's libuv 1.44. The GIL is released while
 * polling. */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "aio.h"
#include "errors.h"
#include "exceptions.h"
#include "gil.h"

/* _read_from_self: drain the wake-up bytes */
static void on_wakeup(uv_poll_t *poll, int status, int events)
{
    (void)status;
    (void)events;
    AioLoop *L = poll->data;
    uint64_t count;
    while (read(L->wakeup_fd, &count, sizeof count) == (ssize_t)sizeof count)
        ;
}

static void on_timeout(uv_timer_t *timer)
{
    (void)timer; /* only ends the uv_run */
}

int aio_poll_open(AioLoop *L)
{
    L->wakeup_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (L->wakeup_fd < 0) {
        r_err_format(r_exc_OSError, "eventfd: %s", uv_strerror(uv_translate_sys_error(errno)));
        return -1;
    }
    int rc = uv_loop_init(&L->uv);
    if (rc == 0) {
        uv_timer_init(&L->uv, &L->timeout_timer);
        rc = uv_poll_init(&L->uv, &L->wakeup_poll, L->wakeup_fd);
        if (rc == 0) {
            L->wakeup_poll.data = L;
            rc = uv_poll_start(&L->wakeup_poll, UV_READABLE, on_wakeup);
        }
    }
    if (rc != 0) {
        r_err_format(r_exc_OSError, "libuv: %s", uv_strerror(rc));
        close(L->wakeup_fd);
        L->wakeup_fd = -1;
        return -1;
    }
    L->uv_open = true;
    L->stall.what = "the event loop's wake-up (call_soon_threadsafe)";
    atomic_init(&L->stall.stalled, 0);
    return 0;
}

void aio_poll_close(AioLoop *L)
{
    if (!L->uv_open)
        return;
    L->uv_open = false;
    uv_close((uv_handle_t *)&L->wakeup_poll, NULL);
    uv_close((uv_handle_t *)&L->timeout_timer, NULL);
    uv_run(&L->uv, UV_RUN_NOWAIT); /* runs the close callbacks */
    uv_loop_close(&L->uv);
    close(L->wakeup_fd);
    L->wakeup_fd = -1;
}

void aio_poll_wait(AioLoop *L, double timeout)
{
    if (!L->uv_open)
        return;
    uv_run_mode mode = UV_RUN_ONCE;
    if (timeout == 0) {
        mode = UV_RUN_NOWAIT;
    } else if (timeout > 0) {
        /* epoll's select rounds a timeout up to whole milliseconds */
        double ms = ceil(timeout * 1e3);
        uv_update_time(&L->uv);
        uv_timer_start(&L->timeout_timer, on_timeout, (uint64_t)ms, 0);
    }
    /* with no timer armed only another thread can end this wait; it must
     * take the GIL to call call_soon_threadsafe, so stalling before the
     * GIL is released orders the stall before any give */
    bool stalls = timeout < 0;
    if (stalls)
        r_progress_stall(&L->stall);
    r_gil_release();
    uv_run(&L->uv, mode);
    r_gil_acquire();
    if (stalls)
        r_progress_resume();
    uv_timer_stop(&L->timeout_timer);
}

void aio_poll_wakeup(AioLoop *L)
{
    /* _write_to_self(): a closed loop has no self-pipe any more */
    if (L->wakeup_fd < 0)
        return;
    uint64_t one = 1;
    r_progress_give(&L->stall, -1);
    ssize_t n = write(L->wakeup_fd, &one, sizeof one);
    (void)n; /* EAGAIN: the counter is full, the loop wakes anyway */
}
