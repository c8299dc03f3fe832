/* sys.stdout and sys.stderr: text streams over a file descriptor with
 * CPython's buffering (line-buffered on a terminal, blocks of 8 KiB
 * otherwise; stderr always line-buffered), since when output reaches the
 * pipe decides what a killed or crashing program leaves behind. */
#ifndef REFPY_TEXTIO_H
#define REFPY_TEXTIO_H

#include "object.h"

extern RType r_textio_type;

RObject *r_textio_new(int fd, const char *name, bool line_buffered);
int r_textio_write_cstr(RObject *stream, const char *s, size_t n);
int r_textio_flush(RObject *stream);

#endif
