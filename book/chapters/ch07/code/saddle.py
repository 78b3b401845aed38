import math

from gdbook import gradient_descent

saddle, eta = Saddle(), 0.1
print("start (1, y0): first t with |y_t| >= 1, measured and predicted; smallest ||grad f||")
for y0 in (1e-2, 1e-4, 1e-8, 0.0):
    run = gradient_descent(saddle, [1.0, y0], learning_rate=eta, steps=120)
    out = np.flatnonzero(np.abs(run.iterates[:, 1]) >= 1.0)
    measured = f"{out[0]:4d}" if out.size else "never"
    predicted = math.ceil(math.log(1 / y0) / math.log(1 + 2 * eta)) if y0 else "never"
    print(
        f"  y0 = {y0:.0e}: {measured:>5} {predicted:>5}   {run.gradient_norms.min():.1e}"
        f"   x_120 = ({run.final[0]:.1e}, {run.final[1]:+.1e})"
    )
