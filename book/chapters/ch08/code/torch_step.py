import numpy as np
import torch


def torch_sgd_step(A, y, x, eta, idx):
    """One minibatch SGD step with torch.optim.SGD, in float64 like gdbook."""
    return torch_minibatch_sgd(A, y, x, eta, [idx])


def torch_minibatch_sgd(A, y, x, eta, batches):
    """Minibatch SGD over the given batches of indices; returns the final x."""
    A, y = torch.tensor(A, dtype=torch.float64), torch.tensor(y, dtype=torch.float64)
    x = torch.tensor(x, dtype=torch.float64, requires_grad=True)  # the parameters
    optimizer = torch.optim.SGD([x], lr=eta)  # momentum=0, weight_decay=0: plain SGD
    for idx in batches:
        idx = torch.as_tensor(idx)
        loss = torch.mean((y[idx] - A[idx] @ x) ** 2)  # the loss on the minibatch
        optimizer.zero_grad()  # .grad accumulates, so clear the previous gradient
        loss.backward()  # automatic differentiation: x.grad = d loss / d x
        optimizer.step()  # x <- x - eta * x.grad
    return x.detach().numpy()


if __name__ == "__main__":
    from gdbook import book_regression

    data = book_regression()
    rng = np.random.default_rng(0)
    idx = rng.choice(len(data.y), size=32, replace=False)  # the same minibatch as gdbook's
    print(f"x_1 = {torch_sgd_step(data.X, data.y, np.zeros(2), 0.1, idx).tolist()}")
