from gdbook import iterate_averages, noisy_gradient_descent

# One horizon, several constant rates: the bound against the runs (200 of them per rate).
T, rates = 1_000, (0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25)
print(f"T = {T:,}, tuned eta* = {tuned_rate(T):.4f}")
print(
    f"{'eta':>6} {'first term':>11} {'eta sigma^2':>12} {'bound':>7} {'mean f(x_bar_T)':>16}"
    f" {'mean f(x_T)':>12}"
)
for eta in rates:
    run = noisy_gradient_descent(
        stacked, stacked_start, learning_rate=eta, steps=T, noise_std=noise_std, seed=4
    )
    first, noise = r0**2 / (2 * eta * T), eta * variance
    averaged_loss, last_loss = mean_loss(iterate_averages(run)[-1]), mean_loss(run.final)
    print(
        f"{eta:6.3f} {first:11.4f} {noise:12.4f} {first + noise:7.4f} {averaged_loss:16.2e}"
        f" {last_loss:12.2e}"
    )
