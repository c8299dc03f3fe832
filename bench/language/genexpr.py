# a generator expression consumed by sum, and big ints out of it
print(sum(i * i for i in range(2000000)))
print(sum(i * i * i for i in range(100000)))
