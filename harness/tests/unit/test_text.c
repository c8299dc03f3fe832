/* text.h: UTF-8 sanitising, line splitting, warning lines as CPython prints
 * them, and excerpts of long output. */
#include "unit.h"

#include "text.h"

#define FFFD "\xEF\xBF\xBD"

static void sanitized_is(const char *in, size_t len, bool xml_safe, const char *want)
{
    char *got = utf8_sanitize(in, len, xml_safe);
    if (strcmp(got, want) != 0) {
        print_error("utf8_sanitize: got [%s], expected [%s]\n", got, want);
        free(got);
        fail();
    }
    free(got);
}
#define SANITIZED(lit, xml, want) sanitized_is((lit), sizeof(lit) - 1, (xml), (want))

/* ---- utf8_sanitize ---- */

static void valid_utf8_is_kept(void **state)
{
    (void)state;
    SANITIZED("plain ascii\n", false, "plain ascii\n");
    /* 2, 3 and 4 byte sequences, and the highest code point */
    SANITIZED("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF", false,
              "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF");
    SANITIZED("", false, "");
}

static void invalid_bytes_become_replacement_characters(void **state)
{
    (void)state;
    SANITIZED("a\xFF" "b", false, "a" FFFD "b");
    /* a lone continuation byte */
    SANITIZED("a\x80" "b", false, "a" FFFD "b");
    /* a lead byte followed by ASCII keeps the ASCII */
    SANITIZED("\xC3" "A", false, FFFD "A");
    /* a sequence cut short at the end of the capture */
    SANITIZED("x\xE2\x82", false, "x" FFFD FFFD);
    SANITIZED("x\xF0\x9F\x98", false, "x" FFFD FFFD FFFD);
    /* bytes that never start a sequence */
    SANITIZED("\xF5\x80\x80\x80", false, FFFD FFFD FFFD FFFD);
}

static void overlong_encodings_are_rejected(void **state)
{
    (void)state;
    /* NUL and '/' in two bytes: C0 and C1 never start a valid sequence */
    SANITIZED("\xC0\x80", false, FFFD FFFD);
    SANITIZED("\xC1\xAF", false, FFFD FFFD);
    /* U+007F in three bytes, U+FFFF in four */
    SANITIZED("\xE0\x81\xBF", false, FFFD FFFD FFFD);
    SANITIZED("\xF0\x8F\xBF\xBF", false, FFFD FFFD FFFD FFFD);
}

static void surrogates_and_code_points_past_10ffff_are_rejected(void **state)
{
    (void)state;
    SANITIZED("\xED\xA0\x80", false, FFFD FFFD FFFD);   /* U+D800 */
    SANITIZED("\xED\xBF\xBF", false, FFFD FFFD FFFD);   /* U+DFFF */
    SANITIZED("\xED\x9F\xBF", false, "\xED\x9F\xBF");   /* U+D7FF is fine */
    SANITIZED("\xF4\x90\x80\x80", false, FFFD FFFD FFFD FFFD); /* U+110000 */
}

static void nul_is_replaced_so_the_text_stays_a_c_string(void **state)
{
    (void)state;
    SANITIZED("a\0b", false, "a" FFFD "b");
    SANITIZED("a\0b", true, "a" FFFD "b");
}

static void xml_safe_replaces_forbidden_control_characters(void **state)
{
    (void)state;
    /* terminal escapes are kept for text reports... */
    SANITIZED("\x1b[1mbold\x1b[0m\x01\x08", false, "\x1b[1mbold\x1b[0m\x01\x08");
    /* ...and replaced for XML, which forbids them; tab, newline and CR stay */
    SANITIZED("\x1b[1m\x01\x08\x0b\x0c\x1f", true, FFFD "[1m" FFFD FFFD FFFD FFFD FFFD);
    SANITIZED("a\tb\nc\rd", true, "a\tb\nc\rd");
    /* U+FFFE and U+FFFF are not XML characters either */
    SANITIZED("\xEF\xBF\xBE\xEF\xBF\xBF", true, FFFD FFFD);
    SANITIZED("\xEF\xBF\xBE", false, "\xEF\xBF\xBE");
}

/* ---- text_lines ---- */

static void lines_split_on_newline(void **state)
{
    (void)state;
    strlist l = {0};
    text_lines("a\nb\n", &l);
    assert_lines(&l, "a", "b");
    sl_free(&l);
    /* no final newline: the last line still counts */
    text_lines("a\nb", &l);
    assert_lines(&l, "a", "b");
    sl_free(&l);
    /* an empty line before the final newline counts */
    text_lines("a\n\n", &l);
    assert_lines(&l, "a", "");
    sl_free(&l);
    text_lines("\n", &l);
    assert_lines(&l, "");
    sl_free(&l);
    text_lines("", &l);
    assert_no_lines(&l);
    /* only \n splits: a CR stays in its line */
    text_lines("a\r\nb", &l);
    assert_lines(&l, "a\r", "b");
    sl_free(&l);
}

static void lines_append_to_the_list(void **state)
{
    (void)state;
    strlist l = {0};
    sl_push(&l, "before");
    text_lines("x\n", &l);
    assert_lines(&l, "before", "x");
    sl_free(&l);
}

/* ---- parse_warnings ---- */

/* CPython 3.8 (relative path), 3.11 and 3.13 (absolute path, <sys>:0 at shutdown) */
static const char CPYTHON_WARNINGS[] =
    "never.py:5: RuntimeWarning: coroutine 'f' was never awaited\n"
    "  f()\n"
    "RuntimeWarning: Enable tracemalloc to get the object allocation traceback\n"
    "sys:1: RuntimeWarning: coroutine 'f' was never awaited\n"
    "/tmp/unitscratch/w.py:4: MyWarning: custom\n"
    "  warnings.warn(\"custom\", MyWarning)\n"
    "/tmp/unitscratch/w.py:5: UserWarning: a: b: c\n"
    "  warnings.warn(\"a: b: c\")\n"
    "/tmp/unitscratch/w.py:6: DeprecationWarning: There is no current event loop\n"
    "  loop = asyncio.get_event_loop()\n"
    "<sys>:0: RuntimeWarning: coroutine 'g' was never awaited\n";

static void warning_lines_from_cpython(void **state)
{
    (void)state;
    warning_line *w;
    size_t n = parse_warnings(CPYTHON_WARNINGS, &w);
    assert_int_equal(n, 6);
    assert_string_equal(w[0].path, "never.py");
    assert_int_equal(w[0].line, 5);
    assert_string_equal(w[0].category, "RuntimeWarning");
    assert_string_equal(w[0].message, "coroutine 'f' was never awaited");
    /* at interpreter shutdown there is no frame: sys:1 (3.8-3.12) */
    assert_string_equal(w[1].path, "sys");
    assert_int_equal(w[1].line, 1);
    assert_string_equal(w[1].message, "coroutine 'f' was never awaited");
    /* a user-defined category */
    assert_string_equal(w[2].path, "/tmp/unitscratch/w.py");
    assert_int_equal(w[2].line, 4);
    assert_string_equal(w[2].category, "MyWarning");
    assert_string_equal(w[2].message, "custom");
    /* colons inside the message stay in it */
    assert_string_equal(w[3].category, "UserWarning");
    assert_string_equal(w[3].message, "a: b: c");
    assert_string_equal(w[4].category, "DeprecationWarning");
    assert_string_equal(w[4].message, "There is no current event loop");
    /* 3.13 at shutdown: <sys>:0 */
    assert_string_equal(w[5].path, "<sys>");
    assert_int_equal(w[5].line, 0);
    assert_string_equal(w[5].message, "coroutine 'g' was never awaited");
    warnings_free(w, n);
}

static void lines_that_are_not_warnings(void **state)
{
    (void)state;
    static const char text[] =
        "  x.py:3: UserWarning: an indented source line is not a warning\n"
        "RuntimeWarning: Enable tracemalloc to get the object allocation traceback\n"
        "Traceback (most recent call last):\n"
        "  File \"/tmp/x.py\", line 13, in <module>\n"
        "AttributeError: module 'asyncio' has no attribute 'coroutine'. Did you mean: "
        "'coroutines'?\n"
        "Exception ignored in: <coroutine object f at 0x7f3a2c1b2340>\n"
        "Task exception was never retrieved\n"
        "future: <Task finished name='Task-1' coro=<f() done, defined at /tmp/x.py:3> "
        "exception=ValueError()>\n"
        "x.py:3: ValueError: the category must end in Warning\n"
        "x.py:3: Warnings: not a category either\n"
        "x.py:3:UserWarning: no blank after the colon\n"
        "x.py:: UserWarning: no line number\n"
        ":3: UserWarning: no path\n"
        "x.py:3: : empty category\n"
        "x.py:3: UserWarning no colon after the category\n";
    warning_line *w;
    size_t n = parse_warnings(text, &w);
    if (n) {
        for (size_t i = 0; i < n; i++)
            print_error("counted: %s:%d: %s: %s\n", w[i].path, w[i].line, w[i].category,
                        w[i].message);
        warnings_free(w, n);
        fail();
    }
    warnings_free(w, n);
}

static void warning_path_may_hold_colons(void **state)
{
    (void)state;
    warning_line *w;
    size_t n = parse_warnings("C:\\cases\\x.py:12: RuntimeWarning: m\n"
                              "/tmp/a:b/x.py:7: asyncio.SomeWarning: dotted category\n",
                              &w);
    assert_int_equal(n, 2);
    assert_string_equal(w[0].path, "C:\\cases\\x.py");
    assert_int_equal(w[0].line, 12);
    assert_string_equal(w[1].path, "/tmp/a:b/x.py");
    assert_int_equal(w[1].line, 7);
    assert_string_equal(w[1].category, "asyncio.SomeWarning");
    warnings_free(w, n);
}

static void empty_warning_message(void **state)
{
    (void)state;
    warning_line *w;
    size_t n = parse_warnings("x.py:2: UserWarning: \n", &w);
    assert_int_equal(n, 1);
    assert_string_equal(w[0].message, "");
    warnings_free(w, n);
}

static void no_warnings_in_empty_text(void **state)
{
    (void)state;
    warning_line *w = (warning_line *)1;
    assert_int_equal(parse_warnings("", &w), 0);
    assert_null(w);
    warnings_free(w, 0);
}

/* ---- text_excerpt ---- */

static void short_text_is_returned_whole(void **state)
{
    (void)state;
    char *s = text_excerpt("short\n", 10, 10);
    assert_string_equal(s, "short\n");
    free(s);
    /* up to head + tail + 64 bytes: cutting would save too little */
    char text[85];
    memset(text, 'x', 84);
    text[84] = '\0';
    s = text_excerpt(text, 10, 10);
    assert_string_equal(s, text);
    free(s);
}

static void long_text_keeps_head_and_tail(void **state)
{
    (void)state;
    char text[201];
    for (int i = 0; i < 200; i++)
        text[i] = (char)('a' + i % 26);
    text[200] = '\0';
    char *s = text_excerpt(text, 10, 20);
    char *want = xasprintf("%.10s\n[... 170 bytes not shown ...]\n%s", text, text + 180);
    assert_string_equal(s, want);
    free(want);
    free(s);
}

static void excerpt_cuts_at_character_boundaries(void **state)
{
    (void)state;
    /* bytes 9-10 and 188-189 are two-byte characters that a cut after 10
     * bytes and before the last 11 would split */
    char text[201];
    memset(text, 'x', 200);
    text[200] = '\0';
    memcpy(text + 9, "\xC3\xA9", 2);
    memcpy(text + 188, "\xC3\xA9", 2);
    char *s = text_excerpt(text, 10, 11);
    /* the head gives back its split character; the tail takes all of its */
    char *want = xasprintf("%.9s\n[... 179 bytes not shown ...]\n%s", text, text + 188);
    assert_string_equal(s, want);
    free(want);
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(valid_utf8_is_kept),
        cmocka_unit_test(invalid_bytes_become_replacement_characters),
        cmocka_unit_test(overlong_encodings_are_rejected),
        cmocka_unit_test(surrogates_and_code_points_past_10ffff_are_rejected),
        cmocka_unit_test(nul_is_replaced_so_the_text_stays_a_c_string),
        cmocka_unit_test(xml_safe_replaces_forbidden_control_characters),
        cmocka_unit_test(lines_split_on_newline),
        cmocka_unit_test(lines_append_to_the_list),
        cmocka_unit_test(warning_lines_from_cpython),
        cmocka_unit_test(lines_that_are_not_warnings),
        cmocka_unit_test(warning_path_may_hold_colons),
        cmocka_unit_test(empty_warning_message),
        cmocka_unit_test(no_warnings_in_empty_text),
        cmocka_unit_test(short_text_is_returned_whole),
        cmocka_unit_test(long_text_keeps_head_and_tail),
        cmocka_unit_test(excerpt_cuts_at_character_boundaries),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
