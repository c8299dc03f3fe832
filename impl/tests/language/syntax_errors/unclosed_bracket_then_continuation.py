[# c
import a
x = 1 \ 2
