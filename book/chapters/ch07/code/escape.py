from gdbook import noisy_gradient_descent, piecewise_constant

x0, steps, nu = 1.5, 600, 1.5  # start right of the barrier, in the shallow basin
switch, rates = 400, [0.1, 0.01]  # explore with 0.1, then settle with 0.01 from step 400
schedule = piecewise_constant([switch], rates)


def noisy_run(seed):
    return noisy_gradient_descent(
        well, x0, learning_rate=schedule, steps=steps, noise_std=nu, seed=seed
    )


gd, noisy = gradient_descent(well, x0, learning_rate=schedule, steps=steps), noisy_run(0)
print(f"GD:       x_{steps} = {gd.final[0]:+.4f}, f = {gd.losses[-1]:+.4f}")
print(f"noisy GD: x_{steps} = {noisy.final[0]:+.4f}, f = {noisy.losses[-1]:+.4f}  (seed 0)")

seed_count = 200
seeds = range(seed_count)
finals = np.array([noisy_run(seed).final[0] for seed in seeds])
escaped = finals < well.local_maximum  # ended left of the barrier: in the deep basin
print(f"ended in the deep basin: {escaped.sum()} of {len(seeds)} seeds ({escaped.mean():.1%})")
