# ---
# title: common str methods (join, split, strip, replace, startswith, upper, format, find, count)
# clauses: [lang.builtin.2]
# source: "cpython-docs: stdtypes — String Methods"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "a-b-c"
#         - "['a', 'b', '', 'c'] ['a', 'b', 'c'] ['k', 'v=w']"
#         - "[pad] [pad  ] [  pad] [pad]"
#         - "h3ll0 w0rld"
#         - "True False True"
#         - "HELLO hello Hello World"
#         - "3 + 4 = 7; first=one"
#         - "2 -1 3 True"
#         - "['l1', 'l2'] abcabc 3"
#         - "[  mid   ] 007 True False"
#         - "b'abc' abc 3"
# ---
print("-".join(["a", "b", "c"]))
print("a,b,,c".split(","), " a  b c ".split(), "k=v=w".split("=", 1))
print(f"[{'  pad '.strip()}] [{'  pad  '.lstrip()}] [{'  pad  '.rstrip()}] [{'xxpadyx'.strip('xy')}]")
print("hello world".replace("e", "3").replace("o", "0"))
print("future.py".endswith(".py"), "future".startswith("fut", 1), "future".startswith(("x", "fu")))
print("Hello".upper(), "HeLLo".lower(), "hello world".title())
print("{} + {} = {}; first={name}".format(3, 4, 7, name="one"))
print("banana".find("n"), "banana".find("z"), "banana".count("a"), "an" in "banana")
print("l1\nl2\n".splitlines(), "abc" * 2, len("abc"))
print(f"[{'mid'.center(8)}] {'7'.zfill(3)} {'42'.isdigit()} {'4a'.isdigit()}")
print("abc".encode(), b"abc".decode(), len(b"abc"))
