def nesterov_matrix(eta, beta, lam):
    """(l_{t+1,j}, l_{t,j}) = M (l_{t,j}, l_{t-1,j}) for Nesterov's momentum."""
    rho = 1 - eta * lam  # gradient descent's factor along this direction
    return np.array([[(1 + beta) * rho, -beta * rho], [1.0, 0.0]])


eta_n = 1 / L
beta_n = (np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1)
rate_n = max(
    np.abs(np.linalg.eigvals(nesterov_matrix(eta_n, beta_n, lam))).max() for lam in lambdas
)
print(f"Nesterov: eta = 1/L = {eta_n:.4f}, beta = {beta_n:.4f}")
print(
    f"largest |zeta| over lambda in [mu, L]: {rate_n:.4f}, 1 - 1/sqrt(kappa) = {1 - 1 / np.sqrt(kappa):.4f}"
)

# The look-ahead form: m~_t = beta m~_{t-1} - eta grad f(x_t + beta m~_{t-1}), x_{t+1} = x_t + m~_t
update = momentum(beta_n, nesterov=True)
run = gradient_descent(valley, start, learning_rate=eta_n, steps=steps, update=update)
x, velocity = start, np.zeros(2)
for _ in range(steps):
    velocity = beta_n * velocity - eta_n * valley.gradient(x + beta_n * velocity)
    x = x + velocity
lookahead = x + beta_n * velocity  # l_30 = x_30 + beta m~_29
print(
    f"gdbook's iterate minus the look-ahead point l_30: {np.abs(run.final - lookahead).max():.1e}"
)
print(
    f"steps to 1e-6: gradient descent {steps_to(valley, eta_gd)}, heavy ball "
    f"{steps_to(valley, eta_hb, momentum(beta_hb))}, Nesterov {steps_to(valley, eta_n, update)}"
)
