#define PCRE2_CODE_UNIT_WIDTH 8
#include "regex.h"

#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

struct regex {
    pcre2_code *code;
};

regex *regex_compile(const char *pattern, bool multiline, bool whole, char *err, size_t errsize,
                     size_t *offset)
{
    int code;
    PCRE2_SIZE off;
    uint32_t opts = PCRE2_UTF | PCRE2_MATCH_INVALID_UTF;
    if (multiline)
        opts |= PCRE2_MULTILINE;
    if (whole)
        opts |= PCRE2_ANCHORED | PCRE2_ENDANCHORED;
    pcre2_code *re =
        pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, opts, &code, &off, NULL);
    if (!re) {
        if (err)
            pcre2_get_error_message(code, (PCRE2_UCHAR *)err, errsize);
        if (offset)
            *offset = off;
        return NULL;
    }
    regex *r = malloc(sizeof *r);
    if (!r) {
        pcre2_code_free(re);
        return NULL;
    }
    r->code = re;
    return r;
}

bool regex_search(const regex *re, const char *subject, size_t len)
{
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(re->code, NULL);
    int rc = pcre2_match(re->code, (PCRE2_SPTR)subject, len, 0, 0, md, NULL);
    pcre2_match_data_free(md);
    return rc >= 0;
}

void regex_free(regex *re)
{
    if (!re)
        return;
    pcre2_code_free(re->code);
    free(re);
}

bool regex_matches(const char *pattern, const char *subject, bool multiline, bool whole)
{
    regex *re = regex_compile(pattern, multiline, whole, NULL, 0, NULL);
    if (!re)
        return false;
    bool ok = regex_search(re, subject, strlen(subject));
    regex_free(re);
    return ok;
}
