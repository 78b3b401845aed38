horizons = (10**2, 10**4, 10**6)
t = np.arange(horizons[-1])
print(f"{'':19}{'sum of eta_t up to T':^30} {'sum of eta_t^2 up to T':^30}")
print(f"{'T =':>19}" + "".join(f"{f'1e{len(str(T)) - 1}':>10}" for T in 2 * horizons))
for name, schedule in schedules.items():
    eta = schedule(t)
    s1, s2 = np.cumsum(eta), np.cumsum(eta**2)  # s1[T - 1] = eta_0 + ... + eta_{T-1}
    row = [s1[T - 1] for T in horizons] + [s2[T - 1] for T in horizons]
    print(f"{name:19}" + "".join(f"{value:10.4g}" for value in row))
