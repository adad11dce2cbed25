"""The vendored digits: all 1,797 images, pixels in [0, 1], one-hot labels, a fixed split."""

import gzip
import hashlib

import numpy as np

from app.engine import builtin_dataset
from app.engine.digits import DIGITS_FILE

SHA256 = "09f66e6debdee2cd2b5ae59e0d6abbb73fc2b0e0185d2e1957e9ebb51e23aa22"  # PROVENANCE.md


def test_the_vendored_file_is_the_one_provenance_names():
    assert hashlib.sha256(DIGITS_FILE.read_bytes()).hexdigest() == SHA256
    assert (DIGITS_FILE.parent / "PROVENANCE.md").read_text().count("CC BY 4.0") >= 1


def test_digits_are_1797_images_of_64_pixels_split_80_20_into_disjoint_sets():
    data = builtin_dataset("digits")
    assert data.inputs.shape == (1438, 64) and data.test_inputs.shape == (359, 64)
    assert data.targets.shape == (1438, 10) and data.test_targets.shape == (359, 10)
    assert data.image == (8, 8)
    every = np.concatenate([data.inputs, data.test_inputs])
    assert every.min() == 0 and every.max() == 1
    assert np.array_equal(every * 16, np.round(every * 16))  # the file's 0..16 counts, / 16
    for t in (data.targets, data.test_targets):
        assert np.array_equal(t.sum(axis=1), np.ones(len(t))) and set(np.unique(t)) == {0, 1}
    # each test image is one of the file's rows and the split keeps every row exactly once
    with gzip.open(DIGITS_FILE, "rt") as f:
        table = np.loadtxt(f, delimiter=",")
    labels = np.concatenate([data.targets, data.test_targets]).argmax(axis=1)
    ours = sorted(map(tuple, np.column_stack([every * 16, labels]).tolist()))
    assert ours == sorted(map(tuple, table.tolist()))
    assert np.bincount(labels).tolist() == np.bincount(table[:, 64].astype(int)).tolist()


def test_the_split_is_the_same_every_time_and_the_arrays_are_read_only():
    a, b = builtin_dataset("digits"), builtin_dataset("digits")
    assert np.array_equal(a.test_inputs, b.test_inputs)
    assert not a.inputs.flags.writeable
