/* refpy-dis FILE: compiles a case file and prints the disassembly of every
 * code object in it (or the SyntaxError, as CPython prints it). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compiler.h"
#include "dis.h"
#include "objects_init.h"

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *grown = realloc(buf, cap *= 2);
            if (!grown) {
                free(buf);
                buf = NULL;
            }
            buf = grown;
        }
    }
    fclose(f);
    *len = n;
    return buf;
}

static void usage(FILE *out)
{
    fprintf(out, "usage: refpy-dis [--positions] [--header] FILE\n"
                 "Prints the bytecode refpy compiles FILE to: every code object, each\n"
                 "instruction with its line; --positions adds line:col-end_line:end_col,\n"
                 "--header each code object's names, arguments, flags and stack size.\n");
}

int main(int argc, char **argv)
{
    DisOptions options = {.recursive = true};
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--positions") == 0) {
            options.positions = true;
        } else if (strcmp(argv[i], "--header") == 0) {
            options.header = true;
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (!path && argv[i][0] != '-') {
            path = argv[i];
        } else {
            usage(stderr);
            return 2;
        }
    }
    if (!path) {
        usage(stderr);
        return 2;
    }
    size_t len;
    char *source = read_file(path, &len);
    if (!source) {
        fprintf(stderr, "refpy-dis: cannot read %s\n", path);
        return 2;
    }
    if (r_objects_init() < 0) {
        fprintf(stderr, "refpy-dis: the object layer failed to start\n");
        free(source);
        return 2;
    }
    SyntaxErrorInfo error;
    RObject *code = compile_source(source, len, path, &error);
    free(source);
    if (!code) {
        syntax_error_print(&error, stderr);
        syntax_error_clear(&error);
        return 1;
    }
    dis_code((const RCode *)code, &options, stdout);
    R_DECREF(code);
    return 0;
}
