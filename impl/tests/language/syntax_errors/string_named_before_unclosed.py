retu(rn "finished"
x = 1
