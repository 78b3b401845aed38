from gdbook import check_gradient

point = [x, y]  # (1, 0.5) again


def wrong_gradient(p):
    # A classic slip: the chain-rule factor 2 of d/dy cos(x + 2y) is forgotten.
    x, y = p
    s = x + 2 * y
    return np.array([2 * x + 2 * y - np.sin(s), 2 * x - np.sin(s)])


for name, grad in (("right", f.gradient), ("wrong", wrong_gradient)):
    check = check_gradient(f, grad, point)
    print(f"{name}: analytic  = {np.array2string(check.analytic, precision=6)}")
    print(f"       numerical = {np.array2string(check.numerical, precision=6)}")
    print(f"       relative error = {check.relative_error:.1e}, passed = {check.passed}")
