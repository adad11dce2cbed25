"""Every chain-rule factor says what it is (its kind) and, for g'(z), which activation."""

import numpy as np
import pytest

from app.engine import FACTOR_KINDS, Network


def explain(net: Network, x, t, layer: int, to: int, source: int | None):
    trace = net.forward(x, t)
    return net.chain_rule(trace, net.backward(trace, t), layer, to, source)


X = np.array([[0.0, 1.0], [1.0, 0.5], [-0.5, 0.2]])


@pytest.mark.parametrize(
    ("layer", "source", "kinds", "activations"),
    [
        (1, 2, ["loss_gradient", "activation_derivative", "input"], [None, "sigmoid", None]),
        (
            1,
            None,
            ["loss_gradient", "activation_derivative", "bias_input"],
            [None, "sigmoid", None],
        ),
        (0, 1, ["back_propagated_error", "activation_derivative", "input"], [None, "tanh", None]),
    ],
)
def test_factor_kinds_of_an_elementwise_network(layer, source, kinds, activations):
    net = Network.create([2, 3, 1], "tanh", "sigmoid", "mse", seed=1)
    rule = explain(net, X, np.array([[1.0], [0.0], [1.0]]), layer, 0, source)
    assert [f.kind for f in rule.factors] == kinds
    assert [f.activation for f in rule.factors] == activations
    assert set(kinds) <= set(FACTOR_KINDS)
    assert np.sum(rule.products) == pytest.approx(rule.gradient, rel=1e-12)


def test_a_softmax_output_has_one_output_delta():
    net = Network.create([2, 4, 3], "relu", "softmax", "cross_entropy", seed=2)
    rule = explain(net, X, np.eye(3), 1, 2, 0)
    assert [(f.kind, f.activation) for f in rule.factors] == [
        ("output_delta", None),
        ("input", None),
    ]
    # the input factor is a_0 of the hidden layer, the delta is p_j - d_j for one-hot targets
    trace = net.forward(X, np.eye(3))
    np.testing.assert_allclose(rule.factors[1].values, trace.activations[0][:, 0])
    np.testing.assert_allclose(rule.factors[0].values, (trace.outputs[:, 2] - [0, 0, 1]) / 3)
