def heavy_ball_matrix(eta, beta, lam):
    """(x_{t+1,j}, x_{t,j}) = M (x_{t,j}, x_{t-1,j}) along a direction of curvature lam."""
    return np.array([[1 + beta - eta * lam, -beta], [1.0, 0.0]])


def heavy_ball_rate(eta, beta, curvatures):
    """The factor per step in the long run: the largest |zeta| over the curvatures."""
    return max(
        np.abs(np.linalg.eigvals(heavy_ball_matrix(eta, beta, lam))).max() for lam in curvatures
    )


for lam in valley.curvatures:
    zeta = np.linalg.eigvals(heavy_ball_matrix(eta, beta, lam))
    print(
        f"lambda = {lam:4g}: zeta = {zeta[0]:.4f}, {zeta[1]:.4f}   |zeta| = {np.abs(zeta).max():.4f}"
    )
print(
    f"rate = {heavy_ball_rate(eta, beta, valley.curvatures):.4f}, sqrt(beta) = {np.sqrt(beta):.4f}"
)
