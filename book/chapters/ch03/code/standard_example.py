from gdbook import gradient_descent

eta, steps = 0.1, 20
run = gradient_descent(f, x, learning_rate=eta, steps=steps)  # from x = (-5, -2)

for t in (0, 1, 2, 3, 5, 10, 20):
    x1, x2 = run.iterates[t]
    print(f"t = {t:2d}:  x = ({x1:+.6f}, {x2:+.6f}),  f(x) = {run.losses[t]:9.6f}")
print(f"stopped after {run.steps} steps ({run.stop_reason})")
