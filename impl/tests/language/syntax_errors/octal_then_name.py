y = 0o777not7
