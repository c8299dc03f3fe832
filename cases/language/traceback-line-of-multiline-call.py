# ---
# title: the traceback line of a multi-line method call is the attribute's line from 3.10, the expression's first line before
# clauses: [lang.exc.11, lang.exc.1]
# source: "cpython-docs: traceback — Print or retrieve a stack traceback"
# expect:
#   - python: "<3.10"
#     raises: {type: ValueError, message: "method"}
#     stderr: {regex: "line 24, in by_method\\n    return \\(widget\\n"}
#   - python: ">=3.10"
#     raises: {type: ValueError, message: "method"}
#     stderr: {regex: "line 25, in by_method\\n    \\.fail\\(\\n"}
# ---
class Widget:
    def fail(self, why):
        raise ValueError(why)


widget = Widget()


def by_method():
    # the object on one line, the method on the next, the argument after
    # that: which of the three lines does the traceback name?
    return (widget
            .fail(
                "method"))


by_method()
