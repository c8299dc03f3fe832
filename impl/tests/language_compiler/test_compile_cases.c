/* Every case file of the suite compiles (the directory comes from CMake). */
#include <dirent.h>
#include <sys/stat.h>

#include "compiler_test_util.h"

#ifndef CASES_DIR
#error "CASES_DIR must name the cases directory"
#endif

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)size + 1);
    assert_non_null(buf);
    *len = fread(buf, 1, (size_t)size, f);
    fclose(f);
    return buf;
}

static int compile_tree(const char *dir)
{
    int count = 0;
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *entry;
    while ((entry = readdir(d)) != NULL) {
        if (entry->d_name[0] == '.')
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, entry->d_name);
        struct stat st;
        assert_int_equal(stat(path, &st), 0);
        if (S_ISDIR(st.st_mode)) {
            count += compile_tree(path);
            continue;
        }
        size_t n = strlen(entry->d_name);
        if (n < 3 || strcmp(entry->d_name + n - 3, ".py") != 0)
            continue;
        size_t len;
        char *source = read_all(path, &len);
        SyntaxErrorInfo error;
        RObject *code = compile_source(source, len, path, &error);
        free(source);
        if (!code)
            fail_msg("%s:%d:%d: %s: %s", path, error.lineno, error.offset,
                     syntax_error_type_name(error.type), error.msg);
        R_DECREF(code);
        count++;
    }
    closedir(d);
    return count;
}

static void test_every_case_compiles(void **state)
{
    (void)state;
    int count = compile_tree(CASES_DIR);
    assert_true(count > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_case_compiles),
    };
    return cmocka_run_group_tests(tests, compiler_test_setup, NULL);
}
