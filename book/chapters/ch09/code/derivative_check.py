from gdbook import check_gradient

# Chapter 1's finite-difference check, on the derivatives and on the second derivatives.
example, form = Cosh(0.5), QuadraticForm([[3.0, 1.0], [1.0, 2.0]])
point = np.array([1.3, -0.7])
checks = {
    "Cosh gradient": check_gradient(example, example.gradient, [1.3]),
    "Cosh hessian": check_gradient(
        lambda x: example.gradient(x)[0], lambda x: example.hessian(x)[0], [1.3]
    ),
    "QuadraticForm gradient": check_gradient(form, form.gradient, point),
}
for j in range(2):  # row j of the Hessian is the gradient of the j-th partial derivative
    checks[f"QuadraticForm hessian row {j}"] = check_gradient(
        lambda x, j=j: form.gradient(x)[j], lambda x, j=j: form.hessian(x)[j], point
    )
for name, check in checks.items():
    print(f"{name:28s} relative error {check.relative_error:.1e}  passed: {check.passed}")
