if# comment
    pass
