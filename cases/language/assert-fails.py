# ---
# title: a failing assert raises AssertionError with the given message; a passing one does nothing
# clauses: [lang.stmt.3]
# source: "cpython-docs: reference — The assert statement"
# expect:
#   - python: "*"
#     raises: {type: AssertionError, message: "expected 3 items, got 2"}
#     stdout: {exact: ["passed", "bare assert: AssertionError() ''"]}
# ---
items = [1, 2]
assert len(items) == 2, "never shown"
print("passed")
try:
    assert items[0] > 5
except AssertionError as e:
    print(f"bare assert: {e!r} {str(e)!r}")
assert len(items) == 3, f"expected 3 items, got {len(items)}"
