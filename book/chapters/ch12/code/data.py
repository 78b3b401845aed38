from gdbook import DIABETES_FEATURES, LeastSquares, load_diabetes

A, y = load_diabetes()  # standardised: every column of A and y has mean 0 and variance 1
A_raw, _ = load_diabetes(standardize=False)  # the features as measured
print("n, d =", A.shape, " features:", ", ".join(DIABETES_FEATURES))
print("raw feature means:", A_raw.mean(axis=0).round(1))
print("raw feature std:  ", A_raw.std(axis=0).round(1))
problems = {
    "raw features": LeastSquares(A_raw, y, intercept=True),  # x_0 is the intercept
    "standardised": LeastSquares(A, y),
}
for name, problem in problems.items():
    H = problem.hessian(np.zeros(problem.dim))
    curvatures = np.linalg.eigvalsh(H)
    scale = 1 / np.sqrt(np.diag(H))  # precondition by diag(H): the curvatures of D^-1/2 H D^-1/2
    scaled = np.linalg.eigvalsh(scale[:, None] * H * scale[None, :])
    print(
        f"{name:13s} kappa = {curvatures[-1] / curvatures[0]:7.2g}, "
        f"after diag(H): {scaled[-1] / scaled[0]:7.2g}, f* = {problem(problem.solve()):.4f}"
    )
