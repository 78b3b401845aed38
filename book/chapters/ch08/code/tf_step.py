import numpy as np
import tensorflow as tf


def tf_sgd_step(A, y, x, eta, idx):
    """One minibatch SGD step with tf.GradientTape, in float64 like gdbook."""
    return tf_minibatch_sgd(A, y, x, eta, [idx])


def tf_minibatch_sgd(A, y, x, eta, batches):
    """Minibatch SGD over the given batches of indices; returns the final x."""
    A, y = tf.constant(A, dtype=tf.float64), tf.constant(y, dtype=tf.float64)
    x = tf.Variable(np.asarray(x, dtype=np.float64))  # the parameters
    for idx in batches:
        A_b, y_b = tf.gather(A, idx), tf.gather(y, idx)
        with tf.GradientTape() as tape:  # records the operations that involve x
            loss = tf.reduce_mean(tf.square(y_b - tf.linalg.matvec(A_b, x)))
        gradient = tape.gradient(loss, x)  # automatic differentiation
        x.assign_sub(eta * gradient)  # x <- x - eta * gradient
    return x.numpy()


if __name__ == "__main__":
    from gdbook import book_regression

    data = book_regression()
    rng = np.random.default_rng(0)
    idx = rng.choice(len(data.y), size=32, replace=False)  # the same minibatch as gdbook's
    print(f"x_1 = {tf_sgd_step(data.X, data.y, np.zeros(2), 0.1, idx).tolist()}")
