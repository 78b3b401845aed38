from gdbook import minibatch_sgd

n, b = problem.n, 64
full_batches, last = divmod(n, b)
print(f"n = {n}, b = {b}: {full_batches} full batches and a last one of {last}")

for drop_last in (False, True):
    run = minibatch_sgd(
        problem,
        x0,
        learning_rate=0.1,
        batch_size=b,
        epochs=1,
        seed=0,
        drop_last=drop_last,
    )
    sizes = np.diff(run.examples)  # the examples each step used
    print(
        f"drop_last={drop_last!s:5}: {run.steps} steps, {sizes.sum()} examples, "
        f"last batch sizes {sizes[-3:].tolist()}"
    )
