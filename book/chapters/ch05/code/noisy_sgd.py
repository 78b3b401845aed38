from gdbook import Quadratic, gradient_descent, noisy_gradient_descent

bowl = Quadratic((2.0, 4.0))  # f(x) = x1^2 + 2 x2^2, grad f = (2 x1, 4 x2)
start, eta, nu = [-5.0, -2.0], 0.1, 1.0
gd_run = gradient_descent(bowl, start, learning_rate=eta, steps=20)
# simulated SGD: the exact gradient plus fresh noise xi_t ~ N(0, nu^2 I) each step
noisy_run = noisy_gradient_descent(
    bowl,
    start,
    learning_rate=eta,
    steps=20,
    noise_std=nu,
    seed=0,
)
for name, run in (("GD", gd_run), ("noisy GD", noisy_run)):
    x1, x2 = run.final
    loss = run.losses[-1]
    print(f"{name:8}: x_20 = ({x1:+.4f}, {x2:+.4f}), f(x_20) = {loss:.4f}")
