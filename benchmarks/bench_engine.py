"""How fast the numpy engine trains and draws, beside PyTorch and TensorFlow Playground.

Measures, for the networks 2-4-2-1 and 2-8-8-8-1 (tanh hidden, tanh output, mse):
  - training steps/s and epochs/s: 250 examples, batch 10, learning rate 0.03, through
    `Network.step` with `batch_indices`, the same path the API takes for every step;
  - forward passes/s over a 100 x 100 input grid (one pass = all 10,000 points), which is
    what drawing the decision boundary costs.
PyTorch float64 eager (nn.Linear + optim.SGD, and torch.no_grad for the grid) runs on the
same networks, weights and batches when it is installed. Each figure is the median of
several timed repeats (time.perf_counter).

    .venv/bin/python benchmarks/bench_engine.py          # or: make bench
    .venv/bin/python benchmarks/bench_engine.py --quick  # fewer repeats, for a smoke test
"""

import argparse
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.engine import Network, batch_indices  # noqa: E402

try:
    import torch
except ImportError:  # PyTorch is optional: its rows are skipped
    torch = None

EXAMPLES, BATCH, LEARNING_RATE, GRID = 250, 10, 0.03, 100
NETWORKS = ([2, 4, 2, 1], [2, 8, 8, 8, 1])
# TensorFlow Playground in a browser, the figures we compare against (about)
PLAYGROUND = {"2-4-2-1": (5200.0, 160.0), "2-8-8-8-1": (900.0, 28.0)}


def dataset(seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
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


def median_rate(run: Callable[[], None], units: int, repeats: int) -> float:
    """Units per second: the median over `repeats` timed calls of `run` (one warm-up)."""
    run()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return units / statistics.median(times)


def numpy_train(net: Network, x: np.ndarray, t: np.ndarray, epochs: int) -> Callable[[], None]:
    """`epochs` epochs of Network.step over the seed-ordered mini-batches."""
    state = {"cursor": 0}

    def run() -> None:
        for _ in range(epochs * EXAMPLES // BATCH):
            rows, state["cursor"] = batch_indices(EXAMPLES, state["cursor"], BATCH, seed=0)
            net.step(x[rows], t[rows], LEARNING_RATE)

    return run


def numpy_grid(net: Network, points: np.ndarray, passes: int) -> Callable[[], None]:
    """`passes` forward passes over the grid, as the API computes the decision boundary."""

    def run() -> None:
        for _ in range(passes):
            net.forward(points)

    return run


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


def torch_train(model, x: np.ndarray, t: np.ndarray, epochs: int) -> Callable[[], None]:
    """The same epochs in eager PyTorch: forward, mse (1/2 sum / B), backward, SGD step."""
    xs, ts = torch.from_numpy(x), torch.from_numpy(t)
    optimizer = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)
    state = {"cursor": 0}

    def run() -> None:
        for _ in range(epochs * EXAMPLES // BATCH):
            rows, state["cursor"] = batch_indices(EXAMPLES, state["cursor"], BATCH, seed=0)
            index = torch.from_numpy(rows)
            out = model(xs[index])
            loss = 0.5 * ((out - ts[index]) ** 2).sum() / BATCH
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()

    return run


def torch_grid(model, points: np.ndarray, passes: int) -> Callable[[], None]:
    """`passes` forward passes over the grid without autograd."""
    xs = torch.from_numpy(points)

    def run() -> None:
        with torch.no_grad():
            for _ in range(passes):
                model(xs)

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats (smoke test)")
    args = parser.parse_args()
    repeats, epochs, passes = (3, 2, 5) if args.quick else (7, 20, 40)

    x, t = dataset()
    points = grid()
    rows = []  # (network, engine, steps/s, epochs/s, grid passes/s)
    for layers in NETWORKS:
        name = "-".join(map(str, layers))

        def fresh(layers=layers) -> Network:
            return Network.create(layers, "tanh", "tanh", "mse", init="xavier", seed=1)

        net = fresh()
        train = median_rate(numpy_train(net, x, t, epochs), epochs, repeats)
        draw = median_rate(numpy_grid(fresh(), points, passes), passes, repeats)
        rows.append((name, "numpy engine", train * EXAMPLES / BATCH, train, draw))
        if torch is not None:
            model = torch_model(fresh())
            train = median_rate(torch_train(model, x, t, epochs), epochs, repeats)
            draw = median_rate(torch_grid(torch_model(fresh()), points, passes), passes, repeats)
            rows.append((name, "PyTorch f64 eager", train * EXAMPLES / BATCH, train, draw))
        pg_epochs, pg_draw = PLAYGROUND[name]
        pg_steps = pg_epochs * EXAMPLES / BATCH
        rows.append((name, "TF Playground (ref.)", pg_steps, pg_epochs, pg_draw))

    print(f"Python {platform.python_version()}, numpy {np.__version__}", end="")
    print(f", torch {torch.__version__} ({torch.get_num_threads()} threads)" if torch else "")
    print(f"{platform.machine()}, {os.cpu_count()} cores, {platform.platform()}")
    print(f"{EXAMPLES} examples, batch {BATCH}, lr {LEARNING_RATE}, tanh/tanh, mse; ", end="")
    print(f"grid {GRID}x{GRID}; median of {repeats} repeats")
    print("Ratios are against the numpy engine on the same network.\n")
    header = f"{'network':<10} {'engine':<21} {'steps/s':>9} {'epochs/s':>9} {'ratio':>6}"
    header += f" {'grid/s':>8} {'ratio':>6}"
    print(header)
    print("-" * len(header))
    base = {}
    for name, engine, steps, epochs_s, draw in rows:
        ref = base.setdefault(name, (epochs_s, draw))
        print(
            f"{name:<10} {engine:<21} {steps:>9,.0f} {epochs_s:>9,.1f} {epochs_s / ref[0]:>6.2f}"
            f" {draw:>8,.1f} {draw / ref[1]:>6.2f}"
        )
    print("\nRepeat with: .venv/bin/python benchmarks/bench_engine.py   (or: make bench)")


if __name__ == "__main__":
    main()
