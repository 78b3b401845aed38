from gdbook import Quadratic

bowl = Quadratic((2.0, 2.0))  # f(x) = x1^2 + x2^2: the same curvature 2 in every direction
bowl_run = gradient_descent(bowl, [1.0, 1.0], learning_rate=0.1, steps=20)

for t in (0, 1, 2, 5, 10, 20):
    a, b = bowl_run.iterates[t]
    print(f"t = {t:2d}:  (a, b) = ({a:.6f}, {b:.6f}),  f = {bowl_run.losses[t]:.6f}")
print("a = b at every step:", bool(np.all(bowl_run.iterates[:, 0] == bowl_run.iterates[:, 1])))
