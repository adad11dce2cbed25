"""bench_engine.py's C loop does the engine's arithmetic: the same parameters, bit for bit.

A check of the benchmark's peer, not a timing (benchmarks are never timed in tests).
"""

import shutil
import sys
from pathlib import Path

import numpy as np
import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import _peers  # noqa: E402
import bench_engine  # noqa: E402


@pytest.mark.skipif(shutil.which("gcc") is None, reason="the C loop needs gcc")
def test_the_c_loop_gives_the_engines_parameters(tmp_path):
    binary, used = _peers.build_c(tmp_path)
    assert binary is not None, used
    for layers in bench_engine.NETWORKS:
        peer, gap = bench_engine.start_c(binary, layers)
        try:
            assert peer.run(1) > 0.0
        finally:
            peer.close()
        assert gap == 0.0


def test_a_missing_compiler_is_reported_not_raised(tmp_path, monkeypatch):
    monkeypatch.setattr(_peers.shutil, "which", lambda name: None)
    assert _peers.build_c(tmp_path) == (None, "gcc is not installed")
    assert _peers.build_playground(tmp_path)[0] is None  # no Node (or no peer source)
    assert np.isnan(bench_engine.median([]))
