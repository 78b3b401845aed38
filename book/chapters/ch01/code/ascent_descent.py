from gdbook import Quadratic

f = Quadratic((2.0,))  # f(x) = x^2, f'(x) = 2x
x, eta = 1.5, 0.1
slope = f.gradient(x)[0]  # f'(1.5) = 3 > 0: f increases to the right
x_ascent = x + eta * slope  # gradient ascent: add the derivative
x_descent = x - eta * slope  # gradient descent: subtract it
print(f"f'(x) = {slope:.2f}")
print(f"ascent : x = {x_ascent:.2f}, f(x) = {f(x_ascent):.4f}  (was {f(x):.4f})")
print(f"descent: x = {x_descent:.2f}, f(x) = {f(x_descent):.4f}  (was {f(x):.4f})")
