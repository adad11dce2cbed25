"""Pure page modules of issue 17 (where an arrow key goes in the graph), run in Chromium."""

from playwright.sync_api import Page

from .test_js_units import run


def test_arrow_keys_walk_units_and_links_in_drawing_order(app_page: Page) -> None:
    out = run(
        app_page,
        """
        const { moveFrom } = await m("model/moves.js");
        const layers = [2, 3, 1];
        const bias = (l) => l === 0;  // only the hidden layer's units have a bias link
        const go = (at, key, fan = "out") => moveFrom(at, key, fan, layers, bias);
        return [
          go({ layer: 0, unit: 1 }, "ArrowUp"),
          go({ layer: 0, unit: 1 }, "ArrowDown"),           // past the last unit: none
          go({ layer: 0, unit: 1 }, "ArrowRight", "in"),    // its first outgoing link
          go({ layer: 2, unit: 0 }, "ArrowRight"),          // the output has none
          go({ layer: 1, unit: 2 }, "ArrowLeft"),           // its first incoming link
          go({ layer: 0, from: 1, to: 0 }, "ArrowDown"),    // along x2's links
          go({ layer: 0, from: 1, to: 2 }, "ArrowDown"),    // past the last: none
          go({ layer: 0, from: 1, to: 2 }, "ArrowDown", "in"), // along h3's: the bias last
          go({ layer: 0, from: null, to: 2 }, "ArrowUp", "in"),
          go({ layer: 1, from: 2, to: 0 }, "ArrowDown", "in"), // no bias into the output
          go({ layer: 0, from: null, to: 2 }, "ArrowLeft"),  // the bias unit is not a stop
          go({ layer: 0, from: 1, to: 2 }, "ArrowRight"),
        ];
        """,
    )
    assert out == [
        {"to": {"layer": 0, "unit": 0}, "fan": "out"},
        {"to": None, "fan": "out"},
        {"to": {"layer": 0, "from": 1, "to": 0}, "fan": "out"},
        {"to": None, "fan": "out"},
        {"to": {"layer": 0, "from": 0, "to": 2}, "fan": "in"},
        {"to": {"layer": 0, "from": 1, "to": 1}, "fan": "out"},
        {"to": None, "fan": "out"},
        {"to": {"layer": 0, "from": None, "to": 2}, "fan": "in"},
        {"to": {"layer": 0, "from": 1, "to": 2}, "fan": "in"},
        {"to": None, "fan": "in"},
        {"to": None, "fan": "out"},
        {"to": {"layer": 1, "unit": 2}, "fan": "out"},
    ]


def test_the_planes_class_shares_and_value_range(app_page: Page) -> None:
    out = run(
        app_page,
        """
        const { classShares, valueRange } = await m("model/plane.js");
        return {
          decision: classShares({ output: [[0.9, 0.1, 0.2, 0.7]], decision: [1, -1, -.5, 0] }, .5),
          threshold: classShares({ output: [[0.9, 0.1, 0.2, 0.7]], decision: null }, 0.5),
          argmax: classShares({ output: [[0.1, 0.8, 0.3, 0.2], [0.5, 0.1, 0.3, 0.1],
                                         [0.4, 0.1, 0.3, 0.7]], decision: null }, 0.5),
          range: valueRange([0.5, -2, 3.25, 0]),
        };
        """,
    )
    assert out["decision"] == [0.5, 0.5]  # z = 0 is class 1, as the API's sign says
    assert out["threshold"] == [0.5, 0.5]
    assert out["argmax"] == [0.5, 0.25, 0.25]  # a tie goes to the first class
    assert out["range"] == {"lo": -2, "hi": 3.25}
