from gdbook import minibatch_sgd

methods = {"SGD": None, "momentum": momentum(0.9), **adaptive}
batch_size, epochs, seed = 16, 50, 0
rates = [1e-7, 3e-7, 1e-6, 3e-6, 1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3, 1.0]
last = 10  # epochs over which the final loss is averaged: one epoch's loss is noisy


def final_loss(run):
    """The mean of f(x) over the last `last` epochs; a run that went above 1000 counts as lost."""
    tail = run.losses[-last:]
    return tail.mean() if np.all(tail < 1e3) else np.inf


def tuned(problem, rule):
    """The run with the lowest final loss over `rates`: the same batches (seed) for each."""
    runs = [
        minibatch_sgd(
            problem,
            np.zeros(problem.dim),
            learning_rate=eta,
            batch_size=batch_size,
            epochs=epochs,
            seed=seed,
            update=rule,
        )
        for eta in rates
    ]
    return min(runs, key=final_loss)


data_runs = {}
print(f"{'final loss - f*, best eta':28s}" + "".join(f"{name:>24s}" for name in problems))
for method, rule in methods.items():
    row = f"{method:28s}"
    for name, problem in problems.items():
        run = data_runs[method, name] = tuned(problem, rule)
        excess = final_loss(run) - problem(problem.solve())
        row += f"{excess:.2e} (eta {run.learning_rates[0]:g})".rjust(24)
    print(row)
