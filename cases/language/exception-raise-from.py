# ---
# title: raise X from Y sets __cause__ and the traceback shows both, the new exception last
# clauses: [lang.exc.2]
# source: "cpython-docs: reference — The raise statement"
# expect:
#   - python: "*"
#     raises: {type: RuntimeError, message: "config unreadable"}
#     stdout: {exact: ["cause: KeyError('path')", "suppressed context: True None"]}
#     stderr:
#       contains:
#         - "KeyError: 'path'"
#         - "The above exception was the direct cause of the following exception:"
# ---
def load(cfg):
    try:
        return cfg["path"]
    except KeyError as e:
        raise RuntimeError("config unreadable") from e


try:
    load({})
except RuntimeError as err:
    print(f"cause: {err.__cause__!r}")

try:
    try:
        raise ValueError("inner")
    except ValueError:
        raise TypeError("outer") from None
except TypeError as err:
    print("suppressed context:", err.__suppress_context__, err.__cause__)

load({})
