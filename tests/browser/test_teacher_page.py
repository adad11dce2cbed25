"""The /teacher page: the class grid against GET /api/class, live, in English and Chinese."""

import re
from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from .conftest import VIEWPORT, running_server
from .test_xor_honest import shot

TOKEN = "browser-test-teacher-token-0123456789"
TEACHER = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def class_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A shared-mode server with a known teacher token."""
    with running_server(tmp_path_factory.mktemp("class"), shared=True, teacher_token=TOKEN) as url:
        yield url


def new_student(base: str, name: str | None, **body) -> tuple[dict, httpx.Client]:
    """A student (their own client and owner token) with one network."""
    client = httpx.Client(base_url=base, timeout=30)
    made = client.post("/api/networks", json=body or {"preset": "xor"})
    assert made.status_code == 201, made.text
    if name is not None:
        assert client.put("/api/class/me", json={"display_name": name}).status_code == 200
    return made.json(), client


@pytest.fixture
def teacher_page(browser: Browser) -> Iterator[Page]:
    page = browser.new_page(viewport=VIEWPORT)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    page.close()
    assert errors == []


def card(page: Page, network_id: str):
    return page.locator(f"[data-testid=student-card][data-network-id='{network_id}']")


def test_the_grid_shows_every_student_and_follows_their_training(class_server, teacher_page):
    ann, ann_client = new_student(class_server, "Ann")
    bob, bob_client = new_student(class_server, "王小明")
    cat, cat_client = new_student(class_server, None, preset="xor", seed=2)
    ann_client.post(f"/api/networks/{ann['id']}/train", json={"steps": 400})
    page = teacher_page
    page.goto(f"{class_server}/teacher#token={TOKEN}")
    grid = page.get_by_test_id("class-grid")
    expect(grid).to_have_attribute("data-loaded", "true")
    expect(page.get_by_test_id("student-card")).to_have_count(3)
    rows = httpx.get(f"{class_server}/api/class", headers=TEACHER).json()["networks"]
    for row in rows:
        shown = card(page, row["id"])
        expect(shown.get_by_test_id("student-step")).to_have_text(f"step {row['step']}")
        acc = row["accuracy"]
        expect(shown.get_by_test_id("student-accuracy")).to_have_text(
            f"{acc['correct']} of {acc['total']} right"
        )
    expect(card(page, ann["id"]).get_by_test_id("student-name")).to_have_text("Ann")
    expect(card(page, bob["id"]).get_by_test_id("student-name")).to_have_text("王小明")
    expect(card(page, cat["id"]).get_by_test_id("student-name")).to_have_text("(no name)")
    bob_client.post(f"/api/networks/{bob['id']}/train", json={"steps": 25})  # the grid follows
    expect(card(page, bob["id"]).get_by_test_id("student-step")).to_have_text("step 25")
    page.get_by_test_id("lang-zh").click()
    expect(page.locator("h1")).to_have_text("全班")
    expect(page.locator(".brand")).to_have_text("反向传播可视化")
    expect(card(page, bob["id"]).get_by_test_id("student-step")).to_have_text("第 25 步")
    expect(card(page, cat["id"]).get_by_test_id("student-name")).to_have_text("（未命名）")
    page.screenshot(path=shot("teacher-grid.png"))
    page.get_by_test_id("lang-en").click()
    project = card(page, ann["id"]).get_by_test_id("project")
    expect(project).to_have_attribute("href", f"/#net={ann['id']}")
    for client in (ann_client, bob_client, cat_client):
        client.close()


def test_the_page_says_what_is_missing_without_or_with_a_wrong_token(class_server, teacher_page):
    page = teacher_page
    page.goto(f"{class_server}/teacher")
    expect(page.get_by_test_id("class-error")).to_contain_text("teacher link")
    page.goto(f"{class_server}/teacher#token=wrong")
    page.reload()
    expect(page.get_by_test_id("class-error")).to_contain_text(re.compile("teacher only"))
    expect(page.get_by_test_id("student-card")).to_have_count(0)
