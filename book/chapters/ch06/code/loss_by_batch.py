eta, epochs, batch_sizes = 0.1, 10, (1, 8, 64, 1000)  # b = 1000 = n: the full batch
runs = {}
for b in batch_sizes:
    runs[b] = minibatch_sgd(
        problem,
        x0,
        learning_rate=eta,
        batch_size=b,
        epochs=epochs,
        seed=0,
        loss_every=1,  # f after every step, to average it over the last epoch
    )
print(f"{epochs} epochs = {epochs * n:,} example gradients per run, eta = {eta}")
print("excess loss f - f*: after epoch 1, and the mean over the last epoch")
print("     b    steps    epoch 1    last epoch")
for b, run in runs.items():
    per_epoch = run.steps // epochs
    first = run.losses[per_epoch] - f_star
    last = np.mean(run.losses[-per_epoch:]) - f_star  # the loss jitters: average
    print(f"{b:6d}{run.steps:9,d}{first:11.4f}{last:14.5f}")
