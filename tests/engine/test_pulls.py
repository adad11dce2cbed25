"""Each example's own pull dE_i/dw: the engine's backward on that row alone, and their mean."""

import numpy as np
import pytest

from app.engine import EngineError, Network
from app.engine.pulls import pulls

from .cases import COMBINATIONS, case_id, make_case

PARAMETERS = [(0, 1, 2), (1, 3, 0), (2, 0, None), (0, 2, None)]


@pytest.mark.parametrize("combo", COMBINATIONS[::3], ids=case_id)
def test_each_pull_is_the_backward_on_its_own_row(combo):
    """Row i's contribution equals backward on the batch of that row alone."""
    net, x, t = make_case(*combo)
    for layer, to, source in PARAMETERS:
        if source is None and not net.use_bias:
            continue
        found = pulls(net, x, t, layer, to, source)
        for i in range(len(x)):
            g = net.backward(net.forward(x[i : i + 1], t[i : i + 1]), t[i : i + 1])
            own = g.biases[layer][to] if source is None else g.weights[layer][to, source]
            assert found.contributions[i] == pytest.approx(float(own), rel=1e-12, abs=1e-15)
        assert found.gradient == pytest.approx(np.mean(found.contributions), rel=1e-12, abs=1e-15)


def test_mean_plus_penalty_is_the_full_gradient_and_matches_differences():
    """With an L2 penalty: mean of pulls + lambda w = dE/dw = (E(w+h) - E(w-h)) / 2h."""
    net, x, t = make_case("tanh", "mse", "sigmoid", True)
    net.regularization, net.regularization_rate = "l2", 0.1
    found = pulls(net, x, t, 1, 2, 3)
    w = net.weights[1][2, 3]
    assert found.penalty == pytest.approx(0.1 * w, rel=1e-12)
    assert np.mean(found.contributions) + found.penalty == pytest.approx(found.gradient, rel=1e-12)
    h, saved = 1e-6, net.weights[1].copy()
    net.weights[1][2, 3] = w + h
    plus = net.forward(x, t).objective
    net.weights[1][2, 3] = w - h
    minus = net.forward(x, t).objective
    net.weights[1] = saved
    assert found.gradient == pytest.approx((plus - minus) / (2 * h), rel=1e-6, abs=1e-9)
    assert found.batch_gradient(np.array([0, 2])) == pytest.approx(
        np.mean(found.contributions[[0, 2]]) + found.penalty, rel=1e-12
    )


def test_a_bad_index_names_its_field_and_a_bias_less_network_refuses_a_bias():
    """layer/to/from out of range, and from None without biases, name the field."""
    net, x, t = make_case("relu", "mse", "linear", False)
    for args, field in (((3, 0, 0), "layer"), ((0, 9, 0), "to"), ((0, 0, 9), "from")):
        with pytest.raises(EngineError) as err:
            pulls(net, x, t, *args)
        assert err.value.field == field
    with pytest.raises(EngineError) as err:
        pulls(net, x, t, 0, 0, None)
    assert err.value.field == "from"
    assert isinstance(net, Network)
