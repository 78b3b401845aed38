from gdbook import FunctionObjective, momentum


def turned(curvatures, angle=np.pi / 4):
    """The quadratic 1/2 x^T H x with H = R diag(curvatures) R^T, its axes turned by `angle`."""
    R = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    H = R @ np.diag(curvatures) @ R.T
    return FunctionObjective(lambda x: 0.5 * x @ H @ x, lambda x: H @ x, dim=2)


methods = {"GD": None, "momentum": momentum(0.9), **adaptive}
etas = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0]
T = 200


def best_run(objective, rule):
    """The run with the lowest f(x_T) as printed, over `etas` (a tie goes to the smaller rate)."""
    runs = [
        gradient_descent(objective, start, learning_rate=eta, steps=T, update=rule) for eta in etas
    ]
    return min(runs, key=lambda run: float(f"{run.fun:.1e}") if np.isfinite(run.fun) else np.inf)


problems = {
    "kappa 10, aligned": narrow,
    "kappa 10, turned": turned(narrow.curvatures),
    "kappa 1000, aligned": steep,
    "kappa 1000, turned": turned(steep.curvatures),
}
valley_runs = {}
print(f"{'f(x_200) at the best eta':22s}" + "".join(f"{name:>20s}" for name in problems))
for method, rule in methods.items():
    row = f"{method:22s}"
    for problem, objective in problems.items():
        run = valley_runs[method, problem] = best_run(objective, rule)
        row += f"{run.fun:11.1e} ({run.learning_rates[0]:g})".rjust(20)
    print(row)
