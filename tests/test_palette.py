"""The page's colours for readers with a colour-vision deficiency: the diverging pair (sign)
and the class colours stay apart under simulated protanopia, deuteranopia and tritanopia."""

import itertools
import math
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

COLORS_JS = (ROOT / "static" / "js" / "graph" / "colors.js").read_text(encoding="utf-8")
# Machado, Oliveira and Fernandes (2009), severity 1.0, on linear RGB
SIMULATIONS = {
    "normal": [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
    "protanopia": [
        [0.152286, 1.052583, -0.204868],
        [0.114503, 0.786281, 0.099216],
        [-0.003882, -0.048116, 1.051998],
    ],
    "deuteranopia": [
        [0.367322, 0.860646, -0.227968],
        [0.280085, 0.672501, 0.047413],
        [-0.011820, 0.042940, 0.968881],
    ],
    "tritanopia": [
        [1.255528, -0.076749, -0.178779],
        [-0.078411, 0.930809, 0.147602],
        [0.004733, 0.691367, 0.303900],
    ],
}
SIGN_APART = 40  # CIE76 units between the negative and the positive hue
CLASSES_APART = 20  # between any two class colours


def constant(name: str) -> str:
    """A colour constant of colors.js, as #rrggbb."""
    return re.search(rf'export const {name} = "(#[0-9a-f]{{6}})"', COLORS_JS).group(1)


def class_colors() -> list[str]:
    """CLASS_COLORS of colors.js, names resolved."""
    body = re.search(r"export const CLASS_COLORS = \[([^\]]*)\]", COLORS_JS).group(1)
    items = [i.strip() for i in body.split(",")]
    return [i.strip('"') if i.startswith('"') else constant(i) for i in items]


def lab(hex_color: str, matrix: list[list[float]]) -> tuple[float, float, float]:
    """CIELAB (D65) of a colour as a reader with this simulation sees it."""
    srgb = [int(hex_color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in srgb]
    r, g, b = (min(1.0, max(0.0, sum(m * c for m, c in zip(row, linear)))) for row in matrix)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return (116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z)))


@pytest.mark.parametrize("vision", SIMULATIONS)
def test_sign_and_classes_stay_apart(vision: str) -> None:
    matrix = SIMULATIONS[vision]
    negative, positive = constant("NEGATIVE"), constant("POSITIVE")
    assert math.dist(lab(negative, matrix), lab(positive, matrix)) >= SIGN_APART
    close = [
        (a, b, round(math.dist(lab(a, matrix), lab(b, matrix)), 1))
        for a, b in itertools.combinations(class_colors(), 2)
        if math.dist(lab(a, matrix), lab(b, matrix)) < CLASSES_APART
    ]
    assert close == []


def test_the_simulation_tells_red_from_green_only_with_normal_vision() -> None:
    red, green = "#d62728", "#2ca02c"  # the classic confusion pair: the check can fail
    apart = {v: math.dist(lab(red, m), lab(green, m)) for v, m in SIMULATIONS.items()}
    assert apart["normal"] > 60
    assert apart["deuteranopia"] < 30
