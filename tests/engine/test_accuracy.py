"""Accuracy, the one rule: argmax for several outputs, the middle of g's range for one."""

import numpy as np
import pytest

from app.engine import ACTIVATIONS, Network, accuracy
from app.engine.accuracy import decision_values


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_each_output_range_holds_what_the_activation_gives(name):
    act = ACTIVATIONS[name]
    z = np.linspace(-4000.0, 4000.0, 801).reshape(-1, 1)  # leaky_relu: down to -40
    if not act.elementwise:
        z = np.concatenate([z, -z, np.zeros_like(z)], axis=1)
    a = act.forward(z)
    low, high = act.output_range
    assert low is None or a.min() >= low
    assert high is None or a.max() <= high
    # a bounded end is approached, an unbounded one is passed by far
    assert a.min() < (-30 if low is None else low + 1e-6)
    assert a.max() > (30 if high is None else high - 1e-6)


def test_middles_are_the_thresholds():
    middles = {name: act.middle for name, act in ACTIVATIONS.items()}
    assert middles == {
        "sigmoid": 0.5,
        "tanh": 0.0,
        "relu": None,
        "leaky_relu": None,
        "linear": None,
        "softmax": 0.5,
    }


def test_several_outputs_compare_argmax():
    outputs = np.array([[0.7, 0.2, 0.1], [0.1, 0.3, 0.6], [0.4, 0.5, 0.1], [0.2, 0.2, 0.6]])
    targets = np.eye(3)[[0, 2, 0, 1]]
    acc = accuracy(outputs, targets, "softmax")
    assert (acc.correct, acc.total, acc.fraction) == (2, 4, 0.5)
    # argmax does not care about the activation: linear outputs count the same way
    assert accuracy(outputs * 10 - 3, targets, "linear").correct == 2


def test_one_sigmoid_output_thresholds_at_a_half():
    outputs = np.array([[0.49], [0.5], [0.51], [0.2], [0.9]])
    targets = np.array([[0.0], [1.0], [0.0], [1.0], [1.0]])
    # 0.49 -> 0 right, 0.5 undecided, 0.51 -> 1 wrong, 0.2 -> 0 wrong, 0.9 -> 1 right
    acc = accuracy(outputs, targets, "sigmoid")
    assert (acc.correct, acc.undecided, acc.total) == (2, 1, 5)


def test_outputs_within_rounding_of_the_threshold_are_undecided():
    # a perceptron trained on XOR: 0.5 within rounding; >= 0.5 would call 3 of 4 right
    outputs = np.array([[0.49999999999999994], [0.5], [0.5], [0.5000000000000001]])
    targets = np.array([[0.0], [1.0], [1.0], [0.0]])
    acc = accuracy(outputs, targets, "sigmoid")
    assert (acc.correct, acc.undecided, acc.total) == (0, 4, 4)
    # just outside the tolerance (1e-6 of the range's width) an output is decided again
    near = np.array([[0.5 - 2e-6], [0.5 + 2e-6], [0.5 + 0.9e-6], [0.5 - 2e-6]])
    acc = accuracy(near, targets, "sigmoid")
    assert (acc.correct, acc.undecided) == (3, 1)
    # tanh's range is twice as wide: 1.5e-6 from its middle is still undecided
    assert accuracy(np.array([[1.5e-6], [3e-6]]), np.array([[1.0], [1.0]]), "tanh").undecided == 1


def test_a_tie_at_the_top_of_several_outputs_is_undecided():
    outputs = np.array([[0.5, 0.5, 0.0], [1 / 3, 1 / 3, 1 / 3], [0.2, 0.7, 0.1]])
    targets = np.eye(3)[[0, 2, 1]]
    acc = accuracy(outputs, targets, "softmax")
    assert (acc.correct, acc.undecided, acc.total) == (1, 2, 3)


@pytest.mark.parametrize("name", [n for n, a in ACTIVATIONS.items() if a.middle is not None])
def test_bounded_activations_reach_their_middle_at_z_zero(name):
    # decision_values relies on it: the boundary is where the output's z is 0
    z = np.zeros((1, 3 if name == "softmax" else 1))
    assert ACTIVATIONS[name].forward(z)[0, 0] == pytest.approx(
        ACTIVATIONS[name].middle if name != "softmax" else 1 / 3
    )


def test_decision_values_are_the_one_outputs_z_with_a_threshold():
    z = np.array([[1e-16], [-3.0]])
    assert decision_values(z, "sigmoid").tolist() == [1e-16, -3.0]
    assert decision_values(z, "linear") is None
    assert decision_values(np.zeros((2, 3)), "softmax") is None


def test_one_tanh_output_thresholds_at_zero():
    outputs = np.array([[-0.1], [0.0], [0.2], [0.3]])
    # -1 and 1 targets; a target of 0, on the middle, is class 0
    targets = np.array([[-1.0], [1.0], [0.0], [1.0]])
    # -0.1 right, 0.0 undecided, 0.2 wrong, 0.3 right
    acc = accuracy(outputs, targets, "tanh")
    assert (acc.correct, acc.undecided) == (2, 1)


@pytest.mark.parametrize("name", ["relu", "leaky_relu", "linear"])
def test_one_unbounded_output_has_no_accuracy(name):
    assert accuracy(np.array([[0.3], [2.0]]), np.array([[0.0], [1.0]]), name) is None


def test_the_forward_pass_carries_accuracy_only_with_targets():
    net = Network.create([2, 3, 1], "tanh", "sigmoid", "mse", seed=3)
    x = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    t = np.array([[0.0], [1.0], [1.0], [0.0]])
    assert net.forward(x).accuracy is None
    trace = net.forward(x, t)
    o = trace.outputs[:, 0]
    decided = np.abs(o - 0.5) > 1e-6  # zero biases: the input (0, 0) gives exactly 0.5
    expected = int(np.sum(((o > 0.5) == (t[:, 0] > 0.5)) & decided))
    assert (trace.accuracy.correct, trace.accuracy.total) == (expected, 4)
    assert trace.accuracy.undecided == int(np.sum(~decided)) == 1
