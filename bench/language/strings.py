# building strings: f-strings, join, and repeated concatenation
parts = []
for i in range(200000):
    parts.append(f"{i}:{i * 2:>8}")
text = ",".join(parts)
s = ""
for i in range(100000):
    s += "x"
print(len(text), len(s))
