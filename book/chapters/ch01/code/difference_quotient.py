from gdbook import Quadratic

f = Quadratic((2.0,))  # f(x) = x^2, so f'(1) = 2
x = 1.0
print("        h    (f(x+h) - f(x))/h    error")
for h in (1.0, 0.5, 0.1, 0.01, 0.001):
    quotient = (f(x + h) - f(x)) / h  # slope of the secant through x and x + h
    print(f"{h:9.3f}    {quotient:17.12f}    {quotient - 2.0:.2e}")
