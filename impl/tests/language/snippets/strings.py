a = 'single'
b = "double"
c = '''triple
single'''
d = """triple
double"""
e = 'it\'s'
f = "say \"hi\""
g = 'tab\there\nnewline\\backslash'
h = '\x41\x42\u0043\U00000044'
i = '\0\1\12\123\777'
j = 'line \
continued'
k = r'raw\n\t'
l = R"raw\d"
m = b'bytes\x00\xff'
n = rb'raw\bytes'
o = Br"raw"
p = 'a' 'b' "c"
q = b'a' b'b'
r = u'unicode'
s = u'a' 'b'
t = 'a' u'b'
u = ''
v = ""
w = ''''''
x = 'quote " and \' both'
y = "only ' single"
z = '\a\b\f\v\r'
aa = '\q\w'
bb = 'caf\u00e9 \u2603 \U0001F600'
cc = '\ud800'
dd = 'é ü ñ 日本'
ee = b'\\'
ff = '\''
gg = "'"
hh = '"'
ii = b"'"
jj = b'"\''
kk = ("implicit"
      " concatenation"
      ' across lines')
mm = 'x\
y\
z'
nn = """a\
b"""
oo = '\x7f\x80\x9f\xa0\xad'
pp = '\u200b\u2028\ufeff'
qq = b'\x7f\x80'
