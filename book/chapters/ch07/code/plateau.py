from gdbook import gradient_descent

unit = SigmoidUnit()
w0, eta = -6.0, 1.0
run = gradient_descent(unit, w0, learning_rate=eta, steps=400)
w = run.iterates[:, 0]
print(f"f(w_0) = {run.losses[0]:.4f}, |f'(w_0)| = {run.gradient_norms[0]:.4f}")
print(f"steps with f(w_t) > 0.9: {np.sum(run.losses > 0.9)}")
print(f"then f(w_t) < 0.01 from step {np.argmax(run.losses < 0.01)} on")

stopped = gradient_descent(unit, w0, learning_rate=eta, steps=400, tol=0.01)
print(f"tol = 0.01: stop_reason {stopped.stop_reason!r} after {stopped.steps} steps")

print("first t with w_t >= 0, measured and predicted (e^-w0 - 1) / (2 eta):")
for w0, eta in ((-4.0, 1.0), (-6.0, 1.0), (-8.0, 1.0), (-6.0, 2.0)):
    w = gradient_descent(unit, w0, learning_rate=eta, steps=5000).iterates[:, 0]
    predicted = (np.exp(-w0) - 1) / (2 * eta)
    print(f"  w0 = {w0:+.0f}, eta = {eta:.0f}: {np.argmax(w >= 0):5d}   {predicted:7.1f}")
