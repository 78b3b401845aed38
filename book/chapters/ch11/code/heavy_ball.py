from gdbook import gradient_descent, momentum

eta, beta, steps = 0.05, 0.5, 30
run = gradient_descent(valley, start, learning_rate=eta, steps=steps, update=momentum(beta))

# Polyak's form, x_{t+1} = x_t - eta grad f(x_t) + beta (x_t - x_{t-1}), with x_{-1} = x_0:
previous, x = start, start
for _ in range(steps):
    previous, x = x, x - eta * valley.gradient(x) + beta * (x - previous)

print(f"x_30, buffer form (gdbook): {run.final}")
print(f"x_30, Polyak's form:        {x}")
print(f"largest difference: {np.abs(run.final - x).max():.1e}")
