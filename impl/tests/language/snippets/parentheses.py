(a)
(a) + b
((a)) * (b)
(a).b
(a)[b]
(a)(b)
(yield)
x = (  # comment
    a  # another
    +  # more
    b
)
f(  # c
    a,  # d
)[  # e
    0
]
@decorator(
    arg,
)
class K(
    Base,
):
    x = (
        1,
        2,
    )
if (
    a
    and b
):
    pass
assert (
    x
), (
    "message"
)
for (
    a,
    b,
) in (
    c
):
    pass
lambda: (
    1
)
print(f"{f"{x}"}")
print(f"{'a' if x else "b"}")
print(f"""{f'''{x}'''}""")
x = [
    # only a comment
]
x = {
    'a':  # comment
        1,
}
del (
    a,
    b
)
return_value = (
    yield
)
