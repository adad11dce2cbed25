"""The compiled epoch order (shuffle.py) against numpy's generator, which it repeats."""

import numpy as np
import pytest

from app.engine.datasets import batch_permutation
from app.engine.shuffle import epoch_order

SEEDS = [0, 1, 11, 2**32 - 1, 2**32, 2**40 + 7, 2**63 - 1]


@pytest.mark.parametrize("seed", SEEDS)
def test_epoch_order_is_numpys_permutation(seed):
    for epoch in (0, 1, 2, 97, 2**33 + 5):
        for size in (1, 2, 3, 10, 250, 1001):
            expected = np.random.default_rng([seed, epoch]).permutation(size)
            np.testing.assert_array_equal(epoch_order(size, epoch, seed), expected)
            np.testing.assert_array_equal(batch_permutation(size, epoch, seed), expected)


def test_epoch_order_is_read_only_and_seeds_must_be_non_negative():
    assert not epoch_order(5, 0, 0).flags.writeable
    with pytest.raises(ValueError):
        epoch_order(5, 0, -1)
