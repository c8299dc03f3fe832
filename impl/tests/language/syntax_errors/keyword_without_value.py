f(timeout=)
