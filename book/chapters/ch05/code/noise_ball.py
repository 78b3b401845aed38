steps, burn_in = 100_000, 1_000
long_run = noisy_gradient_descent(bowl, start, learning_rate=eta, steps=steps, noise_std=nu, seed=1)
settled = long_run.iterates[burn_in:]  # drop the first steps, on the way down

for j, lam in enumerate(bowl.curvatures):  # lam: the curvature lambda_j
    predicted = eta * nu**2 / (lam * (2 - eta * lam))
    measured = np.mean(settled[:, j] ** 2)
    label = f"x{j + 1} (lambda = {lam:.0f})"
    print(f"{label}: E[x^2] predicted {predicted:.5f}, measured {measured:.5f}")
print(f"mean loss in the ball: {np.mean(long_run.losses[burn_in:]):.4f}")
