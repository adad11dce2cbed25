"""axe-core on the teacher's view (a class of two), in both languages and colour schemes."""

import pytest
from playwright.sync_api import Browser, expect

from .axe import axe_violations
from .conftest import VIEWPORT
from .test_teacher_page import TOKEN, class_server, new_student

__all__ = ["class_server"]  # the fixture, used by name


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_violation_on_the_teacher_view(
    browser: Browser, class_server: str, scheme: str
) -> None:
    for name in ["Ann", "王小明"]:
        new_student(class_server, name)[1].close()
    context = browser.new_context(viewport=VIEWPORT, color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{class_server}/teacher#token={TOKEN}")
    expect(page.get_by_test_id("class-grid")).to_have_attribute("data-loaded", "true")
    found = {}
    for lang in ["en", "zh"]:
        page.get_by_test_id(f"lang-{lang}").click()
        found[lang] = axe_violations(page)
    context.close()
    bad = [f"{lang}: {line}" for lang, lines in found.items() for line in lines]
    assert bad == [], "\n".join(bad)
