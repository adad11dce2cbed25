"""The same networks in PyTorch float64: forward values, loss and every gradient agree."""

import numpy as np
import pytest

from .cases import COMBINATIONS, case_id, make_case

torch = pytest.importorskip("torch")
F = torch.nn.functional

TOL = 1e-10


def torch_activation(name: str, z):
    if name == "sigmoid":
        return torch.sigmoid(z)
    if name == "tanh":
        return torch.tanh(z)
    if name == "relu":
        return F.relu(z)
    if name == "leaky_relu":
        return F.leaky_relu(z, negative_slope=0.01)
    if name == "linear":
        return z
    if name == "softmax":
        return F.softmax(z, dim=1)
    raise ValueError(name)


def torch_loss(loss: str, output: str, z, a, t):
    """The engine's losses, averaged over the batch, from torch's own stable pieces."""
    batch = z.shape[0]
    if loss == "mse":
        return 0.5 * ((a - t) ** 2).sum() / batch
    if loss == "cross_entropy":
        log_o = F.log_softmax(z, dim=1) if output == "softmax" else F.logsigmoid(z)
        return -(t * log_o).sum() / batch
    return F.binary_cross_entropy_with_logits(z, t, reduction="sum") / batch


def close(engine_value, torch_value) -> None:
    np.testing.assert_allclose(engine_value, torch_value.detach().numpy(), rtol=TOL, atol=TOL)


@pytest.mark.parametrize("seed", (0, 1, 2))
@pytest.mark.parametrize("combo", COMBINATIONS, ids=case_id)
def test_engine_matches_pytorch_float64(combo, seed):
    hidden, loss, output, bias = combo
    net, x, t = make_case(hidden, loss, output, bias, seed=seed)
    trace = net.forward(x, t)
    grads = net.backward(trace, t)

    ws = [torch.tensor(w, dtype=torch.float64, requires_grad=True) for w in net.weights]
    bs = [torch.tensor(b, dtype=torch.float64, requires_grad=True) for b in net.biases]
    a = torch.tensor(x, dtype=torch.float64)
    zs, acts = [], []
    for l, (w, b) in enumerate(zip(ws, bs)):
        z = F.linear(a, w, b if bias else None)  # (B, n_{l+1})
        z.retain_grad()
        a = torch_activation(output if l == len(ws) - 1 else hidden, z)
        zs.append(z)
        acts.append(a)
    tt = torch.tensor(t, dtype=torch.float64)
    e = torch_loss(loss, output, zs[-1], a, tt)
    e.backward()

    for l in range(len(ws)):
        close(trace.zs[l], zs[l])  # in
        close(trace.activations[l], acts[l])  # out
        close(grads.deltas[l], zs[l].grad)  # dE/dz
        close(grads.weights[l], ws[l].grad)  # dE/dW, shaped like weight
        if bias:
            close(grads.biases[l], bs[l].grad)  # dE/db
        else:
            assert bs[l].grad is None
            assert np.all(grads.biases[l] == 0)
    np.testing.assert_allclose(trace.loss, e.item(), rtol=TOL, atol=TOL)


def test_weight_layout_is_torch_linear_weight():
    """weights[l][j][i] joins unit i of layer l to unit j of layer l+1, as nn.Linear.weight."""
    net, x, _ = make_case("linear", "mse", "linear", True, layers=[3, 2])
    linear = torch.nn.Linear(3, 2, dtype=torch.float64)
    with torch.no_grad():
        linear.weight.copy_(torch.from_numpy(net.weights[0]))
        linear.bias.copy_(torch.from_numpy(net.biases[0]))
    close(net.forward(x).outputs, linear(torch.from_numpy(x)))
    assert tuple(linear.weight.shape) == net.weights[0].shape
