rng = np.random.default_rng(0)
beta1, beta2 = 0.9, 0.999  # Adam's defaults
streams, T = 100_000, 30
g = rng.normal(1.0, 0.5, size=(streams, T))  # stationary gradients: E g_t = 1, Var g_t = 0.25
m = np.zeros(streams)
print("  t   mean of m_t   (1 - beta1^(t+1)) E g   mean of m_t / (1 - beta1^(t+1))")
for t in range(T):
    m = beta1 * m + (1 - beta1) * g[:, t]
    if t in (0, 1, 4, 9, 29):
        correction = 1 - beta1 ** (t + 1)
        print(f"{t:3d}   {m.mean():11.4f}   {correction:21.4f}   {(m / correction).mean():31.4f}")

# Without the correction, a constant gradient g gives m_t / sqrt(v_t) = this factor times sign(g):
k = np.arange(1, 5_001)  # k = t + 1 gradients averaged
factor = (1 - beta1**k) / np.sqrt(1 - beta2**k)
print(
    f"uncorrected step, constant gradient: {factor[0]:.2f} eta at t = 0, "
    f"largest {factor.max():.2f} eta at t = {factor.argmax()}, {factor[-1]:.2f} eta at t = {k[-1] - 1}"
)
