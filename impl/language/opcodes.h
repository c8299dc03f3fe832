/* The instruction set of refpy's VM: a stack machine close to CPython
 * 3.9's, so that the compiler can follow CPython's compile.c and the values
 * are held and dropped at the same points (which decides when a
 * never-awaited coroutine warns).
 *
 * Each instruction is a 32-bit word (codeobject.h: R_INSTR(op, arg)).
 * Jump arguments are absolute instruction indices. "TOS" is the top of the
 * value stack, TOS1 the item below it; stack effects are written
 * "before -> after", rightmost on top. */
#ifndef REFPY_OPCODES_H
#define REFPY_OPCODES_H

#define R_OPCODES(X)                                                                  \
    /* stack shuffling */                                                             \
    X(NOP)                   /* -- */                                                 \
    X(POP_TOP)               /* v -> */                                               \
    X(ROT_TWO)               /* a b -> b a */                                         \
    X(ROT_THREE)             /* a b c -> c a b */                                     \
    X(ROT_FOUR)              /* a b c d -> d a b c */                                 \
    X(DUP_TOP)               /* a -> a a */                                           \
    X(DUP_TOP_TWO)           /* a b -> a b a b */                                     \
    /* names; arg indexes co->consts, co->names or the localsplus slots */            \
    X(LOAD_CONST)            /* -> consts[arg] */                                     \
    X(LOAD_FAST)             /* -> local; UnboundLocalError when unset */             \
    X(STORE_FAST)            /* v -> */                                               \
    X(DELETE_FAST)           /* -- */                                                 \
    X(LOAD_DEREF)            /* -> cell contents (localsplus[arg] is a cell) */       \
    X(STORE_DEREF)           /* v -> */                                               \
    X(DELETE_DEREF)          /* -- */                                                 \
    X(LOAD_CLOSURE)          /* -> the cell itself */                                 \
    X(LOAD_GLOBAL)           /* -> globals or builtins [names[arg]]; NameError */     \
    X(STORE_GLOBAL)          /* v -> */                                               \
    X(DELETE_GLOBAL)         /* -- */                                                 \
    X(LOAD_NAME)             /* -> locals dict, then globals, then builtins */        \
    X(STORE_NAME)            /* v -> (locals dict) */                                 \
    X(DELETE_NAME)           /* -- */                                                 \
    X(LOAD_ATTR)             /* obj -> obj.names[arg] */                              \
    X(STORE_ATTR)            /* v obj -> */                                           \
    X(DELETE_ATTR)           /* obj -> */                                             \
    X(LOAD_METHOD)           /* obj -> meth self | NULL bound (as CPython 3.7+) */    \
    X(LOAD_ASSERTION_ERROR)  /* -> AssertionError */                                  \
    X(LOAD_BUILD_CLASS)      /* -> __build_class__ */                                 \
    /* operators */                                                                   \
    X(UNARY_POSITIVE)        /* v -> +v */                                            \
    X(UNARY_NEGATIVE)        /* v -> -v */                                            \
    X(UNARY_NOT)             /* v -> not v */                                         \
    X(UNARY_INVERT)          /* v -> ~v */                                            \
    X(BINARY_OP)             /* a b -> a op b; arg: R_BINOP_* (in-place forms too) */ \
    X(COMPARE_OP)            /* a b -> a op b; arg: r_cmpop */                        \
    X(IS_OP)                 /* a b -> a is b (arg 1: is not) */                      \
    X(CONTAINS_OP)           /* a b -> a in b (arg 1: not in) */                      \
    X(BINARY_SUBSCR)         /* container key -> container[key] */                    \
    X(STORE_SUBSCR)          /* v container key -> */                                 \
    X(DELETE_SUBSCR)         /* container key -> */                                   \
    X(BUILD_SLICE)           /* start stop [step] -> slice (arg 2 or 3) */            \
    /* building */                                                                    \
    X(BUILD_TUPLE)           /* v1..vn -> tuple */                                    \
    X(BUILD_LIST)            /* v1..vn -> list */                                     \
    X(BUILD_SET)             /* v1..vn -> set */                                      \
    X(BUILD_MAP)             /* k1 v1..kn vn -> dict */                               \
    X(BUILD_STRING)          /* s1..sn -> the concatenation */                        \
    X(LIST_APPEND)           /* ... list ...(arg-1 items) v -> (comprehensions) */    \
    X(SET_ADD)               /* likewise, into the set arg deep */                    \
    X(MAP_ADD)               /* ... dict ... k v -> */                                \
    X(LIST_EXTEND)           /* list ...(arg-1) iterable -> list ... */               \
    X(SET_UPDATE)            /* set ...(arg-1) iterable -> set ... */                 \
    X(DICT_UPDATE)           /* dict ...(arg-1) mapping -> dict ... ({**m}) */        \
    X(DICT_MERGE)            /* like DICT_UPDATE, duplicate keys are a TypeError */   \
    X(LIST_TO_TUPLE)         /* list -> tuple */                                      \
    X(FORMAT_VALUE)          /* v [spec] -> str; arg: conversion | 4 if spec */       \
    /* control flow */                                                                \
    X(JUMP)                  /* -- ; to arg */                                        \
    X(POP_JUMP_IF_FALSE)     /* v -> */                                               \
    X(POP_JUMP_IF_TRUE)      /* v -> */                                               \
    X(JUMP_IF_FALSE_OR_POP)  /* v -> v (jump) | -> (no jump) */                       \
    X(JUMP_IF_TRUE_OR_POP)   /* v -> v (jump) | -> (no jump) */                       \
    X(GET_ITER)              /* v -> iter(v) */                                       \
    X(FOR_ITER)              /* it -> it next | -> (exhausted: jump to arg) */        \
    X(UNPACK_SEQUENCE)       /* seq -> v_n .. v_1 (v_1 on top) */                     \
    X(UNPACK_EX)             /* seq -> after.. list before..; arg: before | after<<8*/\
    /* functions and classes */                                                       \
    X(MAKE_FUNCTION)         /* [defaults] [kwdefaults] [closure] code qualname -> f*/\
    X(CALL_FUNCTION)         /* f a1..an -> result */                                 \
    X(CALL_FUNCTION_KW)      /* f a1..an names -> result (names: tuple of str) */     \
    X(CALL_FUNCTION_EX)      /* f args [kwargs] -> result (arg 1: kwargs present) */  \
    X(CALL_METHOD)           /* meth self|NULL a1..an -> result */                    \
    X(RETURN_VALUE)          /* v -> (returns from the frame) */                      \
    X(SUPER_CLASS_CELL)      /* -> the __class__ cell (for zero-argument super) */    \
    /* exceptions: the block stack (CPython 3.9's scheme) */                          \
    X(SETUP_FINALLY)         /* -- ; pushes a handler block for arg */                \
    X(POP_BLOCK)             /* -- ; pops the top block */                            \
    X(POP_EXCEPT)            /* prev_exc -> ; restores the handled exception */       \
    X(RERAISE)               /* exc -> (raises it again, keeping its traceback) */    \
    X(RAISE_VARARGS)         /* [exc [cause]] -> (arg 0: re-raise the handled one) */ \
    X(JUMP_IF_NOT_EXC_MATCH) /* exc type -> ; jump when exc is no instance of type */ \
    X(SETUP_WITH)            /* cm -> exit enter_result ; handler block for arg */    \
    X(WITH_EXCEPT_START)     /* exit prev exc -> exit prev exc res */                 \
    /* generators and coroutines */                                                   \
    X(GEN_START)             /* -- ; first instruction of a generator (arg: kind) */  \
    X(YIELD_VALUE)           /* v -> sent (suspends the frame) */                     \
    X(YIELD_FROM)            /* iter v -> result (suspends while iter yields) */      \
    X(GET_YIELD_FROM_ITER)   /* v -> iter(v) or v itself for a coroutine */           \
    X(GET_AWAITABLE)         /* v -> awaitable iterator; arg: 0 await, 1 aenter, 2 aexit */ \
    X(GET_AITER)             /* v -> v.__aiter__() */                                 \
    X(GET_ANEXT)             /* aiter -> aiter awaitable(aiter.__anext__()) */        \
    X(END_ASYNC_FOR)         /* aiter exc -> (StopAsyncIteration ends the loop) */    \
    X(BEFORE_ASYNC_WITH)     /* cm -> aexit aenter_awaitable */                       \
    X(SETUP_ASYNC_WITH)      /* v -> v ; handler block for arg */                     \
    /* modules */                                                                     \
    X(IMPORT_NAME)           /* level fromlist -> module */                           \
    X(IMPORT_FROM)           /* module -> module module.names[arg] */

enum {
#define R_OPCODE_ENUM(name) OP_##name,
    R_OPCODES(R_OPCODE_ENUM)
#undef R_OPCODE_ENUM
    R_OPCODE_COUNT
};

/* Added to LIST_EXTEND's depth when the list holds a call's positional
 * arguments, f(a, *x): 3.8 (BUILD_TUPLE_UNPACK_WITH_CALL there) names the
 * function when x is no iterable, where a display says only the type. */
enum { R_EXTEND_FOR_CALL = 1 << 16 };

/* BINARY_OP arguments; the in-place forms try __iadd__ and the like first. */
enum {
    R_BINOP_ADD, R_BINOP_SUBTRACT, R_BINOP_MULTIPLY, R_BINOP_TRUE_DIVIDE,
    R_BINOP_FLOOR_DIVIDE, R_BINOP_REMAINDER, R_BINOP_POWER, R_BINOP_LSHIFT,
    R_BINOP_RSHIFT, R_BINOP_AND, R_BINOP_OR, R_BINOP_XOR, R_BINOP_MATMUL,
    R_BINOP_INPLACE = 16 /* added to one of the above */
};

/* MAKE_FUNCTION flags, in the order the values sit below code and qualname */
enum {
    R_MAKE_DEFAULTS = 1,
    R_MAKE_KWDEFAULTS = 2,
    R_MAKE_CLOSURE = 8,
};

/* FORMAT_VALUE: the conversion in the low bits, R_FORMAT_SPEC when a format
 * spec is on the stack above the value */
enum {
    R_FORMAT_NONE = 0,
    R_FORMAT_STR = 1,
    R_FORMAT_REPR = 2,
    R_FORMAT_ASCII = 3,
    R_FORMAT_SPEC = 4,
};

extern const char *const r_opcode_names[R_OPCODE_COUNT];

#endif
