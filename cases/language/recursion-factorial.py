# ---
# title: recursive functions, including a factorial past 64 bits and mutual recursion
# clauses: [lang.func.4]
# source: "cpython-docs: reference — Function definitions"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "30! = 265252859812191058636308480000000"
#         - "digits: 33"
#         - "fib: [0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55]"
#         - "even/odd: True False True"
#         - "flatten: [1, 2, 3, 4, 5]"
#         - "depth 200: 200"
# ---
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)


print("30! =", fact(30))
print("digits:", len(str(fact(30))))


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


print("fib:", [fib(i) for i in range(11)])


def is_even(n):
    return True if n == 0 else is_odd(n - 1)


def is_odd(n):
    return False if n == 0 else is_even(n - 1)


print("even/odd:", is_even(10), is_even(7), is_odd(7))


def flatten(x):
    if isinstance(x, list):
        out = []
        for item in x:
            out.extend(flatten(item))
        return out
    return [x]


print("flatten:", flatten([1, [2, [3, [4]]], [[5]]]))


def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)


print("depth 200:", depth(200))
