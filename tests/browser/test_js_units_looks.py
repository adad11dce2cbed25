"""Pure page modules of issue 14's deeper looks (model/pulls.js), run in Chromium."""

from playwright.sync_api import Page

from .test_js_units import run


def test_pull_sums_add_up_to_the_gradient_and_radii_grow_with_the_pull(app_page: Page) -> None:
    out = run(
        app_page,
        """
        const { pullSums, pullRadius, largestOf, paramName } = await m("model/pulls.js");
        const label = (layer, unit, depth) => `${layer}.${unit}/${depth}`;
        return [
          pullSums([0.4, -0.1, 0.3, -0.2], 0.05),
          pullSums([], 0),
          [0, 0.25, 1].map((p) => pullRadius(p, 1, 2, 10)),
          pullRadius(-0.25, 1, 2, 10),
          pullRadius(0.3, 0, 2, 10),
          largestOf([0.2, -0.7, 0.5]),
          paramName([2, 3, 1], { layer: 0, to: 2, from: 1 }, label),
          paramName([2, 3, 1], { layer: 1, to: 0, from: null }, label),
        ];
        """,
    )
    sums = out[0]
    assert sums["up"] == 0.7 / 4 and sums["down"] == -0.30000000000000004 / 4
    assert abs(sums["total"] - (0.4 / 4 + 0.05)) < 1e-15 and sums["penalty"] == 0.05
    assert out[1] == {"up": 0, "down": 0, "penalty": 0, "total": 0}
    assert out[2] == [2, 6, 10] and out[3] == 6  # area ~ |pull|: a quarter of the pull, half r - 2
    assert out[4] == 2 and out[5] == 0.7
    assert out[6:] == ["w 0.1/2→1.2/2", "b 2.0/2"]
