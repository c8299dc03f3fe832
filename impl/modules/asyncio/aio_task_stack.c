/* base_tasks.py: Task.get_stack() and Task.print_stack(). The stack is
 * found through the attributes Python code reads (cr_frame or gi_frame or
 * ag_frame, f_back, __traceback__, tb_frame, tb_next), so every kind of
 * coroutine a task may drive is walked the same way; print_stack formats
 * as traceback.print_list() and format_exception_only() do. */
#include "aio.h"
#include "builtins.h"
#include "descrobject.h"
#include "dictobject.h"
#include "errors.h"
#include "intobject.h"
#include "listobject.h"
#include "moduleobject.h"
#include "strobject.h"
#include "traceback_print.h"
#include "tupleobject.h"

/* `if limit is not None: if limit <= 0: break; limit -= 1`: 1 to stop,
 * 0 to go on, -1 on error (a limit that is no number fails as there) */
static int limit_spent(RObject **limit)
{
    if (*limit == R_NONE)
        return 0;
    RObject *zero = r_int_from_i64(0);
    int le = zero ? r_richcompare_bool(*limit, zero, R_LE) : -1;
    R_XDECREF(zero);
    if (le != 0)
        return le;
    RObject *one = r_int_from_i64(1);
    RObject *next = one ? r_number_binop(*limit, one, offsetof(RType, nb_subtract), "-=") : NULL;
    R_XDECREF(one);
    if (!next)
        return -1;
    R_SETREF(*limit, next);
    return 0;
}

/* Appends o.attr while it is not None, o then being o.next_attr. */
static int walk(RObject *list, RObject *start, const char *item_attr, const char *next_attr,
                RObject **limit)
{
    RObject *o = r_incref(start);
    int rc = 0;
    while (o != R_NONE) {
        int spent = limit_spent(limit);
        if (spent) {
            rc = spent < 0 ? -1 : 0;
            break;
        }
        RObject *item = item_attr ? r_getattr_cstr(o, item_attr) : r_incref(o);
        rc = item ? r_list_append(list, item) : -1;
        R_XDECREF(item);
        RObject *next = rc == 0 ? r_getattr_cstr(o, next_attr) : NULL;
        if (!next) {
            rc = -1;
            break;
        }
        R_SETREF(o, next);
    }
    R_DECREF(o);
    return rc;
}

RObject *aio_task_get_stack(AioTask *task, RObject *limit)
{
    RObject *frames = r_list_new(0);
    if (!frames)
        return NULL;
    R_INCREF(limit);
    RObject *coro = task->coro ? task->coro : R_NONE;
    RObject *f = NULL;
    static const char *const frame_attrs[] = {"cr_frame", "gi_frame", "ag_frame"};
    for (int i = 0; i < 3 && !f; i++)
        if (r_lookup_attr(coro, r_str_intern(frame_attrs[i]), &f) < 0)
            goto fail;
    int rc = 0;
    if (f && f != R_NONE) {
        /* the frame and its callers, outermost first */
        if ((rc = walk(frames, f, NULL, "f_back", &limit)) == 0) {
            RList *l = (RList *)frames;
            for (ssize_t i = 0, j = l->size - 1; i < j; i++, j--) {
                RObject *t = l->items[i];
                l->items[i] = l->items[j];
                l->items[j] = t;
            }
        }
    } else if (AIO_FUT_EXCEPTION(&task->fut)) {
        RObject *tb = r_getattr_cstr(AIO_FUT_EXCEPTION(&task->fut), "__traceback__");
        rc = tb ? walk(frames, tb, "tb_frame", "tb_next", &limit) : -1;
        R_XDECREF(tb);
    }
    R_XDECREF(f);
    if (rc < 0)
        goto fail;
    R_DECREF(limit);
    return frames;
fail:
    R_XDECREF(f);
    R_DECREF(limit);
    R_DECREF(frames);
    return NULL;
}

/* print(text, file=file, end=end) */
static int print_to(RObject *file, RObject *text, const char *end)
{
    RObject *r = r_call_method(file, "write", &text, 1);
    if (!r)
        return -1;
    R_DECREF(r);
    if (!*end)
        return 0;
    RObject *e = r_str_from_cstr(end);
    r = e ? r_call_method(file, "write", &e, 1) : NULL;
    R_XDECREF(e);
    R_XDECREF(r);
    return r ? 0 : -1;
}

/* One StackSummary.format() entry: the location, then the stripped line. */
static RObject *format_frame(RObject *frame)
{
    RObject *lineno = r_getattr_cstr(frame, "f_lineno");
    RObject *code = lineno ? r_getattr_cstr(frame, "f_code") : NULL;
    RObject *filename = code ? r_getattr_cstr(code, "co_filename") : NULL;
    RObject *name = filename ? r_getattr_cstr(code, "co_name") : NULL;
    RObject *res = NULL;
    if (name) {
        int64_t n = r_int_as_i64(lineno);
        RObject *line = n == -1 && r_err_occurred() ? NULL : r_source_line(filename, (int)n);
        r_err_clear();
        res = line ? r_str_from_format("  File \"%S\", line %S, in %S\n    %U\n", filename, lineno,
                                       name, line)
                   : r_str_from_format("  File \"%S\", line %S, in %S\n", filename, lineno, name);
        R_XDECREF(line);
    }
    R_XDECREF(lineno);
    R_XDECREF(code);
    R_XDECREF(filename);
    R_XDECREF(name);
    return res;
}

/* traceback.print_list(): after three identical entries in a row, the
 * rest of the run is one "[Previous line repeated N more times]" */
static int print_repeats(RObject *file, int count)
{
    if (count <= 3)
        return 0;
    RObject *note = r_str_from_format("  [Previous line repeated %d more time%s]\n", count - 3,
                                      count - 3 > 1 ? "s" : "");
    int rc = note ? print_to(file, note, "") : -1;
    R_XDECREF(note);
    return rc;
}

static int print_list(RObject *file, RObject *frames)
{
    RObject *last = NULL;
    int count = 0, rc = 0;
    for (ssize_t i = 0; rc == 0 && i < R_LIST_SIZE(frames); i++) {
        RObject *entry = format_frame(R_LIST_ITEMS(frames)[i]);
        int same = entry && last ? r_richcompare_bool(entry, last, R_EQ) : 0;
        if (!entry || same < 0) {
            R_XDECREF(entry);
            rc = -1;
            break;
        }
        if (!same) {
            rc = print_repeats(file, count);
            R_XDECREF(last);
            last = r_incref(entry);
            count = 0;
        }
        count++;
        if (rc == 0 && count <= 3)
            rc = print_to(file, entry, "");
        R_DECREF(entry);
    }
    if (rc == 0)
        rc = print_repeats(file, count);
    R_XDECREF(last);
    return rc;
}

int aio_task_print_stack(AioTask *task, RObject *limit, RObject *file)
{
    RObject *frames = NULL, *header = NULL;
    int rc = -1;
    if (file == R_NONE) {
        RObject *sys = r_builtins_sys_module();
        file = sys ? r_dict_get_item_cstr(r_module_dict(sys), "stderr") : NULL;
        if (!file || file == R_NONE)
            return 0; /* print(file=None) without a sys.stderr prints nothing */
    }
    R_INCREF(file);
    /* task.get_stack(limit=limit), through the method a subclass may replace */
    RObject *get_stack = r_getattr_cstr((RObject *)task, "get_stack");
    RObject *kw = get_stack ? r_tuple_pack(1, r_str_intern("limit")) : NULL;
    frames = kw ? r_call(get_stack, &limit, 0, kw) : NULL;
    R_XDECREF(kw);
    R_XDECREF(get_stack);
    if (!frames)
        goto out;
    if (!R_LIST_CHECK(frames)) {
        /* for f in task.get_stack(...): any iterable a subclass returns */
        RObject *l = r_list_new(0);
        RObject *more = l ? r_list_inplace_concat(l, frames) : NULL;
        R_DECREF(frames);
        frames = more;
        R_XDECREF(l);
        if (!frames)
            goto out;
    }
    RObject *exc = AIO_FUT_EXCEPTION(&task->fut);
    const char *kind = R_LIST_SIZE(frames) == 0 ? "No stack for %R"
                       : exc                    ? "Traceback for %R (most recent call last):"
                                                : "Stack for %R (most recent call last):";
    header = r_str_from_format(kind, (RObject *)task);
    if (!header || print_to(file, header, "\n") < 0 || print_list(file, frames) < 0)
        goto out;
    if (exc) {
        /* traceback.format_exception_only(type(exc), exc) */
        RObject *label = r_exception_type_label(exc);
        RObject *text = label ? r_str(exc) : NULL;
        RObject *line = !text ? NULL
                        : r_str_size(text) ? r_str_from_format("%U: %U\n", label, text)
                                           : r_str_from_format("%U\n", label);
        int prc = line ? print_to(file, line, "") : -1;
        R_XDECREF(label);
        R_XDECREF(text);
        R_XDECREF(line);
        if (prc < 0)
            goto out;
    }
    rc = 0;
out:
    R_XDECREF(frames);
    R_XDECREF(header);
    R_DECREF(file);
    return rc;
}
