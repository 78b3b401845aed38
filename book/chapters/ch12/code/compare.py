from gdbook import minibatch_sgd

methods = {"SGD": None, "momentum": momentum(0.9), **adaptive}
batch_size, epochs, seed = 16, 50, 0
rates = [1e-7, 1e-6, 1e-5, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3, 1.0]


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
    return min(runs, key=lambda run: run.fun if np.isfinite(run.fun) else np.inf)


data_runs = {}
print(f"{'f(x_T) - f* at the best eta':28s}" + "".join(f"{name:>24s}" for name in problems))
for method, rule in methods.items():
    row = f"{method:28s}"
    for name, problem in problems.items():
        run = data_runs[method, name] = tuned(problem, rule)
        row += f"{run.fun - problem(problem.solve()):.2e} (eta {run.learning_rates[0]:g})".rjust(24)
    print(row)
