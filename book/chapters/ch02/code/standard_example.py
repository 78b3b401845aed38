from gdbook import Quadratic, gradient_descent

f = Quadratic((2.0,))  # f(x) = x^2
run = gradient_descent(f, 10.0, learning_rate=0.2, steps=10)
print(" t             x_t           f(x_t)")
for t, (x, fx) in enumerate(zip(run.iterates[:, 0], run.losses, strict=True)):
    print(f"{t:2d}   {x:13.10f}   {fx:14.10f}")
print(f"x_10 = {run.final[0]:.10f}")
