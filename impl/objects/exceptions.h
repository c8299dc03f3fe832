/* The exception types with CPython's hierarchy, and exception instances
 * (args, traceback, context, cause). */
#ifndef REFPY_EXCEPTIONS_H
#define REFPY_EXCEPTIONS_H

#include "object.h"

typedef struct {
    RObject ob;
    RObject *dict;
    RObject *args;      /* a tuple */
    RObject *traceback; /* a traceback object or NULL */
    RObject *context;
    RObject *cause;
    bool suppress_context;
    RObject *value;     /* StopIteration.value, SystemExit.code */
    RObject *name;      /* NameError/AttributeError/ImportError .name */
    RObject *obj;       /* AttributeError.obj (3.10+) */
} RBaseException;

#define R_EXCEPTION_TYPES(X)                                \
    X(BaseException, NULL)                                  \
    X(GeneratorExit, BaseException)                         \
    X(KeyboardInterrupt, BaseException)                     \
    X(SystemExit, BaseException)                            \
    X(Exception, BaseException)                             \
    X(ArithmeticError, Exception)                           \
    X(FloatingPointError, ArithmeticError)                  \
    X(OverflowError, ArithmeticError)                       \
    X(ZeroDivisionError, ArithmeticError)                   \
    X(AssertionError, Exception)                            \
    X(AttributeError, Exception)                            \
    X(BufferError, Exception)                               \
    X(EOFError, Exception)                                  \
    X(ImportError, Exception)                               \
    X(ModuleNotFoundError, ImportError)                     \
    X(LookupError, Exception)                               \
    X(IndexError, LookupError)                              \
    X(KeyError, LookupError)                                \
    X(MemoryError, Exception)                               \
    X(NameError, Exception)                                 \
    X(UnboundLocalError, NameError)                         \
    X(OSError, Exception)                                   \
    X(BlockingIOError, OSError)                             \
    X(ChildProcessError, OSError)                           \
    X(ConnectionError, OSError)                             \
    X(BrokenPipeError, ConnectionError)                     \
    X(FileExistsError, OSError)                             \
    X(FileNotFoundError, OSError)                           \
    X(InterruptedError, OSError)                            \
    X(PermissionError, OSError)                             \
    X(ProcessLookupError, OSError)                          \
    X(TimeoutError, OSError)                                \
    X(ReferenceError, Exception)                            \
    X(RuntimeError, Exception)                              \
    X(NotImplementedError, RuntimeError)                    \
    X(RecursionError, RuntimeError)                         \
    X(StopAsyncIteration, Exception)                        \
    X(StopIteration, Exception)                             \
    X(SyntaxError, Exception)                               \
    X(IndentationError, SyntaxError)                        \
    X(TabError, IndentationError)                           \
    X(SystemError, Exception)                               \
    X(TypeError, Exception)                                 \
    X(ValueError, Exception)                                \
    X(UnicodeError, ValueError)                             \
    X(UnicodeDecodeError, UnicodeError)                     \
    X(UnicodeEncodeError, UnicodeError)                     \
    X(Warning, Exception)                                   \
    X(BytesWarning, Warning)                                \
    X(DeprecationWarning, Warning)                          \
    X(FutureWarning, Warning)                               \
    X(ImportWarning, Warning)                               \
    X(PendingDeprecationWarning, Warning)                   \
    X(ResourceWarning, Warning)                             \
    X(RuntimeWarning, Warning)                              \
    X(SyntaxWarning, Warning)                               \
    X(UnicodeWarning, Warning)                              \
    X(UserWarning, Warning)

#define R_DECLARE_EXC(name, base) extern RType *r_exc_##name;
R_EXCEPTION_TYPES(R_DECLARE_EXC)
#undef R_DECLARE_EXC

/* Creates the exception types; called once at start-up, after the core
 * types are ready. */
int r_exceptions_init(void);
/* Every built-in exception type, for the builtins module: *n is set. */
RType **r_exception_types(size_t *n);

#define R_EXC_CHECK(o) ((R_TYPE(o)->flags & R_TPFLAGS_EXC_SUBCLASS) != 0)
#define R_EXC_TYPE_CHECK(t) ((((RType *)(t))->flags & R_TPFLAGS_EXC_SUBCLASS) != 0)

/* A new instance of type with the given args tuple (borrowed). */
RObject *r_exc_new(RType *type, RObject *args);
RObject *r_exc_new_cstr(RType *type, const char *message);
/* Setters that keep the invariants (steal value; NULL clears). */
void r_exc_set_traceback(RObject *exc, RObject *tb);
void r_exc_set_context(RObject *exc, RObject *context);
void r_exc_set_cause(RObject *exc, RObject *cause);
/* AttributeError.name/.obj and NameError.name, which the 3.10+ hints read
 * (as CPython sets them where the lookup fails). On the current exception. */
void r_err_set_name_obj(RObject *name, RObject *obj);
static inline RObject *r_exc_args(RObject *exc) { return ((RBaseException *)exc)->args; }

#endif
