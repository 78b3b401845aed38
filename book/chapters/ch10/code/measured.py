from gdbook import iterate_averages, noisy_gradient_descent

horizons = np.array([10, 30, 100, 300, 1_000, 3_000, 10_000])
averaged, last = [], []
print(f"{'T':>6} {'eta':>7} {'mean f(x_bar_T)':>16} {'mean f(x_T)':>12} {'bound':>8}")
for T in horizons:
    eta = tuned_rate(T)
    run = noisy_gradient_descent(
        stacked, stacked_start, learning_rate=eta, steps=T, noise_std=noise_std, seed=0
    )
    averaged.append(mean_loss(iterate_averages(run)[-1]))  # x_bar_T = mean of x_1..x_T
    last.append(mean_loss(run.final))
    print(f"{T:6,} {eta:7.4f} {averaged[-1]:16.2e} {last[-1]:12.2e} {bound(eta, T):8.4f}")

tuned = horizons >= 300  # where eta = r0 / sqrt(2 sigma^2 T) < 1/L
for name, values in (("mean f(x_bar_T)", averaged), ("mean f(x_T)", last)):
    slope = np.polyfit(np.log(horizons[tuned]), np.log(np.array(values)[tuned]), 1)[0]
    print(f"fitted slope of {name} for T >= 300: {slope:.2f}")
