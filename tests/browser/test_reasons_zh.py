"""The server's refusals said in Chinese by their kind (issue 12): a refused field, a setup that
cannot learn and a diverged network; the kind comes from the server (the 422's type)."""

import httpx
from playwright.sync_api import Page, expect

from .conftest import Console, wait_idle
from .test_fields import type_in


def test_refusals_read_in_chinese(app_page: Page, api: httpx.Client, console: Console) -> None:
    page = app_page
    page.get_by_test_id("lang-zh").click()
    wait_idle(page)
    type_in(page, "learning-rate", "-1")
    expect(page.get_by_test_id("learning-rate-error")).to_contain_text("必须大于 0")
    type_in(page, "batch-size", "5")
    expect(page.get_by_test_id("batch-size-error")).to_contain_text("最多为数据集的 4 个训练样本")
    type_in(page, "batch-size", "2.5")
    expect(page.get_by_test_id("batch-size-error")).to_contain_text("必须是整数")
    page.select_option("#loss", "cross_entropy")
    wait_idle(page)
    reason = page.get_by_test_id("refusal-reason")
    expect(reason).to_contain_text("只能学会目标为 1 的样本")
    # the same refusal in English is the server's own words
    page.get_by_test_id("lang-en").click()
    body = {"preset": "xor", "loss": "cross_entropy"}
    expect(reason).to_contain_text(api.post("/api/networks", json=body).json()["detail"][0]["msg"])
    assert all("status of 422" in e for e in console.errors)
    console.errors.clear()
