from gdbook import gradient_descent

unit = SigmoidUnit()
x_start, eta = -6.0, 1.0
run = gradient_descent(unit, x_start, learning_rate=eta, steps=400)
x = run.iterates[:, 0]
print(f"f(x_0) = {run.losses[0]:.4f}, |f'(x_0)| = {run.gradient_norms[0]:.4f}")
print(f"steps with f(x_t) > 0.9: {np.sum(run.losses > 0.9)}")
print(f"then f(x_t) < 0.01 from step {np.argmax(run.losses < 0.01)} on")

stopped = gradient_descent(unit, x_start, learning_rate=eta, steps=400, tol=0.01)
print(f"tol = 0.01: stop_reason {stopped.stop_reason!r} after {stopped.steps} steps")

print("first t with x_t >= 0, measured and predicted (e^-x_0 - 1) / (2 eta):")
for x_start, eta in ((-4.0, 1.0), (-6.0, 1.0), (-8.0, 1.0), (-6.0, 2.0)):
    x = gradient_descent(unit, x_start, learning_rate=eta, steps=5000).iterates[:, 0]
    predicted = (np.exp(-x_start) - 1) / (2 * eta)
    print(f"  x_0 = {x_start:+.0f}, eta = {eta:.0f}: {np.argmax(x >= 0):5d}   {predicted:7.1f}")
