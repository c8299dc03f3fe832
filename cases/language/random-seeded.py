# ---
# title: a seeded random module draws the same floats, ints, choices and shuffles as CPython's Mersenne Twister
# clauses: [lang.mod.random.1]
# source: "cpython-docs: random — Bookkeeping functions"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "random: 0.6394267984578837 0.025010755222666936"
#         - "randint: [5, 4, 4, 3, 2, 9, 2, 10, 7, 1]"
#         - "choice: ['a', 'a', 'a', 'a', 'c']"
#         - "shuffle: [2, 1, 8, 7, 4, 6, 5, 3, 0, 9]"
#         - "big seed: 0.44487310994347073"
#         - "same again: True"
# ---
import random

random.seed(42)
print("random:", random.random(), random.random())
print("randint:", [random.randint(1, 10) for _ in range(10)])
print("choice:", [random.choice("abc") for _ in range(5)])
items = list(range(10))
random.shuffle(items)
print("shuffle:", items)
random.seed(2 ** 100 + 12345)
print("big seed:", random.random())
random.seed(7)
first = [random.random() for _ in range(3)]
random.seed(7)
print("same again:", first == [random.random() for _ in range(3)])
