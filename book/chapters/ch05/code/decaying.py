from gdbook import constant, polynomial


def expected_loss(schedule, steps):
    """E f(x_t), t = 0..steps: iterate the mean and variance of each coordinate."""
    h = np.array(bowl.curvatures)
    mean, var = np.array(start), np.zeros_like(h)
    values = [bowl(mean)]
    for eta_t in schedule(np.arange(steps)):
        mean = (1 - eta_t * h) * mean
        var = (1 - eta_t * h) ** 2 * var + eta_t**2 * sigma**2
        values.append(0.5 * np.sum(h * (mean**2 + var)))
    return np.array(values)


schedules = {
    "constant 0.1": constant(0.1),
    "0.1 / sqrt(1 + 0.1 t)": polynomial(0.1, alpha=0.5, beta=0.1),
    "0.1 / (1 + 0.1 t)": polynomial(0.1, alpha=1.0, beta=0.1),
}
checkpoints = (10, 100, 1_000, 10_000)
print(f"{'E f(x_t)':22}" + "".join(f"{f't = {t:,}':>12}" for t in checkpoints))
for name, schedule in schedules.items():
    curve = expected_loss(schedule, checkpoints[-1])
    print(f"{name:22}" + "".join(f"{curve[t]:12.2e}" for t in checkpoints))
