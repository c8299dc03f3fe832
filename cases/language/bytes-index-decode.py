# ---
# title: bytes literals with escapes; indexing and iteration give ints; decode and encode use UTF-8
# clauses: [lang.builtin.7]
# source: "cpython-docs: stdtypes — Bytes Objects"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "len 5: 104 111 [104, 105, 0, 255, 10]"
#         - "slice vs index: b'h' 104 int bytes"
#         - "b'caf\\xc3\\xa9' 5 4 café True"
#         - "bytes(list): b'AB\\x01' 65"
#         - "compare: True False True True"
#         - "UnicodeDecodeError True ValueError"
# ---
b = b"hi\x00\xff\n"
print("len", len(b), end=": ")
print(b[0], b"hello"[-1], list(b))
print("slice vs index:", b[:1], b[0], type(b[0]).__name__, type(b[:1]).__name__)
enc = "café".encode()
print(enc, len(enc), len("café"), enc.decode(), enc.decode() == "café")
print("bytes(list):", bytes([65, 66, 1]), bytes([65])[0])
print("compare:", b"abc" == b"abc", b"abc" == "abc", b"a" < b"b", 104 in b"hi")
try:
    b"\xff".decode()
except ValueError as e:
    print(type(e).__name__, isinstance(e, UnicodeError), ValueError.__name__)
