from gdbook import sgd

f_star = problem(x_hat)  # the smallest loss any x can reach
epochs = 20
gd_reg = gradient_descent(problem, x0, learning_rate=0.1, steps=epochs)
sgd_runs = []
for rate in (0.1, 0.01):
    # loss_every=1: record f after every step (a pass over the data each time)
    run = sgd(problem, x0, learning_rate=rate, steps=epochs * problem.n, seed=0, loss_every=1)
    sgd_runs.append(run)

# GD: the loss after the last full step the budget pays for. SGD's loss
# jitters from step to step: average it over the second half of the budget.
print("excess loss f - f*")
columns = ("GD, eta 0.1", "SGD, eta 0.1", "SGD, eta 0.01")
print(f"{'examples':>8}" + "".join(f"{column:>14}" for column in columns))
for budget in (100, 1_000, 5_000, 20_000):
    last_step = np.searchsorted(gd_reg.examples, budget, side="right") - 1
    losses = [gd_reg.losses[last_step]]
    losses += [np.mean(run.losses[budget // 2 : budget + 1]) for run in sgd_runs]
    print(f"{budget:8,}" + "".join(f"{loss - f_star:14.4f}" for loss in losses))
