from gdbook import Quadratic, newton

half_square = Quadratic((1.0,))  # f(x) = x^2 / 2: f'(x) = x, f''(x) = 1
for start in (10.0, -3.0, 0.25):
    x1 = newton(half_square, start, steps=1).x[0]
    print(f"x_0 = {start:5.2f}:  x_1 = x_0 - f'(x_0) / f''(x_0) = {x1}")
