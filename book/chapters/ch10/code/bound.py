def bound(eta, T):
    """The theorem: E f(x_bar_T) - f* <= ||x_0 - x*||^2 / (2 eta T) + eta sigma^2."""
    return r0**2 / (2 * eta * T) + eta * variance


def tuned_rate(T):
    """The eta <= 1/L that minimises the bound for a horizon of T steps."""
    return min(1 / L, r0 / np.sqrt(2 * variance * T))


for T in (10, 100, 1_000, 10_000):
    eta = tuned_rate(T)
    print(f"T = {T:6,}: eta = {eta:.4f}, bound = {bound(eta, T):.4f}")
