#include "dis.h"

#include <stdlib.h>
#include <string.h>

#include "errors.h"
#include "opcodes.h"
#include "strobject.h"
#include "tupleobject.h"

static const char *const compare_names[] = {"<", "<=", "==", "!=", ">", ">="};
static const char *const binop_names[] = {"+",  "-",  "*", "/", "//", "%", "**",
                                          "<<", ">>", "&", "|", "^",  "@"};
static const char *const gen_kinds[] = {"generator", "coroutine", "async generator"};
static const char *const awaitable_kinds[] = {"", "aenter", "aexit"};
static const char *const conversions[] = {"", "str", "repr", "ascii"};

static bool takes_arg(int op)
{
    switch (op) {
    case OP_NOP:
    case OP_POP_TOP:
    case OP_ROT_TWO:
    case OP_ROT_THREE:
    case OP_ROT_FOUR:
    case OP_DUP_TOP:
    case OP_DUP_TOP_TWO:
    case OP_LOAD_ASSERTION_ERROR:
    case OP_LOAD_BUILD_CLASS:
    case OP_UNARY_POSITIVE:
    case OP_UNARY_NEGATIVE:
    case OP_UNARY_NOT:
    case OP_UNARY_INVERT:
    case OP_BINARY_SUBSCR:
    case OP_STORE_SUBSCR:
    case OP_DELETE_SUBSCR:
    case OP_LIST_TO_TUPLE:
    case OP_GET_ITER:
    case OP_RETURN_VALUE:
    case OP_SUPER_CLASS_CELL:
    case OP_POP_BLOCK:
    case OP_POP_EXCEPT:
    case OP_RERAISE:
    case OP_WITH_EXCEPT_START:
    case OP_YIELD_VALUE:
    case OP_YIELD_FROM:
    case OP_GET_YIELD_FROM_ITER:
    case OP_GET_AITER:
    case OP_GET_ANEXT:
    case OP_END_ASYNC_FOR:
    case OP_BEFORE_ASYNC_WITH:
        return false;
    default:
        return true;
    }
}

static bool is_jump(int op)
{
    switch (op) {
    case OP_JUMP:
    case OP_POP_JUMP_IF_FALSE:
    case OP_POP_JUMP_IF_TRUE:
    case OP_JUMP_IF_FALSE_OR_POP:
    case OP_JUMP_IF_TRUE_OR_POP:
    case OP_FOR_ITER:
    case OP_SETUP_FINALLY:
    case OP_SETUP_WITH:
    case OP_SETUP_ASYNC_WITH:
    case OP_JUMP_IF_NOT_EXC_MATCH:
        return true;
    default:
        return false;
    }
}

static void tuple_item_text(RObject *tuple, uint32_t i, char *buf, size_t size)
{
    if (!tuple || (ssize_t)i >= R_TUPLE_SIZE(tuple)) {
        snprintf(buf, size, "<out of range>");
        return;
    }
    RObject *item = R_TUPLE_GET(tuple, i);
    if (R_STR_CHECK(item)) {
        snprintf(buf, size, "%s", r_str_utf8(item));
        return;
    }
    snprintf(buf, size, "<%s>", R_TYPE(item)->name);
}

static void const_text(RObject *consts, uint32_t i, char *buf, size_t size)
{
    if ((ssize_t)i >= R_TUPLE_SIZE(consts)) {
        snprintf(buf, size, "<out of range>");
        return;
    }
    RObject *value = R_TUPLE_GET(consts, i);
    if (R_TYPE(value) == &r_code_type) {
        const RCode *co = (const RCode *)value;
        snprintf(buf, size, "<code object %s, line %d>", r_str_utf8(co->name), co->firstlineno);
        return;
    }
    RObject *repr = r_repr(value);
    if (!repr) {
        r_err_clear();
        snprintf(buf, size, "<%s>", R_TYPE(value)->name);
        return;
    }
    snprintf(buf, size, "%s", r_str_utf8(repr));
    R_DECREF(repr);
}

/* What the argument of instruction op means, or "" */
static void meaning(const RCode *co, int op, uint32_t arg, char *buf, size_t size)
{
    buf[0] = '\0';
    switch (op) {
    case OP_LOAD_CONST:
        const_text(co->consts, arg, buf, size);
        return;
    case OP_LOAD_GLOBAL:
    case OP_STORE_GLOBAL:
    case OP_DELETE_GLOBAL:
    case OP_LOAD_NAME:
    case OP_STORE_NAME:
    case OP_DELETE_NAME:
    case OP_LOAD_ATTR:
    case OP_STORE_ATTR:
    case OP_DELETE_ATTR:
    case OP_LOAD_METHOD:
    case OP_IMPORT_NAME:
    case OP_IMPORT_FROM:
        tuple_item_text(co->names, arg, buf, size);
        return;
    case OP_LOAD_FAST:
    case OP_STORE_FAST:
    case OP_DELETE_FAST:
    case OP_LOAD_DEREF:
    case OP_STORE_DEREF:
    case OP_DELETE_DEREF:
    case OP_LOAD_CLOSURE:
        tuple_item_text(co->localsplusnames, arg, buf, size);
        return;
    case OP_COMPARE_OP:
        snprintf(buf, size, "%s", arg < 6 ? compare_names[arg] : "?");
        return;
    case OP_IS_OP:
        snprintf(buf, size, "%s", arg ? "is not" : "is");
        return;
    case OP_CONTAINS_OP:
        snprintf(buf, size, "%s", arg ? "not in" : "in");
        return;
    case OP_BINARY_OP: {
        uint32_t base = arg & (R_BINOP_INPLACE - 1);
        snprintf(buf, size, "%s%s", base < 13 ? binop_names[base] : "?",
                 (arg & R_BINOP_INPLACE) ? "=" : "");
        return;
    }
    case OP_GEN_START:
        snprintf(buf, size, "%s", arg < 3 ? gen_kinds[arg] : "?");
        return;
    case OP_GET_AWAITABLE:
        snprintf(buf, size, "%s", arg < 3 ? awaitable_kinds[arg] : "?");
        return;
    case OP_FORMAT_VALUE:
        snprintf(buf, size, "%s%s%s", conversions[arg & 3],
                 (arg & 3) && (arg & R_FORMAT_SPEC) ? ", " : "",
                 (arg & R_FORMAT_SPEC) ? "with format" : "");
        return;
    case OP_MAKE_FUNCTION:
        snprintf(buf, size, "%s%s%s", (arg & R_MAKE_DEFAULTS) ? "defaults " : "",
                 (arg & R_MAKE_KWDEFAULTS) ? "kwdefaults " : "",
                 (arg & R_MAKE_CLOSURE) ? "closure " : "");
        size_t len = strlen(buf);
        if (len)
            buf[len - 1] = '\0';
        return;
    case OP_UNPACK_EX:
        snprintf(buf, size, "%u before, %u after", arg & 0xff, arg >> 8);
        return;
    default:
        if (is_jump(op))
            snprintf(buf, size, "to %u", arg);
        return;
    }
}

void dis_instruction(const RCode *co, size_t index, char *buf, size_t size)
{
    uint32_t word = co->code[index];
    int op = R_OP(word);
    uint32_t arg = R_ARG(word);
    const char *name = op < R_OPCODE_COUNT ? r_opcode_names[op] : "<unknown>";
    if (!takes_arg(op)) {
        snprintf(buf, size, "%s", name);
        return;
    }
    if (op == OP_LIST_EXTEND) /* the depth; the call mark is not CPython's */
        arg &= R_EXTEND_FOR_CALL - 1;
    char mean[256];
    meaning(co, op, arg, mean, sizeof mean);
    if (mean[0])
        snprintf(buf, size, "%s %u (%s)", name, arg, mean);
    else
        snprintf(buf, size, "%s %u", name, arg);
}

static void print_flags(int flags, FILE *out)
{
    static const struct {
        int flag;
        const char *name;
    } names[] = {
        {R_CO_OPTIMIZED, "OPTIMIZED"},   {R_CO_NEWLOCALS, "NEWLOCALS"},
        {R_CO_VARARGS, "VARARGS"},       {R_CO_VARKEYWORDS, "VARKEYWORDS"},
        {R_CO_NESTED, "NESTED"},         {R_CO_GENERATOR, "GENERATOR"},
        {R_CO_COROUTINE, "COROUTINE"},   {R_CO_ITERABLE_COROUTINE, "ITERABLE_COROUTINE"},
        {R_CO_ASYNC_GENERATOR, "ASYNC_GENERATOR"},
    };
    bool first = true;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (flags & names[i].flag) {
            fprintf(out, "%s%s", first ? "" : ", ", names[i].name);
            first = false;
        }
    if (first)
        fprintf(out, "0");
}

static void print_names(const char *label, RObject *tuple, int from, int to, FILE *out)
{
    if (from >= to)
        return;
    fprintf(out, "%s:", label);
    for (int i = from; i < to; i++)
        fprintf(out, " %s", r_str_utf8(R_TUPLE_GET(tuple, i)));
    fprintf(out, "\n");
}

static void print_header(const RCode *co, FILE *out)
{
    fprintf(out, "Name:              %s\n", r_str_utf8(co->name));
    fprintf(out, "Qualified name:    %s\n", r_str_utf8(co->qualname));
    fprintf(out, "First line:        %d\n", co->firstlineno);
    fprintf(out, "Arguments:         %d positional, %d keyword-only\n", co->argcount,
            co->kwonlyargcount);
    fprintf(out, "Stack size:        %d\n", co->stacksize);
    fprintf(out, "Flags:             ");
    print_flags(co->flags, out);
    fprintf(out, "\n");
    print_names("Locals", co->localsplusnames, 0, co->nlocals, out);
    print_names("Cells", co->localsplusnames, co->nlocals, co->nlocals + co->ncells, out);
    print_names("Frees", co->localsplusnames, co->nlocals + co->ncells,
                co->nlocals + co->ncells + co->nfrees, out);
    if (co->cell2arg) {
        fprintf(out, "Cell arguments:   ");
        for (int i = 0; i < co->ncells; i++)
            fprintf(out, " %d", co->cell2arg[i]);
        fprintf(out, "\n");
    }
}

void dis_code(const RCode *co, const DisOptions *options, FILE *out)
{
    fprintf(out, "Disassembly of <code object %s at %s, line %d>:\n", r_str_utf8(co->qualname),
            r_str_utf8(co->filename), co->firstlineno);
    if (options->header)
        print_header(co, out);
    /* jump targets get ">>" as in CPython's dis */
    bool *targets = calloc(co->ncode ? co->ncode : 1, sizeof *targets);
    for (size_t i = 0; targets && i < co->ncode; i++) {
        int op = R_OP(co->code[i]);
        uint32_t arg = R_ARG(co->code[i]);
        if (is_jump(op) && arg < co->ncode)
            targets[arg] = true;
    }
    int last_line = -1;
    for (size_t i = 0; i < co->ncode; i++) {
        const r_position *p = &co->positions[i];
        char text[512];
        dis_instruction(co, i, text, sizeof text);
        if (i > 0 && p->line != last_line)
            fprintf(out, "\n");
        if (p->line != last_line)
            fprintf(out, "%4d ", p->line);
        else
            fprintf(out, "     ");
        last_line = p->line;
        fprintf(out, "%s %5zu  ", targets && targets[i] ? ">>" : "  ", i);
        if (options->positions)
            fprintf(out, "%d:%d-%d:%d  ", p->line, p->col, p->end_line, p->end_col);
        fprintf(out, "%s\n", text);
    }
    free(targets);
    if (!options->recursive)
        return;
    for (ssize_t i = 0; i < R_TUPLE_SIZE(co->consts); i++) {
        RObject *value = R_TUPLE_GET(co->consts, i);
        if (R_TYPE(value) == &r_code_type) {
            fprintf(out, "\n");
            dis_code((const RCode *)value, options, out);
        }
    }
}
