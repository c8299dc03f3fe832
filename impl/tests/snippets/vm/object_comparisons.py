# object's == and != for a type with a hash of its own and no comparison
# (NoneType from 3.12): != inverts == where == has an answer
out = [None.__eq__(None), None.__ne__(None), None.__ne__(1), None.__eq__(1)]
o = object()
out += [o.__ne__(o), o.__ne__(1), o != o, None != None, None != 0]
