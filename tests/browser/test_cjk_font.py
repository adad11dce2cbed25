"""Chinese text names a CJK font stack (issue 12 item 16), in Chromium."""

from playwright.sync_api import Page, expect

FAMILY = "() => getComputedStyle(document.body).fontFamily"
CJK = ("PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC")


def test_chinese_names_cjk_fonts_and_english_does_not(app_page: Page) -> None:
    english = app_page.evaluate(FAMILY)
    assert not any(face in english for face in CJK)
    app_page.get_by_test_id("lang-zh").click()
    expect(app_page.locator("html")).to_have_attribute("lang", "zh-CN")
    chinese = app_page.evaluate(FAMILY)
    assert all(face in chinese for face in CJK)
    assert chinese.index("Inter") < chinese.index("PingFang SC")  # Latin letters keep their face
    app_page.get_by_test_id("lang-en").click()
    expect(app_page.locator("html")).to_have_attribute("lang", "en")
    assert app_page.evaluate(FAMILY) == english
