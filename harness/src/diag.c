#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>

void diag_add(diagnostics *d, const char *file, int line, int col, const char *fmt, ...)
{
    strbuf sb;
    sb_init(&sb);
    sb_printf(&sb, "%s:%d:%d: ", file, line < 1 ? 1 : line, col < 1 ? 1 : col);
    va_list ap;
    va_start(ap, fmt);
    char *msg = xvasprintf(fmt, ap);
    va_end(ap);
    sb_puts(&sb, msg);
    free(msg);
    sl_push_owned(&d->messages, sb_take(&sb));
}

void diag_print(const diagnostics *d, FILE *out)
{
    for (size_t i = 0; i < d->messages.n; i++)
        fprintf(out, "%s\n", d->messages.items[i]);
}

void diag_free(diagnostics *d)
{
    sl_free(&d->messages);
}
