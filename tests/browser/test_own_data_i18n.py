"""Issue 13's page parts in Chinese, and their URL keys' round trip."""

import json

import httpx
from playwright.sync_api import Page, expect

from .conftest import wait_idle
from .test_js_units import run
from .test_lessons import TABLES, VISIBLE_TEXTS_JS
from .test_playground_controls import choose_preset


def test_the_own_data_url_keys_round_trip_and_refuse_nonsense(app_page: Page) -> None:
    out = run(
        app_page,
        """
        const { readHash, toHash, DEFAULTS } = await m("core/hash.js");
        const ui = { ...DEFAULTS, net: "n", draw: "c2", split: "test", val: -0.5, test: false,
                     disc: true, pad: "0f".repeat(32) };
        return { back: readHash(toHash(ui)), ui, plain: toHash({ ...DEFAULTS, net: "n" }),
                 bad: readHash("#draw=brush&split=x&val=abc&pad=zz") };
        """,
    )
    assert out["back"] == out["ui"]
    assert out["plain"] == "#net=n"
    assert out["bad"]["draw"] == "" and out["bad"]["split"] == "train"
    assert out["bad"]["val"] == 0 and out["bad"]["pad"] == ""


def test_the_own_data_views_speak_chinese(app_page: Page, api: httpx.Client) -> None:
    en = json.loads((TABLES / "en.json").read_text(encoding="utf-8"))
    zh = json.loads((TABLES / "zh.json").read_text(encoding="utf-8"))
    english = {v for k, v in en.items() if "{" not in v and v != zh[k]}
    page = app_page

    def check(where: str) -> None:
        texts = page.evaluate(VISIBLE_TEXTS_JS)
        parts = {p.strip() for t in texts for p in [t, *t.split(" · ")]}
        assert sorted(p for p in parts if p in english) == [], where

    page.get_by_test_id("lang-zh").click()
    expect(page.get_by_test_id("csv-load")).to_have_text(zh["csv.load"])
    expect(page.get_by_test_id("draw-erase")).to_contain_text(zh["draw.erase"])
    check("xor: CSV card, draw tools, features")
    choose_preset(page, "circle")
    expect(page.get_by_test_id("regenerate")).to_contain_text(zh["gen.regenerate"])
    check("circle: generation")
    choose_preset(page, "digits")
    page.goto(page.url + "&pad=" + "f" * 64)
    page.wait_for_selector("body[data-ready=true]")
    expect(page.get_by_test_id("pad-probs")).to_be_visible()
    wait_idle(page)
    expect(page.get_by_test_id("pad-clear")).to_have_text(zh["pad.clear"])
    check("digits: the pad")
