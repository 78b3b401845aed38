from gdbook import check_gradient

for f, point in ((SigmoidUnit(), [-2.0]), (Saddle(), [0.3, -0.7])):
    check = check_gradient(f, f.gradient, point)
    print(f"{type(f).__name__:11} gradient check passed: {check.passed}")
