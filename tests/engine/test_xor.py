"""The XOR argument: a perceptron never gets all four cases; one hidden layer does."""

import numpy as np
import pytest

from app.engine import Network, builtin_dataset

XOR = builtin_dataset("xor")


def correct(net: Network) -> int:
    """How many of the four XOR cases the network gets right (output > 0.5 means 1)."""
    outputs = net.forward(XOR.inputs).outputs
    return int(np.sum((outputs > 0.5) == (XOR.targets > 0.5)))


@pytest.mark.parametrize("output", ["sigmoid", "tanh"])
def test_perceptron_never_learns_xor(output):
    """Layers [2, 1]: a linear boundary, so at most 3 of 4 at every checkpoint, any seed."""
    loss = "binary_cross_entropy" if output == "sigmoid" else "mse"
    for seed in range(5):
        net = Network.create([2, 1], "sigmoid", output, loss, seed=seed)
        for _ in range(40):
            for _ in range(50):
                net.step(XOR.inputs, XOR.targets, 1.0)
            assert correct(net) <= 3


def test_and_is_learned_by_a_perceptron():
    """AND, the carry bit, is linearly separable: a perceptron learns it."""
    data = builtin_dataset("and")
    net = Network.create([2, 1], "sigmoid", "sigmoid", "binary_cross_entropy", seed=0)
    for _ in range(500):
        net.step(data.inputs, data.targets, 1.0)
    outputs = net.forward(data.inputs).outputs
    assert np.all((outputs > 0.5) == (data.targets > 0.5))


def test_hidden_layer_learns_xor_for_most_seeds():
    """Layers [2, 3, 1], tanh hidden, sigmoid output, binary cross-entropy, full batch of
    the four cases, learning rate 1.0, xavier init, seeds 0-19.

    Measured (numpy engine, this repo): 17 of 20 seeds reach 4/4 within 150 steps (the
    slowest of them at step 144; the median is 29 steps); seed 0 gets there at step 2463;
    seeds 15 and 19 are still stuck at 3 of 4 after 5000 steps (a local minimum). We
    require at least 16 of 20 within 150 steps.
    """
    reached = {}
    for seed in range(20):
        net = Network.create([2, 3, 1], "tanh", "sigmoid", "binary_cross_entropy", seed=seed)
        for step in range(1, 151):
            net.step(XOR.inputs, XOR.targets, 1.0)
            if correct(net) == 4:
                reached[seed] = step
                break
    assert len(reached) >= 16, reached
