from gdbook import DoubleWell

well = DoubleWell()  # f(x) = x^4/4 - x^2/2 + 0.2x, with f''(0) = -1 < 0: not convex
for x_start in (0.1, 0.3):  # on either side of the hump at x = 0.2091
    end = gradient_descent(well, x_start, learning_rate=0.1, steps=200).final[0]
    print(f"x_0 = {x_start}:  x_200 = {end:+.4f},  f(x_200) = {well(end):+.4f}")
