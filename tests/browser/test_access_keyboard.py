"""The page by keyboard only: every control reachable with a visible focus ring, the help
dialog takes, traps and gives back focus, and a chosen link's weight set without a mouse."""

import httpx
from playwright.sync_api import Page, expect

from .conftest import wait_idle

MAX_TABS = 150
# what a Tab can reach: visible, enabled controls (the graph is one stop, its first unit)
CONTROLS_JS = """() => [...document.querySelectorAll(
    'button, input, select, textarea, summary, a[href], [tabindex="0"]')]
  .filter((e) => !e.disabled && e.checkVisibility() && !e.closest('[hidden], .graph-svg'))
  .map((e) => e.id || e.dataset.testid || e.outerHTML.slice(0, 80))"""
# the focused element's name and whether it shows a focus ring: an outline that no
# clipping ancestor cuts off, or for a unit or link of the graph its focus stroke
FOCUSED_JS = """() => {
  const e = document.activeElement;
  const s = getComputedStyle(e);
  const name = e.id || e.dataset.key || e.dataset.testid || e.outerHTML.slice(0, 80);
  if (e === document.body) return ['body', false];
  if (e.closest('.graph-svg')) return [name, e.matches(':focus-visible')];
  if (s.outlineStyle === 'none' || parseFloat(s.outlineWidth) < 2) return [name, false];
  const out = parseFloat(s.outlineWidth) + parseFloat(s.outlineOffset);
  const r = e.getBoundingClientRect();
  for (let a = e.parentElement; a; a = a.parentElement) {
    const top = a === document.body || a === document.documentElement;
    if (top || getComputedStyle(a).overflow === 'visible') continue;
    const c = a.getBoundingClientRect();
    const cut = r.left - out < c.left - 0.5 || r.right + out > c.right + 0.5
      || r.top - out < c.top - 0.5 || r.bottom + out > c.bottom + 0.5;
    if (cut) return [name, false];
  }
  return [name, true];
}"""


def focused(page: Page) -> str:
    """The id (or test id, or key) of the focused element."""
    return page.evaluate(FOCUSED_JS)[0]


def test_tab_reaches_every_control_with_a_visible_ring(app_page: Page) -> None:
    page = app_page
    wait_idle(page)
    expected = set(page.evaluate(CONTROLS_JS))
    seen: dict[str, bool] = {}
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        name, ring = page.evaluate(FOCUSED_JS)
        if name in seen or name == "body":
            break  # round the page once
        seen[name] = ring
    assert expected - set(seen) == set()
    assert [name for name, ring in seen.items() if not ring] == []
    assert "u0-0" in seen  # the graph's tab stop


def test_help_dialog_takes_traps_and_gives_back_focus(app_page: Page) -> None:
    page = app_page
    page.get_by_test_id("help").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("help-overlay")).to_be_visible()
    assert focused(page) == "help-close"
    for key in ["Tab", "Shift+Tab", "Tab"]:
        page.keyboard.press(key)
        inside = "document.getElementById('help-overlay').contains(document.activeElement)"
        assert page.evaluate(inside)
    page.keyboard.press("Escape")
    expect(page.get_by_test_id("help-overlay")).to_be_hidden()
    assert focused(page) == "help-button"


def test_keyboard_alone_opens_a_links_chain_rule_and_sets_its_weight(
    app_page: Page, api: httpx.Client
) -> None:
    page = app_page
    wait_idle(page)
    page.keyboard.press("Tab")
    assert focused(page) == "skip-to-graph"
    page.keyboard.press("Enter")
    assert focused(page) == "u0-0"
    expect(page.get_by_test_id("tooltip")).to_contain_text("x₁")  # focus shows what hover shows
    page.keyboard.press("ArrowDown")  # x2
    assert focused(page) == "u0-1"
    page.keyboard.press("ArrowRight")  # its first outgoing link, x2 -> h1
    assert focused(page) == "w0-1-0"
    page.keyboard.press("ArrowDown")  # along x2's links: x2 -> h2
    assert focused(page) == "w0-1-1"
    page.keyboard.press("ArrowRight")  # the link's target, h2
    assert focused(page) == "u1-1"
    page.keyboard.press("ArrowLeft")  # h2's first incoming link, x1 -> h2
    assert focused(page) == "w0-0-1"
    page.keyboard.press("ArrowDown")  # along h2's incoming links: x2 -> h2
    assert focused(page) == "w0-1-1"
    page.keyboard.press("Enter")
    inspector = page.get_by_test_id("inspector")
    expect(inspector).to_be_visible()
    expect(inspector).to_contain_text("x₂ → h₂")
    for _ in range(MAX_TABS):
        if focused(page) == "weight-input":
            break
        page.keyboard.press("Tab")
    assert focused(page) == "weight-input"
    page.keyboard.press("Control+A")
    page.keyboard.type("0.25")
    page.keyboard.press("Enter")
    net = page.get_by_test_id("graph").get_attribute("data-network-id")
    page.wait_for_function(
        "() => document.querySelector('line.link[data-key=w0-1-1]').dataset.weight === '0.25'"
    )
    assert api.get(f"/api/networks/{net}").json()["weights"][0][1][1] == 0.25
