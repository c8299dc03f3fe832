# set displays of constants: the order the frozenset constant gives (3.9+),
# equal displays sharing the module's first frozenset (False and 0 kept apart)
out = []
out.append(repr({286, False, 2, 1.5, (2, 3), 117, 148, (3, 3), 9, True}))
def g0():
    return {(2, 3), (3, 3), False, 286, 148, 117, True, 2, 1.5, 9}
out.append(repr(g0()))
out.append(repr({1.5, 295, True, True, True, 3.25}))
def g1():
    return {True, 295, True, True, 3.25, 1.5}
out.append(repr(g1()))
out.append(repr({1.5, (1, 1), (0, 0), False, (0, 0), (0, 3), (3, 2)}))
out.append(repr({0.5, (0, 0), True, 263, True, (2, 3), 32, 298, 32, 211, False, 17, 72}))
out.append(repr({32, 1.5, False, 291, 109, (0, 3)}))
out.append(repr({2.0, 0.5, False}))
def g5():
    return {False, 0.5, 2.0}
out.append(repr(g5()))
out.append(repr({True, 22, 1.5, 0.5, 32, 3.25, 3.25, True, 16, (1, 1), 198, False}))
out.append(repr({56, True, 0.5, 239, 2.0, False}))
out.append(repr({41, 66, (2, 3), False, 1.5, 2.0, (3, 0), True, False, (3, 2), 271}))
out.append(repr({21, 40, 23, 213, (3, 3), True, (2, 2), (1, 0), 132, (1, 2), 0.5, 57}))
out.append(repr({2.0, (0, 3), (1, 0), (2, 2), 2.0, 0.5, 48, True, (3, 0), 34, 2.0, True}))
out.append(repr({178, 49, 2.0, 157, (2, 0), (3, 1), (3, 2), 9, 1.5}))
out.append(repr({50, 132, 2.0, 10, (0, 3), (0, 2), 38, 56, False, (1, 3)}))
out.append(repr({True, 48, 1.5, 1.5, True, 2.0, True, True, 66, (3, 2), True, (2, 1)}))
out.append(repr({3.25, 1.5, (3, 0), 17, False, 289, (2, 3), False}))
out.append(repr({True, False, True, (3, 0), 40, (2, 0)}))
out.append(repr({(2, 0), 241, 2.0, 16, True}))
out.append(repr({3.25, 2.0, (2, 1), 280, 255, 34, True}))
out.append(repr({26, 9, 0.5, 0.5, 0.5, False, 0.5}))
out.append(repr({46, 117, 0.5, 2, 48}))
out.append(repr({2.0, 250, False, 32, 3.25}))
out.append(repr({33, 3.25, 18, False, 24, 2, 285, (3, 0), 58, 17, (2, 0)}))
out.append(repr({(3, 2), (2, 2), 95, 2.0, 2.0, (1, 1), True, 252, 26}))
out.append(repr({33, 127, 1.5, (3, 3), True, 16, (1, 2), 203, True, 17, 2.0, 10, (1, 2), 9}))
def g23():
    return {True, 17, 9, (1, 2), 203, 10, (3, 3), 16, 1.5, 33, 127, 2.0, True, (1, 2)}
out.append(repr(g23()))
out.append(repr({65, True, True, 0, (0, 3), (1, 1), 259, 164, 65}))
def g24():
    return {True, (0, 3), 164, 259, 65, 65, 0, True, (1, 1)}
out.append(repr(g24()))
out.append(repr({48, 41, False, 1.5, 3.25, True, True, 239, 64}))
out.append(repr({16, 274, 54, 281, 177, True, 48}))
def g26():
    return {True, 54, 16, 281, 177, 48, 274}
out.append(repr(g26()))
out.append(repr({59, (3, 1), True, (3, 1), 32, (0, 2), 299}))
out.append(repr({True, 50, 2, 1.5, 0.5}))
out.append(repr({265, 0.5, 0.5, 274, 24, True}))
def g29():
    return {274, 0.5, 24, True, 265, 0.5}
out.append(repr(g29()))
out.append(repr({48, (0, 3), (3, 2), True, 64, (3, 3), False, (0, 2), False}))
out.append(repr({(2, 2), (2, 0), False}))
out.append(repr({25, True, 0.5, 1.5}))
out.append(repr({True, 0.5, (3, 1), 10, (0, 0), 34, False, 0}))
out.append(repr({0.5, 34, 0, (0, 0), (3, 1), 10, True, False}))
out.append(repr({*frozenset((1, 9, 17, 25, 33))}))
