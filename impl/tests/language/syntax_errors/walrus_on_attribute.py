fut.set_resu:=lt(5)
