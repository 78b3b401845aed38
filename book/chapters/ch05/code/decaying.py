from gdbook import constant, noisy_quadratic_loss, polynomial


schedules = {
    "constant 0.1": constant(0.1),
    "0.1 / sqrt(1 + 0.1 t)": polynomial(0.1, alpha=0.5, omega=0.1),
    "0.1 / (1 + 0.1 t)": polynomial(0.1, alpha=1.0, omega=0.1),
}
checkpoints = (10, 100, 1_000, 10_000)
print(f"{'E f(x_t)':22}" + "".join(f"{f't = {t:,}':>12}" for t in checkpoints))
for name, schedule in schedules.items():
    curve = noisy_quadratic_loss(
        bowl, start, learning_rate=schedule, steps=checkpoints[-1], noise_std=nu
    )  # E f(x_t) for t = 0, ..., 10 000, exactly
    print(f"{name:22}" + "".join(f"{curve[t]:12.2e}" for t in checkpoints))
