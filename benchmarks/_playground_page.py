"""bench_browser.py's peer page: TensorFlow Playground built by its own `npm run build`.

Not a benchmark itself. The peer's folder is copied to a cache directory named by a hash
of its sources and lock file, `npm ci` and `npm run build` run there once, and dist/ is
served by a local HTTP server for the same headless Chromium that plays our page.
"""

import functools
import hashlib
import http.server
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from _common import with_frames
from _peers import PLAYGROUND, tool_version

CACHE = Path.home() / ".cache" / "backprop-visualizer" / "playground-page"
SOURCES = ("package.json", "package-lock.json", "index.html", "styles.css", "analytics.js")
# the spiral on 2-8-8-8-1, as our spiral preset: batch 10, half the 500 points to train on
HASH = "#dataset=spiral&networkShape=8,8,8&activation=relu&learningRate=0.1&batchSize=10"
HASH += "&percTrainData=50&noise=0&regularizationRate=0&x=true&y=true&seed=0.1"

# Runs in the Playground page: rAF frames and epochs (its #iter-number) for `ms` ms.
MEASURE = """
async (ms) => {
  const epoch = () => Number(document.getElementById("iter-number").textContent.replace(/,/g, ""));
  const e0 = epoch(), t0 = performance.now();
  const frames = await countFrames(ms, t0);
  const seconds = (performance.now() - t0) / 1000;
  return { seconds, frames, epochs: epoch() - e0 };
}
"""
MEASURE = with_frames(MEASURE)


def _digest() -> str:
    """A hash of everything the build reads."""
    h = hashlib.sha256()
    files = [PLAYGROUND / name for name in SOURCES] + sorted((PLAYGROUND / "src").glob("*.ts"))
    for path in files:
        h.update(path.name.encode() + path.read_bytes())
    return h.hexdigest()[:16]


def build_page() -> tuple[Path | None, str]:
    """Playground's built dist/ (or None) and what built it, or why it could not be built."""
    npm = shutil.which("npm")
    if not (PLAYGROUND / "package.json").exists():
        return None, f"Playground's source is missing ({PLAYGROUND})"
    if npm is None:
        return None, "npm is not installed"
    work = CACHE / _digest()
    dist = work / "dist"
    if not (dist / "bundle.js").exists():
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(PLAYGROUND, work, ignore=shutil.ignore_patterns("node_modules", "dist"))
        quiet = {"check": True, "cwd": work, "capture_output": True}
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], **quiet)
        dist.mkdir(exist_ok=True)
        subprocess.run([npm, "run", "build"], **quiet)
    node = tool_version(["node", "--version"])
    return dist, f"its own `npm run build` (Node {node}, npm {tool_version([npm, '--version'])})"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with no access log."""

    def log_message(self, format, *args) -> None:  # noqa: A002 (the base class's name)
        """Nothing."""


@contextmanager
def serving(directory: Path) -> Iterator[str]:
    """A local HTTP server for `directory`; its base URL."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def play(page, base: str, window_ms: int) -> dict:
    """Playground's page playing the spiral: frames, epochs and seconds of one window."""
    page.goto(f"{base}/index.html{HASH}")
    page.wait_for_selector("#iter-number", state="attached")
    page.click("#play-pause-button")
    page.wait_for_function("() => document.getElementById('iter-number').textContent !== '000,000'")
    page.wait_for_timeout(1000)  # into the steady state, as for our page
    result = page.evaluate(MEASURE, window_ms)
    page.click("#play-pause-button")
    return result
