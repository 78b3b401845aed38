from gdbook import backtracking_gradient_descent

problems = {
    "x1^2 + 10 x2^2": (narrow, start, 2 / (2 + 20)),
    "Rosenbrock": (banana, begin, 0.001),
    "x cos(cx)": (wave, x0, 0.5),
}
print("problem          fixed eta: steps  | line search: steps  gradients  f values  per step")
for name, (objective, point, rate) in problems.items():
    fixed = gradient_descent(objective, point, learning_rate=rate, steps=100_000, tol=1e-6)
    searched = backtracking_gradient_descent(objective, point, steps=100_000, tol=1e-6)
    per_step = searched.function_evaluations / searched.steps
    print(
        f"{name:15s}  {rate:9.4f}: {fixed.steps:6,d}  |  {searched.steps:17,d}"
        f"  {searched.njev:9,d}  {searched.function_evaluations:8,d}  {per_step:8.2f}"
    )
