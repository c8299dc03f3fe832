defoken(fut):
    pass
