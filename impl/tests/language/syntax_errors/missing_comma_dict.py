{a: b c: d}
