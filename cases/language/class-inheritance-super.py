# ---
# title: a class with __init__, __repr__, __str__, methods and class attributes; a subclass overrides and calls super()
# clauses: [lang.class.1, lang.class.2, lang.class.3]
# source: "cpython-docs: tutorial — Classes"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "Shape('sq') | shape sq | area 0"
#         - "Square('box', side=3) | square box | area 9"
#         - "describe: square box with area 9"
#         - "kinds: shape square"
#         - "count: 2 2"
#         - "[Shape('sq'), Square('box', side=3)]"
#         - "isinstance: True True False"
#         - "type name: Square"
#         - "issubclass: True False"
# ---
class Shape:
    kind = "shape"
    count = 0

    def __init__(self, name):
        self.name = name
        Shape.count += 1

    def area(self):
        return 0

    def describe(self):
        return f"{self} with area {self.area()}"

    def __repr__(self):
        return f"{type(self).__name__}({self.name!r})"

    def __str__(self):
        return f"{self.kind} {self.name}"


class Square(Shape):
    kind = "square"

    def __init__(self, name, side):
        super().__init__(name)
        self.side = side

    def area(self):
        return self.side * self.side

    def __repr__(self):
        base = super().__repr__()
        return base[:-1] + f", side={self.side})"


a = Shape("sq")
b = Square("box", 3)
for s in (a, b):
    print(f"{s!r} | {s} | area {s.area()}")
print("describe:", b.describe())
print("kinds:", Shape.kind, b.kind)
print("count:", Shape.count, b.count)
print([a, b])
print("isinstance:", isinstance(b, Shape), isinstance(b, Square), isinstance(a, Square))
print("type name:", type(b).__name__)
print("issubclass:", issubclass(Square, Shape), issubclass(Shape, Square))
