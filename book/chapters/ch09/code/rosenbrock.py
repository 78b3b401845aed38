from gdbook import Rosenbrock, gradient_descent

banana = Rosenbrock()  # (1 - x1)^2 + 100 (x2 - x1^2)^2, minimiser (1, 1)
begin = [-1.2, 1.0]
newton_run = newton(banana, begin, steps=8)
gd_run = gradient_descent(banana, begin, learning_rate=0.001, steps=10_000)

newton_errors = np.linalg.norm(newton_run.iterates - banana.minimizer, axis=1)
gd_errors = np.linalg.norm(gd_run.iterates - banana.minimizer, axis=1)
print("Newton:   t   ||x_t - x*||   f(x_t)")
for t in range(newton_run.steps + 1):
    print(f"        {t:2d}   {newton_errors[t]:.3e}      {newton_run.losses[t]:.3e}")
print("GD, eta = 0.001:")
for t in (10, 100, 1_000, 10_000):
    print(f"    {t:6,d}   {gd_errors[t]:.3e}      {gd_run.losses[t]:.3e}")
