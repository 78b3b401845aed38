L, mu = f.lipschitz, f.strong_convexity  # largest and smallest curvature: 4 and 2
kappa = f.condition_number
eta_best = 2 / (L + mu)
rate_best = (kappa - 1) / (kappa + 1)
print(f"L = {L:g}, mu = {mu:g}, kappa = L / mu = {kappa:g}")
print(f"eta* = 2 / (L + mu) = {eta_best:.6f}")
print(f"rho* = (kappa - 1) / (kappa + 1) = {rate_best:.6f}")

best_run = gradient_descent(f, x, learning_rate=eta_best, steps=steps)
shrink = np.linalg.norm(best_run.final) / np.linalg.norm(best_run.iterates[0])
print(f"||x_20|| / ||x_0|| = {shrink:.6e},  rho*^20 = {rate_best**20:.6e}")
