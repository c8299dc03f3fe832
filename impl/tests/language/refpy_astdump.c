/* refpy-astdump FILE: prints the AST of FILE as CPython 3.12's
 * `ast.dump(ast.parse(source), include_attributes=True)` does. On a
 * SyntaxError it prints one line `Type|msg|lineno|offset|end_lineno|end_offset`
 * on stdout (for differential tests) and CPython's report on stderr. Exit
 * status 0 either way, 2 when the file cannot be read: any other status is
 * a crash or a sanitizer's report. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "ast_dump.h"
#include "parser.h"

static char *read_file(const char *path, size_t *len) {
    FILE *file = fopen(path, "rb");
    if (!file) {
        return NULL;
    }
    size_t cap = 4096, n = 0;
    char *data = malloc(cap);
    while (data) {
        size_t got = fread(data + n, 1, cap - n, file);
        n += got;
        if (n < cap) {
            break;
        }
        char *grown = realloc(data, cap * 2);
        if (!grown) {
            free(data);
            data = NULL;
            break;
        }
        data = grown;
        cap *= 2;
    }
    fclose(file);
    *len = n;
    return data;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: refpy-astdump FILE\n");
        return 2;
    }
    size_t len;
    char *source = read_file(argv[1], &len);
    if (!source) {
        perror(argv[1]);
        return 2;
    }
    AstArena *arena = arena_new();
    SyntaxErrorInfo error;
    AstModule *module = arena ? parse_module(arena, source, len, argv[1], &error) : NULL;
    int status = 0;
    if (module) {
        char *dump = ast_dump_module(module);
        if (dump) {
            puts(dump);
            free(dump);
        } else {
            fprintf(stderr, "refpy-astdump: out of memory, or the tree is too deep to dump\n");
            status = 2;
        }
    } else if (arena) {
        printf("%s|%s|%d|%d|%d|%d\n", syntax_error_type_name(error.type), error.msg,
               error.lineno, error.offset, error.end_lineno, error.end_offset);
        syntax_error_print(&error, stderr);
        syntax_error_clear(&error);
    }
    arena_free(arena);
    free(source);
    return status;
}
