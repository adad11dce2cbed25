"""Worksheets: the sheet and its answer key printed to PDF in headless Chromium, the text
read back with pdftotext and checked against the API's numbers, in English and Chinese."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .test_xor_honest import shot

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")
ROWS = {"unit": 5, "path": 10, "layer": 24}  # a 2-3-1 network's questions at each level


def pdf_text(page: Page, path: Path) -> str:
    """The page printed to PDF (print CSS), as pdftotext reads it."""
    page.emulate_media(media="print")
    page.pdf(path=str(path), format="A4")
    page.emulate_media(media="screen")
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return out.stdout.decode()


def open_sheet(page: Page, base_url: str, net_id: str, level: str) -> None:
    page.goto(f"{base_url}/worksheet#net={net_id}&level={level}&ex=1")
    expect(page.get_by_test_id("sheet")).to_have_attribute("data-ready", "true")


@pytest.mark.parametrize("level", ["unit", "path", "layer"])
def test_each_level_asks_its_questions(page: Page, base_url, api, level):
    net = api.post("/api/networks", json={"preset": "xor"}).json()
    open_sheet(page, base_url, net["id"], level)
    expect(page.get_by_test_id("worksheet-row")).to_have_count(ROWS[level])


def test_the_path_picker_changes_the_questions(page: Page, base_url, api):
    net = api.post("/api/networks", json={"preset": "xor"}).json()
    open_sheet(page, base_url, net["id"], "path")
    rows = page.get_by_test_id("worksheet-row")
    expect(rows.first).to_have_text(re.compile(r"^z\(h₁\)"))
    page.get_by_test_id("worksheet-path-1").select_option(label="h₃")
    expect(rows.first).to_have_text(re.compile(r"^z\(h₃\)"))
    expect(rows.nth(6)).to_have_text(re.compile(r"^∂E/∂w\(h₃→y₁\)"))


def test_the_sheet_and_its_key_print_with_the_apis_numbers(page: Page, base_url, api, tmp_path):
    net = api.post("/api/networks", json={"preset": "xor"}).json()
    numbers = api.get(f"/api/networks/{net['id']}/worksheet?example=1").json()
    open_sheet(page, base_url, net["id"], "path")
    sheet = pdf_text(page, tmp_path / "sheet.pdf")
    assert "Worksheet: " in sheet and "Level 2: one path" in sheet
    assert sheet.count("= ______________") == ROWS["path"]
    assert "Example #2: x = (0.0000, 1.0000), target d = (1.0000)" in sheet
    for w in (numbers["weights"][0][0][0], numbers["weights"][1][0][2]):
        assert f"{w:.4f}" in sheet  # the diagram and table give the weights
    asked = [
        numbers["z"][0][0], numbers["a"][0][0], numbers["z"][1][0], numbers["a"][1][0],
        numbers["delta"][1][0], numbers["delta"][0][0],
        numbers["gradient_weights"][1][0][0], numbers["new_weights"][1][0][0],
        numbers["gradient_weights"][0][0][0], numbers["new_weights"][0][0][0],
    ]  # fmt: skip
    page.screenshot(path=shot("worksheet.png"), full_page=True)
    page.get_by_test_id("worksheet-toggle").click()
    expect(page.get_by_test_id("worksheet-key")).to_be_visible()
    key = pdf_text(page, tmp_path / "key.pdf")
    assert "Answer key: " in key and "______" not in key
    for value in asked:
        assert f"{value:.4f}" in key, value
    assert f"E = {numbers['error']:.4f}" in key
    page.get_by_test_id("lang-zh").click()
    expect(page.locator("h1")).to_contain_text("答案")
    chinese = pdf_text(page, tmp_path / "key-zh.pdf")
    assert "答案" in chinese and "第 2 级" in chinese and f"{asked[-1]:.4f}" in chinese
    page.get_by_test_id("worksheet-toggle").click()
    assert "练习纸" in pdf_text(page, tmp_path / "sheet-zh.pdf")
    page.get_by_test_id("lang-en").click()


def test_the_predict_card_links_to_the_shown_networks_worksheet(app_page: Page):
    net_id = app_page.get_by_test_id("graph").get_attribute("data-network-id")
    link = app_page.get_by_test_id("worksheet-link")
    expect(link).to_have_attribute("href", f"/worksheet#net={net_id}&ex=0")
