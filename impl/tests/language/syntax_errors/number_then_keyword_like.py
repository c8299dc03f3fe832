y = 1andy
