"""Regularisation: the L1 and L2 penalties over the weights, checked three ways."""

import numpy as np
import pytest

from app.engine import EngineError, Network, Optimizer, Session, builtin_dataset, gradient_check

from .cases import make_case

COMBOS = [("tanh", "mse", "linear", True), ("relu", "cross_entropy", "softmax", False)]


@pytest.mark.parametrize("penalty", ["l1", "l2"])
@pytest.mark.parametrize("combo", COMBOS, ids=lambda c: "-".join(map(str, c)))
def test_the_penalised_gradient_passes_the_gradient_check(combo, penalty):
    net, x, t = make_case(*combo, seed=1)
    net.regularization, net.regularization_rate = penalty, 0.3
    check = gradient_check(net, x, t)
    assert check.max_abs_error < 1e-8  # as test_gradients.py asks
    plain = net.with_parameters(net.weights, net.biases)
    plain.regularization_rate = 0.0
    gap = check.backprop_weights[0] - plain.backward(plain.forward(x, t), t).weights[0]
    sign = np.sign if penalty == "l1" else (lambda w: w)
    np.testing.assert_allclose(gap, 0.3 * sign(net.weights[0]), rtol=0, atol=1e-15)
    assert np.array_equal(
        check.backprop_biases[0], plain.backward(plain.forward(x, t), t).biases[0]
    )


@pytest.mark.parametrize("penalty", ["l1", "l2"])
@pytest.mark.parametrize("combo", COMBOS, ids=lambda c: "-".join(map(str, c)))
def test_the_penalty_and_its_gradient_match_pytorch(combo, penalty):
    torch = pytest.importorskip("torch")
    from .test_torch_crosscheck import torch_activation, torch_loss

    hidden, loss, output, bias = combo
    net, x, t = make_case(*combo, seed=2)
    net.regularization, net.regularization_rate = penalty, 0.05
    trace = net.forward(x, t)
    grads = net.backward(trace, t)
    ws = [torch.tensor(w, dtype=torch.float64, requires_grad=True) for w in net.weights]
    bs = [torch.tensor(b, dtype=torch.float64, requires_grad=True) for b in net.biases]
    a = torch.tensor(x, dtype=torch.float64)
    for layer, (w, b) in enumerate(zip(ws, bs)):
        z = a @ w.T + (b if bias else 0)
        a = torch_activation(output if layer == len(ws) - 1 else hidden, z)
    data = torch_loss(loss, output, z, a, torch.tensor(t, dtype=torch.float64))
    size = (lambda w: w.abs().sum()) if penalty == "l1" else (lambda w: (w * w).sum() / 2)
    pen = 0.05 * sum(size(w) for w in ws)
    (data + pen).backward()
    assert trace.loss == pytest.approx(data.item(), rel=1e-12)
    assert trace.penalty == pytest.approx(pen.item(), rel=1e-12)
    for ours, theirs in zip(grads.weights + grads.biases, ws + bs, strict=True):
        expected = theirs.grad.numpy() if theirs.grad is not None else 0
        np.testing.assert_allclose(ours, expected, rtol=1e-10, atol=1e-10)


@pytest.mark.parametrize("optimizer", [("sgd", {}), ("adam", {})])
@pytest.mark.parametrize("penalty", ["l1", "l2"])
def test_the_compiled_loop_gives_the_numpy_paths_penalised_steps(penalty, optimizer):
    def session() -> Session:
        net = Network.create([2, 5, 1], "tanh", "sigmoid", "binary_cross_entropy", seed=3)
        net.regularization, net.regularization_rate = penalty, 0.01
        net.optimizer = Optimizer.fresh(*optimizer, net.layout.size)
        return Session(net, builtin_dataset("circle"), 0.05, 9, seed=1)

    fast, ref = session(), session()
    fast_steps, _ = fast.train(120, keep=2, fast=True)
    ref_steps, _ = ref.train(120, keep=2, fast=False)
    for a, b in zip(
        fast.network.weights + fast.network.biases, ref.network.weights + ref.network.biases
    ):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-12)
    np.testing.assert_allclose(fast_steps.penalties, ref_steps.penalties, rtol=1e-12)
    assert fast_steps.penalties[0] > 0
    np.testing.assert_allclose(fast_steps.losses, ref_steps.losses, rtol=0, atol=1e-12)


@pytest.mark.parametrize(
    "name, rate, field",
    [
        ("l3", 0.1, "regularization"),
        ("l2", -1.0, "regularization_rate"),
        ("l1", float("nan"), "regularization_rate"),
        ("l1", True, "regularization_rate"),
    ],
)
def test_bad_regularisation_names_its_field(name, rate, field):
    with pytest.raises(EngineError) as caught:
        Network.create([2, 1], regularization=name, regularization_rate=rate)
    assert caught.value.field == field
