# comment
    x = 1
