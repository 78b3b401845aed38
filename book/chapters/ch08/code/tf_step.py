import numpy as np
import tensorflow as tf


def tf_sgd_step(X, y, beta, eta, idx):
    """One minibatch SGD step with tf.GradientTape, in float64 like gdbook."""
    return tf_minibatch_sgd(X, y, beta, eta, [idx])


def tf_minibatch_sgd(X, y, beta, eta, batches):
    """Minibatch SGD over the given batches of indices; returns the final beta."""
    X, y = tf.constant(X, dtype=tf.float64), tf.constant(y, dtype=tf.float64)
    beta = tf.Variable(np.asarray(beta, dtype=np.float64))  # the parameters
    for idx in batches:
        X_b, y_b = tf.gather(X, idx), tf.gather(y, idx)
        with tf.GradientTape() as tape:  # records the operations that involve beta
            loss = tf.reduce_mean(tf.square(y_b - tf.linalg.matvec(X_b, beta)))
        gradient = tape.gradient(loss, beta)  # automatic differentiation
        beta.assign_sub(eta * gradient)  # beta <- beta - eta * gradient
    return beta.numpy()


if __name__ == "__main__":
    from gdbook import book_regression

    data = book_regression()
    rng = np.random.default_rng(0)
    idx = rng.choice(len(data.y), size=32, replace=False)  # the same minibatch as gdbook's
    print(f"beta_1 = {tf_sgd_step(data.X, data.y, np.zeros(2), 0.1, idx).tolist()}")
