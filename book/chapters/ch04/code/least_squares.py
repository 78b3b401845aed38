beta_hat = problem.solve()  # numpy.linalg.lstsq: least squares without forming X^T X
beta_normal = np.linalg.solve(X.T @ X, X.T @ y)  # the normal equations, solved directly
residual = y - X @ beta_hat
print(f"lstsq:            ({beta_hat[0]:.12f}, {beta_hat[1]:.12f})")
print(f"normal equations: ({beta_normal[0]:.12f}, {beta_normal[1]:.12f})")
print(f"GD, 100 steps:    ({fit.final[0]:.12f}, {fit.final[1]:.12f})")
print(f"X^T (y - X beta_hat) = ({X[:, 0] @ residual:.1e}, {X[:, 1] @ residual:.1e})")

rho = max(abs(1 - eta * mu), abs(1 - eta * L))  # contraction factor per step
gap = np.linalg.norm(fit.final - beta_hat)
bound = rho**steps * np.linalg.norm(fit.iterates[0] - beta_hat)
print(f"||beta_100 - beta_hat|| = {gap:.2e}  <=  rho^100 ||beta_0 - beta_hat|| = {bound:.2e}")
