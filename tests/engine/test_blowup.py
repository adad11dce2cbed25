"""Why a step blew up, and the warning signs before: dead, saturated, vanishing, exploding."""

import numpy as np
import pytest

from app.engine import DivergenceError, Network
from app.engine.blowup import MAX_HALVINGS
from app.engine.health import layer_norms, unit_flags


def _diverging() -> tuple[Network, np.ndarray, np.ndarray]:
    """A linear 2-3-1 net on large inputs: alpha 1e150 overflows."""
    rng = np.random.default_rng(3)
    net = Network.create([2, 3, 1], "linear", "linear", "mse", seed=1)
    x = rng.normal(0, 100, size=(8, 2))
    return net, x, rng.normal(0, 1, size=(8, 1))


def test_the_refusal_says_which_parameter_and_alpha_times_gradient():
    """The worst parameter goes non-finite; its lr x dE/dw is reported; nothing changed."""
    net, x, t = _diverging()
    before = [w.copy() for w in net.weights]
    with pytest.raises(DivergenceError) as err:
        net.step(x, t, 1e306)
    found = err.value.diagnose()
    for w, w0 in zip(net.weights, before):
        np.testing.assert_array_equal(w, w0)
    worst = found["worst"][0]
    grads = net.backward(net.forward(x, t), t)
    g = grads.weights[worst["layer"]][worst["to"], worst["from"]]
    assert worst["non_finite"] and worst["gradient"] == g
    with np.errstate(over="ignore"):
        assert worst["lr_times_gradient"] == 1e306 * g  # inf: it overflows
    assert found["non_finite_parameters"] >= 1


def test_the_lower_rate_it_computes_gives_a_finite_step_that_lowers_the_loss():
    """The factor is a power of two; stepping at alpha / factor is finite and E goes down,
    and at alpha / (factor / 2) it did not."""
    net = Network.create([2, 1], "linear", "linear", weights=[[[1e10, -3e9]]], biases=[[0.5]])
    x, t = np.array([[1e50, 2e49], [-3e49, 5e49]]), np.array([[1.0], [0.0]])
    alpha = 1e200
    with pytest.raises(DivergenceError) as err:
        net.step(x, t, alpha)
    lower = err.value.diagnose()["lower_learning_rate"]
    assert lower["learning_rate"] == alpha / lower["factor"]
    k = int(np.log2(lower["factor"]))
    assert 1 < k <= MAX_HALVINGS and 2**k == lower["factor"]
    probe = net.with_parameters(net.weights, net.biases)
    probe.step(x, t, lower["learning_rate"])
    after = probe.forward(x, t).objective
    assert after == lower["loss_after"] and after <= net.forward(x, t).objective
    worse = net.with_parameters(net.weights, net.biases)
    try:
        worse.step(x, t, alpha / 2 ** (k - 1))
        assert worse.forward(x, t).objective > net.forward(x, t).objective
    except DivergenceError:
        pass


def test_dead_relus_and_saturated_sigmoids_are_flagged():
    """A ReLU unit with a very negative bias is dead; a sigmoid with a huge bias saturates."""
    x = np.random.default_rng(0).uniform(-1, 1, size=(20, 2))
    relu = Network.create([2, 3, 1], "relu", "sigmoid", seed=0)
    relu.biases[0][1] = -50.0
    flags = unit_flags(relu, relu.forward(x))
    assert [(f.layer, f.unit, f.kind) for f in flags] == [(0, 1, "dead")]
    sig = Network.create([2, 3, 1], "sigmoid", "sigmoid", seed=0)
    sig.biases[0][2] = 30.0
    flags = unit_flags(sig, sig.forward(x))
    assert [(f.layer, f.unit, f.kind, f.share) for f in flags] == [(0, 2, "saturated", 1.0)]


def test_layer_norms_flag_vanishing_and_exploding():
    """A deep sigmoid net's first layer gradient vanishes; a huge alpha explodes a layer."""
    rng = np.random.default_rng(1)
    net = Network.create([2, 6, 6, 6, 6, 6, 1], "sigmoid", "sigmoid", init="uniform", seed=2)
    x, t = rng.uniform(-1, 1, size=(16, 2)), rng.uniform(0, 1, size=(16, 1))
    grads = net.backward(net.forward(x, t), t)
    norms = layer_norms(net, grads, 0.1)
    for n, g, gb in zip(norms, grads.weights, grads.biases):
        assert n.gradient_norm == pytest.approx(np.sqrt(np.sum(g**2) + np.sum(gb**2)))
    largest = max(n.gradient_norm for n in norms)
    assert norms[0].flag == "vanishing" and norms[0].gradient_norm < 1e-3 * largest
    assert norms[-1].flag is None
    exploding = layer_norms(net, grads, 1e6)
    assert exploding[-1].flag == "exploding"
    assert exploding[-1].step_norm == pytest.approx(1e6 * exploding[-1].gradient_norm)


def test_when_the_loss_already_overflows_it_says_so_and_names_the_largest_parameters():
    """Trained at a rate that diverges, the refusal comes with E already not finite: no
    factor can help (undo can), and the worst listed are the largest parameters."""
    net, x, t = _diverging()
    x = x / 10
    with pytest.raises(DivergenceError) as err:
        for _ in range(100):
            net.step(x, t, 0.1)
    found = err.value.diagnose()
    assert found["loss_finite"] is False and found["lower_learning_rate"] is None
    worst = found["worst"]
    assert all(w["non_finite"] for w in worst[:-1]) or found["non_finite_parameters"] < 5
    values = [abs(w["value"]) for w in worst if w["non_finite"]]
    assert values == sorted(values, reverse=True)  # among those going non-finite, largest first
    assert found["init"] == "xavier"
