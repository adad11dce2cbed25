"""Screenshots of the main views at 1280x800 (one also at 1920x1080) and of every lesson.

They go to docs/screenshots/ when BACKPROP_SCREENSHOTS=1 (to refresh the README's images),
otherwise to a temp folder; either way each view must load with no console error.
"""

import os
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, expect

from .conftest import ROOT, wait_idle
from .test_numbering import click_link

SIZES = {"1280": {"width": 1280, "height": 800}, "1920": {"width": 1920, "height": 1080}}


@pytest.fixture
def shots_dir(tmp_path: Path) -> Path:
    """Where the screenshots go."""
    if os.environ.get("BACKPROP_SCREENSHOTS") == "1":
        folder = ROOT / "docs" / "screenshots"
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    return tmp_path


def trained(api: httpx.Client, body: dict, steps: int) -> dict:
    """A new network trained `steps` steps (the last one a single step, so gradients show)."""
    state = api.post("/api/networks", json=body).json()
    if steps > 1:
        api.post(f"/api/networks/{state['id']}/train", json={"steps": steps - 1})
    api.post(f"/api/networks/{state['id']}/step", json={})
    return state


VIEWS = {
    "xor": ({"preset": "xor", "seed": 7}, 150, "", "link:1-1-0"),
    "spiral-gradients": ({"preset": "spiral", "seed": 3}, 400, "&view=gradients", "key:s"),
    "softmax": ({"preset": "softmax", "seed": 2}, 200, "&ex=5", None),
    "step-through": ({"preset": "xor", "seed": 7}, 0, "&st=1", "phase:4"),
    "large": ({"layers": [2, 256, 48, 1], "dataset": "circle", "seed": 1}, 30, "", None),
    "article": ({"preset": "article"}, 1, "", "link:1-0-0"),
}


SHOTS = [(view, "1280") for view in VIEWS] + [("xor", "1920")]


@pytest.mark.parametrize(("view", "size"), SHOTS)
def test_screenshot(
    browser: Browser, server_url: str, api: httpx.Client, shots_dir: Path, view: str, size: str
) -> None:
    body, steps, hash_extra, action = VIEWS[view]
    state = trained(api, body, steps) if steps else api.post("/api/networks", json=body).json()
    page = browser.new_page(viewport=SIZES[size])
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server_url}/#net={state['id']}{hash_extra}")
    page.wait_for_selector("body[data-ready=true]")
    if action and action.startswith("phase:"):
        page.keyboard.press("s")
        for _ in range(int(action.split(":")[1])):
            page.keyboard.press("ArrowRight")
        expect(page.get_by_test_id("phase")).to_have_attribute("data-phase", action.split(":")[1])
    if action and action.startswith("key:"):
        page.keyboard.press(action.split(":")[1])
        expect(page.get_by_test_id("step-count")).to_have_text(str(steps + 1))
    if action and action.startswith("link:"):
        layer, source, to = map(int, action.split(":")[1].split("-"))
        wait_idle(page)  # the graph has its final size: the link is where it will stay
        click_link(page, layer, source, to)
        expect(page.get_by_test_id("inspector-gradient")).to_be_visible(timeout=20_000)
    if state["dataset"]["input_dim"] == 2:
        page.wait_for_selector("#boundary-card:not([hidden])")
    wait_idle(page)  # background panels settle
    path = shots_dir / f"{view}-{size}.png"
    page.screenshot(path=path)
    page.close()
    assert path.stat().st_size > 10_000
    assert errors == []


# lesson id -> (language, lesson step to show, what to do first)
LESSON_SHOTS = {
    "blocks": ("en", 2, "hover:weights"),
    "one-step": ("en", 2, "step"),
    "xor": ("zh", 1, "play"),
    "softmax": ("en", 2, "slider:12"),
    "activations": ("en", 0, ""),
    "gradient-descent": ("en", 1, "play"),
    "momentum-adam": ("en", 3, "play"),
}


@pytest.mark.parametrize("lesson", LESSON_SHOTS)
def test_lesson_screenshot(browser: Browser, server_url: str, shots_dir: Path, lesson: str) -> None:
    lang, at, action = LESSON_SHOTS[lesson]
    page = browser.new_page(viewport=SIZES["1280"])
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server_url}/#lesson={lesson}&ls={at}")
    page.wait_for_selector("body[data-ready=true]")
    if lang == "zh":
        page.get_by_test_id("lang-zh").click()
    if action == "step":
        page.get_by_test_id("step").click()
        expect(page.get_by_test_id("lesson-y-after")).to_be_visible()
    if action == "play":
        wait_idle(page)
        page.get_by_test_id("play").click()
        page.wait_for_function(
            "() => [...document.querySelectorAll('[data-testid=stage-step]')]"
            ".every(e => +e.textContent >= 1800)"
        )
        page.get_by_test_id("play").click()
    if action.startswith("slider:"):
        page.get_by_test_id("lesson-p-slider").fill(action.split(":")[1])
    if action.startswith("hover:"):
        page.locator(f"[data-term={action.split(':')[1]}]").hover()
    wait_idle(page)
    if action.startswith("slider:"):
        p = int(action.split(":")[1]) / 100
        page.wait_for_function(
            f"() => Math.abs(+document.querySelector('[data-testid=lesson-p-0]')?.dataset.value"
            f" - {p}) < 1e-9"
        )
    path = shots_dir / f"lesson-{lesson}.png"
    page.screenshot(path=path)
    page.close()
    assert path.stat().st_size > 10_000
    assert errors == []
