curvatures = np.array(f.curvatures)  # lambda = (2, 4)
x0 = run.iterates[0]
t = np.arange(run.steps + 1)[:, np.newaxis]  # a column: t = 0, 1, ..., 20
closed = (1 - eta * curvatures) ** t * x0  # x_{t,j} = (1 - eta lambda_j)^t x_{0,j}

print("factors 1 - eta lambda_j:", ", ".join(f"{r:.1f}" for r in 1 - eta * curvatures))
print(f"closed form at t = 20: ({closed[-1, 0]:+.6f}, {closed[-1, 1]:+.6f})")
gap = np.max(np.abs(run.iterates - closed))
print(f"largest |GD - closed form| over all 21 iterates: {gap:.1e}")
