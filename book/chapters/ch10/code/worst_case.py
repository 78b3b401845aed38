# One horizon, one function: f_T(x) = L_T x^2 / 2 in one dimension with L_T = 1 / (eta* T),
# from x_0 = 1 with noise of variance 1, so ||x_0 - x*||^2 = sigma^2 = 1.
runs_1d = 1_000
worst = []
for T in horizons:
    eta = 1 / np.sqrt(2 * T)  # the tuned rate for r0 = sigma = 1
    curvature = 1 / (eta * T)  # L_T: eta L_T = 1/T <= 1, so eta <= 1/L
    run = noisy_gradient_descent(
        Quadratic(np.full(runs_1d, curvature)),
        np.ones(runs_1d),
        learning_rate=eta,
        steps=T,
        noise_std=1.0,
        seed=1,
    )
    x_bar = iterate_averages(run)[-1]
    worst.append(np.mean(0.5 * curvature * x_bar**2))
    limit = 1 / (2 * eta * T) + eta  # the bound with r0 = sigma = 1
    print(
        f"T = {T:6,}: mean f_T(x_bar_T) = {worst[-1]:.4f}, bound = {limit:.4f}, "
        f"ratio = {worst[-1] / limit:.2f}"
    )
slope = np.polyfit(np.log(horizons), np.log(worst), 1)[0]
print(f"fitted slope: {slope:.2f}")
