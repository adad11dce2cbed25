"""The teacher writes an exercise on the teacher page (two checks picked within the network's
shape, a refused one's reason beside its field, fixed), pushes it, a student takes it, and the
teacher deletes it: the student is told and keeps their network."""

from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from .conftest import VIEWPORT, running_server, wait_idle
from .test_xor_honest import shot

TOKEN = "browser-exercise-form-token-0123456789"
TEACHER = {"Authorization": f"Bearer {TOKEN}"}
TITLE = {"en": "XOR: two checks", "zh": "异或：两项检查"}


@pytest.fixture(scope="module")
def class_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A shared-mode server with a known teacher token."""
    with running_server(tmp_path_factory.mktemp("form"), shared=True, teacher_token=TOKEN) as url:
        yield url


@pytest.fixture
def teacher(browser: Browser) -> Iterator[Page]:
    """The teacher's page, in a browser context of its own; no script error allowed."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert errors == []


def options(page: Page, testid: str) -> list[str]:
    """The values a picker offers."""
    return (
        page.get_by_test_id(testid).locator("option").evaluate_all("(os) => os.map((o) => o.value)")
    )


def listed(url: str) -> list[str]:
    """The ids GET /api/exercises lists."""
    return [e["id"] for e in httpx.get(f"{url}/api/exercises").json()]


def write_two_checks(teacher: Page, url: str) -> str:
    """Fill the form for XOR with two checks, the second refused, then fixed; the new id."""
    form = teacher.get_by_test_id("exercise-form")
    teacher.get_by_test_id("exercise-title-en").fill(TITLE["en"])
    teacher.get_by_test_id("exercise-title-zh").fill(TITLE["zh"])
    teacher.get_by_test_id("exercise-network").select_option("preset:xor")
    expect(teacher.get_by_test_id("exercise-shape")).to_have_text("2-3-1")
    assert options(teacher, "check-0-layer") == ["0", "1"]
    assert options(teacher, "check-0-to") == ["0", "1", "2"]  # layer 1 has 3 units
    assert options(teacher, "check-0-from") == ["", "0", "1"]  # the bias, then 2 inputs
    teacher.get_by_test_id("check-0-to").select_option("2")
    teacher.get_by_test_id("check-0-from").select_option("1")
    teacher.get_by_test_id("exercise-add-check").click()
    expect(form.get_by_test_id("exercise-check")).to_have_count(2)
    teacher.get_by_test_id("check-1-layer").select_option("1")
    assert options(teacher, "check-1-to") == ["0"]  # one output unit
    assert options(teacher, "check-1-from") == ["", "0", "1", "2"]
    teacher.get_by_test_id("check-1-from").select_option("")
    teacher.get_by_test_id("check-1-quantity").select_option("weight")
    teacher.get_by_test_id("check-1-tolerance").fill("0")
    before = listed(url)
    teacher.get_by_test_id("exercise-write").click()
    refused = teacher.get_by_test_id("exercise-error-checks.1.tolerance")
    expect(refused).to_contain_text("greater than 0")
    expect(teacher.get_by_test_id("exercise-error-checks.0.tolerance")).to_have_count(0)
    assert listed(url) == before  # nothing stored
    teacher.screenshot(path=shot("teacher-exercise-form-en.png"), full_page=True)
    teacher.get_by_test_id("lang-zh").click()
    expect(refused).to_have_text("必须大于 0")  # the server's reason, in the page's language
    expect(teacher.get_by_test_id("teacher-status")).to_have_text("未保存：请看字段旁的原因。")
    teacher.screenshot(path=shot("teacher-exercise-form-zh.png"), full_page=True)
    teacher.get_by_test_id("lang-en").click()
    teacher.get_by_test_id("theme").click()  # dark: the reason in a red that reads on it
    expect(refused).to_have_css("color", "rgb(255, 138, 128)")
    teacher.get_by_test_id("exercise-form").screenshot(path=shot("teacher-exercise-form-dark.png"))
    teacher.get_by_test_id("theme").click()
    expect(refused).to_have_css("color", "rgb(179, 38, 30)")
    teacher.get_by_test_id("check-1-tolerance").fill("0.001")
    teacher.get_by_test_id("exercise-write").click()
    expect(teacher.get_by_test_id("teacher-status")).to_contain_text(TITLE["en"])
    expect(refused).to_have_count(0)
    made = listed(url)[-1]
    assert made not in before
    return made


def test_the_teacher_writes_pushes_and_deletes_an_exercise(
    teacher: Page, page: Page, browser: Browser, class_url: str
) -> None:
    late_context = browser.new_context(viewport=VIEWPORT)  # a student who has not taken it yet
    late = late_context.new_page()
    for student in (page, late):
        student.goto(f"{class_url}/")
        student.wait_for_selector("body[data-ready=true]")
        wait_idle(student)
    teacher.goto(f"{class_url}/teacher#token={TOKEN}")
    expect(teacher.get_by_test_id("student-card")).to_have_count(2)
    student_net = teacher.get_by_test_id("student-card").first.get_attribute("data-network-id")
    assert f"net:{student_net}" in options(teacher, "exercise-network")  # theirs too
    made = write_two_checks(teacher, class_url)

    detail = httpx.get(f"{class_url}/api/exercises/{made}").json()
    assert detail["title"] == TITLE and detail["preset"] == "xor"
    assert [
        (c["layer"], c["to"], c["from"], c["quantity"], c["tolerance"]) for c in detail["checks"]
    ] == [
        (0, 2, 1, "gradient", 0.01),
        (1, 0, None, "weight", 0.001),
    ]
    expect(teacher.get_by_test_id("push-exercise")).to_have_value(made)  # listed at once
    expect(teacher.get_by_test_id(f"exercise-delete-{made}")).to_be_visible()
    for builtin in ("article-step", "xor-signs"):
        expect(teacher.get_by_test_id(f"exercise-delete-{builtin}")).to_have_count(0)
    teacher.get_by_test_id("lang-zh").click()
    expect(teacher.get_by_test_id("push-exercise")).to_contain_text(TITLE["zh"])
    teacher.get_by_test_id("lang-en").click()

    teacher.get_by_test_id("push-exercise-button").click()
    expect(teacher.get_by_test_id("teacher-status")).to_contain_text(made)
    expect(page.get_by_test_id("class-offer")).to_contain_text(TITLE["en"])
    expect(late.get_by_test_id("class-offer")).to_contain_text(TITLE["en"])
    graph = page.get_by_test_id("graph")
    before = graph.get_attribute("data-network-id") or ""
    page.get_by_test_id("class-take").click()
    expect(graph).not_to_have_attribute("data-network-id", before)  # a copy of XOR
    expect(page.get_by_test_id("predict-exercise")).to_have_value(made)
    expect(page.get_by_test_id("predict-progress")).to_have_text("Check 1 of 2")
    wait_idle(page)
    net = graph.get_attribute("data-network-id")

    teacher.get_by_test_id(f"exercise-delete-{made}").click()
    expect(teacher.get_by_test_id(f"exercise-delete-{made}")).to_have_count(0)
    assert made not in options(teacher, "push-exercise")
    assert made not in listed(class_url)
    expect(page.get_by_test_id("toast")).to_contain_text("The teacher deleted this exercise")
    expect(page.get_by_test_id("predict-exercise")).to_have_value("")
    expect(
        page.get_by_test_id("predict-exercise").locator(f"option[value='{made}']")
    ).to_have_count(0)
    expect(late.get_by_test_id("class-offer")).to_be_hidden()  # no longer offered
    expect(
        late.get_by_test_id("predict-exercise").locator(f"option[value='{made}']")
    ).to_have_count(0)
    late_context.close()
    assert graph.get_attribute("data-network-id") == net  # kept


def test_an_exercise_on_a_students_network_is_picked_within_its_shape(
    teacher: Page, class_url: str
) -> None:
    with httpx.Client(base_url=class_url, timeout=30) as student:
        body = {"layers": [2, 4, 1], "dataset": "xor", "seed": 5, "name": "wide"}
        net = student.post("/api/networks", json=body).json()["id"]
        doc = student.get(f"/api/networks/{net}/export").json()
    teacher.goto(f"{class_url}/teacher#token={TOKEN}")
    expect(teacher.locator(f"[data-testid=student-card][data-network-id='{net}']")).to_be_visible()
    teacher.get_by_test_id("exercise-network").select_option(f"net:{net}")
    expect(teacher.get_by_test_id("exercise-shape")).to_have_text("2-4-1")
    assert options(teacher, "check-0-to") == ["0", "1", "2", "3"]
    teacher.get_by_test_id("check-0-to").select_option("3")
    teacher.get_by_test_id("exercise-network").select_option("preset:xor")  # 2-3-1: no h4
    expect(teacher.get_by_test_id("check-0-to")).to_have_value("2")  # moved within the shape
    teacher.get_by_test_id("exercise-network").select_option(f"net:{net}")
    teacher.get_by_test_id("check-0-to").select_option("3")
    teacher.get_by_test_id("exercise-title-en").fill("The wide net's h4")
    teacher.get_by_test_id("exercise-write").click()
    expect(teacher.get_by_test_id("teacher-status")).to_contain_text("The wide net's h4")
    made = teacher.get_by_test_id("push-exercise").input_value()
    detail = httpx.get(f"{class_url}/api/exercises/{made}").json()
    assert detail["title"] == {"en": "The wide net's h4", "zh": "The wide net's h4"}
    assert detail["preset"] is None and detail["export"]["weights"] == doc["weights"]
    assert [(c["layer"], c["to"], c["from"]) for c in detail["checks"]] == [(0, 3, 0)]


def test_a_student_in_an_exercise_deleted_unpushed_is_told_at_the_next_prediction(
    page: Page, class_url: str
) -> None:
    check = {"layer": 1, "to": 0, "from": 0, "quantity": "gradient", "tolerance": 0.01}
    body = {"title": {"en": "Chosen, not pushed"}, "preset": "xor", "checks": [check]}
    made = httpx.post(f"{class_url}/api/class/exercises", json=body, headers=TEACHER).json()["id"]
    page.goto(f"{class_url}/")
    page.wait_for_selector("body[data-ready=true]")
    wait_idle(page)
    graph = page.get_by_test_id("graph")
    before = graph.get_attribute("data-network-id") or ""
    page.get_by_test_id("predict-exercise").select_option(made)
    expect(graph).not_to_have_attribute("data-network-id", before)
    expect(page.get_by_test_id("predict-progress")).to_have_text("Check 1 of 1")
    wait_idle(page)
    net = graph.get_attribute("data-network-id")
    gone = httpx.delete(f"{class_url}/api/class/exercises/{made}", headers=TEACHER)
    assert gone.status_code == 204
    page.get_by_test_id("predict-sign").select_option("+")
    page.get_by_test_id("predict-value").fill("0")
    page.get_by_test_id("predict-step").click()
    expect(page.get_by_test_id("toast")).to_contain_text("The teacher deleted this exercise")
    expect(page.get_by_test_id("predict-exercise")).to_have_value("")
    expect(
        page.get_by_test_id("predict-exercise").locator(f"option[value='{made}']")
    ).to_have_count(0)
    wait_idle(page)
    assert graph.get_attribute("data-network-id") == net
    assert httpx.get(f"{class_url}/api/networks/{net}").json()["step"] == 0  # no step taken
