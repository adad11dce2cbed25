"""Frame compute: one epoch of training plus the 100 x 100 decision boundary with every hidden
unit's heat map, per second, in the engine and through the HTTP API.

A frame is what play mode needs to redraw the boundary after an epoch:
  - engine: Session.train(25, keep=100) (the compiled loop POST /train runs; 250 points,
    batch 10, so 25 steps = 1 epoch), then Network.forward over the 10,000 grid points
    keeping every layer (what GET /grid?resolution=100 computes);
  - API: POST /api/networks/{id}/train {"steps": 25} then GET .../grid?resolution=100
    (every hidden unit; float32 base64) against a real `backprop-viz` subprocess, one
    client, sequential requests (keep-alive), including JSON encoding and decoding.
The networks are 2-4-2-1 and 2-8-8-8-1 (tanh, tanh, mse, lr 0.03) on 250 points in
[-1, 1]^2. The reference row is TensorFlow Playground's own engine in the same run
(bench_engine.py's peer: its src/nn.ts under Node, an epoch as oneStep() trains, then the
boundary as updateDecisionBoundary() computes it), timed in rounds alternating with the
engine's; x Playground is the median of the per-round ratios (HTTP: over Playground's
median). Without Node or the peer's source there is no Playground row and no ratio.

    .venv/bin/python benchmarks/bench_frame.py          # or: make bench
    .venv/bin/python benchmarks/bench_frame.py --quick
"""

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import _peers
import httpx
from _common import machine, median_seconds, running_server, table, verdicts
from bench_engine import (
    BATCH,
    LEARNING_RATE,
    STEPS_PER_EPOCH,
    UNDO_DEPTH,
    calibrate,
    grid,
    points,
    session,
    start_playground,
)

NETWORKS = ([2, 4, 2, 1], [2, 8, 8, 8, 1])
TARGET = {"2-4-2-1": 420.0, "2-8-8-8-1": 230.0}  # frames per second, engine
COMMAND = ".venv/bin/python benchmarks/bench_frame.py"


def engine_frames(layers: list[int]):
    """The engine's frame, k at a time: run(k) -> seconds (one epoch, then the grid)."""
    s, inputs = session(layers), grid()

    def run(k: int) -> float:
        start = time.perf_counter()
        for _ in range(k):
            s.train(STEPS_PER_EPOCH, keep=UNDO_DEPTH, checkpoint=True)
            s.network.forward(inputs)
        return time.perf_counter() - start

    return run


def frames_in_rounds(runs: dict, rounds: int, seconds: float) -> dict[str, list[float]]:
    """Frames/s of each run(k) per round, the order reversed every other round."""
    counts = {name: calibrate(run, seconds) for name, run in runs.items()}
    figures = {name: [] for name in runs}
    for r in range(rounds):
        for name in list(runs) if r % 2 == 0 else list(reversed(runs)):
            figures[name].append(counts[name] / runs[name](counts[name]))
    return figures


def api_frames(client: httpx.Client, layers: list[int], repeats: int) -> tuple[float, int]:
    """Frames per second through the API, and the grid response's size in bytes."""
    x, t = points()
    body = {
        "layers": layers,
        "hidden_activation": "tanh",
        "output_activation": "tanh",
        "loss": "mse",
        "learning_rate": LEARNING_RATE,
        "batch_size": BATCH,
        "seed": 1,
        "dataset": {"name": "circle", "inputs": x.tolist(), "targets": t.tolist()},
    }
    created = client.post("/api/networks", json=body)
    created.raise_for_status()
    nid = created.json()["id"]
    size = [0]

    def frame() -> None:
        trained = client.post(f"/api/networks/{nid}/train", json={"steps": STEPS_PER_EPOCH})
        trained.raise_for_status()
        trained.json()
        drawn = client.get(f"/api/networks/{nid}/grid", params={"resolution": 100})
        drawn.raise_for_status()
        doc = drawn.json()
        assert len(doc["hidden"]) == len(layers) - 2
        size[0] = len(drawn.content)

    return 1.0 / median_seconds(frame, repeats, warm_up=5), size[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats (smoke test)")
    args = parser.parse_args()
    repeats, rounds, seconds = (10, 5, 0.1) if args.quick else (101, 7, 0.4)

    print(machine())
    nn_js, used = _peers.build_playground(Path(tempfile.mkdtemp(prefix="bench-frame-")))
    print(f"Playground: {used}" + ("" if nn_js else "; no Playground row or ratio"))
    print("frame = 1 epoch (25 steps of batch 10 over 250 points) + 100x100 grid, every layer")
    print(f"engine and Playground in {rounds} alternating rounds; medians\n")
    nan = float("nan")
    rows, checks = [], []
    with running_server() as server, httpx.Client(base_url=server.url, timeout=30) as client:
        for layers in NETWORKS:
            name = "-".join(map(str, layers))
            runs = {"engine": engine_frames(layers)}
            peer = None
            if nn_js:
                peer, _ = start_playground(nn_js, layers)
                runs["Playground"] = peer.frame
            try:
                figures = frames_in_rounds(runs, rounds, seconds)
            finally:
                if peer:
                    peer.close()
            engine = statistics.median(figures["engine"])
            pg = statistics.median(figures["Playground"]) if peer else nan
            vs_pg = [e / p for e, p in zip(figures["engine"], figures.get("Playground", []))]
            api, size = api_frames(client, layers, repeats)
            if peer:
                rows.append([name, "TF Playground nn.ts (this run)", pg, 1000.0 / pg, 1.0, "-"])
            rows.append([name, "engine: Session.train + forward", engine, 1000 / engine])
            rows[-1] += [statistics.median(vs_pg) if vs_pg else nan, TARGET[name]]
            rows.append([name, "HTTP: POST /train + GET /grid", api, 1000 / api, api / pg, "-"])
            checks.append([f"{name} engine frames/s", engine, TARGET[name]])
            checks.append([f"{name} HTTP frames/s ({size / 1e6:.2f} MB grid)", api, TARGET[name]])
    print(table(["network", "path", "frames/s", "ms/frame", "x Playground", "target"], rows))
    print()
    print(verdicts(["target", "frames/s", "floor"], checks))
    print(f"\nRepeat with: {COMMAND}   (or: make bench)")


if __name__ == "__main__":
    main()
