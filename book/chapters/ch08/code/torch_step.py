import numpy as np
import torch


def torch_sgd_step(X, y, beta, eta, idx):
    """One minibatch SGD step with torch.optim.SGD, in float64 like gdbook."""
    return torch_minibatch_sgd(X, y, beta, eta, [idx])


def torch_minibatch_sgd(X, y, beta, eta, batches):
    """Minibatch SGD over the given batches of indices; returns the final beta."""
    X, y = torch.tensor(X, dtype=torch.float64), torch.tensor(y, dtype=torch.float64)
    beta = torch.tensor(beta, dtype=torch.float64, requires_grad=True)  # the parameters
    optimizer = torch.optim.SGD([beta], lr=eta)  # momentum=0, weight_decay=0: plain SGD
    for idx in batches:
        idx = torch.as_tensor(idx)
        loss = torch.mean((y[idx] - X[idx] @ beta) ** 2)  # the loss on the minibatch
        optimizer.zero_grad()  # .grad accumulates, so clear the previous gradient
        loss.backward()  # automatic differentiation: beta.grad = d loss / d beta
        optimizer.step()  # beta <- beta - eta * beta.grad
    return beta.detach().numpy()


if __name__ == "__main__":
    from gdbook import book_regression

    data = book_regression()
    rng = np.random.default_rng(0)
    idx = rng.choice(len(data.y), size=32, replace=False)  # the same minibatch as gdbook's
    print(f"beta_1 = {torch_sgd_step(data.X, data.y, np.zeros(2), 0.1, idx).tolist()}")
