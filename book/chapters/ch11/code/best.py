eta_gd, rate_gd = 2 / (L + mu), (kappa - 1) / (kappa + 1)  # chapter 3's best for GD
eta_hb = 4 / (np.sqrt(L) + np.sqrt(mu)) ** 2
rate_hb = (np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1)
beta_hb = rate_hb**2
print(f"gradient descent: eta = {eta_gd:.4f}, rate = {rate_gd:.4f}")
print(f"heavy ball: eta = {eta_hb:.4f}, beta = {beta_hb:.4f}, rate = {rate_hb:.4f}")
lambdas = np.linspace(mu, L, 1001)  # every curvature between mu and L
print(f"largest |zeta| over lambda in [mu, L]: {heavy_ball_rate(eta_hb, beta_hb, lambdas):.4f}")


def steps_to(objective, eta, update=None, shrink=1e-6, budget=100_000):
    """Steps until ||x_t - x*|| <= shrink ||x_0 - x*||, from the start."""
    target = shrink * np.linalg.norm(start)
    run = gradient_descent(
        objective,
        start,
        learning_rate=eta,
        steps=budget,
        update=update,
        loss_every=None,
        callback=lambda info: np.linalg.norm(info.x) <= target,
    )
    return run.steps


kappas = (10, 100, 1000)
print(" kappa   GD steps   heavy-ball steps   ratio   sqrt(kappa)")
for k in kappas:
    f = Quadratic((mu, k * mu))  # curvatures mu and k mu: condition number k
    gd = steps_to(f, 2 / (k * mu + mu))
    hb_rate = (np.sqrt(k) - 1) / (np.sqrt(k) + 1)
    hb = steps_to(f, 4 / (np.sqrt(k * mu) + np.sqrt(mu)) ** 2, momentum(hb_rate**2))
    print(f"{k:6d}   {gd:8,d}   {hb:16,d}   {gd / hb:5.1f}   {np.sqrt(k):11.1f}")
