/* The error indicator lives in a thread-local slot: every thread has its
 * own current exception, as in CPython's thread state. */
#include "errors.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exceptions.h"
#include "strobject.h"
#include "tupleobject.h"

static _Thread_local RObject *current_exception;

void r_err_restore(RObject *exc)
{
    RObject *old = current_exception;
    current_exception = exc;
    R_XDECREF(old);
}

RObject *r_err_fetch(void)
{
    RObject *exc = current_exception;
    current_exception = NULL;
    return exc;
}

RObject *r_err_peek(void)
{
    return current_exception;
}

bool r_err_occurred(void)
{
    return current_exception != NULL;
}

void r_err_clear(void)
{
    r_err_restore(NULL);
}

bool r_err_matches(RType *type)
{
    return current_exception && r_type_is_subtype(R_TYPE(current_exception), type);
}

void r_err_set_object(RType *type, RObject *value)
{
    RObject *args;
    if (!value)
        args = r_tuple_empty();
    else if (R_TUPLE_CHECK(value))
        args = r_incref(value);
    else
        args = r_tuple_pack(1, value);
    if (!args)
        return;
    /* an exception raised while another is being handled gets it as context */
    RObject *exc = r_exc_new(type, args);
    R_DECREF(args);
    if (!exc)
        return;
    r_err_restore(exc);
}

void r_err_set_string(RType *type, const char *message)
{
    RObject *s = r_str_from_cstr(message);
    if (!s)
        return;
    r_err_set_object(type, s);
    R_DECREF(s);
}

RObject *r_err_no_memory(void)
{
    r_err_set_object(r_exc_MemoryError, NULL);
    return NULL;
}

static void append_object_text(r_str_builder *b, RObject *o, bool use_repr)
{
    RObject *s = use_repr ? r_repr(o) : r_str(o);
    if (!s) {
        r_err_clear();
        r_sb_append_cstr(b, "<unprintable object>");
        return;
    }
    r_sb_append_str(b, s);
    R_DECREF(s);
}

RObject *r_str_from_vformat(const char *fmt, va_list ap)
{
    r_str_builder b;
    r_sb_init(&b);
    /* Keep an exception set before formatting: %R may call Python code. */
    RObject *saved = r_err_fetch();
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') {
            r_sb_append(&b, p, 1);
            continue;
        }
        p++;
        char spec[16] = "%";
        size_t k = 1;
        while (*p && strchr("-#0123456789.lz", *p) && k < sizeof spec - 2)
            spec[k++] = *p++;
        spec[k++] = *p;
        spec[k] = '\0';
        char buf[64];
        switch (*p) {
        case '%':
            r_sb_append(&b, "%", 1);
            break;
        case 's': {
            const char *s = va_arg(ap, const char *);
            if (k == 2) {
                r_sb_append_cstr(&b, s ? s : "(null)");
            } else {
                /* a precision such as %.200s limits the bytes kept */
                int n = snprintf(NULL, 0, spec, s);
                char *tmp = malloc((size_t)n + 1);
                if (tmp) {
                    snprintf(tmp, (size_t)n + 1, spec, s);
                    r_sb_append_cstr(&b, tmp);
                    free(tmp);
                }
            }
            break;
        }
        case 'c':
            buf[0] = (char)va_arg(ap, int);
            r_sb_append(&b, buf, 1);
            break;
        case 'd':
        case 'i':
        case 'u':
        case 'x':
            if (strstr(spec, "ll"))
                snprintf(buf, sizeof buf, spec, va_arg(ap, long long));
            else if (strchr(spec, 'l'))
                snprintf(buf, sizeof buf, spec, va_arg(ap, long));
            else if (strchr(spec, 'z'))
                snprintf(buf, sizeof buf, spec, va_arg(ap, size_t));
            else
                snprintf(buf, sizeof buf, spec, va_arg(ap, int));
            r_sb_append_cstr(&b, buf);
            break;
        case 'p':
            snprintf(buf, sizeof buf, "%p", va_arg(ap, void *));
            r_sb_append_cstr(&b, buf);
            break;
        case 'U':
            r_sb_append_str(&b, va_arg(ap, RObject *));
            break;
        case 'R':
            append_object_text(&b, va_arg(ap, RObject *), true);
            break;
        case 'S':
            append_object_text(&b, va_arg(ap, RObject *), false);
            break;
        case 'T': {
            RObject *o = va_arg(ap, RObject *);
            const char *name = R_TYPE(o)->name;
            const char *dot = strrchr(name, '.');
            /* CPython's %T names heap types by their __name__ and static
             * types by tp_name as written */
            r_sb_append_cstr(&b, (R_TYPE(o)->flags & R_TPFLAGS_HEAPTYPE) && dot ? dot + 1 : name);
            break;
        }
        case 'V': {
            RObject *o = va_arg(ap, RObject *);
            const char *fallback = va_arg(ap, const char *);
            if (o)
                r_sb_append_str(&b, o);
            else
                r_sb_append_cstr(&b, fallback);
            break;
        }
        default:
            r_sb_append(&b, spec, k);
            break;
        }
        if (!*p)
            break;
    }
    r_err_restore(saved);
    return r_sb_finish(&b);
}

RObject *r_str_from_format(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    RObject *s = r_str_from_vformat(fmt, ap);
    va_end(ap);
    return s;
}

RObject *r_err_vformat(RType *type, const char *fmt, va_list ap)
{
    RObject *msg = r_str_from_vformat(fmt, ap);
    if (!msg)
        return NULL;
    r_err_set_object(type, msg);
    R_DECREF(msg);
    return NULL;
}

RObject *r_err_format(RType *type, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    r_err_vformat(type, fmt, ap);
    va_end(ap);
    return NULL;
}
