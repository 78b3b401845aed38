from gdbook import book_regression

data = book_regression()  # y = 2 + 3z + noise, z ~ U(-2, 2), noise ~ N(0, 0.5^2), seed 42
A, y = data.X, data.y  # the design matrix: column 0 all ones (the intercept), column 1 holds z
n = len(y)
print(f"A: {A.shape}, y: {y.shape}, true x* = ({data.true_beta[0]:g}, {data.true_beta[1]:g})")
for i in range(3):
    print(f"example {i}: a_i = ({A[i, 0]:.0f}, {A[i, 1]:+.4f}),  y_i = {y[i]:+.4f}")
