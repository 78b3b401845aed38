H = 2 / n * A.T @ A  # the Hessian: the same matrix at every x
mu, L = np.linalg.eigvalsh(H)  # eigenvalues in ascending order
print(f"H = [[{H[0, 0]:.4f}, {H[0, 1]:+.4f}],\n     [{H[1, 0]:+.4f}, {H[1, 1]:.4f}]]")
print("the same as problem.hessian(x):", np.allclose(H, problem.hessian(x)))
print(f"eigenvalues: mu = {mu:.4f}, L = {L:.4f}  (both > 0: positive definite)")
print(f"condition number L / mu = {L / mu:.4f},  stability limit 2 / L = {2 / L:.4f}")
