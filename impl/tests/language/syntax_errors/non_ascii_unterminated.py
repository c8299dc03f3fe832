x = 'é'; 'abc
