def spread(problem, x):
    """E_i ||grad f_i(x) - grad f(x)||^2 for i uniform on the examples."""
    deviations = problem.example_gradients(x) - problem.gradient(x)
    return np.mean(np.sum(deviations**2, axis=1))


x_hat = problem.solve()  # the least-squares minimiser, where grad f = 0
for name, point in (("x = (0, 0)", x0), ("x = x_hat", x_hat)):
    norm = np.linalg.norm(problem.gradient(point))
    sigma2 = spread(problem, point)
    print(f"{name:16}: ||grad f|| = {norm:7.4f}   sigma^2 = {sigma2:8.4f}")
