x_hat = problem.solve()  # numpy.linalg.lstsq: least squares without forming A^T A
x_normal = np.linalg.solve(A.T @ A, A.T @ y)  # the normal equations, solved directly
residual = y - A @ x_hat
print(f"lstsq:            ({x_hat[0]:.12f}, {x_hat[1]:.12f})")
print(f"normal equations: ({x_normal[0]:.12f}, {x_normal[1]:.12f})")
print(f"GD, 100 steps:    ({fit.final[0]:.12f}, {fit.final[1]:.12f})")
print(f"A^T (y - A x_hat) = ({A[:, 0] @ residual:.1e}, {A[:, 1] @ residual:.1e})")

rho = max(abs(1 - eta * mu), abs(1 - eta * L))  # contraction factor per step
gap = np.linalg.norm(fit.final - x_hat)
bound = rho**steps * np.linalg.norm(fit.iterates[0] - x_hat)
print(f"||x_100 - x_hat|| = {gap:.2e}  <=  rho^100 ||x_0 - x_hat|| = {bound:.2e}")
