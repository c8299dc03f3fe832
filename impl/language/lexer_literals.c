/* Literal tokens: numbers, strings and the text parts of f-strings, with the
 * checks and error positions of CPython 3.12's tokenizer (error columns are
 * "the cursor": how far the tokenizer had read). Decoding the literals is the
 * parser's business (literal.c). */
#include "lexer_internal.h"

#include <string.h>

enum { END_OF_INPUT = -1, TAIL_ERROR = -2 };

static int next_char(Lexer *lx) {
    return lx->pos < lx->len ? (unsigned char)lx->buf[lx->pos++] : END_OF_INPUT;
}

static void back_up(Lexer *lx, int c) {
    if (c != END_OF_INPUT) {
        lx->pos--;
    }
}

static bool is_digit(int c) { return c >= '0' && c <= '9'; }

static bool is_hex_digit(int c) {
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* CPython's lookahead(): `text` follows, and then no identifier char */
static bool followed_by(Lexer *lx, const char *text) {
    size_t n = strlen(text);
    if ((size_t)(lx->len - lx->pos) < n || memcmp(lx->buf + lx->pos, text, n) != 0) {
        return false;
    }
    return lx->pos + (int)n >= lx->len ||
           !lex_is_identifier_char((unsigned char)lx->buf[lx->pos + (int)n]);
}

static bool next_is(Lexer *lx, char c) {
    return lx->pos < lx->len && lx->buf[lx->pos] == c;
}

/* tok_decimal_tail: digits with single underscores; returns the first char
 * after them (consumed) or TAIL_ERROR. */
static int decimal_tail(Lexer *lx) {
    int c;
    for (;;) {
        do {
            c = next_char(lx);
        } while (is_digit(c));
        if (c != '_') {
            return c;
        }
        c = next_char(lx);
        if (!is_digit(c)) {
            back_up(lx, c);
            LEX_ERROR_AT_CURSOR(lx, "invalid decimal literal");
            return TAIL_ERROR;
        }
    }
}

/* verify_end_of_number: a number may be glued to the keywords that can follow
 * it in valid code ("1if x else y"), but not to other identifier chars. */
static bool verify_end_of_number(Lexer *lx, int c, const char *kind) {
    bool keyword_follows = false;
    if (c == 'a') {
        keyword_follows = followed_by(lx, "nd");
    } else if (c == 'e') {
        keyword_follows = followed_by(lx, "lse");
    } else if (c == 'f') {
        keyword_follows = followed_by(lx, "or");
    } else if (c == 'i') {
        /* "if", "in", "is": CPython checks only the second letter */
        keyword_follows = next_is(lx, 'f') || next_is(lx, 'n') || next_is(lx, 's');
    } else if (c == 'o') {
        keyword_follows = followed_by(lx, "r");
    } else if (c == 'n') {
        keyword_follows = followed_by(lx, "ot");
    }
    if (keyword_follows) {
        return true;
    }
    if (c != END_OF_INPUT && c < 128 && lex_is_identifier_char(c)) {
        back_up(lx, c);
        LEX_ERROR_AT_CURSOR(lx, "invalid %s literal", kind);
        return false;
    }
    return true;
}

/* Digits of a 0x/0o/0b literal after its prefix. */
static bool radix_digits(Lexer *lx, int base, const char *kind) {
    int c = next_char(lx);
    do {
        if (c == '_') {
            c = next_char(lx);
        }
        bool valid = base == 16 ? is_hex_digit(c) : (c >= '0' && c < '0' + base);
        if (!valid) {
            if (base != 16 && is_digit(c)) {
                LEX_ERROR_AT_CURSOR(lx, "invalid digit '%c' in %s literal", c, kind);
            } else {
                back_up(lx, c);
                LEX_ERROR_AT_CURSOR(lx, "invalid %s literal", kind);
            }
            return false;
        }
        do {
            c = next_char(lx);
        } while (base == 16 ? is_hex_digit(c) : (c >= '0' && c < '0' + base));
    } while (c == '_');
    if (base != 16 && is_digit(c)) {
        LEX_ERROR_AT_CURSOR(lx, "invalid digit '%c' in %s literal", c, kind);
        return false;
    }
    if (!verify_end_of_number(lx, c, kind)) {
        return false;
    }
    back_up(lx, c);
    return true;
}

static bool finish_number(Lexer *lx, int c, int start, int start_col) {
    back_up(lx, c);
    return lex_emit(lx, TOK_NUMBER, start, lx->lineno, start_col);
}

/* Imaginary literals lex as in CPython but are refused: the case language
 * has no complex numbers. */
static bool reject_imaginary(Lexer *lx, int start_col) {
    int c = next_char(lx);
    if (!verify_end_of_number(lx, c, "imaginary")) {
        return false;
    }
    back_up(lx, c);
    lex_error(lx, SYNTAX_ERROR_SYNTAX, false, lx->lineno, start_col + 1, lx->lineno,
              lx->pos - lx->line_start + 1, "complex literals are not supported by refpy");
    return false;
}

/* The fraction and exponent of a float; c is the char after the '.' or the
 * first char that may start an exponent. */
static bool float_rest(Lexer *lx, int c, bool after_dot, int start, int start_col) {
    if (after_dot && is_digit(c)) {
        c = decimal_tail(lx);
        if (c == TAIL_ERROR) {
            return false;
        }
    }
    if (c == 'e' || c == 'E') {
        int e = c;
        c = next_char(lx);
        if (c == '+' || c == '-') {
            c = next_char(lx);
            if (!is_digit(c)) {
                back_up(lx, c);
                LEX_ERROR_AT_CURSOR(lx, "invalid decimal literal");
                return false;
            }
        } else if (!is_digit(c)) {
            back_up(lx, c);
            if (!verify_end_of_number(lx, e, "decimal")) {
                return false;
            }
            back_up(lx, e);
            return lex_emit(lx, TOK_NUMBER, start, lx->lineno, start_col);
        }
        c = decimal_tail(lx);
        if (c == TAIL_ERROR) {
            return false;
        }
    }
    if (c == 'j' || c == 'J') {
        return reject_imaginary(lx, start_col);
    }
    if (!verify_end_of_number(lx, c, "decimal")) {
        return false;
    }
    return finish_number(lx, c, start, start_col);
}

bool lex_number(Lexer *lx) {
    int start = lx->pos;
    int start_col = start - lx->line_start;
    int c = next_char(lx);
    if (c == '.') {
        return float_rest(lx, next_char(lx), true, start, start_col);
    }
    if (c != '0') {
        c = decimal_tail(lx);
        if (c == TAIL_ERROR) {
            return false;
        }
        if (c == '.') {
            return float_rest(lx, next_char(lx), true, start, start_col);
        }
        return float_rest(lx, c, false, start, start_col);
    }
    c = next_char(lx);
    if (c == 'x' || c == 'X') {
        return radix_digits(lx, 16, "hexadecimal") &&
               lex_emit(lx, TOK_NUMBER, start, lx->lineno, start_col);
    }
    if (c == 'o' || c == 'O') {
        return radix_digits(lx, 8, "octal") &&
               lex_emit(lx, TOK_NUMBER, start, lx->lineno, start_col);
    }
    if (c == 'b' || c == 'B') {
        return radix_digits(lx, 2, "binary") &&
               lex_emit(lx, TOK_NUMBER, start, lx->lineno, start_col);
    }
    /* "0", "00", or a float such as "0.5" / "0e3"; "0777" is refused */
    bool nonzero = false;
    for (;;) {
        if (c == '_') {
            c = next_char(lx);
            if (!is_digit(c)) {
                back_up(lx, c);
                LEX_ERROR_AT_CURSOR(lx, "invalid decimal literal");
                return false;
            }
        }
        if (c != '0') {
            break;
        }
        c = next_char(lx);
    }
    int zeros_end = lx->pos;
    if (is_digit(c)) {
        nonzero = true;
        c = decimal_tail(lx);
        if (c == TAIL_ERROR) {
            return false;
        }
    }
    if (c == '.') {
        return float_rest(lx, next_char(lx), true, start, start_col);
    }
    if (c == 'e' || c == 'E' || c == 'j' || c == 'J') {
        return float_rest(lx, c, false, start, start_col);
    }
    if (nonzero) {
        back_up(lx, c);
        lex_error(lx, SYNTAX_ERROR_SYNTAX, false, lx->lineno, start_col + 1, lx->lineno,
                  zeros_end - lx->line_start,
                  "leading zeros in decimal integer literals are not permitted; use an 0o "
                  "prefix for octal integers");
        return false;
    }
    if (!verify_end_of_number(lx, c, "decimal")) {
        return false;
    }
    return finish_number(lx, c, start, start_col);
}

static bool lex_fstring_start(Lexer *lx, int start, int start_col, bool raw) {
    char quote = lx->buf[lx->pos];
    int quote_size = 1;
    if (lx->pos + 2 < lx->len && lx->buf[lx->pos + 1] == quote && lx->buf[lx->pos + 2] == quote) {
        quote_size = 3;
    }
    lx->pos += quote_size;
    if (lx->fmode_count >= LEX_MAX_FSTRINGS) {
        LEX_ERROR_AT_CURSOR(lx, "too many nested f-strings");
        return false;
    }
    FStringMode *mode = &lx->fmodes[lx->fmode_count++];
    memset(mode, 0, sizeof *mode);
    mode->quote = quote;
    mode->quote_size = quote_size;
    mode->raw = raw;
    mode->start = start;
    mode->start_lineno = lx->lineno;
    mode->start_col = start_col;
    return lex_emit(lx, TOK_FSTRING_START, start, lx->lineno, start_col);
}

bool lex_string(Lexer *lx, int start, int start_col, bool raw, bool fstring) {
    if (fstring) {
        return lex_fstring_start(lx, start, start_col, raw);
    }
    int first_lineno = lx->lineno;
    int quote = next_char(lx);
    int quote_size = 1, end_quote_size = 0;
    int c = next_char(lx);
    if (c == quote) {
        c = next_char(lx);
        if (c == quote) {
            quote_size = 3;
        } else {
            end_quote_size = 1; /* the empty string */
        }
    }
    if (c != quote) {
        back_up(lx, c);
    }
    while (end_quote_size != quote_size) {
        c = next_char(lx);
        if (c == END_OF_INPUT || (quote_size == 1 && c == '\n')) {
            int detected = c == END_OF_INPUT ? lx->result->line_count : lx->lineno;
            FStringMode *enclosing = lex_current_fstring(lx);
            if (enclosing && enclosing->quote == quote && enclosing->quote_size == quote_size) {
                /* the f-string's own closing quote: its field was never closed */
                lex_error(lx, SYNTAX_ERROR_SYNTAX, true, first_lineno, start_col + 1, first_lineno,
                          start_col + 1, "f-string: expecting '}'");
            } else if (quote_size == 3) {
                lex_error(lx, SYNTAX_ERROR_SYNTAX, true, first_lineno, start_col + 1, first_lineno,
                          start_col + 1,
                          "unterminated triple-quoted string literal (detected at line %d)",
                          detected);
            } else {
                lex_error(lx, SYNTAX_ERROR_SYNTAX, true, first_lineno, start_col + 1, first_lineno,
                          start_col + 1, "unterminated string literal (detected at line %d)",
                          detected);
            }
            return false;
        }
        if (c == '\n') {
            lex_newline_consumed(lx);
        }
        if (c == quote) {
            end_quote_size++;
        } else {
            end_quote_size = 0;
            if (c == '\\') {
                int escaped = next_char(lx);
                if (escaped == '\n') {
                    lex_newline_consumed(lx);
                }
            }
        }
    }
    return lex_emit(lx, TOK_STRING, start, first_lineno, start_col);
}

static bool emit_middle(Lexer *lx, int start, int start_lineno, int start_col, bool even_empty) {
    if (lx->pos == start && !even_empty) {
        return true;
    }
    return lex_emit(lx, TOK_FSTRING_MIDDLE, start, start_lineno, start_col);
}

static void unterminated_fstring(Lexer *lx, FStringMode *mode, int detected) {
    lex_error(lx, SYNTAX_ERROR_SYNTAX, true, mode->start_lineno, mode->start_col + 1,
              mode->start_lineno, mode->start_col + 1,
              mode->quote_size == 3
                  ? "unterminated triple-quoted f-string literal (detected at line %d)"
                  : "unterminated f-string literal (detected at line %d)",
              detected);
}

static bool open_field(Lexer *lx, FStringMode *mode) {
    int start = lx->pos;
    int start_col = start - lx->line_start;
    lx->pos++;
    if (mode->field_count >= LEX_MAX_FIELD_NESTING) {
        LEX_ERROR_AT_CURSOR(lx, "f-string: expressions nested too deeply");
        return false;
    }
    if (!lex_push_paren(lx, '{', start_col)) {
        return false;
    }
    mode->fields[mode->field_count].paren_level = lx->level;
    mode->fields[mode->field_count].in_spec = false;
    mode->field_count++;
    return lex_emit(lx, TOK_LBRACE, start, lx->lineno, start_col);
}

/* Text of an f-string, or of a format spec: FSTRING_MIDDLE tokens holding the
 * raw source text ("{{" and escapes are decoded by the parser), up to a
 * replacement field, the end of the spec or the closing quote. */
bool lex_fstring_text(Lexer *lx, FStringMode *mode) {
    bool in_spec = mode->field_count > 0;
    int start = lx->pos;
    int start_lineno = lx->lineno;
    int start_col = start - lx->line_start;
    for (;;) {
        if (lx->pos >= lx->len) {
            unterminated_fstring(lx, mode, lx->result->line_count);
            return false;
        }
        char c = lx->buf[lx->pos];
        if (c == mode->quote &&
            (mode->quote_size == 1 || (lx->pos + 2 < lx->len && lx->buf[lx->pos + 1] == c &&
                                       lx->buf[lx->pos + 2] == c))) {
            /* The quote ends the f-string even inside a format spec (the
             * parser reports the missing '}'); the field's '{' stays open,
             * as in CPython's tokenizer. */
            if (!emit_middle(lx, start, start_lineno, start_col, false)) {
                return false;
            }
            int end_start = lx->pos;
            lx->pos += mode->quote_size;
            lx->fmode_count--;
            return lex_emit(lx, TOK_FSTRING_END, end_start, lx->lineno, end_start - lx->line_start);
        }
        if (c == '\n') {
            if (mode->quote_size == 1) {
                if (in_spec) {
                    LEX_ERROR_AT_CURSOR(lx, "f-string: newlines are not allowed in format "
                                            "specifiers for single quoted f-strings");
                } else {
                    unterminated_fstring(lx, mode, lx->lineno);
                }
                return false;
            }
            lx->pos++;
            lex_newline_consumed(lx);
            continue;
        }
        if (c == '{') {
            if (!in_spec && lx->pos + 1 < lx->len && lx->buf[lx->pos + 1] == '{') {
                lx->pos += 2;
                continue;
            }
            return emit_middle(lx, start, start_lineno, start_col, false) && open_field(lx, mode);
        }
        if (c == '}') {
            if (in_spec) {
                /* CPython ends every format spec with a (possibly empty) middle */
                if (!emit_middle(lx, start, start_lineno, start_col, true)) {
                    return false;
                }
                int brace = lx->pos++;
                lx->level--;
                mode->field_count--;
                return lex_emit(lx, TOK_RBRACE, brace, lx->lineno, brace - lx->line_start);
            }
            if (lx->pos + 1 < lx->len && lx->buf[lx->pos + 1] == '}') {
                lx->pos += 2;
                continue;
            }
            lx->pos++;
            LEX_ERROR_AT_CURSOR(lx, "f-string: single '}' is not allowed");
            return false;
        }
        if (c == '\\') {
            char next = lx->pos + 1 < lx->len ? lx->buf[lx->pos + 1] : '\0';
            if (next == '{' || next == '}') {
                lx->pos++; /* the brace itself is a field or a doubled brace */
                continue;
            }
            if (!mode->raw && next == 'N' && lx->pos + 2 < lx->len && lx->buf[lx->pos + 2] == '{') {
                lx->pos += 3; /* the braces of \N{...} belong to the escape */
                while (lx->pos < lx->len && lx->buf[lx->pos] != '}' && lx->buf[lx->pos] != '\n' &&
                       lx->buf[lx->pos] != mode->quote) {
                    lx->pos++;
                }
                if (lx->pos < lx->len && lx->buf[lx->pos] == '}') {
                    lx->pos++;
                }
                continue;
            }
            lx->pos++;
            if (lx->pos < lx->len) {
                lx->pos++;
                if (next == '\n') {
                    lex_newline_consumed(lx);
                }
            }
            continue;
        }
        lx->pos++;
    }
}
