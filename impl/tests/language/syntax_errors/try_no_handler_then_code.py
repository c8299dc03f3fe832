try:
  pass
x
