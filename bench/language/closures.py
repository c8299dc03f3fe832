# calling closures that read and write an enclosing variable
def counter():
    count = 0

    def step(k):
        nonlocal count
        count += k
        return count

    return step


step = counter()
for i in range(1000000):
    step(i & 7)
print(step(0))
