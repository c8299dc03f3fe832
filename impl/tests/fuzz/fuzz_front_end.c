/* libFuzzer target for the front end: any bytes go through the source
 * reader, the lexer and the parser, which must answer with a tree or a
 * SyntaxError, never a crash or a leak (ASan watches both). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "arena.h"
#include "parser.h"
#include "source.h"
#include "syntax_error.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    SyntaxErrorInfo err = {0};
    char *text = NULL;
    int text_len = 0;
    if (source_prepare((const char *)data, size, "fuzz.py", &text, &text_len, &err)) {
        AstArena *arena = arena_new();
        if (arena) {
            parse_module(arena, text, (size_t)text_len, "fuzz.py", &err);
            arena_free(arena);
        }
        free(text);
    }
    syntax_error_clear(&err);
    return 0;
}
