"""Property tests: shapes follow the layer list, seeds fix everything, bad input is refused."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.engine import EngineError, Network

from .cases import HIDDEN, LOSS_OUTPUTS

layer_lists = st.lists(st.integers(1, 6), min_size=2, max_size=5)
configs = st.tuples(st.sampled_from(HIDDEN), st.sampled_from(LOSS_OUTPUTS), st.booleans())


def targets_for(loss: str, rng: np.random.Generator, rows: int, cols: int) -> np.ndarray:
    if loss == "mse":
        return rng.normal(size=(rows, cols))
    return rng.uniform(0.0, 1.0, size=(rows, cols))


@settings(max_examples=60, deadline=None)
@given(layers=layer_lists, config=configs, batch=st.integers(1, 5), seed=st.integers(0, 2**16))
def test_trace_and_gradients_are_shaped_like_the_network(layers, config, batch, seed):
    hidden, (loss, output), bias = config
    net = Network.create(layers, hidden, output, loss, bias, seed=seed)
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(batch, layers[0]))
    t = targets_for(loss, rng, batch, layers[-1])
    trace = net.forward(x, t)
    grads = net.backward(trace, t)
    assert [w.shape for w in net.weights] == [(n, m) for m, n in zip(layers, layers[1:])]
    assert [b.shape for b in net.biases] == [(n,) for n in layers[1:]]
    assert [z.shape for z in trace.zs] == [(batch, n) for n in layers[1:]]
    assert [a.shape for a in trace.activations] == [(batch, n) for n in layers[1:]]
    assert [g.shape for g in grads.weights] == [w.shape for w in net.weights]
    assert [g.shape for g in grads.biases] == [b.shape for b in net.biases]
    assert [d.shape for d in grads.deltas] == [z.shape for z in trace.zs]
    assert math.isfinite(trace.loss)
    expected = sum(m * n + (n if bias else 0) for m, n in zip(layers, layers[1:]))
    assert net.parameter_count() == expected


@settings(max_examples=30, deadline=None)
@given(layers=layer_lists, config=configs, seed=st.integers(0, 2**32 - 1))
def test_a_seed_fixes_weights_and_steps(layers, config, seed):
    hidden, (loss, output), bias = config

    def run() -> tuple[list[np.ndarray], list[float]]:
        net = Network.create(layers, hidden, output, loss, bias, seed=seed)
        rng = np.random.default_rng(seed)
        x = rng.normal(size=(3, layers[0]))
        t = targets_for(loss, rng, 3, layers[-1])
        losses = [net.step(x, t, 0.1).loss for _ in range(3)]
        return [*net.weights, *net.biases], losses

    (p1, l1), (p2, l2) = run(), run()
    assert l1 == l2
    for a, b in zip(p1, p2):
        np.testing.assert_array_equal(a, b)


# ---- refusals: EngineError naming the field -----------------------------------------

BAD_NUMBERS = [math.nan, math.inf, -math.inf, True, "1.0", None]


@settings(max_examples=40, deadline=None)
@given(bad=st.sampled_from(BAD_NUMBERS), row=st.integers(0, 2), col=st.integers(0, 1))
def test_bad_inputs_and_targets_are_refused(bad, row, col):
    net = Network.create([2, 3, 1], seed=0)
    x = [[0.5, -0.5] for _ in range(3)]
    t = [[0.0] for _ in range(3)]
    bad_x = [r[:] for r in x]
    bad_x[row][col] = bad
    with pytest.raises(EngineError) as err:
        net.forward(bad_x)
    assert err.value.field == "inputs"
    bad_t = [r[:] for r in t]
    bad_t[row][0] = bad
    with pytest.raises(EngineError) as err:
        net.step(x, bad_t, 0.1)
    assert err.value.field == "targets"


@pytest.mark.parametrize(
    "inputs",
    [[0.5, 0.5], [[0.5, 0.5, 0.5]], [[0.5], [0.5]], [], [[]], [[[0.5, 0.5]]], [[0.5, 0.5], [1.0]]],
    ids=["1-d", "3-columns", "1-column", "empty", "empty-row", "3-d", "ragged"],
)
def test_wrong_input_shapes_are_refused(inputs):
    net = Network.create([2, 3, 1], seed=0)
    with pytest.raises(EngineError) as err:
        net.forward(inputs)
    assert err.value.field == "inputs"


def test_wrong_target_shapes_are_refused():
    net = Network.create([2, 3, 1], seed=0)
    x = [[0.0, 1.0], [1.0, 0.0]]
    for t in ([[0.0]], [[0.0, 1.0], [1.0, 0.0]], [0.0, 1.0]):
        with pytest.raises(EngineError) as err:
            net.step(x, t, 0.1)
        assert err.value.field == "targets"


def test_cross_entropy_targets_outside_unit_interval_are_refused():
    net = Network.create([2, 2], "sigmoid", "softmax", "cross_entropy", seed=0)
    with pytest.raises(EngineError) as err:
        net.forward([[0.0, 1.0]], [[1.5, -0.5]])
    assert err.value.field == "targets"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"hidden_activation": "softmax"}, "hidden_activation"),
        ({"hidden_activation": "gelu"}, "hidden_activation"),
        ({"output_activation": "swish"}, "output_activation"),
        ({"loss": "hinge"}, "loss"),
        ({"loss": "cross_entropy", "output_activation": "tanh"}, "loss"),
        ({"loss": "cross_entropy", "output_activation": "relu"}, "loss"),
        ({"loss": "binary_cross_entropy", "output_activation": "softmax"}, "loss"),
        ({"loss": "binary_cross_entropy", "output_activation": "linear"}, "loss"),
        ({"init": "orthogonal"}, "init"),
        ({"layers": [2]}, "layers"),
        ({"layers": [2, 0, 1]}, "layers"),
        ({"layers": [2, True, 1]}, "layers"),
        ({"layers": [2, 2.5, 1]}, "layers"),
        ({"layers": "2,3,1"}, "layers"),
        ({"use_bias": False, "biases": [[0.0, 0.0, 0.0], [0.0]]}, "biases"),
    ],
)
def test_bad_configurations_are_refused(kwargs, field):
    config = {"layers": [2, 3, 1], "seed": 0, **kwargs}
    with pytest.raises(EngineError) as err:
        Network.create(**config)
    assert err.value.field == field


@pytest.mark.parametrize(
    "weights",
    [
        [[[0.1, 0.2]] * 3],  # one layer missing
        [[[0.1, 0.2]] * 2, [[0.1, 0.2, 0.3]]],  # (2, 2) where (3, 2) is needed
        [[[0.1, 0.2, 0.3]] * 3, [[0.1, 0.2, 0.3]]],  # transposed layout
        [[[0.1, math.nan]] * 3, [[0.1, 0.2, 0.3]]],
        [[[0.1, True]] * 3, [[0.1, 0.2, 0.3]]],
        [[["0.1", 0.2]] * 3, [[0.1, 0.2, 0.3]]],
        "weights",
    ],
)
def test_bad_weights_are_refused(weights):
    with pytest.raises(EngineError) as err:
        Network.create([2, 3, 1], weights=weights)
    assert err.value.field.startswith("weights")


@pytest.mark.parametrize("rate", [0.0, -0.1, math.nan, math.inf, True, "0.1", None])
def test_bad_learning_rates_are_refused(rate):
    net = Network.create([2, 3, 1], seed=0)
    before = [w.copy() for w in net.weights]
    with pytest.raises(EngineError) as err:
        net.step([[0.0, 1.0]], [[1.0]], rate)
    assert err.value.field == "learning_rate"
    for w, w0 in zip(net.weights, before):
        np.testing.assert_array_equal(w, w0)


@pytest.mark.parametrize(
    ("index", "field"),
    [((2, 0, 0), "layer"), ((-1, 0, 0), "layer"), ((0, 3, 0), "to"), ((0, 0, 2), "from")],
)
def test_bad_parameter_indices_are_refused(index, field):
    net = Network.create([2, 3, 1], seed=0)
    with pytest.raises(EngineError) as err:
        net.set_parameter(*index, 0.5)
    assert err.value.field == field


@pytest.mark.parametrize("value", [math.nan, math.inf, True])
def test_bad_parameter_values_are_refused(value):
    net = Network.create([2, 3, 1], seed=0)
    with pytest.raises(EngineError) as err:
        net.set_parameter(0, 0, 0, value)
    assert err.value.field == "value"


def test_bias_index_refused_without_biases():
    net = Network.create([2, 3, 1], use_bias=False, seed=0)
    with pytest.raises(EngineError) as err:
        net.set_parameter(0, 0, None, 0.5)
    assert err.value.field == "from"
