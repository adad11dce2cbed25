"""schemathesis --checks all, stateful included, over a live server: no failure at all."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# small limits keep generated networks cheap; the OpenAPI schema states them
LIMITS = {
    "BACKPROP_MAX_ROWS": "200",
    "BACKPROP_MAX_TRAIN_STEPS": "50",
    "BACKPROP_MAX_UNITS": "16",
    "BACKPROP_MAX_HIDDEN_LAYERS": "3",
}


def test_every_check_passes_over_a_live_server(serve):
    server = serve(env=LIMITS)
    cli = Path(sys.executable).with_name("schemathesis")
    run = subprocess.run(
        [
            str(cli),
            "run",
            f"{server.url}/openapi.json",
            "--checks",
            "all",
            "--exclude-path-regex",
            "/events$",
            "--max-examples",
            "20",
            "--seed",
            "1",
            "--no-color",
        ],
        cwd=ROOT,  # schemathesis.toml: the rules no schema can state
        capture_output=True,
        text=True,
        timeout=600,
    )
    summary = run.stdout[-3000:]
    assert run.returncode == 0, summary
    assert "Stateful" in summary and "passed" in summary, summary
    assert "Server error" not in run.stdout
