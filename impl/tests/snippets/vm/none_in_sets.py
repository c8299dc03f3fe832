# hash(None) is a constant from 3.12, so sets holding None have one order
out = [list({None, 5, 17, 33})]
s = {None}
for i in range(20):
    s.add(i * 7)
out.append(list(s))
out.append(list({None: 1, 8: 2, 16: 3}.keys() | {None, 24}))
