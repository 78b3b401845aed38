# Polish x_10 of the eta = 2 run with a smaller step, and restart from x_0 = 10 with eta = 0.2.
runs = {
    "eta = 2, then polished": gradient_descent(f, x10, learning_rate=0.5, steps=500, tol=1e-12),
    "eta = 0.2 from x_0 = 10": gradient_descent(f, x0, learning_rate=0.2, steps=500, tol=1e-12),
}
for name, run in runs.items():
    x = run.final[0]
    print(
        f"{name:24}: x = {x:.4f}, f(x) = {f(x):.4f}, "
        f"f'(x) = {f.gradient(x)[0]:.1e}, f''(x) = {f.hessian(x)[0, 0]:.4f}"
    )
