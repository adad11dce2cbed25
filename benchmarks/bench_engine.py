"""Engine speed: training epochs/s beside TensorFlow Playground's engine and a C loop, one run.

For a 2-4-2-1 and a 2-8-8-8-1 network (tanh hidden, tanh output, mse, xavier, seed 1) on
250 training points in [-1, 1]^2, mini-batches of 10, learning rate 0.03 (one epoch = 25
steps), in alternating rounds (the order reversed every other round), it times:
  - Session.train(steps, keep=100, checkpoint=True), what POST /train runs: the compiled
    loop at one epoch per call (one /train of 25 steps) and at ten epochs per call, and
    the numpy reference path (fast=False) at one epoch per call;
  - PyTorch float64 eager on the same weights and batches (nn.Linear + optim.SGD), when
    torch is installed;
  - TensorFlow Playground's own engine: the peer's src/nn.ts compiled by tsc, under Node,
    trained as playground.ts's oneStep() trains (playground_driver.js), same points,
    batch, rate and starting weights;
  - the physical limit: sgd_limit.c, the same SGD epoch in plain C, gcc -O3.
Before timing, each peer's parameters after a few epochs are compared with the engine's
on the same batches (the same arithmetic, not just the same sizes). Every ratio is taken
per round from this run's figures; the summary is the median of the per-round ratios.
A missing peer (no Node, no gcc, no peer source) is said so, and no ratio is printed.

    .venv/bin/python benchmarks/bench_engine.py          # or: make bench
    .venv/bin/python benchmarks/bench_engine.py --quick  # 5 short rounds, a smoke run
"""

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

import _peers
import numpy as np
from _common import machine, table, verdict

from app.engine import Dataset, Network, Session, batch_indices
from app.engine.datasets import batch_permutation
from app.engine.parameters import Layout

try:
    import torch
except ImportError:  # PyTorch is optional: its column is empty
    torch = None

EXAMPLES, BATCH, LEARNING_RATE, UNDO_DEPTH = 250, 10, 0.03, 100
GRID = 100  # bench_frame.py draws the boundary on a GRID x GRID grid
STEPS_PER_EPOCH = EXAMPLES // BATCH
NETWORKS = ([2, 4, 2, 1], [2, 8, 8, 8, 1])
CHECK_EPOCHS = 4  # epochs each peer trains before its parameters are compared with ours
# floors (issue 15, 2.1; issue 6 for PyTorch): (column, over, {network: floor})
TARGETS = [
    ("1 epoch/call", "Playground", {"2-4-2-1": 2.0, "2-8-8-8-1": 3.0}),
    ("1 epoch/call", "C loop", {"2-4-2-1": 0.37, "2-8-8-8-1": 0.52}),
    ("10 epochs/call", "C loop", {"2-4-2-1": 0.50, "2-8-8-8-1": 0.50}),
    ("1 epoch/call", "PyTorch", {"2-4-2-1": 5.0, "2-8-8-8-1": 5.0}),
]
COMMAND = ".venv/bin/python benchmarks/bench_engine.py"


def points(seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """250 points in [-1, 1]^2; target +1 inside a circle, -1 outside (tanh output)."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1.0, 1.0, size=(EXAMPLES, 2))
    t = np.where(np.sum(x * x, axis=1, keepdims=True) < 0.5, 1.0, -1.0)
    return x, t


def grid() -> np.ndarray:
    """The 100 x 100 grid of inputs over [-1, 1]^2, (10000, 2), for bench_frame.py."""
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


def calls(run, count: int) -> float:
    """The seconds `count` calls of run() take."""
    start = time.perf_counter()
    for _ in range(count):
        run()
    return time.perf_counter() - start


def ours(layers: list[int], epochs: int, fast: bool = True):
    """Session.train as POST /train calls it, `epochs` epochs a call: run(k) -> seconds."""
    s = session(layers)
    return lambda k: calls(
        lambda: s.train(epochs * STEPS_PER_EPOCH, keep=UNDO_DEPTH, fast=fast, checkpoint=True), k
    )


def pytorch(layers: list[int]):
    """Eager PyTorch float64, one epoch a call: forward, mse, backward, SGD per batch."""
    net = network(layers)
    modules = []
    for w, b in zip(net.weights, net.biases):
        linear = torch.nn.Linear(w.shape[1], w.shape[0], dtype=torch.float64)
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(w))
            linear.bias.copy_(torch.from_numpy(b))
        modules += [linear, torch.nn.Tanh()]
    model = torch.nn.Sequential(*modules)
    x, t = points()
    xs, ts = torch.from_numpy(x), torch.from_numpy(t)
    optimizer = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)
    state = {"cursor": 0}

    def epoch() -> None:
        for _ in range(STEPS_PER_EPOCH):
            rows, state["cursor"] = batch_indices(EXAMPLES, state["cursor"], BATCH, seed=0)
            index = torch.from_numpy(rows.copy())  # the cached epoch order is read-only
            loss = 0.5 * ((model(xs[index]) - ts[index]) ** 2).sum() / BATCH
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()

    return lambda k: calls(epoch, k)


def start_c(binary: Path, layers: list[int]) -> tuple[_peers.Peer, float]:
    """The C loop from the benchmark weights; (peer, its largest difference from ours)."""
    x, t = points()
    net = network(layers)
    orders = [batch_permutation(EXAMPLES, e, 0) for e in range(CHECK_EPOCHS)]
    layout = Layout(layers)
    peer = _peers.c_loop(
        binary, layers, x, t, layout.pack(net.weights, net.biases), orders, BATCH, LEARNING_RATE
    )
    peer.run(CHECK_EPOCHS)
    s = session(layers)
    s.train(CHECK_EPOCHS * STEPS_PER_EPOCH, keep=1)
    mine = layout.pack(s.network.weights, s.network.biases)
    return peer, float(np.max(np.abs(_peers.c_params(peer) - mine)))


def start_playground(nn_js: Path, layers: list[int]) -> tuple[_peers.Peer, float]:
    """Playground from the benchmark weights; (peer, its largest difference from numpy's).

    Playground takes the points in order, no shuffle: numpy's Network.step does the same.
    """
    x, t = points()
    net = network(layers)
    peer = _peers.playground(nn_js, layers, x, t, net.weights, net.biases, BATCH, LEARNING_RATE)
    peer.run(CHECK_EPOCHS)
    for _ in range(CHECK_EPOCHS):
        for start in range(0, EXAMPLES, BATCH):
            net.step(x[start : start + BATCH], t[start : start + BATCH], LEARNING_RATE)
    weights, biases = _peers.playground_params(peer)
    gaps = [np.max(np.abs(a - b)) for a, b in zip(weights + biases, net.weights + net.biases)]
    return peer, float(max(gaps))


def calibrate(run, seconds: float) -> int:
    """How many units of run(k) take about `seconds` (after one warm-up unit)."""
    run(1)
    k = 1
    while (took := run(k)) < 0.02:
        k *= 4
    return max(1, round(k * seconds / took))


def median(values: list[float]) -> float:
    """The median, NaN when there is nothing to take it of."""
    return statistics.median(values) if values else float("nan")


def bench(layers: list[int], peers: dict, rounds: int, seconds: float) -> dict[str, list[float]]:
    """Epochs/s of every engine per round, in alternating order; {column: [per round]}."""
    engines = {"1 epoch/call": (ours(layers, 1), 1), "10 epochs/call": (ours(layers, 10), 10)}
    engines["numpy path"] = (ours(layers, 1, fast=False), 1)
    if torch is not None:
        engines["PyTorch"] = (pytorch(layers), 1)
    for name, peer in peers.items():
        engines[name] = (peer.run, 1)
    counts = {name: calibrate(run, seconds) for name, (run, _) in engines.items()}
    figures = {name: [] for name in engines}
    figures["load"] = []
    for r in range(rounds):
        figures["load"].append(os.getloadavg()[0])
        order = list(engines) if r % 2 == 0 else list(reversed(engines))
        for name in order:
            run, epochs = engines[name]
            figures[name].append(counts[name] * epochs / run(counts[name]))
    return figures


def report(name: str, figures: dict[str, list[float]], checks: list) -> list[list[object]]:
    """Print one network's per-round table and medians; its target rows for the summary."""
    columns = [c for c in figures if c != "load"]
    ratio_columns = [(a, b) for a, b, _ in TARGETS if a in figures and b in figures]
    header = ["round", "load", *columns, *(f"{a} / {b}" for a, b in ratio_columns)]
    rows = []
    for r, load in enumerate(figures["load"]):
        ratios = [figures[a][r] / figures[b][r] for a, b in ratio_columns]
        rows.append([r + 1, f"{load:.1f}", *(figures[c][r] for c in columns), *ratios])
    medians = ["median", f"{median(figures['load']):.1f}", *(median(figures[c]) for c in columns)]
    medians += [median([x / y for x, y in zip(figures[a], figures[b])]) for a, b in ratio_columns]
    print(f"\n### {name}: epochs/s per round (load: 1-minute load average at the round's start)\n")
    print(table(header, [*rows, medians]))
    print()
    for peer, gap in checks:
        print(f"- {peer}: largest parameter gap after {CHECK_EPOCHS} epochs {gap:.1e}")
    per_step = {c: 1e6 / (median(figures[c]) * STEPS_PER_EPOCH) for c in columns}
    print("- us per step (medians): " + ", ".join(f"{c} {v:.2f}" for c, v in per_step.items()))
    targets = []
    for a, b, floors in TARGETS:
        if a in figures and b in figures:
            ratio = median([x / y for x, y in zip(figures[a], figures[b])])
            shown = f"{ratio:.3f}" if ratio < 10 else f"{ratio:.0f}"  # 0.366 is not 0.37
            targets.append([name, f"{a} / {b}", shown, floors[name], verdict(ratio, floors[name])])
        else:
            targets.append([name, f"{a} / {b}", float("nan"), floors[name], "not measured"])
    return targets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5 short rounds (smoke run)")
    parser.add_argument("--rounds", type=int, default=9, help="alternating rounds (at least 5)")
    args = parser.parse_args()
    rounds, seconds = (5, 0.05) if args.quick else (max(5, args.rounds), 0.25)

    print(machine())
    if torch is not None:
        print(f"torch {torch.__version__} ({torch.get_num_threads()} threads)")
    workdir = Path(tempfile.mkdtemp(prefix="bench-engine-"))
    nn_js, pg_used = _peers.build_playground(workdir)
    c_binary, c_used = _peers.build_c(workdir)
    print(f"Playground: {pg_used}" + ("" if nn_js else "; no Playground ratio printed"))
    print(f"C loop: {c_used}" + ("" if c_binary else "; no C ratio printed"))
    print(
        f"{EXAMPLES} points, batch {BATCH}, lr {LEARNING_RATE}, tanh/tanh, mse; one epoch = "
        f"{STEPS_PER_EPOCH} steps; undo depth {UNDO_DEPTH} with checkpoints; {rounds} rounds"
    )
    summary = []
    for layers in NETWORKS:
        name = "-".join(map(str, layers))
        peers, checks = {}, []
        if nn_js:
            peers["Playground"], gap = start_playground(nn_js, layers)
            checks.append(("Playground (vs numpy, points in order)", gap))
        if c_binary:
            peers["C loop"], gap = start_c(c_binary, layers)
            checks.append(("C loop (vs Session.train, same batches)", gap))
        try:
            figures = bench(layers, peers, rounds, seconds)
        finally:
            for peer in peers.values():
                peer.close()
        summary += report(name, figures, checks)
    print("\n### Targets (medians of the per-round ratios)\n")
    print(table(["network", "ratio", "median", "floor", "verdict"], summary))
    print(f"\nload average at the end {os.getloadavg()[0]:.1f}")
    print(f"Repeat with: {COMMAND}   (or: make bench)")


if __name__ == "__main__":
    main()
