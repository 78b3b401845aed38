from gdbook import Quadratic

f = Quadratic((2.0,))  # f(x) = x^2, f'(x) = 2x
x = 1.0
slope = f.gradient(x)[0]
print(" eta   first-order f(x) - eta f'(x)^2   actual f(x - eta f'(x))   decreased?")
for eta in (0.1, 0.2, 0.5, 0.9, 1.0, 1.1):
    predicted = f(x) - eta * slope**2
    actual = f(x - eta * slope)
    print(f"{eta:4.1f}   {predicted:30.2f}   {actual:23.2f}   {actual < f(x)}")
