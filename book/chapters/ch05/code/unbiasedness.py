full = problem.gradient(x0)  # -(2/n) A^T (y - A x): one matrix product
mean_of_examples = per_example.mean(axis=0)  # the same sum, in another order

print(f"full gradient       : ({full[0]:+.12f}, {full[1]:+.12f})")
mean_x, mean_y = mean_of_examples
print(f"mean of n gradients : ({mean_x:+.12f}, {mean_y:+.12f})")
print(f"largest difference  : {np.max(np.abs(mean_of_examples - full)):.1e}")
