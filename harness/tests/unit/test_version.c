/* version.h: Python versions and the `python:` ranges of expectations. */
#include "unit.h"

#include "version.h"

static pyversion V(int major, int minor)
{
    return (pyversion){major, minor};
}

/* Parses a range that must be valid. */
static version_range R(const char *text)
{
    version_range r;
    int off = -1;
    const char *err = range_parse(text, &r, &off);
    if (err) {
        print_error("range_parse(\"%s\"): %s at %d\n", text, err, off);
        fail();
    }
    return r;
}

static void holds(const char *range, int minor)
{
    version_range r = R(range);
    if (!range_holds(&r, V(3, minor))) {
        print_error("\"%s\" should hold for 3.%d\n", range, minor);
        fail();
    }
}

static void fails(const char *range, int minor)
{
    version_range r = R(range);
    if (range_holds(&r, V(3, minor))) {
        print_error("\"%s\" should not hold for 3.%d\n", range, minor);
        fail();
    }
}

/* The error message and offset of a range that must be rejected. */
static void rejected(const char *text, const char *message_part, int offset)
{
    version_range r;
    int off = -1;
    const char *err = range_parse(text, &r, &off);
    if (!err || !strstr(err, message_part) || off != offset) {
        print_error("range_parse(\"%s\"): expected \"%s\" at %d, got \"%s\" at %d\n", text,
                    message_part, offset, err ? err : "(accepted)", off);
        fail();
    }
}

static void version_parse_accepts_major_minor_and_patch(void **state)
{
    (void)state;
    pyversion v;
    assert_true(version_parse("3.12", &v));
    assert_int_equal(v.major, 3);
    assert_int_equal(v.minor, 12);
    /* the patch level is read and dropped */
    assert_true(version_parse("3.11.2", &v));
    assert_int_equal(v.major, 3);
    assert_int_equal(v.minor, 11);
    /* a bare major means minor 0 */
    assert_true(version_parse("3", &v));
    assert_int_equal(v.major, 3);
    assert_int_equal(v.minor, 0);
}

static void version_parse_rejects_malformed_text(void **state)
{
    (void)state;
    pyversion v;
    const char *bad[] = {"", "3.", ".12", "3.x", "x3.12", "3.12a1", "3.12.", "3.12.1.4",
                         " 3.12", "3.12 ", "3..12", "99999.1", "3.12-dev"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (version_parse(bad[i], &v)) {
            print_error("version_parse accepted \"%s\"\n", bad[i]);
            fail();
        }
}

static void version_cmp_orders_by_major_then_minor(void **state)
{
    (void)state;
    assert_int_equal(version_cmp(V(3, 9), V(3, 10)), -1);
    assert_int_equal(version_cmp(V(3, 10), V(3, 9)), 1);
    assert_int_equal(version_cmp(V(3, 10), V(3, 10)), 0);
    assert_int_equal(version_cmp(V(2, 99), V(3, 0)), -1);
    assert_int_equal(version_cmp(V(4, 0), V(3, 99)), 1);
}

static void star_holds_for_every_version(void **state)
{
    (void)state;
    version_range r = R("*");
    assert_int_equal(r.n, 0);
    for (int minor = 0; minor <= 20; minor++)
        assert_true(range_holds(&r, V(3, minor)));
    assert_true(range_holds(&r, V(2, 7)));
    r = R("  *");
    assert_int_equal(r.n, 0);
}

static void each_operator_at_its_boundary(void **state)
{
    (void)state;
    holds("==3.10", 10);
    fails("==3.10", 9);
    fails("==3.10", 11);
    holds("!=3.10", 9);
    fails("!=3.10", 10);
    holds("!=3.10", 11);
    holds("<3.11", 10);
    fails("<3.11", 11);
    holds("<=3.11", 11);
    fails("<=3.11", 12);
    holds(">3.8", 9);
    fails(">3.8", 8);
    holds(">=3.11", 11);
    fails(">=3.11", 10);
    holds(">=3.11", 13);
}

static void bare_version_means_equal(void **state)
{
    (void)state;
    version_range r = R("3.10");
    assert_int_equal(r.n, 1);
    assert_int_equal(r.specs[0].op, OP_EQ);
    holds("3.10", 10);
    fails("3.10", 11);
}

static void patch_level_in_a_range_is_ignored(void **state)
{
    (void)state;
    holds("==3.11.4", 11);
    holds(">=3.11.9", 11);
    fails("<3.11.9", 11);
}

static void parsed_specifiers_keep_operator_and_version(void **state)
{
    (void)state;
    version_range r = R(">=3.9,<3.12");
    assert_int_equal(r.n, 2);
    assert_int_equal(r.specs[0].op, OP_GE);
    assert_int_equal(r.specs[0].v.major, 3);
    assert_int_equal(r.specs[0].v.minor, 9);
    assert_int_equal(r.specs[1].op, OP_LT);
    assert_int_equal(r.specs[1].v.minor, 12);
    r = R("<=3.8, >3.1, !=3.5, ==3.6");
    assert_int_equal(r.n, 4);
    assert_int_equal(r.specs[0].op, OP_LE);
    assert_int_equal(r.specs[1].op, OP_GT);
    assert_int_equal(r.specs[2].op, OP_NE);
    assert_int_equal(r.specs[3].op, OP_EQ);
}

static void combined_specifiers_must_all_hold(void **state)
{
    (void)state;
    fails(">=3.9,<3.12", 8);
    holds(">=3.9,<3.12", 9);
    holds(">=3.9,<3.12", 11);
    fails(">=3.9,<3.12", 12);
    /* a hole in a range */
    holds(">=3.8,!=3.10,<=3.12", 9);
    fails(">=3.8,!=3.10,<=3.12", 10);
    holds(">=3.8,!=3.10,<=3.12", 12);
    fails(">=3.8,!=3.10,<=3.12", 13);
    /* an empty intersection holds nowhere */
    for (int minor = 0; minor <= 20; minor++)
        fails(">3.11,<3.10", minor);
}

static void blanks_around_operators_and_commas_are_allowed(void **state)
{
    (void)state;
    version_range r = R("  >= 3.9 ,  < 3.12  ");
    assert_int_equal(r.n, 2);
    holds("  >= 3.9 ,  < 3.12  ", 10);
    fails("  >= 3.9 ,  < 3.12  ", 12);
}

static void range_errors_report_the_offset_of_the_problem(void **state)
{
    (void)state;
    rejected("", "empty version range", 0);
    rejected("   ", "empty version range", 0);
    /* the offset is where the version should start, after the operator */
    rejected(">=3.x", "expected a version such as 3.11 after the operator", 2);
    rejected(">=", "expected a version", 2);
    rejected(">= x", "expected a version", 3);
    rejected("=>3.9", "expected a version", 0);
    rejected("~=3.9", "expected a version", 0);
    rejected(">=3.9,", "expected a version", 6);
    rejected(",>=3.9", "expected a version", 0);
    rejected(">=3.9,,<3.12", "expected a version", 6);
    rejected(">=3.9,<3.12,*", "expected a version", 12);
    /* after a complete specifier only a comma may follow */
    rejected(">=3.9 <3.12", "expected ','", 6);
    rejected(">=3.9;<3.12", "expected ','", 5);
    rejected("3.9a1", "expected ','", 3);
    rejected("* ,>=3.9", "expected a version", 0);
}

static void at_most_eight_specifiers(void **state)
{
    (void)state;
    version_range r = R("!=3.1,!=3.2,!=3.3,!=3.4,!=3.5,!=3.6,!=3.7,!=3.8");
    assert_int_equal(r.n, 8);
    /* the ninth is refused at its version, not silently dropped */
    rejected("!=3.1,!=3.2,!=3.3,!=3.4,!=3.5,!=3.6,!=3.7,!=3.8,!=3.9",
             "too many specifiers in one range", 50);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(version_parse_accepts_major_minor_and_patch),
        cmocka_unit_test(version_parse_rejects_malformed_text),
        cmocka_unit_test(version_cmp_orders_by_major_then_minor),
        cmocka_unit_test(star_holds_for_every_version),
        cmocka_unit_test(each_operator_at_its_boundary),
        cmocka_unit_test(bare_version_means_equal),
        cmocka_unit_test(patch_level_in_a_range_is_ignored),
        cmocka_unit_test(parsed_specifiers_keep_operator_and_version),
        cmocka_unit_test(combined_specifiers_must_all_hold),
        cmocka_unit_test(blanks_around_operators_and_commas_are_allowed),
        cmocka_unit_test(range_errors_report_the_offset_of_the_problem),
        cmocka_unit_test(at_most_eight_specifiers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
