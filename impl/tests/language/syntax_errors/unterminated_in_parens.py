x = ('abc
)
