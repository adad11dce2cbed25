"""Two checkouts' engines side by side: bench_engine's `ours()` in each, alternating.

For an engine change: time Session.train at one epoch per call (what one POST /train of
25 steps does) in checkout A and checkout B (for example a `git worktree` of the
previous commit), each in a subprocess of its own, A then B, `--rounds` times; prints
each round's best microseconds a call and the median B / A. A development comparison
beside bench_engine.py's peers, not a replacement for them.

    git worktree add --detach /tmp/before HEAD~1
    .venv/bin/python benchmarks/ab_engine.py /tmp/before .
"""

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

from bench_engine import NETWORKS

NAMES = ["-".join(map(str, layers)) for layers in NETWORKS]

ONE_CHECKOUT = """
import sys
sys.path[:0] = [{root!r}, {root!r} + "/benchmarks"]
import bench_engine
for layers in bench_engine.NETWORKS:
    run = bench_engine.ours(layers, 1)
    run(200)
    print(min(run(2000) / 2000 for _ in range(5)) * 1e6)
"""


def per_call(root: Path) -> list[float]:
    """Microseconds a call for each of NETWORKS, in a fresh interpreter."""
    script = ONE_CHECKOUT.format(root=str(root.resolve()))
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return [float(line) for line in out.stdout.split()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("a", type=Path, help="checkout A (before)")
    parser.add_argument("b", type=Path, help="checkout B (after)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    ratios: list[list[float]] = []
    print("| round | network | A us/call | B us/call | B / A |\n|---|---|---:|---:|---:|")
    for r in range(1, args.rounds + 1):
        a, b = per_call(args.a), per_call(args.b)
        ratios.append([y / x for x, y in zip(a, b)])
        for name, x, y in zip(NAMES, a, b):
            print(f"| {r} | {name} | {x:.1f} | {y:.1f} | {y / x:.3f} |")
    for i, name in enumerate(NAMES):
        print(f"median B / A, {name}: {statistics.median(r[i] for r in ratios):.3f}")


if __name__ == "__main__":
    main()
