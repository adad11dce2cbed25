"""The loss landscape: its values, its centre, and its slopes against dE/dw."""

import numpy as np
import pytest

from app.engine import Network, builtin_dataset
from app.engine import landscape as landscape_module
from app.engine.landscape import flat_index, landscape

from .cases import COMBINATIONS, case_id, make_case


def test_centre_is_the_current_loss_and_others_are_the_loss_with_those_values():
    """The middle point is E now; any grid point is E with the two parameters set to it."""
    net, x, t = make_case("sigmoid", "binary_cross_entropy", "sigmoid", True)
    before = [w.copy() for w in net.weights]
    grid = landscape(net, x, t, (0, 1, 2), (2, 0, None), 0.5, 5)
    assert grid.losses[2, 2] == net.forward(x, t).objective
    assert grid.centre == (net.weights[0][1, 2], net.biases[2][0])
    probe = net.with_parameters([w.copy() for w in net.weights], [b.copy() for b in net.biases])
    probe.weights[0][1, 2], probe.biases[2][0] = grid.xs[4], grid.ys[1]
    assert grid.losses[1, 4] == probe.forward(x, t).objective
    for w, w0 in zip(net.weights, before):  # the network is left as it was
        np.testing.assert_array_equal(w, w0)


@pytest.mark.parametrize("hidden", ["tanh", "relu"])
def test_central_differences_of_the_grid_are_the_gradient(hidden):
    """(E[c+1] - E[c-1]) / 2h along each axis is dE/dx, dE/dy by backprop."""
    net, x, t = make_case(hidden, "mse", "linear", True)
    net.regularization, net.regularization_rate = "l2", 0.05
    h = 1e-5
    grid = landscape(net, x, t, (1, 2, 3), (0, 0, 1), h, 3)
    grads = net.backward(net.forward(x, t), t)
    dx = (grid.losses[1, 2] - grid.losses[1, 0]) / (2 * h)
    dy = (grid.losses[2, 1] - grid.losses[0, 1]) / (2 * h)
    assert dx == pytest.approx(grads.weights[1][2, 3], rel=1e-5, abs=1e-8)
    assert dy == pytest.approx(grads.weights[0][0, 1], rel=1e-5, abs=1e-8)


def test_flat_index_matches_the_layout():
    """flat_index picks the same number the layout packs."""
    net, _, _ = make_case("tanh", "mse", "linear", True)
    flat = net.layout.pack(net.weights, net.biases)
    assert flat[flat_index(net, 1, 2, 3)] == net.weights[1][2, 3]
    assert flat[flat_index(net, 2, 1, None)] == net.biases[2][1]


def test_an_overflowing_point_is_nan_not_an_error():
    """A window reaching huge weights gives NaN (overflow) where the loss is not finite."""
    net, x, t = make_case("linear", "mse", "linear", True)
    grid = landscape(net, x, t, (0, 0, 0), (1, 0, 0), 1e200, 3)
    assert np.isnan(grid.losses[0, 0]) and np.isfinite(grid.losses[1, 1])


def per_point(net, x, t, at: tuple, grid) -> np.ndarray:
    """The grid evaluated the plain way: one forward pass per point, the two values set."""
    flat = net.layout.pack(net.weights, net.biases)
    out = np.empty_like(grid.losses)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for r, yv in enumerate(grid.ys):
            for c, xv in enumerate(grid.xs):
                flat[at[1]], flat[at[0]] = yv, xv
                probe = net.with_parameters(*net.layout.unpack(flat))
                out[r, c] = probe.forward(x, t).objective
    out[~np.isfinite(out)] = np.nan
    return out


PAIRS = [  # (x, y): two weights of one layer, a weight and a bias, first and last layers
    ((0, 1, 2), (0, 3, 0)),
    ((2, 0, 1), (0, 2, None)),
    ((1, 4, 3), (2, 2, None)),
]


@pytest.mark.parametrize("combo", COMBINATIONS, ids=case_id)
def test_the_batched_grid_is_the_per_point_loop_to_the_bit(combo):
    """Every point of the vectorised grid equals its own forward pass exactly, NaNs alike."""
    net, x, t = make_case(*combo, seed=3)
    net.regularization, net.regularization_rate = ("l2", 0.01) if combo[3] else ("l1", 0.0)
    x_at, y_at = (
        PAIRS[COMBINATIONS.index(combo) % len(PAIRS)] if combo[3] else ((0, 1, 2), (2, 0, 1))
    )
    grid = landscape(net, x, t, x_at, y_at, 3.0, 7)
    at = (flat_index(net, *x_at), flat_index(net, *y_at))
    np.testing.assert_array_equal(grid.losses, per_point(net, x, t, at, grid))


def test_the_batched_grid_is_exact_in_chunks_on_the_spiral_preset(monkeypatch):
    """The spiral network (2-8-8-8-1 ReLU, 240 rows) at 61 x 61, cut in chunks of 100."""
    net = Network.create([2, 8, 8, 8, 1], "relu", "sigmoid", "binary_cross_entropy", init="he")
    data = builtin_dataset("spiral")
    monkeypatch.setattr(landscape_module, "CHUNK_BYTES", 8 * 100 * (8 * 240 * 3 + 64))
    grid = landscape(net, data.inputs, data.targets, (1, 3, 2), (2, 0, None), 1.0, 61)
    at = (flat_index(net, 1, 3, 2), flat_index(net, 2, 0, None))
    np.testing.assert_array_equal(grid.losses, per_point(net, data.inputs, data.targets, at, grid))
