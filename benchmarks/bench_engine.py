"""Engine speed: training epochs/s and per-step time, beside TensorFlow Playground and PyTorch.

For a 2-4-2-1 and a 2-8-8-8-1 network (tanh hidden, tanh output, mse, xavier, seed 1) on
250 training points in [-1, 1]^2, mini-batches of 10, learning rate 0.03 (one epoch = 25
steps), it times:
  - Session.train(steps, keep=100): the compiled loop (fast=True) that POST /train runs,
    at one epoch per call (what a call of /train with steps=25 does) and at ten epochs
    per call; and the numpy reference path (fast=False);
  - PyTorch float64 eager on the same weights and batches (nn.Linear + optim.SGD), when
    torch is installed;
  - forward passes over a 100 x 100 grid (Network.forward, every layer kept): one decision
    boundary with every hidden unit's heat map.
TensorFlow Playground's own engine (src/nn.ts under Node 20 on a 2-core machine, +-30%) is
the reference row. Every figure is a median of timed repeats (time.perf_counter).

    .venv/bin/python benchmarks/bench_engine.py          # or: make bench
    .venv/bin/python benchmarks/bench_engine.py --quick  # fewer repeats, a smoke test
"""

import argparse

import numpy as np
from _common import machine, median_seconds, table, verdict

from app.engine import Dataset, Network, Session, batch_indices

try:
    import torch
except ImportError:  # PyTorch is optional: its rows are skipped
    torch = None

EXAMPLES, BATCH, LEARNING_RATE, GRID, UNDO_DEPTH = 250, 10, 0.03, 100, 100
STEPS_PER_EPOCH = EXAMPLES // BATCH
NETWORKS = ([2, 4, 2, 1], [2, 8, 8, 8, 1])
# TensorFlow Playground's engine: (epochs/s, 100x100 boundary passes/s)
PLAYGROUND = {"2-4-2-1": (5200.0, 160.0), "2-8-8-8-1": (900.0, 28.0)}
TORCH_FACTOR = 5.0  # target: a step at least this many times faster than PyTorch eager
COMMAND = ".venv/bin/python benchmarks/bench_engine.py"


def points(seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """250 points in [-1, 1]^2; target +1 inside a circle, -1 outside (tanh output)."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1.0, 1.0, size=(EXAMPLES, 2))
    t = np.where(np.sum(x * x, axis=1, keepdims=True) < 0.5, 1.0, -1.0)
    return x, t


def grid() -> np.ndarray:
    """The 100 x 100 grid of inputs over [-1, 1]^2, (10000, 2)."""
    axis = np.linspace(-1.0, 1.0, GRID)
    gx, gy = np.meshgrid(axis, axis)
    return np.stack([gx.ravel(), gy.ravel()], axis=1)


def network(layers: list[int]) -> Network:
    """The benchmark network, the same every time."""
    return Network.create(layers, "tanh", "tanh", "mse", init="xavier", seed=1)


def session(layers: list[int]) -> Session:
    """A session on the benchmark points (no test split), as the API holds one."""
    x, t = points()
    data = Dataset("circle", x, t, None, None, "250 points, +1 inside a circle")
    return Session(network(layers), data, LEARNING_RATE, BATCH, seed=0)


def torch_model(net: Network):
    """The same layers and weights as nn.Linear float64 modules with tanh between."""
    layers = []
    for w, b in zip(net.weights, net.biases):
        linear = torch.nn.Linear(w.shape[1], w.shape[0], dtype=torch.float64)
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(w))
            linear.bias.copy_(torch.from_numpy(b))
        layers += [linear, torch.nn.Tanh()]
    return torch.nn.Sequential(*layers)


def torch_epoch(model):
    """One epoch in eager PyTorch: forward, mse (1/2 sum / B), backward, SGD step, per batch."""
    x, t = points()
    xs, ts = torch.from_numpy(x), torch.from_numpy(t)
    optimizer = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)
    state = {"cursor": 0}

    def run() -> None:
        for _ in range(STEPS_PER_EPOCH):
            rows, state["cursor"] = batch_indices(EXAMPLES, state["cursor"], BATCH, seed=0)
            index = torch.from_numpy(rows.copy())  # the cached epoch order is read-only
            out = model(xs[index])
            loss = 0.5 * ((out - ts[index]) ** 2).sum() / BATCH
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()

    return run


def measure(layers: list[int], repeats: int) -> list[tuple[str, float, float]]:
    """(engine, epochs/s, grid passes/s) rows for one network."""
    inputs = grid()
    rows = []
    s = session(layers)
    draw = 1.0 / median_seconds(lambda: s.network.forward(inputs), repeats * 3)
    for epochs, label in ((1, "1 epoch/call"), (10, "10 epochs/call")):
        seconds = median_seconds(
            lambda e=epochs: s.train(e * STEPS_PER_EPOCH, keep=UNDO_DEPTH), repeats * 4
        )
        rows.append((f"Session.train fast, {label}", epochs / seconds, draw))
    reference = session(layers)
    seconds = median_seconds(
        lambda: reference.train(STEPS_PER_EPOCH, keep=UNDO_DEPTH, fast=False), repeats
    )
    rows.append(("Session.train reference (numpy)", 1.0 / seconds, draw))
    if torch is not None:
        model = torch_model(network(layers))
        seconds = median_seconds(torch_epoch(model), repeats)
        tensor = torch.from_numpy(inputs)

        def torch_grid() -> None:
            with torch.no_grad():
                model(tensor)

        rows.append(("PyTorch f64 eager", 1.0 / seconds, 1.0 / median_seconds(torch_grid, repeats)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats (smoke test)")
    args = parser.parse_args()
    repeats = 5 if args.quick else 41

    print(machine())
    if torch is not None:
        print(f"torch {torch.__version__} ({torch.get_num_threads()} threads)")
    print(
        f"{EXAMPLES} points, batch {BATCH}, lr {LEARNING_RATE}, tanh/tanh, mse; one epoch = "
        f"{STEPS_PER_EPOCH} steps; undo depth {UNDO_DEPTH}; grid {GRID}x{GRID}; medians\n"
    )
    header = ["network", "engine", "epochs/s", "x Playground", "us/step", "x PyTorch", "grid/s"]
    rows, checks = [], []
    for layers in NETWORKS:
        name = "-".join(map(str, layers))
        pg_epochs, pg_grid = PLAYGROUND[name]
        measured = measure(layers, repeats)
        torch_epochs = next((e for engine, e, _ in measured if engine.startswith("PyTorch")), None)
        rows.append([name, "TF Playground nn.ts (ref.)", pg_epochs, 1.0, 1e6 / (pg_epochs * 25)])
        rows[-1] += [pg_epochs / torch_epochs if torch_epochs else float("nan"), pg_grid]
        for engine, epochs, draw in measured:
            vs_torch = epochs / torch_epochs if torch_epochs else float("nan")
            us = 1e6 / (epochs * STEPS_PER_EPOCH)
            rows.append([name, engine, epochs, epochs / pg_epochs, us, vs_torch, draw])
        fast = measured[0]  # one epoch per call: the least favourable fast figure
        checks.append((f"{name} epochs/s >= Playground's", fast[1] / pg_epochs, 1.0))
        if torch_epochs:
            checks.append((f"{name} step >= {TORCH_FACTOR:g}x PyTorch", fast[1] / torch_epochs, 5))
    print(table(header, rows))
    print("\nx Playground, x PyTorch: how many times faster (epochs/s, equally per step) than")
    print("that row in this run; the Playground figures are its own, not measured here.\n")
    print(
        table(
            ["target (1 epoch/call row)", "ratio", "floor", "verdict"],
            [[what, ratio, floor, verdict(ratio, floor)] for what, ratio, floor in checks],
        )
    )
    print(f"\nRepeat with: {COMMAND}   (or: make bench)")


if __name__ == "__main__":
    main()
