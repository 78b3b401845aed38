for rate in (0.05, 1.1):  # the same start and budget as the standard example
    run = gradient_descent(f, x0, learning_rate=rate, steps=steps)
    trace = ", ".join(f"{x:.2f}" for x in run.iterates[:, 0])
    print(f"eta = {rate}: x_0..x_10 = {trace}")
    print(f"           x_10 = {run.final[0]:.10f}\n")
