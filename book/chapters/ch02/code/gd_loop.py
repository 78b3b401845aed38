from gdbook import Quadratic, gradient_descent

f = Quadratic((2.0,))
x, eta = 10.0, 0.2
tol, max_steps = 1e-6, 1000  # stop when |f'(x)| <= tol, or after max_steps steps

t = 0
grad = f.gradient(x)[0]
while abs(grad) > tol and t < max_steps:
    x = x - eta * grad  # the gradient descent step
    grad = f.gradient(x)[0]
    t += 1
print(f"by hand: t = {t}, x_t = {x:.6e}, |f'(x_t)| = {abs(grad):.6e}")

run = gradient_descent(f, 10.0, learning_rate=eta, steps=max_steps, tol=tol)
print(f"gdbook : t = {run.steps}, x_t = {run.final[0]:.6e}, stop_reason = {run.stop_reason!r}")
