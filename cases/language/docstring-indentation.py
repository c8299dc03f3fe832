# ---
# title: a docstring becomes __doc__; from 3.13 the compiler removes the indentation its later lines share and expands tabs
# clauses: [lang.func.8]
# source: "cpython-docs: What's New In Python 3.13 — Other Language Changes"
# expect:
#   - python: "<3.13"
#     completes: true
#     stdout:
#       exact:
#         - "'\\n    Summary.\\n\\n      Indented more.\\n    Back.\\n    '"
#         - "'   first line\\n        second\\n      third\\n    '"
#         - "'\\n        class doc\\n          more\\n    '"
#         - "'One line.'"
#         - "None"
#   - python: ">=3.13"
#     completes: true
#     stdout:
#       exact:
#         - "'\\nSummary.\\n\\n  Indented more.\\nBack.\\n'"
#         - "'first line\\n  second\\nthird\\n'"
#         - "'\\nclass doc\\n  more\\n'"
#         - "'One line.'"
#         - "None"
# ---


def summary():
    """
    Summary.

      Indented more.
    Back.
    """


def first_line_indented():
    """   first line
        second
      third
    """


class Documented:
    """
        class doc
          more
    """

    def method(self):
        """One line."""


def undocumented():
    pass


for doc in (summary.__doc__, first_line_indented.__doc__, Documented.__doc__,
            Documented.method.__doc__, undocumented.__doc__):
    print(repr(doc))
