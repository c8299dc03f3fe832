# ---
# title: an instance attribute shadows a class attribute of the same name; deleting it uncovers the class attribute again
# clauses: [lang.class.5]
# source: "cpython-docs: tutorial — Class and Instance Variables"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "start: red red red"
#         - "shadowed: blue red red"
#         - "class rebound: blue green green"
#         - "deleted: green green"
#         - "+= on instance: 1 0 0"
#         - "shared list: ['a', 'b'] ['a', 'b'] True"
#         - "own list: ['c'] ['a', 'b']"
#         - "method via instance attribute: shadow"
# ---
class Widget:
    color = "red"
    hits = 0
    tags = []

    def label(self):
        return "method"


w1 = Widget()
w2 = Widget()
print("start:", w1.color, w2.color, Widget.color)
w1.color = "blue"
print("shadowed:", w1.color, w2.color, Widget.color)
Widget.color = "green"
print("class rebound:", w1.color, w2.color, Widget.color)
del w1.color
print("deleted:", w1.color, Widget.color)
w1.hits += 1
print("+= on instance:", w1.hits, w2.hits, Widget.hits)
w1.tags.append("a")
w2.tags.append("b")
print("shared list:", w1.tags, Widget.tags, w1.tags is w2.tags)
w2.tags = ["c"]
print("own list:", w2.tags, Widget.tags)
w1.label = lambda: "shadow"
print("method via instance attribute:", w1.label())
