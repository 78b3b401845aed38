steps, burn_in = 100_000, 1_000
long_run = noisy_gradient_descent(
    bowl, start, learning_rate=eta, steps=steps, noise_std=sigma, seed=1
)
settled = long_run.iterates[burn_in:]  # drop the first steps, on the way down

for j, h in enumerate(bowl.curvatures):
    predicted = eta * sigma**2 / (h * (2 - eta * h))
    measured = np.mean(settled[:, j] ** 2)
    label = f"x{j + 1} (h = {h:.0f})"
    print(f"{label}: E[x^2] predicted {predicted:.5f}, measured {measured:.5f}")
print(f"mean loss in the ball: {np.mean(long_run.losses[burn_in:]):.4f}")
