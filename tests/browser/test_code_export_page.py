"""The "As code" menu beside Save file: each link downloads the API's code export."""

import httpx
import pytest
from playwright.sync_api import Page, expect

from .conftest import wait_idle

FORMATS = [("numpy", ".py"), ("pytorch", ".py"), ("ipynb", ".ipynb")]


def shown(page: Page) -> str:
    """The id of the network the page shows."""
    return page.get_attribute("[data-testid=graph]", "data-network-id")


@pytest.mark.parametrize(("fmt", "suffix"), FORMATS)
def test_each_code_link_downloads_the_apis_export(
    app_page: Page, api: httpx.Client, tmp_path, fmt: str, suffix: str
) -> None:
    page = app_page
    page.get_by_test_id("step").click()
    wait_idle(page)
    page.get_by_test_id("library-code").locator("summary").click()
    link = page.get_by_test_id(f"library-code-{fmt}")
    expect(link).to_be_visible()
    with page.expect_download() as got:
        link.click()
    saved = tmp_path / got.value.suggested_filename
    got.value.save_as(saved)
    assert saved.suffix == suffix
    expected = api.get(f"/api/networks/{shown(page)}/export", params={"format": fmt})
    assert saved.read_text() == expected.text
    assert "STEP, CURSOR = 1," in saved.read_text()  # the state after the page's one step
    expect(link).to_be_hidden()  # the menu closes after a choice


def test_the_menu_speaks_chinese(app_page: Page) -> None:
    page = app_page
    page.get_by_test_id("lang-zh").click()
    summary = page.get_by_test_id("library-code").locator("summary")
    expect(summary).to_have_text("导出代码")
    summary.click()
    expect(page.get_by_test_id("library-code-numpy")).to_have_text("numpy 脚本")
    expect(page.get_by_test_id("library-code-ipynb")).to_have_text("Jupyter 笔记本")
