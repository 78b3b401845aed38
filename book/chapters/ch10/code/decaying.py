from gdbook import polynomial

T = 10_000
schedule = polynomial(1 / L, alpha=0.5, omega=1.0)  # eta_t = (1/L) / sqrt(1 + t)
run = noisy_gradient_descent(
    stacked, stacked_start, learning_rate=schedule, steps=T, noise_std=noise_std, seed=2
)
eta = run.learning_rates
weighted = mean_loss(iterate_averages(run, weighting="learning_rate"))  # x~_1, ..., x~_T
decaying_bound = (r0**2 + 2 * variance * np.cumsum(eta**2)) / (2 * np.cumsum(eta))
for k in (10, 100, 1_000, 10_000):
    print(f"T = {k:6,}: mean f(x~_T) = {weighted[k - 1]:.2e}, bound = {decaying_bound[k - 1]:.4f}")
