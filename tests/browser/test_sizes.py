"""Charts drawn at the sizes a ResizeObserver keeps: a panel that changes size is redrawn."""

from playwright.sync_api import Page


def test_a_chart_whose_panel_narrows_is_drawn_again_at_the_new_width(app_page: Page) -> None:
    app_page.wait_for_selector("#output-panel .bars-svg")
    width = int(app_page.get_attribute("#output-panel .bars-svg", "width"))
    narrower = width - 60
    # no window resize: only the panel changes (as when a side panel opens)
    app_page.eval_on_selector("#output-panel", f"el => (el.style.width = '{narrower}px')")
    app_page.wait_for_function(
        """() => {
          const el = document.getElementById("output-panel");
          return Number(el.querySelector(".bars-svg").getAttribute("width")) === el.clientWidth;
        }"""
    )
    assert int(app_page.get_attribute("#output-panel .bars-svg", "width")) < width
