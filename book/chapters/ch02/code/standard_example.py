from gdbook import Quadratic, gradient_descent

f = Quadratic((2.0,))  # f(x) = x^2
x0, eta, steps = 10.0, 0.2, 10  # the standard example of this chapter
run = gradient_descent(f, x0, learning_rate=eta, steps=steps)
print(" t             x_t           f(x_t)")
for t, (x, fx) in enumerate(zip(run.iterates[:, 0], run.losses, strict=True)):
    print(f"{t:2d}   {x:13.10f}   {fx:14.10f}")
print(f"x_10 = {run.final[0]:.10f}")
