import numpy as np

checkpoints = np.array([0, 10, 100, 300, 600, 1000])  # a schedule takes an int array, too
print(f"{'eta_t':19}" + "".join(f"{f't = {t}':>10}" for t in checkpoints))
for name, schedule in schedules.items():
    print(f"{name:19}" + "".join(f"{eta:10.2e}" for eta in schedule(checkpoints)))
