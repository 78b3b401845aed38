x = x0
full = problem.gradient(x)
deviations = problem.example_gradients(x) - full
sigma2 = np.mean(np.sum(deviations**2, axis=1))
rng = np.random.default_rng(0)
repeats = 2_000  # minibatches drawn for each batch size


def measured_variance(b, replace):
    """Mean of ||g_B - grad f||^2 over `repeats` random minibatches of size b."""
    draws = (rng.choice(n, size=b, replace=replace) for _ in range(repeats))
    gradients = np.array([problem.batch_gradient(x, idx) for idx in draws])
    return np.mean(np.sum((gradients - full) ** 2, axis=1))


print(f"sigma^2 = {sigma2:.2f}")
# measured with and without replacement, and the two predictions
columns = ("with", "sigma^2/b", "without", "corrected")
print(f"{'b':>5}" + "".join(f"{column:>11}" for column in columns))
sizes = 2 ** np.arange(10)  # 1, 2, 4, ..., 512
with_repl, without_repl = [], []
for b in sizes:
    with_repl.append(measured_variance(b, replace=True))
    without_repl.append(measured_variance(b, replace=False))
    corrected = sigma2 / b * (n - b) / (n - 1)
    row = (with_repl[-1], sigma2 / b, without_repl[-1], corrected)
    print(f"{b:5d}" + "".join(f"{value:11.4f}" for value in row))

slope = np.polyfit(np.log(sizes), np.log(with_repl), 1)[0]
print(f"slope of log(variance) against log(b), with replacement: {slope:.3f}")
