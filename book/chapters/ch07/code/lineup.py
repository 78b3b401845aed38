from gdbook import constant, exponential, piecewise_constant, polynomial

# Six learning-rate schedules, all starting from eta_0 = 0.1.
schedules = {
    "constant": constant(0.1),
    "piecewise_constant": piecewise_constant([300, 600], [0.1, 0.01, 0.001]),
    "exponential(0.99)": exponential(0.1, decay=0.99),
    "exponential(0.9)": exponential(0.1, decay=0.9),
    "polynomial(1/2)": polynomial(0.1, alpha=0.5, omega=0.1),  # 0.1 / sqrt(1 + 0.1 t)
    "polynomial(1)": polynomial(0.1, alpha=1.0, omega=0.1),  # 0.1 / (1 + 0.1 t)
}
