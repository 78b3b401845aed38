print(" kappa   best rate   steps to shrink the error 10^6 times")
for k in (2, 10, 100, 1000):
    rho = (k - 1) / (k + 1)
    steps = int(np.ceil(np.log(1e-6) / np.log(rho)))  # smallest t with rho^t <= 10^-6
    print(f"{k:6d}   {rho:9.6f}   {steps:6,d}")
