"""Pure page modules of issue 12 (numbers typed, preset of a network), run in Chromium."""

import httpx
from playwright.sync_api import Page


def run(page: Page, body: str):
    """Evaluate `body` in the page with m(path) importing a module under static/js."""
    return page.evaluate(f"async () => {{ const m = (p) => import(`/static/js/${{p}}`); {body} }}")


def test_a_typed_number_is_the_whole_text_or_refused(app_page: Page) -> None:
    cases = [
        "1.5",
        " 2 ",
        "-0.25",
        ".5",
        "1e-4",
        "1E3",
        "1,5",
        "1,500",
        "",
        "fast",
        "1.5.2",
        "0x10",
        "Infinity",
        "1e400",
        "2.5",
    ]
    out = run(
        app_page,
        f"const {{parseNumber}} = await m('model/numbers.js'); return {cases}.map(parseNumber);",
    )
    assert out == [
        {"value": 1.5},
        {"value": 2},
        {"value": -0.25},
        {"value": 0.5},
        {"value": 0.0001},
        {"value": 1000},
        {"error": "comma"},
        {"error": "comma"},
        {"error": "empty"},
        {"error": "notNumber"},
        {"error": "notNumber"},
        {"error": "notNumber"},
        {"error": "notNumber"},
        {"error": "notNumber"},
        {"value": 2.5},
    ]


def what_it_is(config: dict) -> dict:
    """A preset's config without how it trains and starts."""
    return {k: v for k, v in config.items() if k not in ("learning_rate", "batch_size", "seed")}


PRESET_OF = """async ([nets, presets]) => {
  const { presetOf } = await import("/static/js/model/presets.js");
  return nets.map((n) => presetOf(n, presets));
}"""


def test_a_network_is_the_preset_it_was_made_from_until_it_is_not(
    app_page: Page, api: httpx.Client
) -> None:
    presets = api.get("/api/presets").json()
    nets = [api.post("/api/networks", json={"preset": p["name"]}).json() for p in presets]
    made = app_page.evaluate(PRESET_OF, [nets, presets])
    # how it trains (learning rate, batch size) does not change what it is
    trains = [{**n, "learning_rate": 0.001, "batch_size": 1} for n in nets]
    assert app_page.evaluate(PRESET_OF, [trains, presets]) == made
    # presets that differ only in how they train (xor, gd-small, gd-good, gd-large) share one name
    for preset, name in zip(presets, made, strict=True):
        twin = next(p for p in presets if p["name"] == name)
        assert what_it_is(twin["config"]) == what_it_is(preset["config"])
    assert made[:3] == ["xor", "perceptron-xor", "perceptron-and"]
    hidden = [n for n in nets if len(n["layers"]) > 2]  # a perceptron has no hidden activation
    swap = {"relu": "tanh"}
    other = [{**n, "hidden_activation": swap.get(n["hidden_activation"], "relu")} for n in hidden]
    assert app_page.evaluate(PRESET_OF, [other, presets]) == [""] * len(hidden)
    spiral = {**nets[0], "dataset": {**nets[0]["dataset"], "name": "spiral"}}
    assert app_page.evaluate(PRESET_OF, [[spiral], presets]) == [""]


def test_one_takes_the_singular_where_the_table_has_one(app_page: Page) -> None:
    out = run(
        app_page,
        """
        const { t } = await m("core/i18n.js");
        const { store } = await m("core/store.js");
        const say = (lang, n) => { store.update({ lang }); return t("teacher.count", { n }); };
        return [say("en", 1), say("en", 2), say("en", 0), say("zh", 1), say("zh", 3)];
        """,
    )
    assert out == ["1 network", "2 networks", "0 networks", "1 个网络", "3 个网络"]
