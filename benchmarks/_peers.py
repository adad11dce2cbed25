"""bench_engine.py's peers, each a subprocess timed in rounds: Playground under Node, a C loop.

Not a benchmark itself (`make bench` skips files whose name starts with `_`). Each peer
is built at benchmark time; where a tool or the peer's source is missing, `build_*`
returns the reason instead of a path and the benchmark prints no ratio for it.
"""

import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
from _common import ROOT

PLAYGROUND = ROOT.parent / "shared" / "peers" / "tensorflow-playground"
TSC = ROOT / "node_modules" / ".bin" / "tsc"  # typescript from package-lock.json (npm ci)
DRIVER = Path(__file__).resolve().parent / "playground_driver.js"
C_SOURCE = Path(__file__).resolve().parent / "sgd_limit.c"
C_FLAGS = ["-O3"]


def tool_version(command: list[str]) -> str:
    """The first line a tool prints for its version."""
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return (done.stdout or done.stderr).strip().splitlines()[0]


def build_playground(workdir: Path) -> tuple[Path | None, str]:
    """Compile the peer's src/nn.ts with tsc into workdir: (nn.js or None, what was used)."""
    source = PLAYGROUND / "src" / "nn.ts"
    node = shutil.which("node")
    if not source.exists():
        return None, f"Playground's source is missing ({source})"
    if node is None:
        return None, "Node is not installed"
    if not TSC.exists():
        return None, "TypeScript is not installed (npm ci)"
    flags = ["--module", "commonjs", "--removeComments", "--preserveConstEnums"]  # its tsconfig
    subprocess.run([str(TSC), *flags, "--outDir", str(workdir), str(source)], check=True)
    used = f"Node {tool_version([node, '--version'])}, {tool_version([str(TSC), '--version'])}"
    return workdir / "nn.js", f"{used}, {source.relative_to(ROOT.parent.parent)}"


def build_c(workdir: Path) -> tuple[Path | None, str]:
    """Compile sgd_limit.c with gcc -O3 into workdir: (the program or None, what was used)."""
    gcc = shutil.which("gcc")
    if gcc is None:
        return None, "gcc is not installed"
    binary = workdir / "sgd_limit"
    subprocess.run([gcc, *C_FLAGS, "-o", str(binary), str(C_SOURCE), "-lm"], check=True)
    return binary, f"{tool_version([gcc, '--version'])}, {' '.join(C_FLAGS)}"


class Peer:
    """A running peer: `run(epochs)` returns the seconds it took, timed inside the peer."""

    def __init__(self, command: list[str], setup: str):
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1
        )
        self.process.stdin.write(setup)

    def ask(self, command: str) -> str:
        """Send one command line and read its one-line answer."""
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        if not answer:
            raise RuntimeError(f"peer {self.process.args[0]} exited")
        return answer

    def run(self, epochs: int) -> float:
        """Train `epochs` epochs; the seconds they took."""
        return float(self.ask(f"run {epochs}").split()[0])

    def frame(self, frames: int) -> float:
        """Playground only: `frames` times an epoch and the 100 x 100 boundary; the seconds."""
        return float(self.ask(f"frame {frames}").split()[0])

    def close(self) -> None:
        """Ask the peer to quit and wait for it."""
        self.process.stdin.write("quit\n")
        self.process.stdin.close()
        self.process.wait(timeout=10)
        self.process.stdout.close()


def playground(nn_js: Path, layers, x, t, weights, biases, batch: int, lr: float) -> Peer:
    """Playground's engine on these points, starting from these weights."""
    spec = {
        "layers": list(layers),
        "points": np.column_stack([x, t[:, 0]]).tolist(),
        "weights": [w.tolist() for w in weights],
        "biases": [b.tolist() for b in biases],
        "batchSize": batch,
        "learningRate": lr,
    }
    return Peer(["node", str(DRIVER), str(nn_js)], json.dumps(spec) + "\n")


def playground_params(peer: Peer) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Playground's weights and biases now, as the engine holds them."""
    held = json.loads(peer.ask("params"))
    return [np.array(w) for w in held["weights"]], [np.array(b) for b in held["biases"]]


def c_loop(binary: Path, layers, x, t, params, orders, batch: int, lr: float) -> Peer:
    """The C loop on these points and epoch orders, starting from these flat parameters."""
    numbers = [len(layers), *layers, len(x), batch, repr(lr)]
    rows = np.column_stack([x, t]).tolist()
    lines = [" ".join(map(str, numbers)), *(" ".join(map(repr, r)) for r in rows)]
    lines += [" ".join(map(repr, params.tolist())), str(len(orders))]
    lines += [" ".join(map(str, order.tolist())) for order in orders]
    return Peer([str(binary)], "\n".join(lines) + "\n")


def c_params(peer: Peer) -> np.ndarray:
    """The C loop's flat parameters now."""
    return np.array([float(v) for v in peer.ask("params").split()])
