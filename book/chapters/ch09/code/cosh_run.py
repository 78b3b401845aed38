c = 0.5
x0, steps = 10.0, 10
bell = Cosh(c)  # f(x) = cosh(x / 2), minimiser x* = 0
cosh_run = newton(bell, x0, steps=steps)

print(" t   x_t                        f'(x_t)      step -f'/f''")
for t, x in enumerate(cosh_run.iterates[:, 0]):
    step = -bell.gradient(x)[0] / bell.hessian(x)[0, 0]
    print(f"{t:2d}   {x:+.16e}   {bell.gradient(x)[0]:+.3e}   {step:+.3e}")
