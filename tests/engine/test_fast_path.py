"""The compiled training loop (fast.py) against the numpy reference path."""

import numpy as np
import pytest

from app.engine import (
    LOSSES,
    DivergenceError,
    EngineError,
    Network,
    Session,
    batch_indices,
    builtin_dataset,
)
from app.engine.errors import StateError
from app.engine.fast_losses import OUTPUT_RULES, output_rule
from app.engine.kernel import Kernel

CASES = [
    ([2, 4, 2, 1], "tanh", "tanh", "mse", "circle", True),
    ([2, 8, 8, 8, 1], "tanh", "sigmoid", "binary_cross_entropy", "spiral", True),
    ([2, 5, 3], "relu", "softmax", "cross_entropy", "blobs3", True),
    ([2, 5, 3], "sigmoid", "softmax", "mse", "blobs3", True),
    ([2, 3, 1], "leaky_relu", "sigmoid", "cross_entropy", "xor", True),
    ([2, 3, 3, 1], "linear", "linear", "mse", "gaussian", False),
    ([1, 1, 1], "sigmoid", "sigmoid", "cross_entropy", "article", False),
]


def pair(layers, hidden, output, loss, data, use_bias, batch=7):
    """Two identical sessions."""

    def one():
        net = Network.create(layers, hidden, output, loss, use_bias, seed=3)
        return Session(net, builtin_dataset(data), 0.1, batch, seed=11)

    return one(), one()


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c[0]}-{c[1]}-{c[2]}-{c[3]}")
def test_fast_path_gives_the_reference_parameters(case):
    fast, ref = pair(*case)
    fast_steps, fast_batch = fast.train(300, keep=5, fast=True)
    ref_steps, ref_batch = ref.train(300, keep=5, fast=False)
    for a, b in zip(
        fast.network.weights + fast.network.biases,
        ref.network.weights + ref.network.biases,
        strict=True,
    ):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-12)
    assert (fast.step, fast.cursor) == (ref.step, ref.cursor) == (300, ref.cursor)
    assert fast_steps.first == ref_steps.first == 0 and len(fast_steps) == len(ref_steps) == 300
    np.testing.assert_allclose(fast_steps.losses, ref_steps.losses, rtol=0, atol=1e-12)
    fast_tests, ref_tests = fast_steps.test_losses, ref_steps.test_losses
    assert [t is None for t in fast_tests] == [t is None for t in ref_tests]
    assert [s.step for s in fast_steps.snapshots] == [296, 297, 298, 299, 300]
    for a, b in zip(fast_steps.snapshots, ref_steps.snapshots, strict=True):
        assert (a.step, a.cursor) == (b.step, b.cursor)
        np.testing.assert_allclose(a.params, b.params, rtol=0, atol=1e-12)
    np.testing.assert_array_equal(fast_batch[0], ref_batch[0])


@pytest.mark.parametrize(
    "start, steps", [(200, 50), (0, 5), (26, 1), (0, 19), (234, 1), (234, 2), (0, 40)]
)
def test_plan_matches_batch_indices_within_and_across_epochs(start, steps):
    session, _ = pair([2, 3, 1], "tanh", "sigmoid", "mse", "circle", True, batch=13)
    size = session.dataset.size
    session.cursor = start + size  # in the second epoch: the plan must not read the first's order
    rows, starts = session.plan(steps)
    cursor = session.cursor
    assert starts.dtype == rows.dtype == np.int64 and starts[0] == 0 and len(starts) == steps + 1
    for s in range(steps):
        expected, cursor = batch_indices(size, cursor, 13, session.seed)
        np.testing.assert_array_equal(rows[starts[s] : starts[s + 1]], expected)
        assert session.cursor + starts[s + 1] == cursor


def test_fast_path_refuses_a_first_step_that_diverges():
    fast, _ = pair([2, 3, 1], "linear", "linear", "mse", "gaussian", True)
    fast.learning_rate = 1e308
    fast.dataset = fast.dataset.__class__("big", fast.dataset.inputs * 1e200, fast.dataset.targets)
    before = [w.copy() for w in fast.network.weights]
    with pytest.raises(DivergenceError):
        fast.train(10, fast=True)
    assert all(np.array_equal(a, b) for a, b in zip(before, fast.network.weights, strict=True))
    assert (fast.step, fast.cursor) == (0, 0)


def test_fast_path_stops_where_the_reference_stops():
    for exponent in range(1, 300, 3):  # find a rate that diverges part-way through
        fast, ref = pair([2, 3, 1], "linear", "linear", "mse", "gaussian", True)
        fast.learning_rate = ref.learning_rate = 10.0**exponent / 1e3
        try:
            ref_steps, _ = ref.train(40, fast=False)
        except DivergenceError:
            continue
        if len(ref_steps) < 40:
            done, _ = fast.train(40, fast=True)
            assert len(done) == len(ref_steps) and done.last == ref_steps.last
            assert fast.step == ref.step and fast.cursor == ref.cursor
            for a, b in zip(fast.network.weights, ref.network.weights, strict=True):
                np.testing.assert_allclose(a, b, rtol=1e-12)
            return
    pytest.fail("no learning rate made training diverge part-way")


def test_checkpoints_every_16_steps_within_undo_reach():
    fast, ref = pair([2, 4, 1], "tanh", "sigmoid", "mse", "circle", True)
    fast_steps, _ = fast.train(100, keep=40, fast=True, checkpoint=True)
    ref_steps, _ = ref.train(100, keep=40, fast=False, checkpoint=True)
    kept = [s.step for s in fast_steps.snapshots]
    # the last step, and every 16th from the call's first that undo (40 back) may need
    assert kept == [49, 65, 81, 97, 100]
    assert kept == [s.step for s in ref_steps.snapshots]
    for a, b in zip(fast_steps.snapshots, ref_steps.snapshots, strict=True):
        assert (a.learning_rate is None) == (a.step == 100)
        assert (a.learning_rate, a.batch_size) == (b.learning_rate, b.batch_size)
        assert a.cursor == b.cursor
        np.testing.assert_allclose(a.params, b.params, rtol=0, atol=1e-12)


def test_replay_from_a_checkpoint_gives_the_same_bits():
    session, twin = pair([2, 4, 1], "tanh", "sigmoid", "mse", "circle", True)
    done, _ = session.train(40, keep=40, checkpoint=True)
    twin.train(37, keep=1)
    checkpoint = next(s for s in done.snapshots if s.step == 33)
    session.restore(checkpoint, replay=37 - 33 + 1)
    assert session.step == twin.step == 37 and session.cursor == twin.cursor
    for a, b in zip(session.network.weights, twin.network.weights, strict=True):
        np.testing.assert_array_equal(a, b)


def test_the_compiled_loop_refuses_arrays_that_do_not_fit():
    session, _ = pair([2, 3, 1], "tanh", "sigmoid", "mse", "circle", True)
    session.dataset.test_inputs = session.dataset.test_inputs[:, :1]  # one column short
    with pytest.raises(StateError, match="test_inputs"):
        session.train(5)
    kernel = Kernel([2, 3, 1], "tanh", "sigmoid", "mse", True)
    x, t = np.zeros((4, 2)), np.zeros((4, 1))
    params = np.zeros(13)
    bad_rows = (x, t, np.array([0, 9]), np.array([0, 2]), None, None)
    with pytest.raises(StateError, match="row"):
        kernel.train(params, 0.1, bad_rows, (0, 1), 1)
    bad_x = (np.zeros((4, 3)), t, np.array([0, 1]), np.array([0, 2]), None, None)
    with pytest.raises(StateError, match="inputs"):
        kernel.train(params, 0.1, bad_x, (0, 1), 1)


def test_every_allowed_pair_has_a_compiled_rule_and_others_are_refused():
    for loss in LOSSES.values():
        for output in loss.output_activations:
            assert output_rule(output, loss.name) in OUTPUT_RULES.values()
    with pytest.raises(EngineError, match="no rule"):
        output_rule("tanh", "binary_cross_entropy")
