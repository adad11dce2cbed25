"""The optimizers: torch.optim's update rules, the compiled loop, undo, and bad settings."""

import numpy as np
import pytest

from app.engine import DivergenceError, EngineError, Network, Optimizer, Session, builtin_dataset
from app.engine.session import CHECKPOINT_EVERY

SETUPS = [  # (name, settings, learning rate)
    ("sgd", {}, 0.5),
    ("sgd", {"momentum": 0.9}, 0.1),
    ("sgd", {"momentum": 0.8, "nesterov": True}, 0.1),
    ("rmsprop", {}, 0.01),
    ("rmsprop", {"alpha": 0.9, "eps": 1e-6}, 0.02),
    ("adam", {}, 0.01),
    ("adam", {"betas": [0.8, 0.99], "eps": 1e-6}, 0.05),
]
NETWORKS = [  # (layers, hidden, output, loss, dataset, use_bias)
    ([2, 4, 3, 1], "tanh", "sigmoid", "binary_cross_entropy", "circle", True),
    ([2, 5, 3], "relu", "softmax", "cross_entropy", "blobs3", False),
]


def session(setup, network, batch=7) -> Session:
    """A session training `network` on its dataset with the optimizer `setup`."""
    name, settings, lr = setup
    layers, hidden, output, loss, data, bias = network
    net = Network.create(layers, hidden, output, loss, bias, seed=5)
    net.optimizer = Optimizer.fresh(name, settings, net.layout.size)
    return Session(net, builtin_dataset(data), lr, batch, seed=9)


def flat(s: Session) -> np.ndarray:
    """The parameters then the optimizer's state, one vector."""
    net = s.network
    return np.concatenate([net.layout.pack(net.weights, net.biases), net.optimizer.state.ravel()])


def setup_id(setup) -> str:
    return f"{setup[0]}-{'-'.join(f'{k}={v}' for k, v in setup[1].items()) or 'defaults'}"


@pytest.mark.parametrize("network", NETWORKS, ids=lambda n: "-".join(map(str, n[0])))
@pytest.mark.parametrize("setup", SETUPS, ids=setup_id)
def test_fifty_steps_match_torch_optim(setup, network):
    torch = pytest.importorskip("torch")
    from .test_torch_crosscheck import torch_activation, torch_loss

    s = session(setup, network)
    name, settings, lr = setup
    net = s.network
    ws = [torch.tensor(w, dtype=torch.float64, requires_grad=True) for w in net.weights]
    bs = [torch.tensor(b, dtype=torch.float64, requires_grad=True) for b in net.biases]
    params = ws + (bs if net.use_bias else [])
    kinds = {"sgd": torch.optim.SGD, "rmsprop": torch.optim.RMSprop, "adam": torch.optim.Adam}
    opt = kinds[name](params, lr=lr, **settings)
    for _ in range(50):
        x, t = (torch.tensor(v, dtype=torch.float64) for v in s.next_batch())
        s.apply_step()
        opt.zero_grad()
        a = x
        for layer, (w, b) in enumerate(zip(ws, bs)):
            z = a @ w.T + (b if net.use_bias else 0)
            a = torch_activation(
                net.output_activation if layer == len(ws) - 1 else net.hidden_activation, z
            )
        torch_loss(net.loss, net.output_activation, z, a, t).backward()
        opt.step()
    for ours, theirs in zip(net.weights + net.biases, ws + bs, strict=True):
        np.testing.assert_allclose(ours, theirs.detach().numpy(), rtol=0, atol=1e-12)
    assert net.optimizer.step == 50
    for slot, row in zip(net.optimizer.slots, net.optimizer.state, strict=True):
        theirs = [opt.state[p][slot].numpy().ravel() for p in ws + bs if p in opt.state]
        expected = np.concatenate(
            theirs + ([] if net.use_bias else [np.zeros(sum(net.layers[1:]))])
        )
        np.testing.assert_allclose(row, expected, rtol=0, atol=1e-12)


@pytest.mark.parametrize("network", NETWORKS, ids=lambda n: "-".join(map(str, n[0])))
@pytest.mark.parametrize("setup", SETUPS, ids=setup_id)
def test_compiled_loop_gives_the_numpy_path(setup, network):
    fast, ref = session(setup, network), session(setup, network)
    fast_steps, _ = fast.train(60, keep=3, fast=True)
    ref_steps, _ = ref.train(60, keep=3, fast=False)
    np.testing.assert_allclose(flat(fast), flat(ref), rtol=0, atol=1e-12)
    assert fast.network.optimizer.step == ref.network.optimizer.step == 60
    assert [s.step for s in fast_steps.snapshots] == [58, 59, 60]
    for a, b in zip(fast_steps.snapshots, ref_steps.snapshots, strict=True):
        assert a.step == b.step and a.optimizer.step == b.optimizer.step == a.step - 1
        np.testing.assert_allclose(a.optimizer.state, b.optimizer.state, rtol=0, atol=1e-12)


@pytest.mark.parametrize("setup", SETUPS[1:], ids=setup_id)
def test_restoring_a_checkpoint_then_stepping_repeats_the_same_bits(setup):
    s = session(setup, NETWORKS[0])
    done, _ = s.train(40, keep=40, checkpoint=True)
    after = flat(s)
    (checkpoint,) = [k for k in done.snapshots if k.step == CHECKPOINT_EVERY + 1]
    # before step 17, replay to before 40
    s.restore(checkpoint, replay=40 - 1 - CHECKPOINT_EVERY)
    assert s.step == 39 and s.network.optimizer.step == 39
    s.train(1, keep=1)
    np.testing.assert_array_equal(flat(s), after)
    assert s.network.optimizer.step == 40


@pytest.mark.parametrize(
    "name, settings, field",
    [
        ("lbfgs", {}, "optimizer.name"),
        ("sgd", {"momentum": -0.1}, "optimizer.momentum"),
        ("sgd", {"momentum": 1.0}, "optimizer.momentum"),
        ("sgd", {"nesterov": True}, "optimizer.nesterov"),
        ("sgd", {"nesterov": 1}, "optimizer.nesterov"),
        ("rmsprop", {"eps": 0.0}, "optimizer.eps"),
        ("rmsprop", {"alpha": True}, "optimizer.alpha"),
        ("adam", {"betas": [0.9]}, "optimizer.betas"),
        ("adam", {"betas": [0.9, 1.0]}, "optimizer.betas.1"),
        ("adam", {"momentum": 0.9}, "optimizer.momentum"),
    ],
)
def test_bad_settings_name_their_field(name, settings, field):
    with pytest.raises(EngineError) as caught:
        Optimizer.fresh(name, settings, 10)
    assert caught.value.field == field


@pytest.mark.parametrize("fast", (True, False))
def test_an_update_whose_state_overflows_is_refused_with_nothing_changed(fast):
    network = ([2, 3, 1], "linear", "linear", "mse", "gaussian", True)
    s = session(("adam", {}, 0.01), network)
    s.train(5, keep=1)
    data = s.dataset
    s.dataset = data.__class__("big", data.inputs * 1e170, data.targets)  # g^2 overflows
    before = flat(s)
    with pytest.raises(DivergenceError):
        s.train(1, fast=fast) if fast else s.apply_step()
    np.testing.assert_array_equal(flat(s), before)
    assert s.network.optimizer.step == 5 and s.step == 5
