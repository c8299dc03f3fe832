# implicit __context__, explicit __cause__ and __suppress_context__
out = []


def describe(e):
    ctx = e.__context__
    cause = e.__cause__
    return (type(e).__name__, ctx and type(ctx).__name__, cause and type(cause).__name__,
            e.__suppress_context__)


try:
    try:
        {}["k"]
    except KeyError:
        raise ValueError("during")
except ValueError as e:
    out.append(describe(e))

try:
    try:
        1 / 0
    except ZeroDivisionError as z:
        raise RuntimeError("from") from z
except RuntimeError as e:
    out.append(describe(e))

try:
    try:
        [][1]
    except IndexError:
        raise TypeError("none") from None
except TypeError as e:
    out.append(describe(e))

try:
    try:
        raise OSError("first")
    finally:
        out.append("finally")
except OSError as e:
    out.append(describe(e))

err = None
try:
    raise KeyError("x")
except KeyError as e:
    err = e
try:
    e
    out.append("e still bound")
except NameError as gone:
    out.append(str(gone))
out.append(describe(err))
