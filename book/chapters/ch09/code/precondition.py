narrow = Quadratic((2.0, 20.0))  # chapter 3's valley x1^2 + 10 x2^2: H = diag(2, 20), kappa = 10
start = np.array([-5.0, -2.0])
accuracy = 1e-6
angle = np.pi / 4  # the same valley turned by 45 degrees: H = R diag(2, 20) R^T
R = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
turned = QuadraticForm(R @ np.diag(narrow.curvatures) @ R.T)


def preconditioned(objective, P, eta, max_steps=10_000):
    """x <- x - eta P^{-1} grad f(x): gradient descent fed P^{-1} grad f."""
    P_inv = np.linalg.inv(P)
    return gradient_descent(
        (objective, lambda x: P_inv @ objective.gradient(x)),
        start,
        learning_rate=eta,
        steps=max_steps,
        callback=lambda info: np.linalg.norm(info.x) <= accuracy * np.linalg.norm(start),
    )


print("H =", turned.H.round(6).tolist(), " for the turned valley")
print("problem   P           kappa(P^-1 H)   eta      steps to shrink ||x|| 10^6 times")
for label, objective in (("aligned", narrow), ("turned ", turned)):
    H = objective.hessian(start)
    for name, P in (("I", np.eye(2)), ("diag(H)", np.diag(np.diag(H))), ("H", H)):
        lam = np.linalg.eigvals(np.linalg.solve(P, H)).real  # eigenvalues of P^-1 H
        eta = 2 / (lam.max() + lam.min())  # chapter 3's best rate for these curvatures
        run = preconditioned(objective, P, eta)
        print(f"{label}   {name:9s}   {lam.max() / lam.min():13.4f}   {eta:.4f}   {run.steps:5d}")
