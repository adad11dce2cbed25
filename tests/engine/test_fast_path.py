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
from app.engine.fast import OUTPUT_RULES, output_rule
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
    fast_records, fast_batch = fast.train(300, keep=5, fast=True)
    ref_records, ref_batch = ref.train(300, keep=5, fast=False)
    for a, b in zip(
        fast.network.weights + fast.network.biases,
        ref.network.weights + ref.network.biases,
        strict=True,
    ):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-12)
    assert (fast.step, fast.cursor) == (ref.step, ref.cursor) == (300, ref.cursor)
    np.testing.assert_allclose(
        [r.loss for r in fast_records], [r.loss for r in ref_records], rtol=0, atol=1e-12
    )
    for a, b in zip(fast_records, ref_records, strict=True):
        assert (a.test_loss is None) == (b.test_loss is None)
        assert (a.snapshot is None) == (b.snapshot is None)
        if a.snapshot is not None:
            assert a.snapshot.cursor == b.snapshot.cursor
            np.testing.assert_allclose(a.snapshot.weights[0], b.snapshot.weights[0], atol=1e-12)
    np.testing.assert_array_equal(fast_batch[0], ref_batch[0])


def test_plan_matches_batch_indices_across_epochs():
    session, _ = pair([2, 3, 1], "tanh", "sigmoid", "mse", "circle", True, batch=13)
    session.cursor = 200
    rows, starts, cursors = session.plan(50)
    cursor = 200
    for s in range(50):
        expected, cursor = batch_indices(session.dataset.size, cursor, 13, session.seed)
        np.testing.assert_array_equal(rows[starts[s] : starts[s + 1]], expected)
        assert cursors[s + 1] == cursor


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
            ref_records, _ = ref.train(40, fast=False)
        except DivergenceError:
            continue
        if len(ref_records) < 40:
            records, _ = fast.train(40, fast=True)
            assert len(records) == len(ref_records)
            assert fast.step == ref.step and fast.cursor == ref.cursor
            for a, b in zip(fast.network.weights, ref.network.weights, strict=True):
                np.testing.assert_allclose(a, b, rtol=1e-12)
            return
    pytest.fail("no learning rate made training diverge part-way")


def test_checkpoints_every_16_steps_within_undo_reach():
    fast, ref = pair([2, 4, 1], "tanh", "sigmoid", "mse", "circle", True)
    fast_records, _ = fast.train(100, keep=40, fast=True, checkpoint=True)
    ref_records, _ = ref.train(100, keep=40, fast=False, checkpoint=True)
    kept = [r.step for r in fast_records if r.snapshot is not None]
    # the last step, and every 16th from the call's first that undo (40 back) may need
    assert kept == [49, 65, 81, 97, 100]
    assert kept == [r.step for r in ref_records if r.snapshot is not None]
    for a, b in zip(fast_records, ref_records, strict=True):
        if a.snapshot is not None:
            assert a.snapshot.step == b.snapshot.step == a.step
            assert (a.snapshot.learning_rate is None) == (a.step == 100)
            assert a.snapshot.learning_rate == b.snapshot.learning_rate
            np.testing.assert_allclose(a.snapshot.weights[1], b.snapshot.weights[1], atol=1e-12)


def test_replay_from_a_checkpoint_gives_the_same_bits():
    session, twin = pair([2, 4, 1], "tanh", "sigmoid", "mse", "circle", True)
    records, _ = session.train(40, keep=40, checkpoint=True)
    twin.train(37, keep=1)
    checkpoint = next(r.snapshot for r in records if r.step == 33)
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
