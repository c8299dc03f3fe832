# str() of UnicodeDecodeError and UnicodeEncodeError: one byte or character, a range
out = []
for b in (b"\xe2\x82", b"ab\x80"):
    try:
        b.decode()
    except UnicodeDecodeError as e:
        out.append(str(e))
for s in ("\udfff", "x\ud800y"):
    try:
        s.encode()
    except UnicodeEncodeError as e:
        out.append(str(e))
try:
    "\xe9".encode("ascii")
except UnicodeEncodeError as e:
    out.append(str(e))
out.append(str(UnicodeDecodeError("x", b"a", 0, 1, "r")))
out.append(str(UnicodeError()))
