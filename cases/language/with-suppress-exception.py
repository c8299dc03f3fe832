# ---
# title: with calls __enter__ and __exit__; __exit__ returning True suppresses the exception
# clauses: [lang.stmt.2]
# source: "cpython-docs: reference — The with statement"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "enter quiet"
#         - "body of quiet"
#         - "exit quiet: ValueError('swallowed')"
#         - "after quiet"
#         - "enter loud"
#         - "exit loud: KeyError('passed on')"
#         - "caught KeyError('passed on')"
#         - "enter clean"
#         - "as value: resource-clean"
#         - "exit clean: None"
#         - "enter a"
#         - "enter b"
#         - "exit b: None"
#         - "exit a: None"
# ---
class Guard:
    def __init__(self, name, suppress):
        self.name = name
        self.suppress = suppress

    def __enter__(self):
        print("enter", self.name)
        return "resource-" + self.name

    def __exit__(self, exc_type, exc, tb):
        print(f"exit {self.name}: {exc!r}")
        return self.suppress


with Guard("quiet", True):
    print("body of quiet")
    raise ValueError("swallowed")
print("after quiet")

try:
    with Guard("loud", False):
        raise KeyError("passed on")
except KeyError as e:
    print(f"caught {e!r}")

with Guard("clean", True) as value:
    print("as value:", value)

with Guard("a", False), Guard("b", False):
    pass
