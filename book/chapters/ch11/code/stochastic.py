from gdbook import noisy_gradient_descent

noise_std, T, copies = 1.0, 4000, 200  # g_t = grad f(x_t) + xi_t, xi_t ~ N(0, nu^2 I), nu = 1
stacked = Quadratic(np.tile(valley.curvatures, copies))  # 200 independent runs side by side
stacked_start = np.tile(start, copies)


def momentum_floor(eta, beta, curvatures, noise_std):
    """The long-run E f(x_t): sum_j (eta nu^2 / 2) (1 + beta) / ((1 - beta) (2 (1 + beta) - eta lambda_j))."""
    lam = np.asarray(curvatures)
    return float(
        np.sum(eta * noise_std**2 / 2 * (1 + beta) / ((1 - beta) * (2 * (1 + beta) - eta * lam)))
    )


settings = [(0.005, 0.0), (0.005, 0.9), (0.05, 0.0)]  # (eta, beta)
print("   eta   beta   eta/(1-beta)   floor (formula)   measured")
for eta, beta in settings:
    run = noisy_gradient_descent(
        stacked,
        stacked_start,
        learning_rate=eta,
        steps=T,
        noise_std=noise_std,
        seed=0,
        update=momentum(beta),
        loss_every=None,
    )
    late = run.iterates[T // 2 :]  # the second half: the start is forgotten
    measured = 0.5 * np.mean(late**2 @ stacked.curvatures) / copies
    floor = momentum_floor(eta, beta, valley.curvatures, noise_std)
    print(f"{eta:6.3f}   {beta:4.1f}   {eta / (1 - beta):12.3f}   {floor:15.5f}   {measured:8.5f}")
