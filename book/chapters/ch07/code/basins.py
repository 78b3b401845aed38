from gdbook import DoubleWell, gradient_descent

well = DoubleWell()  # f(x) = x^4/4 - x^2/2 + 0.2 x
points = {
    "global minimum": well.deep_minimum,
    "local minimum": well.shallow_minimum,
    "local maximum": well.local_maximum,
}
for name, x in points.items():
    print(f"{name:15} x = {x:+.4f}   f(x) = {well(x):+.4f}")
for x0 in (-2.0, -0.5, 0.15, 0.27, 1.0, 2.0):
    run = gradient_descent(well, x0, learning_rate=0.1, steps=200)
    print(f"GD from x0 = {x0:+.2f}: x_200 = {run.final[0]:+.4f}, f = {run.losses[-1]:+.4f}")
