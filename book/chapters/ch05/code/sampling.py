n = 1000
# P(at least once) and P(exactly once) in n draws with replacement
exact = [1 - (1 - 1 / n) ** n, (1 - 1 / n) ** (n - 1)]
limit = [1 - np.exp(-1), np.exp(-1)]

# One trial: n draws with replacement; count how often each index came up.
rng = np.random.default_rng(0)
trials = 2_000
draws = rng.integers(0, n, size=(trials, n))
# bincount counts indices of type np.intp (32-bit in the in-browser Python)
counts = np.array([np.bincount(row.astype(np.intp), minlength=n) for row in draws])
per_trial = [(counts >= 1).mean(axis=1), (counts == 1).mean(axis=1)]  # fractions
empirical = [fractions.mean() for fractions in per_trial]
standard_error = [f.std(ddof=1) / np.sqrt(trials) for f in per_trial]

print(f"{'':18}{'at least once':>15}{'exactly once':>15}")
for name, row in (
    (f"exact, n = {n}", exact),
    ("limit n -> inf", limit),
    (f"{trials:,} trials", empirical),
    ("standard error", standard_error),
):
    print(f"{name:18}" + "".join(f"{value:15.6f}" for value in row))

# Shuffled epochs: one permutation of the n indices per pass.
epochs = [rng.permutation(n) for _ in range(20)]
shuffled = np.array([np.bincount(order, minlength=n) for order in epochs])
print(f"shuffled epochs: every example exactly once: {np.all(shuffled == 1)}")
