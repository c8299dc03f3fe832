x = (kf"abc")
