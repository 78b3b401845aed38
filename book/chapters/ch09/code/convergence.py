def third_derivative(x, c=wave.c):
    """f'''(x) of x cos(cx): -3 c^2 cos(cx) + c^3 x sin(cx)."""
    return -3 * c**2 * np.cos(c * x) + c**3 * x * np.sin(c * x)


pure = wave_runs[1.0]
x_star = pure.x[0]  # where the eta = 1 run settled: f'(x*) = 0 to machine precision
limit = abs(third_derivative(x_star)) / (2 * abs(wave.hessian(x_star)[0, 0]))
errors = np.abs(pure.iterates[:, 0] - x_star)

print(f"x* = {x_star:.12f},  f'(x*) = {wave.gradient(x_star)[0]:.1e}")
print(f"|f'''(x*)| / (2 |f''(x*)|) = {limit:.4f}")
print(" t   e_t = |x_t - x*|   correct digits   e_t / e_(t-1)^2")
for t in range(2, 8):
    ratio = errors[t] / errors[t - 1] ** 2 if errors[t] > 0 else 0.0
    digits = -np.log10(errors[t]) if errors[t] > 0 else np.inf
    print(f"{t:2d}   {errors[t]:.3e}          {digits:5.1f}            {ratio:.4f}")
