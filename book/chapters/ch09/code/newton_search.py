guarded_wave = newton(wave, x0, steps=steps, line_search=True)
print("x cos(cx), Newton with backtracking from x0 = 10:")
for t in range(6):
    x, eta = guarded_wave.iterates[t + 1, 0], guarded_wave.learning_rates[t]
    print(
        f"  step {t + 1}: eta_t = {eta:5.3f},  x = {x:.8f},  f''(x) = {wave.hessian(x)[0, 0]:+.4f}"
    )

guarded_banana = newton(banana, begin, steps=100, line_search=True, tol=1e-10)
rates = guarded_banana.learning_rates
print("Rosenbrock, Newton with backtracking from (-1.2, 1):")
print(f"  steps: {guarded_banana.steps}, full steps (eta_t = 1): {int(np.sum(rates == 1))}")
print(f"  f values computed by the search: {guarded_banana.function_evaluations}")
print(f"  f decreased at every step: {bool(np.all(np.diff(guarded_banana.losses) < 0))}")
last = np.linalg.norm(guarded_banana.iterates[-5:] - banana.minimizer, axis=1)
print("  last errors:", "  ".join(f"{e:.1e}" for e in last))
