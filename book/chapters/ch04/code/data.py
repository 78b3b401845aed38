from gdbook import book_regression

data = book_regression()  # y = 2 + 3x + noise, x ~ U(-2, 2), noise ~ N(0, 0.5^2), seed 42
X, y = data.X, data.y  # column 0 of X is all ones (the intercept), column 1 holds x
n = len(y)
print(f"X: {X.shape}, y: {y.shape}, true beta* = ({data.true_beta[0]:g}, {data.true_beta[1]:g})")
for i in range(3):
    print(f"example {i}: x_i = ({X[i, 0]:.0f}, {X[i, 1]:+.4f}),  y_i = {y[i]:+.4f}")
