H = 2 / n * X.T @ X  # the Hessian: the same matrix at every beta
mu, L = np.linalg.eigvalsh(H)  # eigenvalues in ascending order
print(f"H = [[{H[0, 0]:.4f}, {H[0, 1]:+.4f}],\n     [{H[1, 0]:+.4f}, {H[1, 1]:.4f}]]")
print("the same as problem.hessian(beta):", np.allclose(H, problem.hessian(beta)))
print(f"eigenvalues: mu = {mu:.4f}, L = {L:.4f}  (both > 0: positive definite)")
print(f"condition number L / mu = {L / mu:.4f},  stability limit 2 / L = {2 / L:.4f}")
