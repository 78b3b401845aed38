from gdbook import Quadratic, noisy_gradient_descent, noisy_quadratic_loss

bowl = Quadratic((2.0, 4.0))  # f(x) = x1^2 + 2 x2^2, as in chapters 3 and 5
start, nu, steps, copies = np.array([-5.0, -2.0]), 1.0, 1_000, 1_000

# `copies` independent copies of the problem side by side are one quadratic in 2 * copies
# dimensions: the copies do not interact and every coordinate gets its own noise, so one
# run of it is `copies` independent runs, and its loss is the sum of their losses.
stacked = Quadratic(np.tile(bowl.curvatures, copies))
stacked_start = np.tile(start, copies)


def expected_loss(schedule, steps):
    """Exact E f(x_T), by the mean and variance recursions of chapter 5."""
    curve = noisy_quadratic_loss(bowl, start, learning_rate=schedule, steps=steps, noise_std=nu)
    return curve[-1]


print(f"T = {steps} steps, mean over {copies} runs")
runs = {}
columns = ("eta_(T-1)", "sum eta_t", "mean f", "exact E f", "mean |x|")
print(f"{'schedule':19}" + "".join(f"{c:>10}" for c in columns))
for name, schedule in schedules.items():
    run = runs[name] = noisy_gradient_descent(
        stacked, stacked_start, learning_rate=schedule, steps=steps, noise_std=nu, seed=0
    )
    mean_loss = run.losses[-1] / copies
    mean_distance = np.mean(np.linalg.norm(run.final.reshape(copies, 2), axis=1))
    rate, total = schedule(steps - 1), np.sum(schedule(np.arange(steps)))
    exact = expected_loss(schedule, steps)
    print(f"{name:19}{rate:10.1e}{total:10.2f}{mean_loss:10.2e}{exact:10.2e}{mean_distance:10.3f}")

# exponential(0.9): the total step length is only 0.1 / (1 - 0.9) = 1, so x1 stops short.
eta = schedules["exponential(0.9)"](np.arange(steps))
x1_mean = np.mean(runs["exponential(0.9)"].final[0::2])  # every copy's first coordinate
print(f"exponential(0.9): mean x1 = {x1_mean:.3f}")
print(f"E x1 = -5 prod(1 - 2 eta_t) = {-5 * np.prod(1 - 2 * eta):.3f}")
