from gdbook import gradient_descent

beta0, eta, steps = [0.0, 0.0], 0.1, 100
fit = gradient_descent(problem, beta0, learning_rate=eta, steps=steps)
for t in (0, 1, 2, 5, 10, 20, 50, 100):
    b0, b1 = fit.iterates[t]
    print(f"t = {t:3d}:  beta = ({b0:.6f}, {b1:.6f}),  f(beta) = {fit.losses[t]:.6f}")
