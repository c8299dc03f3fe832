# subclasses of str, bytes, tuple and int keep their value and take
# attributes (a variable-size base: the instance dict follows the items)
class Name(str):
    def shout(self):
        return self.upper() + "!"


class Blob(bytes):
    pass


class Pair(tuple):
    def swap(self):
        return Pair((self[1], self[0]))


class Count(int):
    pass


out = []
n = Name("a longer name than eight bytes")
n.tag = "t"
out += [n, n.tag, len(n), n.shout(), type(n.shout()).__name__, n == "a longer name than eight bytes"]
b = Blob(b"0123456789abcdef")
b.note = [1, 2]
out += [b, b.note, len(b), b[3]]
p = Pair((1, "two"))
p.extra = {"k": 3}
out += [p, p.extra, len(p), p.swap(), type(p.swap()).__name__, p == (1, "two"), isinstance(p, tuple)]
e = Pair()
e.x = 1
out += [e, e.x, len(e)]
c = Count(41)
c.why = "answer"
out += [c + 1, c.why]
