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


THUMB_PIXELS = 96  # the thumbnail canvas a side (static/js/charts/thumb.js)
REACH = 3.5  # a point's radius and its stroke's outer half
CLASS_RGB = [(0xE8, 0x59, 0x0C), (0x1C, 0x7E, 0xD6), (0xCC, 0x79, 0xA7)]  # graph/colors.js


def _point_pixels(boundary: dict) -> list[tuple[float, float]]:
    """Where each training point's centre falls on the canvas (the plane's points are pixel
    centres, its first and last at the range's ends)."""
    n, cell = boundary["resolution"], THUMB_PIXELS / boundary["resolution"]

    def place(v: float, lo: float, hi: float) -> float:
        return ((v - lo) / (hi - lo) * (n - 1) + 0.5) * cell

    return [
        (place(x, *boundary["x_range"]), THUMB_PIXELS - place(y, *boundary["y_range"]))
        for x, y in boundary["points"]
    ]


def _on_top(at: list[tuple[float, float]], i: int) -> bool:
    """Whether no point drawn after point i reaches its centre's pixel."""
    (x, y), near = at[i], REACH + 1.5
    return all((x - u) ** 2 + (y - v) ** 2 > near**2 for u, v in at[i + 1 :])


def test_the_thumbnails_draw_the_training_points_in_their_class(class_server, teacher_page):
    dee, dee_client = new_student(class_server, "Dee")
    eli, eli_client = new_student(class_server, "Eli", preset="spiral")
    page = teacher_page
    page.goto(f"{class_server}/teacher#token={TOKEN}")
    expect(page.get_by_test_id("class-grid")).to_have_attribute("data-loaded", "true")
    answer = httpx.get(f"{class_server}/api/class?thumbnail=24", headers=TEACHER).json()
    rows = {row["id"]: row for row in answer["networks"]}
    checked = {}
    for net in (dee, eli):
        boundary = rows[net["id"]]["boundary"]
        canvas = card(page, net["id"]).get_by_test_id("student-boundary")
        expect(canvas).to_have_attribute("data-points", str(len(boundary["points"])))
        rgba = canvas.evaluate(
            "c => Array.from(c.getContext('2d').getImageData(0, 0, c.width, c.height).data)"
        )
        assert len(rgba) == THUMB_PIXELS * THUMB_PIXELS * 4
        at = _point_pixels(boundary)
        on_top = [i for i in range(len(at)) if _on_top(at, i)]
        for i in on_top:
            x, y = at[i]
            pixel = 4 * (int(y) * THUMB_PIXELS + int(x))
            assert tuple(rgba[pixel : pixel + 4]) == (*CLASS_RGB[boundary["labels"][i]], 255), i
        checked[net["id"]] = len(on_top)
        opaque = sum(1 for i in range(3, len(rgba), 4) if rgba[i] == 255)
        assert 0 < opaque < THUMB_PIXELS * THUMB_PIXELS  # the points are opaque, the plane is not
    card(page, eli["id"]).screenshot(path=shot("teacher-thumbnail.png"))
    assert checked[dee["id"]] == 4  # XOR's four corners, each in its target's colour
    assert checked[eli["id"]] >= 10, checked  # the spiral's points nothing covers
    for client in (dee_client, eli_client):
        client.close()
