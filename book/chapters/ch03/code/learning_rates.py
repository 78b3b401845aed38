print(" eta   1 - 2 eta   1 - 4 eta   x_20                        ||x_20||")
for rate in (0.1, 0.25, 0.4, 0.49, 0.5, 0.51):
    trial = gradient_descent(f, x, learning_rate=rate, steps=steps)
    x1, x2 = trial.final
    factors = f"{1 - 2 * rate:+9.2f}   {1 - 4 * rate:+9.2f}"
    print(f"{rate:4.2f}   {factors}   ({x1:+.3e}, {x2:+.3e})   {np.linalg.norm(trial.final):.3e}")
