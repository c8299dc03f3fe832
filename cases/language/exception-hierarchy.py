# ---
# title: the builtin exception hierarchy the cases rely on; except Exception does not catch BaseException-only classes
# clauses: [lang.exc.10]
# source: "cpython-docs: exceptions — Exception hierarchy"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "LookupError: KeyError IndexError"
#         - "ArithmeticError: ZeroDivisionError OverflowError"
#         - "RuntimeError: NotImplementedError RecursionError"
#         - "OSError: TimeoutError ConnectionError"
#         - "NameError: UnboundLocalError"
#         - "ValueError: UnicodeError"
#         - "Exception: StopIteration StopAsyncIteration AssertionError AttributeError TypeError"
#         - "BaseException only: SystemExit KeyboardInterrupt GeneratorExit"
#         - "outer handler got SystemExit"
#         - "caught by except Exception: TypeError"
# ---
groups = [
    (LookupError, [KeyError, IndexError]),
    (ArithmeticError, [ZeroDivisionError, OverflowError]),
    (RuntimeError, [NotImplementedError, RecursionError]),
    (OSError, [TimeoutError, ConnectionError]),
    (NameError, [UnboundLocalError]),
    (ValueError, [UnicodeError]),
    (Exception, [StopIteration, StopAsyncIteration, AssertionError, AttributeError, TypeError]),
]
for base, subs in groups:
    assert all(issubclass(s, base) for s in subs)
    print(f"{base.__name__}:", " ".join(s.__name__ for s in subs))
only_base = [SystemExit, KeyboardInterrupt, GeneratorExit]
assert all(issubclass(c, BaseException) and not issubclass(c, Exception) for c in only_base)
print("BaseException only:", " ".join(c.__name__ for c in only_base))
try:
    try:
        raise SystemExit(0)
    except Exception:
        print("never")
except BaseException as e:
    print("outer handler got", type(e).__name__)
try:
    len(5)
except Exception as e:
    print("caught by except Exception:", type(e).__name__)
