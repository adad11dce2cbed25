"""The top bar keeps one row at 1280 px with a seven-digit step count (and still wraps when
narrower), and at the laptop widths 1366 and 1440 px (nothing clipped or overlapping), in
English and Chinese; screenshots in tmp_path."""

from pathlib import Path

import httpx
from playwright.sync_api import Page, expect

from .conftest import wait_idle

STEP = 1_234_567


def open_network(page: Page, server_url: str, network_id: str) -> None:
    """Show the network with this id and wait until the page is idle."""
    page.goto(f"{server_url}/#net={network_id}")
    page.wait_for_selector(f"[data-testid=graph][data-network-id='{network_id}']")
    wait_idle(page)


def rows_of(page: Page) -> tuple[float, int]:
    """The top bar's height, and how many rows its visible items take (by their tops)."""
    return page.evaluate(
        """() => {
            const bar = document.querySelector('header.topbar');
            const items = [...bar.querySelectorAll(':scope > *, .topbar-end > *')]
                .filter((e) => e.getClientRects().length && !e.classList.contains('topbar-end'));
            const centres = items
                .map((e) => e.getBoundingClientRect())
                .map((b) => b.top + b.height / 2)
                .sort((a, b) => a - b);
            const rows = centres.filter((c, i) => i === 0 || c - centres[i - 1] > 10).length;
            return [bar.getBoundingClientRect().height, rows];
        }"""
    )


# what is wrong with the bar's layout: a control (its direct items, and those of its two
# groups) past the window, the bar or its neighbour; a bar taller than one row of them; a
# label, number or button whose text is cut
LAYOUT_PROBLEMS = """() => {
    const bar = document.querySelector('header.topbar');
    const shown = (e) => e.getClientRects().length > 0;
    const name = (e) => e.dataset.testid || e.id || e.className;
    const groups = ['transport', 'topbar-end'];
    const items = [...bar.querySelectorAll(':scope > *, .transport > *, .topbar-end > *')]
        .filter((e) => shown(e) && !groups.some((g) => e.classList.contains(g)))
        .map((e) => [name(e), e.getBoundingClientRect()])
        .sort((a, b) => a[1].left - b[1].left);
    const edge = bar.getBoundingClientRect();
    const problems = [];
    items.forEach(([n, box], i) => {
        if (box.left < Math.max(edge.left, 0) || box.right > Math.min(edge.right, innerWidth))
            problems.push(`${n} past the edge`);
        if (box.top < edge.top || box.bottom > edge.bottom) problems.push(`${n} past the bar`);
        for (const [m, other] of items.slice(i + 1)) {
            const across = Math.min(box.right, other.right) - Math.max(box.left, other.left);
            const down = Math.min(box.bottom, other.bottom) - Math.max(box.top, other.top);
            if (across > 0.5 && down > 0.5) problems.push(`${n} overlaps ${m}`);
        }
    });
    const style = getComputedStyle(bar);
    const tallest = Math.max(...items.map(([, box]) => box.height));
    const row = tallest + parseFloat(style.paddingTop) + parseFloat(style.paddingBottom);
    if (bar.clientHeight > row + 0.5) problems.push(`${bar.clientHeight} px: more than one row`);
    const texts = bar.querySelectorAll('button, select, .field-label, .stat-value, .brand-name');
    for (const e of [...texts].filter(shown))
        if (e.scrollWidth > e.clientWidth + 1) problems.push(`${name(e)} cut`);
    return problems;
}"""


def trained(api: httpx.Client, step: int, **settings: object) -> str:
    """An XOR network whose last step is step `step` (its loss and state show): its id."""
    body = {"preset": "xor", "seed": 5, **settings}
    fresh = api.post("/api/networks", json=body).json()
    exported = api.get(f"/api/networks/{fresh['id']}/export").json()
    imported = api.post("/api/networks/import", json={**exported, "step": step - 1})
    assert imported.status_code == 201, imported.text
    nid = imported.json()["id"]
    assert api.post(f"/api/networks/{nid}/step", json={}).json()["network"]["step"] == step
    return nid


def test_a_seven_digit_step_keeps_one_row_at_1280(
    page: Page, server_url: str, api: httpx.Client, tmp_path: Path
) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    open_network(page, server_url, trained(api, 1))
    one_row, rows = rows_of(page)
    assert rows == 1

    far = trained(api, STEP)
    open_network(page, server_url, far)
    expect(page.get_by_test_id("step-count")).to_have_text("1234567")
    expect(page.get_by_test_id("loss-state")).to_contain_text("1234567")
    page.screenshot(path=str(tmp_path / "topbar-1280.png"))
    assert tuple(rows_of(page)) == (one_row, 1)
    page.get_by_test_id("lang-zh").click()
    expect(page.get_by_test_id("loss-state")).to_contain_text("第 1234567 步")
    page.screenshot(path=str(tmp_path / "topbar-1280-zh.png"))
    assert tuple(rows_of(page)) == (one_row, 1)
    page.get_by_test_id("lang-en").click()

    # narrower, the bar still wraps onto more rows rather than overflow the window
    page.set_viewport_size({"width": 1024, "height": 768})
    page.wait_for_function("() => document.querySelector('header.topbar').clientWidth <= 1024")
    page.screenshot(path=str(tmp_path / "topbar-1024.png"))
    height, rows = rows_of(page)
    assert rows >= 2 and height > one_row
    assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth")


def test_one_row_at_laptop_widths_with_nothing_clipped_in_english_and_chinese(
    page: Page, server_url: str, api: httpx.Client, tmp_path: Path
) -> None:
    # the longest bar: a seven-digit step, and the loss with its L2 penalty beside it
    open_network(
        page, server_url, trained(api, STEP, regularization="l2", regularization_rate=0.01)
    )
    expect(page.get_by_test_id("loss-penalty")).to_be_visible()
    for lang, state in (("en", "1234567"), ("zh", "第 1234567 步")):
        page.get_by_test_id(f"lang-{lang}").click()
        expect(page.get_by_test_id("loss-state")).to_contain_text(state)
        for width in (1280, 1366, 1440):
            page.set_viewport_size({"width": width, "height": 800})
            page.wait_for_function(f"() => innerWidth === {width}")
            page.screenshot(path=str(tmp_path / f"topbar-{width}-{lang}.png"))
            assert rows_of(page)[1] == 1, (lang, width)
            assert page.evaluate(LAYOUT_PROBLEMS) == [], (lang, width)
            assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth")
