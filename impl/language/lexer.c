/* Tokenizer core: physical and logical lines, indentation, brackets,
 * operators and names, after CPython 3.12's Parser/tokenizer.c. Literals are
 * in lexer_literals.c. */
#include "lexer_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct KeywordEntry {
    const char *word;
    TokenType type;
} KeywordEntry;

static const KeywordEntry keywords[] = {
    {"False", TOK_FALSE}, {"None", TOK_NONE}, {"True", TOK_TRUE}, {"and", TOK_AND},
    {"as", TOK_AS}, {"assert", TOK_ASSERT}, {"async", TOK_ASYNC}, {"await", TOK_AWAIT},
    {"break", TOK_BREAK}, {"class", TOK_CLASS}, {"continue", TOK_CONTINUE},
    {"def", TOK_DEF}, {"del", TOK_DEL}, {"elif", TOK_ELIF}, {"else", TOK_ELSE},
    {"except", TOK_EXCEPT}, {"finally", TOK_FINALLY}, {"for", TOK_FOR},
    {"from", TOK_FROM}, {"global", TOK_GLOBAL}, {"if", TOK_IF}, {"import", TOK_IMPORT},
    {"in", TOK_IN}, {"is", TOK_IS}, {"lambda", TOK_LAMBDA}, {"nonlocal", TOK_NONLOCAL},
    {"not", TOK_NOT}, {"or", TOK_OR}, {"pass", TOK_PASS}, {"raise", TOK_RAISE},
    {"return", TOK_RETURN}, {"try", TOK_TRY}, {"while", TOK_WHILE}, {"with", TOK_WITH},
    {"yield", TOK_YIELD},
};

typedef struct OperatorEntry {
    const char *text;
    TokenType type;
} OperatorEntry;

/* Longest first, so "**=" wins over "**" and "*". */
static const OperatorEntry operators[] = {
    {"**=", TOK_DOUBLESTAREQUAL}, {"//=", TOK_DOUBLESLASHEQUAL}, {">>=", TOK_RIGHTSHIFTEQUAL},
    {"<<=", TOK_LEFTSHIFTEQUAL}, {"...", TOK_ELLIPSIS},
    {"!=", TOK_NOTEQUAL}, {"%=", TOK_PERCENTEQUAL}, {"&=", TOK_AMPEREQUAL},
    {"**", TOK_DOUBLESTAR}, {"*=", TOK_STAREQUAL}, {"+=", TOK_PLUSEQUAL},
    {"-=", TOK_MINEQUAL}, {"->", TOK_RARROW}, {"//", TOK_DOUBLESLASH},
    {"/=", TOK_SLASHEQUAL}, {":=", TOK_COLONEQUAL}, {"<<", TOK_LEFTSHIFT},
    {"<=", TOK_LESSEQUAL}, {"==", TOK_EQEQUAL}, {">=", TOK_GREATEREQUAL},
    {">>", TOK_RIGHTSHIFT}, {"@=", TOK_ATEQUAL}, {"^=", TOK_CIRCUMFLEXEQUAL},
    {"|=", TOK_VBAREQUAL},
    {"%", TOK_PERCENT}, {"&", TOK_AMPER}, {"*", TOK_STAR}, {"+", TOK_PLUS},
    {",", TOK_COMMA}, {"-", TOK_MINUS}, {".", TOK_DOT}, {"/", TOK_SLASH},
    {":", TOK_COLON}, {";", TOK_SEMI}, {"<", TOK_LESS}, {"=", TOK_EQUAL},
    {">", TOK_GREATER}, {"@", TOK_AT}, {"^", TOK_CIRCUMFLEX}, {"|", TOK_VBAR},
    {"~", TOK_TILDE}, {"!", TOK_EXCLAMATION},
};

static const char *const token_names[TOK__COUNT] = {
    [TOK_ENDMARKER] = "ENDMARKER", [TOK_NAME] = "NAME", [TOK_NUMBER] = "NUMBER",
    [TOK_STRING] = "STRING", [TOK_NEWLINE] = "NEWLINE", [TOK_INDENT] = "INDENT",
    [TOK_DEDENT] = "DEDENT", [TOK_FSTRING_START] = "FSTRING_START",
    [TOK_FSTRING_MIDDLE] = "FSTRING_MIDDLE", [TOK_FSTRING_END] = "FSTRING_END",
    [TOK_ERRORTOKEN] = "ERRORTOKEN", [TOK_LPAR] = "'('", [TOK_RPAR] = "')'",
    [TOK_LSQB] = "'['", [TOK_RSQB] = "']'", [TOK_COLON] = "':'", [TOK_COMMA] = "','",
    [TOK_SEMI] = "';'", [TOK_PLUS] = "'+'", [TOK_MINUS] = "'-'", [TOK_STAR] = "'*'",
    [TOK_SLASH] = "'/'", [TOK_VBAR] = "'|'", [TOK_AMPER] = "'&'", [TOK_LESS] = "'<'",
    [TOK_GREATER] = "'>'", [TOK_EQUAL] = "'='", [TOK_DOT] = "'.'", [TOK_PERCENT] = "'%'",
    [TOK_LBRACE] = "'{'", [TOK_RBRACE] = "'}'", [TOK_EQEQUAL] = "'=='",
    [TOK_NOTEQUAL] = "'!='", [TOK_LESSEQUAL] = "'<='", [TOK_GREATEREQUAL] = "'>='",
    [TOK_TILDE] = "'~'", [TOK_CIRCUMFLEX] = "'^'", [TOK_LEFTSHIFT] = "'<<'",
    [TOK_RIGHTSHIFT] = "'>>'", [TOK_DOUBLESTAR] = "'**'", [TOK_PLUSEQUAL] = "'+='",
    [TOK_MINEQUAL] = "'-='", [TOK_STAREQUAL] = "'*='", [TOK_SLASHEQUAL] = "'/='",
    [TOK_PERCENTEQUAL] = "'%='", [TOK_AMPEREQUAL] = "'&='", [TOK_VBAREQUAL] = "'|='",
    [TOK_CIRCUMFLEXEQUAL] = "'^='", [TOK_LEFTSHIFTEQUAL] = "'<<='",
    [TOK_RIGHTSHIFTEQUAL] = "'>>='", [TOK_DOUBLESTAREQUAL] = "'**='",
    [TOK_DOUBLESLASH] = "'//'", [TOK_DOUBLESLASHEQUAL] = "'//='", [TOK_AT] = "'@'",
    [TOK_ATEQUAL] = "'@='", [TOK_RARROW] = "'->'", [TOK_ELLIPSIS] = "'...'",
    [TOK_COLONEQUAL] = "':='", [TOK_EXCLAMATION] = "'!'", [TOK_OP] = "OP",
    [TOK_FALSE] = "'False'", [TOK_NONE] = "'None'", [TOK_TRUE] = "'True'",
    [TOK_AND] = "'and'", [TOK_AS] = "'as'", [TOK_ASSERT] = "'assert'",
    [TOK_ASYNC] = "'async'", [TOK_AWAIT] = "'await'", [TOK_BREAK] = "'break'",
    [TOK_CLASS] = "'class'", [TOK_CONTINUE] = "'continue'", [TOK_DEF] = "'def'",
    [TOK_DEL] = "'del'", [TOK_ELIF] = "'elif'", [TOK_ELSE] = "'else'",
    [TOK_EXCEPT] = "'except'", [TOK_FINALLY] = "'finally'", [TOK_FOR] = "'for'",
    [TOK_FROM] = "'from'", [TOK_GLOBAL] = "'global'", [TOK_IF] = "'if'",
    [TOK_IMPORT] = "'import'", [TOK_IN] = "'in'", [TOK_IS] = "'is'",
    [TOK_LAMBDA] = "'lambda'", [TOK_NONLOCAL] = "'nonlocal'", [TOK_NOT] = "'not'",
    [TOK_OR] = "'or'", [TOK_PASS] = "'pass'", [TOK_RAISE] = "'raise'",
    [TOK_RETURN] = "'return'", [TOK_TRY] = "'try'", [TOK_WHILE] = "'while'",
    [TOK_WITH] = "'with'", [TOK_YIELD] = "'yield'",
};

const char *token_type_name(TokenType type) {
    if ((unsigned)type < TOK__COUNT && token_names[type]) {
        return token_names[type];
    }
    return "?";
}

bool lex_is_identifier_start(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 128;
}

bool lex_is_identifier_char(int c) {
    return lex_is_identifier_start(c) || (c >= '0' && c <= '9');
}

const char *lex_line_text(const LexResult *result, int lineno, int *len) {
    if (lineno < 1 || lineno > result->line_count) {
        *len = 0;
        return NULL;
    }
    int start = result->line_starts[lineno - 1];
    int end = lineno < result->line_count ? result->line_starts[lineno] : result->source_len;
    *len = end - start;
    return result->source + start;
}

int lex_char_offset(const LexResult *result, int lineno, int byte_offset) {
    int len;
    const char *line = lex_line_text(result, lineno, &len);
    if (!line || byte_offset <= 0) {
        return byte_offset;
    }
    int text_len = len; /* with its '\n', as CPython's error line */
    /* Parser/pegen_errors.c: _PyPegen_byte_offset_to_character_offset decodes
     * the first byte_offset bytes of the line; past the end counts as one. */
    if (byte_offset > text_len + 1) {
        byte_offset = text_len + 1;
    }
    int chars = 0;
    for (int i = 0; i < byte_offset; i++) {
        if (i >= text_len || (line[i] & 0xC0) != 0x80) {
            chars++;
        }
    }
    return chars;
}

void lex_error(Lexer *lx, SyntaxErrorType type, bool in_chars, int lineno, int byte_offset,
               int end_lineno, int end_byte_offset, const char *fmt, ...) {
    LexResult *result = lx->result;
    char message[400];
    va_list args;
    va_start(args, fmt);
    vsnprintf(message, sizeof message, fmt, args);
    va_end(args);
    int text_len;
    const char *text = lex_line_text(result, lineno, &text_len);
    int offset = in_chars ? lex_char_offset(result, lineno, byte_offset) : byte_offset;
    int end_offset = in_chars && end_byte_offset > 0
                         ? lex_char_offset(result, end_lineno, end_byte_offset)
                         : end_byte_offset;
    syntax_error_set(&result->error, type, NULL, lineno, offset, end_lineno, end_offset, text,
                     text ? text_len : -1, "%s", message);
    result->error_kind = LEX_ERROR_RAISED;
    result->error_in_fstring = lx->fmode_count > 0;
    lx->failed = true;
}

static bool append_token(Lexer *lx, const LexToken *token) {
    LexResult *result = lx->result;
    if (result->count == lx->token_cap) {
        int new_cap = lx->token_cap ? lx->token_cap * 2 : 256;
        LexToken *grown = realloc(result->tokens, (size_t)new_cap * sizeof(LexToken));
        if (!grown) {
            syntax_error_set(&result->error, SYNTAX_ERROR_MEMORY, NULL, 0, 0, 0, 0, NULL, -1,
                             "out of memory");
            result->error_kind = LEX_ERROR_RAISED;
            lx->failed = true;
            return false;
        }
        result->tokens = grown;
        lx->token_cap = new_cap;
    }
    result->tokens[result->count++] = *token;
    return true;
}

bool lex_emit(Lexer *lx, TokenType type, int start, int start_lineno, int start_col) {
    LexToken token = {
        .type = type,
        .start = start,
        .end = lx->pos,
        .lineno = start_lineno,
        .col = start_col,
        .end_lineno = lx->lineno,
        .end_col = lx->pos - lx->line_start,
        .cursor_col = lx->pos - lx->line_start,
        .level = lx->level,
    };
    return append_token(lx, &token);
}

/* INDENT, DEDENT and ENDMARKER have no text: CPython gives them column -1 and
 * reports errors at them at the tokenizer's cursor. */
static bool emit_layout_token(Lexer *lx, TokenType type, int lineno, int cursor_col) {
    LexToken token = {
        .type = type,
        .start = lx->pos,
        .end = lx->pos,
        .lineno = lineno,
        .col = -1,
        .end_lineno = lineno,
        .end_col = -1,
        .cursor_col = cursor_col,
        .level = lx->level,
    };
    return append_token(lx, &token);
}

static void record_unclosed_bracket(Lexer *lx, SyntaxErrorInfo *error);

static bool emit_error_token(Lexer *lx) {
    if (lx->level > 0 && lx->result->error_kind == LEX_ERROR_WHEN_REACHED) {
        record_unclosed_bracket(lx, &lx->result->unclosed_error);
    }
    LexToken token = {
        .type = TOK_ERRORTOKEN,
        .start = lx->pos < lx->len ? lx->pos : lx->len,
        .end = lx->pos < lx->len ? lx->pos : lx->len,
        .lineno = lx->lineno,
        .col = lx->pos - lx->line_start,
        .end_lineno = lx->lineno,
        .end_col = lx->pos - lx->line_start,
        .cursor_col = lx->pos - lx->line_start,
        .level = lx->level,
    };
    lx->failed = false; /* the error itself is already recorded */
    append_token(lx, &token);
    return false;
}

void lex_newline_consumed(Lexer *lx) {
    lx->lineno++;
    lx->line_start = lx->pos;
}

FStringMode *lex_current_fstring(Lexer *lx) {
    return lx->fmode_count > 0 ? &lx->fmodes[lx->fmode_count - 1] : NULL;
}

bool lex_push_paren(Lexer *lx, char open_char, int col) {
    if (lx->level >= LEX_MAX_LEVEL) {
        LEX_ERROR_AT_CURSOR(lx, "too many nested parentheses");
        return false;
    }
    lx->paren_chars[lx->level] = open_char;
    lx->paren_lineno[lx->level] = lx->lineno;
    lx->paren_col[lx->level] = col;
    lx->level++;
    return true;
}

/* The last line of the file and its length with the '\n': where CPython's
 * tokenizer sits when it reaches the end. */
static void end_of_file_position(Lexer *lx, int *lineno, int *cursor_col) {
    LexResult *result = lx->result;
    if (result->line_count == 0) {
        *lineno = 1;
        *cursor_col = 0;
        return;
    }
    *lineno = result->line_count;
    *cursor_col = lx->len - result->line_starts[result->line_count - 1];
}

/* "'(' was never closed" for the innermost open bracket. */
static void record_unclosed_bracket(Lexer *lx, SyntaxErrorInfo *error) {
    int top = lx->level - 1;
    LexResult *result = lx->result;
    int lineno = lx->paren_lineno[top];
    int text_len;
    const char *text = lex_line_text(result, lineno, &text_len);
    syntax_error_set(error, SYNTAX_ERROR_SYNTAX, NULL, lineno, lx->paren_col[top] + 1, lineno, 0,
                     text, text ? text_len : -1, "'%c' was never closed", lx->paren_chars[top]);
    result->unclosed_lineno = lineno;
}

static bool lex_end_of_file(Lexer *lx) {
    if (lx->level > 0) {
        LexResult *result = lx->result;
        record_unclosed_bracket(lx, &result->error);
        record_unclosed_bracket(lx, &result->unclosed_error);
        result->error_kind = LEX_ERROR_UNCLOSED;
        result->error_in_fstring = lx->fmode_count > 0;
        return emit_error_token(lx);
    }
    int lineno, cursor_col;
    end_of_file_position(lx, &lineno, &cursor_col);
    while (lx->indent_depth > 0) {
        lx->indent_depth--;
        if (!emit_layout_token(lx, TOK_DEDENT, lineno, cursor_col)) {
            return false;
        }
    }
    emit_layout_token(lx, TOK_ENDMARKER, lineno, cursor_col);
    return false;
}

static void error_at_line_end(Lexer *lx, SyntaxErrorType type, int lineno, const char *message) {
    int text_len;
    const char *text = lex_line_text(lx->result, lineno, &text_len);
    lex_error(lx, type, false, lineno, text ? text_len + (text_len == 0 || text[text_len - 1] != '\n') : 1,
              lineno, -1, "%s", message);
}

/* At the start of a logical line outside brackets: skips blank and comment
 * lines, then compares the indentation with the stack (CPython's tok_get,
 * "Get indentation level"). Returns false when tokenizing must stop. */
static bool lex_indentation(Lexer *lx, bool *emitted) {
    *emitted = false;
    for (;;) {
        int col = 0, alt_col = 0;
        while (lx->pos < lx->len) {
            char c = lx->buf[lx->pos];
            if (c == ' ') {
                col++;
                alt_col++;
            } else if (c == '\t') {
                col = (col / LEX_TAB_SIZE + 1) * LEX_TAB_SIZE;
                alt_col++;
            } else if (c == '\f') {
                col = alt_col = 0;
            } else {
                break;
            }
            lx->pos++;
        }
        if (lx->pos >= lx->len) {
            return lex_end_of_file(lx);
        }
        char c = lx->buf[lx->pos];
        if (c == '#') {
            while (lx->pos < lx->len && lx->buf[lx->pos] != '\n') {
                lx->pos++;
            }
            continue;
        }
        if (c == '\n') {
            lx->pos++;
            lex_newline_consumed(lx);
            continue;
        }
        lx->at_line_start = false;
        int depth = lx->indent_depth;
        int cursor_col = lx->pos - lx->line_start;
        if (col == lx->indent_stack[depth]) {
            if (alt_col != lx->alt_indent_stack[depth]) {
                lex_error(lx, SYNTAX_ERROR_TAB, false, lx->lineno, 1, lx->lineno, 0,
                          "inconsistent use of tabs and spaces in indentation");
                lx->result->error_kind = LEX_ERROR_WHEN_REACHED;
                return emit_error_token(lx);
            }
            return true;
        }
        if (col > lx->indent_stack[depth]) {
            if (depth + 1 >= LEX_MAX_INDENT) {
                lex_error(lx, SYNTAX_ERROR_INDENTATION, false, lx->lineno, 1, lx->lineno, 0,
                          "too many levels of indentation");
                lx->result->error_kind = LEX_ERROR_WHEN_REACHED;
                return emit_error_token(lx);
            }
            if (alt_col <= lx->alt_indent_stack[depth]) {
                lex_error(lx, SYNTAX_ERROR_TAB, false, lx->lineno, 1, lx->lineno, 0,
                          "inconsistent use of tabs and spaces in indentation");
                lx->result->error_kind = LEX_ERROR_WHEN_REACHED;
                return emit_error_token(lx);
            }
            lx->indent_depth = depth + 1;
            lx->indent_stack[depth + 1] = col;
            lx->alt_indent_stack[depth + 1] = alt_col;
            *emitted = true;
            return emit_layout_token(lx, TOK_INDENT, lx->lineno, cursor_col);
        }
        while (depth > 0 && col < lx->indent_stack[depth]) {
            depth--;
        }
        if (col != lx->indent_stack[depth]) {
            error_at_line_end(lx, SYNTAX_ERROR_INDENTATION, lx->lineno,
                              "unindent does not match any outer indentation level");
            lx->result->error_kind = LEX_ERROR_WHEN_REACHED;
            return emit_error_token(lx);
        }
        if (alt_col != lx->alt_indent_stack[depth]) {
            lex_error(lx, SYNTAX_ERROR_TAB, false, lx->lineno, 1, lx->lineno, 0,
                      "inconsistent use of tabs and spaces in indentation");
            lx->result->error_kind = LEX_ERROR_WHEN_REACHED;
            return emit_error_token(lx);
        }
        while (lx->indent_depth > depth) {
            lx->indent_depth--;
            if (!emit_layout_token(lx, TOK_DEDENT, lx->lineno, cursor_col)) {
                return false;
            }
        }
        *emitted = true;
        return true;
    }
}

static bool lex_name_or_string(Lexer *lx) {
    int start = lx->pos;
    int start_col = start - lx->line_start;
    /* CPython's prefix loop: b, r, u, f in the combinations it accepts */
    bool saw_b = false, saw_r = false, saw_u = false, saw_f = false;
    for (;;) {
        char c = lx->buf[lx->pos];
        if (!(saw_b || saw_u || saw_f) && (c == 'b' || c == 'B')) {
            saw_b = true;
        } else if (!(saw_b || saw_u || saw_r || saw_f) && (c == 'u' || c == 'U')) {
            saw_u = true;
        } else if (!(saw_r || saw_u) && (c == 'r' || c == 'R')) {
            saw_r = true;
        } else if (!(saw_f || saw_b || saw_u) && (c == 'f' || c == 'F')) {
            saw_f = true;
        } else {
            break;
        }
        lx->pos++;
        char next = lx->buf[lx->pos];
        if (next == '"' || next == '\'') {
            return lex_string(lx, start, start_col, saw_r, saw_f);
        }
    }
    while (lx->pos < lx->len && lex_is_identifier_char((unsigned char)lx->buf[lx->pos])) {
        unsigned char c = (unsigned char)lx->buf[lx->pos];
        if (c >= 128) {
            /* identifiers are ASCII in the case language (no NFKC here) */
            unsigned int code = 0;
            int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
            code = c & (0x3F >> extra);
            char shown[8] = {0};
            shown[0] = (char)c;
            for (int i = 1; i <= extra && lx->pos + i < lx->len; i++) {
                code = (code << 6) | ((unsigned char)lx->buf[lx->pos + i] & 0x3F);
                shown[i] = lx->buf[lx->pos + i];
            }
            int col = lx->pos - lx->line_start + 1;
            lex_error(lx, SYNTAX_ERROR_SYNTAX, true, lx->lineno, col, lx->lineno, col,
                      "invalid character '%s' (U+%04X)", shown, code);
            return emit_error_token(lx);
        }
        lx->pos++;
    }
    TokenType type = TOK_NAME;
    size_t length = (size_t)(lx->pos - start);
    for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++) {
        if (strlen(keywords[i].word) == length &&
            memcmp(keywords[i].word, lx->buf + start, length) == 0) {
            type = keywords[i].type;
            break;
        }
    }
    return lex_emit(lx, type, start, lx->lineno, start_col);
}

static bool lex_close_bracket(Lexer *lx, char c, int start, int start_col) {
    lx->pos++;
    if (lx->level == 0) {
        LEX_ERROR_AT_CURSOR(lx, "unmatched '%c'", c);
        return emit_error_token(lx);
    }
    char open_char = lx->paren_chars[lx->level - 1];
    char expected = open_char == '(' ? ')' : open_char == '[' ? ']' : '}';
    if (c != expected) {
        int open_line = lx->paren_lineno[lx->level - 1];
        FStringMode *fmode = lex_current_fstring(lx);
        if (fmode && fmode->field_count > 0 &&
            fmode->fields[fmode->field_count - 1].paren_level == lx->level) {
            /* the '{' is the replacement field's own */
            LEX_ERROR_AT_CURSOR(lx, "f-string: unmatched '%c'", c);
        } else if (open_line != lx->lineno) {
            LEX_ERROR_AT_CURSOR(lx,
                                "closing parenthesis '%c' does not match opening parenthesis "
                                "'%c' on line %d",
                                c, open_char, open_line);
        } else {
            LEX_ERROR_AT_CURSOR(lx,
                                "closing parenthesis '%c' does not match opening parenthesis '%c'",
                                c, open_char);
        }
        return emit_error_token(lx);
    }
    lx->level--;
    TokenType type = c == ')' ? TOK_RPAR : c == ']' ? TOK_RSQB : TOK_RBRACE;
    return lex_emit(lx, type, start, lx->lineno, start_col);
}

static bool lex_operator(Lexer *lx) {
    int start = lx->pos;
    int start_col = start - lx->line_start;
    char c = lx->buf[start];
    FStringMode *fmode = lex_current_fstring(lx);
    FStringField *field = fmode && fmode->field_count > 0
                              ? &fmode->fields[fmode->field_count - 1]
                              : NULL;
    bool at_field_level = field && !field->in_spec && lx->level == field->paren_level;
    if (at_field_level && c == ':') {
        /* a ':' directly inside a replacement field starts its format spec */
        lx->pos++;
        field->in_spec = true;
        return lex_emit(lx, TOK_COLON, start, lx->lineno, start_col);
    }
    if (at_field_level && c == '}') {
        lx->pos++;
        lx->level--;
        fmode->field_count--;
        return lex_emit(lx, TOK_RBRACE, start, lx->lineno, start_col);
    }
    if (c == '(' || c == '[' || c == '{') {
        lx->pos++;
        if (!lex_push_paren(lx, c, start_col)) {
            return emit_error_token(lx);
        }
        TokenType type = c == '(' ? TOK_LPAR : c == '[' ? TOK_LSQB : TOK_LBRACE;
        return lex_emit(lx, type, start, lx->lineno, start_col);
    }
    if (c == ')' || c == ']' || c == '}') {
        return lex_close_bracket(lx, c, start, start_col);
    }
    for (size_t i = 0; i < sizeof operators / sizeof operators[0]; i++) {
        size_t n = strlen(operators[i].text);
        if ((int)n <= lx->len - start && memcmp(lx->buf + start, operators[i].text, n) == 0) {
            lx->pos += (int)n;
            return lex_emit(lx, operators[i].type, start, lx->lineno, start_col);
        }
    }
    unsigned char byte = (unsigned char)c;
    if (byte >= 128) {
        return lex_name_or_string(lx); /* reports the invalid character */
    }
    lx->pos++;
    if (byte < 32 || byte == 127) {
        LEX_ERROR_AT_CURSOR(lx, "invalid non-printable character U+%04X", byte);
        return emit_error_token(lx);
    }
    return lex_emit(lx, TOK_OP, start, lx->lineno, start_col);
}

/* Produces the next token(s); false once tokenizing is over. */
static bool lex_next(Lexer *lx) {
    FStringMode *fmode = lex_current_fstring(lx);
    if (fmode && (fmode->field_count == 0 || fmode->fields[fmode->field_count - 1].in_spec)) {
        bool text_ok = lex_fstring_text(lx, fmode);
        if (!text_ok && lx->failed) {
            return emit_error_token(lx);
        }
        return text_ok;
    }
    if (lx->at_line_start && lx->level == 0) {
        bool emitted;
        if (!lex_indentation(lx, &emitted)) {
            return false;
        }
        if (emitted) {
            return true;
        }
    }
    int comment_start = -1; /* a NEWLINE after a comment starts at the '#' */
    for (;;) {
        if (lx->pos >= lx->len) {
            return lex_end_of_file(lx);
        }
        char c = lx->buf[lx->pos];
        if (c == ' ' || c == '\t' || c == '\f') {
            lx->pos++;
            continue;
        }
        if (c == '#') {
            comment_start = lx->pos;
            while (lx->pos < lx->len && lx->buf[lx->pos] != '\n') {
                lx->pos++;
            }
            continue;
        }
        if (c == '\\') {
            if (lx->pos + 1 < lx->len && lx->buf[lx->pos + 1] == '\n') {
                int backslash_line = lx->lineno;
                lx->pos += 2;
                lex_newline_consumed(lx);
                if (lx->pos >= lx->len) {
                    if (lx->level > 0) {
                        return lex_end_of_file(lx);
                    }
                    error_at_line_end(lx, SYNTAX_ERROR_SYNTAX, backslash_line,
                                      "unexpected EOF while parsing");
                    lx->result->error_kind = LEX_ERROR_WHEN_REACHED;
                    return emit_error_token(lx);
                }
                continue;
            }
            int col = lx->pos - lx->line_start;
            lex_error(lx, SYNTAX_ERROR_SYNTAX, false, lx->lineno, col + 2, lx->lineno, 0,
                      "unexpected character after line continuation character");
            lx->result->error_kind = LEX_ERROR_WHEN_REACHED;
            return emit_error_token(lx);
        }
        if (c == '\n') {
            if (lx->level > 0) {
                lx->pos++;
                lex_newline_consumed(lx);
                continue;
            }
            int start = comment_start >= 0 ? comment_start : lx->pos;
            int start_col = start - lx->line_start;
            int end_col = lx->pos - lx->line_start + 1;
            lx->pos++;
            LexToken token = {
                .type = TOK_NEWLINE,
                .start = start,
                .end = lx->pos,
                .lineno = lx->lineno,
                .col = start_col,
                .end_lineno = lx->lineno,
                .end_col = end_col,
                .cursor_col = end_col,
                .level = 0,
            };
            lex_newline_consumed(lx);
            lx->at_line_start = true;
            return append_token(lx, &token);
        }
        break;
    }
    unsigned char c = (unsigned char)lx->buf[lx->pos];
    bool ok;
    if (c >= '0' && c <= '9') {
        ok = lex_number(lx);
    } else if (c == '.' && lx->pos + 1 < lx->len && lx->buf[lx->pos + 1] >= '0' &&
               lx->buf[lx->pos + 1] <= '9') {
        ok = lex_number(lx);
    } else if (c == '"' || c == '\'') {
        ok = lex_string(lx, lx->pos, lx->pos - lx->line_start, false, false);
    } else if (lex_is_identifier_start(c) && c < 128) {
        ok = lex_name_or_string(lx);
    } else {
        ok = lex_operator(lx);
    }
    if (!ok && lx->failed) {
        return emit_error_token(lx);
    }
    return ok;
}

static bool index_lines(LexResult *result) {
    int count = 0;
    for (int i = 0; i < result->source_len; i++) {
        if (result->source[i] == '\n') {
            count++;
        }
    }
    if (result->source_len > 0 && result->source[result->source_len - 1] != '\n') {
        count++;
    }
    result->line_starts = malloc(sizeof(int) * (size_t)(count + 1));
    if (!result->line_starts) {
        return false;
    }
    int line = 0;
    result->line_starts[line++] = 0;
    for (int i = 0; i < result->source_len && line < count; i++) {
        if (result->source[i] == '\n') {
            result->line_starts[line++] = i + 1;
        }
    }
    result->line_count = count;
    return true;
}

bool lexer_tokenize(const char *source, int len, LexResult *result) {
    memset(result, 0, sizeof *result);
    result->source = source;
    result->source_len = len;
    Lexer *lx = calloc(1, sizeof(Lexer));
    if (!lx || !index_lines(result)) {
        free(lx);
        syntax_error_set(&result->error, SYNTAX_ERROR_MEMORY, NULL, 0, 0, 0, 0, NULL, -1,
                         "out of memory");
        result->error_kind = LEX_ERROR_RAISED;
        return false;
    }
    lx->buf = source;
    lx->len = len;
    lx->lineno = 1;
    lx->at_line_start = true;
    lx->result = result;
    while (lex_next(lx)) {
    }
    bool ok = result->count > 0 && (result->tokens[result->count - 1].type == TOK_ENDMARKER ||
                                    result->tokens[result->count - 1].type == TOK_ERRORTOKEN);
    free(lx);
    return ok;
}

void lex_result_free(LexResult *result) {
    free(result->tokens);
    free(result->line_starts);
    syntax_error_clear(&result->error);
    syntax_error_clear(&result->unclosed_error);
    memset(result, 0, sizeof *result);
}
