# ---
# title: functions defined by def in a loop see the loop variable's last value unless a default captures it
# clauses: [lang.func.7]
# source: "cpython-docs: reference — Function definitions"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "late: [20, 20, 20]"
#         - "captured: [0, 10, 20]"
#         - "factory: [0, 10, 20]"
#         - "names: ['handler', 'handler', 'handler']"
#         - "default evaluated each time def runs: 2"
# ---
def build():
    late = []
    captured = []
    for i in range(3):
        def free():
            return i * 10

        def bound(i=i):
            return i * 10
        late.append(free)
        captured.append(bound)
    return late, captured


late, captured = build()
print("late:", [f() for f in late])
print("captured:", [f() for f in captured])


def make(k):
    def handler():
        return k * 10
    return handler


made = [make(k) for k in range(3)]
print("factory:", [f() for f in made])
print("names:", [f.__name__ for f in made])
counter = [0]


def next_default():
    counter[0] += 1
    return counter[0]


def outer():
    def g(x=next_default()):
        return x
    return g


outer()
print("default evaluated each time def runs:", outer()())
