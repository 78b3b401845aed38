from gdbook import noise_floor, noisy_quadratic_loss

# Exact E f(x_t) of the last iterate (chapter 5's recursions) for three constant rates and
# the decaying schedule above, which starts at the largest of them, 1/L.
constants = (1 / L, 1 / (4 * L), 1 / (16 * L))
decay_curve = noisy_quadratic_loss(
    bowl, start, learning_rate=schedule, steps=T, noise_std=noise_std
)
print(f"{'eta':>8} {'floor':>7} {'within 10 % from t':>19} {'decaying below from t':>22}")
for eta in constants:
    curve = noisy_quadratic_loss(bowl, start, learning_rate=eta, steps=T, noise_std=noise_std)
    floor = noise_floor(bowl, learning_rate=eta, noise_std=noise_std)
    reached = np.argmax(curve <= 1.1 * floor)  # the first t within 10 % of the floor
    crossing = np.argmax(decay_curve < floor)  # the first t the decaying schedule is below it
    print(f"{eta:8.4f} {floor:7.4f} {reached:19d} {crossing:22d}")
print(f"decaying at t = {T:,}: E f(x_T) = {decay_curve[T]:.2e}")

steady = noisy_gradient_descent(
    stacked, stacked_start, learning_rate=1 / L, steps=T, noise_std=noise_std, seed=3
)
steady_average = mean_loss(iterate_averages(steady))
print(f"constant 1/L, averaged: mean f(x_bar_T) = {steady_average[-1]:.2e} at T = {T:,}")
