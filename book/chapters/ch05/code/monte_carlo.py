rng = np.random.default_rng(0)
m_max = 100_000
draws = rng.integers(0, problem.n, size=m_max)  # uniform, independent
m = np.arange(1, m_max + 1)
running_mean = np.cumsum(per_example[draws], axis=0) / m[:, None]
error = np.linalg.norm(running_mean - full, axis=1)  # ||g_m - grad f||

sigma2 = spread(problem, x0)
for k in (10, 100, 1_000, 10_000, 100_000):
    rms = np.sqrt(sigma2 / k)
    print(f"m = {k:>7,}: error {error[k - 1]:.4f}   sqrt(sigma^2 / m) = {rms:.4f}")
