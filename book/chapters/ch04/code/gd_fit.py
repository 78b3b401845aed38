from gdbook import gradient_descent

x0, eta, steps = [0.0, 0.0], 0.1, 100
fit = gradient_descent(problem, x0, learning_rate=eta, steps=steps)
for t in (0, 1, 2, 5, 10, 20, 50, 100):
    x_t = fit.iterates[t]
    print(f"t = {t:3d}:  x_t = ({x_t[0]:.6f}, {x_t[1]:.6f}),  f(x_t) = {fit.losses[t]:.6f}")
