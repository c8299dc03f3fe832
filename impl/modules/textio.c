#include "textio.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "boolobject.h"
#include "descrobject.h"
#include "errors.h"
#include "exceptions.h"
#include "intobject.h"
#include "strobject.h"

#define TEXTIO_BUFFER 8192

typedef struct {
    RObject ob;
    int fd;
    bool line_buffered;
    bool closed;
    char *name;
    char *buf;
    size_t len;
} RTextIO;

static int flush_buffer(RTextIO *t)
{
    size_t off = 0;
    while (off < t->len) {
        ssize_t n = write(t->fd, t->buf + off, t->len - off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            t->len = 0;
            r_err_format(r_exc_OSError, "[Errno %d] %s", errno, strerror(errno));
            return -1;
        }
        off += (size_t)n;
    }
    t->len = 0;
    return 0;
}

int r_textio_flush(RObject *stream)
{
    return flush_buffer((RTextIO *)stream);
}

int r_textio_write_cstr(RObject *stream, const char *s, size_t n)
{
    RTextIO *t = (RTextIO *)stream;
    if (t->closed) {
        r_err_set_string(r_exc_ValueError, "I/O operation on closed file.");
        return -1;
    }
    if (t->len + n > TEXTIO_BUFFER && flush_buffer(t) < 0)
        return -1;
    if (n > TEXTIO_BUFFER) {
        /* a large write goes straight through, as a BufferedWriter's does */
        char *saved = t->buf;
        t->buf = (char *)s;
        t->len = n;
        int rc = flush_buffer(t);
        t->buf = saved;
        return rc;
    }
    memcpy(t->buf + t->len, s, n);
    t->len += n;
    if (t->line_buffered && memchr(s, '\n', n))
        return flush_buffer(t);
    return 0;
}

RObject *r_textio_new(int fd, const char *name, bool line_buffered)
{
    RTextIO *t = (RTextIO *)r_alloc(&r_textio_type);
    if (!t)
        return NULL;
    t->fd = fd;
    t->line_buffered = line_buffered || isatty(fd);
    t->name = strdup(name);
    t->buf = malloc(TEXTIO_BUFFER);
    if (!t->name || !t->buf) {
        R_DECREF(t);
        return r_err_no_memory();
    }
    return (RObject *)t;
}

static void textio_dealloc(RObject *o)
{
    RTextIO *t = (RTextIO *)o;
    if (t->buf && t->len)
        flush_buffer(t);
    free(t->buf);
    free(t->name);
    r_free(o);
}

static RObject *textio_write(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    if (r_check_no_kwargs("write", kw) < 0 || r_check_nargs("write", nargs, 1, 1) < 0)
        return NULL;
    if (!R_STR_CHECK(args[0]))
        return r_err_format(r_exc_TypeError, "write() argument must be str, not %s",
                            R_TYPE(args[0])->name);
    if (r_textio_write_cstr(self, r_str_utf8(args[0]), (size_t)r_str_size(args[0])) < 0)
        return NULL;
    return r_int_from_i64(r_str_length(args[0]));
}

static RObject *textio_flush_method(RObject *self, RObject *const *args, size_t nargs,
                                    RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("flush", kw) < 0 || r_check_nargs("flush", nargs, 0, 0) < 0)
        return NULL;
    if (flush_buffer((RTextIO *)self) < 0)
        return NULL;
    R_RETURN_NONE;
}

static RObject *textio_isatty(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    (void)nargs;
    (void)kw;
    return r_bool_from_long(isatty(((RTextIO *)self)->fd));
}

static RObject *textio_fileno(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    (void)nargs;
    (void)kw;
    return r_int_from_i64(((RTextIO *)self)->fd);
}

static RObject *textio_repr(RObject *self)
{
    return r_str_from_format("<_io.TextIOWrapper name='%s' mode='w' encoding='utf-8'>",
                             ((RTextIO *)self)->name);
}

static const r_method_def textio_methods[] = {
    {"write", textio_write, 0, NULL},
    {"flush", textio_flush_method, 0, NULL},
    {"isatty", textio_isatty, 0, NULL},
    {"fileno", textio_fileno, 0, NULL},
    {NULL, NULL, 0, NULL},
};

RType r_textio_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "_io.TextIOWrapper",
    .basicsize = sizeof(RTextIO),
    .dealloc = textio_dealloc,
    .repr = textio_repr,
    .getattro = r_generic_getattr,
    .methods = textio_methods,
};
