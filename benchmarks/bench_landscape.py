"""GET landscape's grid on the spiral preset (2-8-8-8-1 ReLU, 240 rows) at resolution 61.

Times app.engine.landscape.landscape alone (no HTTP), on one BLAS thread as the server
runs it (app/main.py): the median of --repeat runs.
    .venv/bin/python benchmarks/bench_landscape.py --repeat 5
"""

import argparse
import statistics
import time

from threadpoolctl import threadpool_limits

from app.engine import Network, builtin_dataset
from app.engine.landscape import landscape


def spiral() -> tuple[Network, object]:
    """The spiral preset's network (seed 1) and its dataset."""
    net = Network.create(
        [2, 8, 8, 8, 1], "relu", "sigmoid", "binary_cross_entropy", init="he", seed=1
    )
    return net, builtin_dataset("spiral")


def main() -> None:
    """Print the grid's size and the median time."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--resolution", type=int, default=61)
    parser.add_argument("--quick", action="store_true", help="one run at resolution 21")
    args = parser.parse_args()
    if args.quick:
        args.repeat, args.resolution = 1, 21
    threadpool_limits(1, user_api="blas")
    net, data = spiral()
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        landscape(net, data.inputs, data.targets, (1, 3, 2), (2, 0, None), 1.0, args.resolution)
        times.append(time.perf_counter() - start)
    print(
        f"2-8-8-8-1 spiral, {len(data.inputs)} rows, {args.resolution}^2 points:"
        f" median {statistics.median(times) * 1000:.1f} ms of {args.repeat}"
        f" (min {min(times) * 1000:.1f})"
    )


if __name__ == "__main__":
    main()
