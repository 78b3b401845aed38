from gdbook import Quadratic, gradient_descent

f = Quadratic((2.0,))
for eta in (0.05, 1.1):
    run = gradient_descent(f, 10.0, learning_rate=eta, steps=10)
    trace = ", ".join(f"{x:.2f}" for x in run.iterates[:, 0])
    print(f"eta = {eta}: x_0..x_10 = {trace}")
    print(f"           x_10 = {run.final[0]:.10f}\n")
