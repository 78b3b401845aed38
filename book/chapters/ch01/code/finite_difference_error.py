from gdbook import numerical_gradient

point = np.array([x, y])  # the point (1, 0.5) of the partial derivatives above
exact = f.gradient(point)[0]  # df/dx, from the formula
e_x = np.array([1.0, 0.0])
increments = (1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-8, 1e-10)

print("      h    forward error    central error")
for h in increments:
    forward = (f(point + h * e_x) - f(point)) / h
    central = numerical_gradient(f, point, h=h)[0]  # (f(p + h e) - f(p - h e)) / 2h
    print(f"{h:7.0e}    {abs(forward - exact):13.2e}    {abs(central - exact):13.2e}")
