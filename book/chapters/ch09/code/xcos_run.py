import numpy as np

from gdbook import XCosCx

wave = XCosCx(0.15 * np.pi)  # chapter 2's x cos(cx), from the same x0 = 10
etas = (1.0, 0.5)
wave_runs = {eta: newton(wave, x0, learning_rate=eta, steps=steps) for eta in etas}

for eta, run in wave_runs.items():
    print(f"eta = {eta}:")
    for t in (0, 1, 2, 3, 4, 6, 10):
        x = run.iterates[t, 0]
        curvature = wave.hessian(x)[0, 0]
        print(f"  t = {t:2d}:  x = {x:9.5f},  f(x) = {wave(x):+9.5f},  f''(x) = {curvature:+.4f}")
