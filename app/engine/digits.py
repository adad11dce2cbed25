"""The 8x8 handwritten digits (UCI optical digits, CC BY 4.0; see data/PROVENANCE.md)."""

import functools
import gzip
from pathlib import Path

import numpy as np

DIGITS_FILE = Path(__file__).with_name("data") / "digits.csv.gz"
TEST_FRACTION = 0.2
SPLIT_SEED = 0


@functools.cache
def digits_arrays() -> tuple[np.ndarray, ...]:
    """(train inputs, train targets, test inputs, test targets), read-only, read once."""
    with gzip.open(DIGITS_FILE, "rt") as f:
        table = np.loadtxt(f, delimiter=",")
    pixels, labels = table[:, :64] / 16.0, table[:, 64].astype(int)
    order = np.random.default_rng(SPLIT_SEED).permutation(len(table))
    n_test = int(len(table) * TEST_FRACTION)
    test, train = order[:n_test], order[n_test:]
    onehot = np.eye(10)[labels]
    arrays = (pixels[train], onehot[train], pixels[test], onehot[test])
    for a in arrays:
        a.flags.writeable = False
    return arrays
