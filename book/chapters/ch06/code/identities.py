from gdbook import gradient_descent, sgd

# batch size 1 against SGD over shuffled epochs, with the same seed
one = minibatch_sgd(
    problem,
    x0,
    learning_rate=0.01,
    batch_size=1,
    epochs=2,
    seed=7,
)
single = sgd(
    problem,
    x0,
    learning_rate=0.01,
    steps=2 * n,
    sampling="shuffle",
    seed=7,
)
same = np.array_equal(one.iterates, single.iterates)
print(f"b = 1 and shuffled SGD, same iterates: {same}")

# batch size n against gradient descent
everything = minibatch_sgd(
    problem,
    x0,
    learning_rate=0.1,
    batch_size=n,
    epochs=20,
    seed=7,
)
gd = gradient_descent(problem, x0, learning_rate=0.1, steps=20)
same = np.array_equal(everything.iterates, gd.iterates)
print(f"b = n and GD, same iterates: {same}")
