"""The generated 2-D built-ins: points and targets from a seed, a size and a noise level.

Each generator takes (n, noise, seed) and gives (inputs, targets) in a random order, inputs
in about [-1, 1]. noise is Playground's slider over 100 (0 to 0.5); None keeps the
built-in's own noise, which the stored networks of earlier versions were trained on.
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .regression import multi_gauss, plane

Array = np.ndarray


def circle(n: int, noise: float | None, seed: int) -> tuple[Array, Array]:
    """Class 1 inside radius 2.5, class 0 on a ring from 3.5 to 5; with noise, a point's
    class is read at a shifted place (Playground's noise), so some cross over."""
    rng = np.random.default_rng(seed)
    inner = rng.uniform(0, 2.5, n // 2)
    outer = rng.uniform(3.5, 5.0, n - n // 2)
    r = np.concatenate([inner, outer])
    angle = rng.uniform(0, 2 * np.pi, n)
    points = np.stack([r * np.cos(angle), r * np.sin(angle)], axis=1)
    t = np.concatenate([np.ones(n // 2), np.zeros(n - n // 2)])
    if noise is not None:
        shifted = points + rng.uniform(-5, 5, size=(n, 2)) * noise
        t = (np.hypot(shifted[:, 0], shifted[:, 1]) < 2.5).astype(float)
    order = rng.permutation(n)
    return points[order] / 5.0, t[order, None]


def gaussian(n: int, noise: float | None, seed: int) -> tuple[Array, Array]:
    """Two Gaussian clouds at (2, 2) and (-2, -2); with noise, Playground's variance
    0.5 + 7 noise (the built-in's own is 1)."""
    rng = np.random.default_rng(seed)
    std = 1.0 if noise is None else float(np.sqrt(0.5 + 7.0 * noise))
    pos = rng.normal(2.0, std, size=(n // 2, 2))
    neg = rng.normal(-2.0, std, size=(n - n // 2, 2))
    x = np.concatenate([pos, neg]) / 5.0
    t = np.concatenate([np.ones(n // 2), np.zeros(n - n // 2)])
    order = rng.permutation(n)
    return x[order], t[order, None]


def spiral(n: int, noise: float | None, seed: int) -> tuple[Array, Array]:
    """Two interleaved spirals of n // 2 points each; each point moved by up to 0.1 (the
    built-in's own) or, with noise, by up to noise (Playground's)."""
    rng = np.random.default_rng(seed)
    half = n // 2
    xs, ts = [], []
    for label, delta in ((1.0, 0.0), (0.0, np.pi)):
        i = np.arange(half)
        r = i / half * 5.0
        theta = 1.75 * i / half * 2 * np.pi + delta
        pts = np.stack([r * np.sin(theta), r * np.cos(theta)], axis=1)
        reach = 0.1 if noise is None else noise
        xs.append(pts + rng.uniform(-reach, reach, size=pts.shape))
        ts.append(np.full(half, label))
    x, t = np.concatenate(xs) / 5.0, np.concatenate(ts)
    order = rng.permutation(len(x))
    return x[order], t[order, None]


def blobs3(n: int, noise: float | None, seed: int) -> tuple[Array, Array]:
    """Three classes around a triangle's corners, one-hot; spread 0.2, or 0.1 + 0.8 noise."""
    rng = np.random.default_rng(seed)
    centres = np.array([[0.0, 0.6], [-0.55, -0.4], [0.55, -0.4]])
    labels = rng.integers(0, 3, n)
    spread = 0.2 if noise is None else 0.1 + 0.8 * noise
    return centres[labels] + rng.normal(0.0, spread, size=(n, 2)), np.eye(3)[labels]


@dataclass(frozen=True)
class Generator:
    """A generated built-in: how to make it, its own seed, and what it is."""

    make: Callable[[int, float | None, int], tuple[Array, Array]]
    seed: int
    description: str


GENERATORS: dict[str, Generator] = {
    "circle": Generator(circle, 1, "class 1 inside a circle, class 0 on a ring around it"),
    "gaussian": Generator(gaussian, 2, "two Gaussian clouds, linearly separable"),
    "spiral": Generator(spiral, 3, "two interleaved spirals, hard"),
    "blobs3": Generator(blobs3, 4, "three classes of 2-D points (softmax, one-hot targets)"),
    "plane": Generator(
        lambda n, noise, seed: plane(n, noise or 0.0, seed),
        5,
        "regression: the tilted plane (x1 + x2) / 10 (Playground's)",
    ),
    "multi_gauss": Generator(
        lambda n, noise, seed: multi_gauss(n, noise or 0.0, seed),
        6,
        "regression: six bumps of +1 and -1 (Playground's)",
    ),
}
