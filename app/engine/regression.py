"""TensorFlow Playground's two regression problems over the plane, scaled into [-1, 1]."""

import numpy as np

Array = np.ndarray
RADIUS = 6.0  # points lie in [-6, 6]^2 as in Playground, then are divided by it
GAUSSIANS = ((-4, 2.5, 1), (0, 2.5, -1), (4, 2.5, 1), (-4, -2.5, -1), (0, -2.5, 1), (4, -2.5, -1))


def _points(rng: np.random.Generator, n: int, noise: float) -> tuple[Array, Array]:
    """n uniform points in the square, and where each is read for its value (with noise)."""
    points = rng.uniform(-RADIUS, RADIUS, size=(n, 2))
    shift = rng.uniform(-RADIUS, RADIUS, size=(n, 2)) * noise
    return points, points + shift


def plane(n: int, noise: float, seed: int) -> tuple[Array, Array]:
    """(x1 + x2) / 10 at each point read with noise: a tilted plane, values in [-1.2, 1.2]."""
    points, read = _points(np.random.default_rng(seed), n, noise)
    return points / RADIUS, (read.sum(axis=1) / 10.0)[:, None]


def multi_gauss(n: int, noise: float, seed: int) -> tuple[Array, Array]:
    """Six bumps of height +1 or -1 (radius 2): the value of the bump strongest at the point."""
    points, read = _points(np.random.default_rng(seed), n, noise)
    values = np.zeros(n)
    for cx, cy, sign in GAUSSIANS:
        distance = np.hypot(read[:, 0] - cx, read[:, 1] - cy)
        bump = sign * np.clip(1.0 - distance / 2.0, 0.0, 1.0)
        values = np.where(np.abs(bump) > np.abs(values), bump, values)
    return points / RADIUS, values[:, None]
