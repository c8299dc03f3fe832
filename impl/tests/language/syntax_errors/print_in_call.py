loop.call_later(0.1, print"after")
