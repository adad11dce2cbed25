"""A class in three student browsers and the teacher's: lock, push, project and snapshot."""

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from .conftest import VIEWPORT, running_server, wait_idle
from .test_xor_honest import shot

TOKEN = "browser-class-teacher-token-0123456789"
TEACHER = {"Authorization": f"Bearer {TOKEN}"}
NAMES = ("Ann", "Bo", "王小明")


@pytest.fixture(scope="module")
def class_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A shared-mode server with a known teacher token."""
    with running_server(tmp_path_factory.mktemp("room"), shared=True, teacher_token=TOKEN) as url:
        yield url


def _page(browser: Browser, url: str, errors: list[str]) -> Page:
    """A page in a browser context of its own (its own owner token)."""
    page = browser.new_context(viewport=VIEWPORT).new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    return page


@pytest.fixture
def room(browser: Browser, class_url: str) -> Iterator[tuple[Page, list[Page]]]:
    """The teacher's page and three students' pages, each student named."""
    errors: list[str] = []
    students = [_page(browser, f"{class_url}/", errors) for _ in NAMES]
    for page, name in zip(students, NAMES, strict=True):
        page.wait_for_selector("body[data-ready=true]")
        page.wait_for_selector("[data-testid=graph][data-network-id]")
        page.get_by_test_id("class-name").fill(name)
        page.get_by_test_id("class-name-save").click()
        expect(page.get_by_test_id("toast")).to_contain_text(name)
    teacher = _page(browser, f"{class_url}/teacher#token={TOKEN}", errors)
    yield teacher, students
    for page in (teacher, *students):
        page.context.close()
    assert errors == []


def card(page: Page, name: str):
    return page.get_by_test_id("student-card").filter(
        has=page.get_by_test_id("student-name").get_by_text(name, exact=True)
    )


def network_id(page: Page) -> str:
    return page.get_by_test_id("graph").get_attribute("data-network-id") or ""


def test_lock_push_project_and_snapshot(room, class_url):
    teacher, students = room
    ann, bo, ming = students
    for name in NAMES:  # every student, named, with a thumbnail of their boundary
        expect(card(teacher, name).get_by_test_id("student-boundary")).to_have_count(1)

    # lock Step and the learning rate: every student's controls grey out, and a refusal says why
    teacher.get_by_test_id("lock-step").check()
    expect(teacher.get_by_test_id("teacher-status")).to_contain_text("1 locked")
    teacher.get_by_test_id("lock-learning_rate").check()
    expect(teacher.get_by_test_id("teacher-status")).to_contain_text("2 locked")
    for page in students:
        expect(page.get_by_test_id("step")).to_be_disabled()
        expect(page.get_by_test_id("learning-rate")).to_be_disabled()
        expect(page.get_by_test_id("play")).to_be_enabled()
        expect(page.get_by_test_id("class-locks")).to_have_text(
            "The teacher locked: Step, learning rate"
        )
    wait_idle(ann)
    ann.keyboard.press("s")  # the key still sends the step: the server refuses it
    expect(ann.get_by_test_id("toast")).to_have_text(
        "Locked by the teacher: Step is not allowed in this class now."
    )
    expect(ann.get_by_test_id("step-count")).to_have_text("0")
    ann.screenshot(path=shot("class-student-locked.png"))
    teacher.get_by_test_id("lock-step").uncheck()
    expect(ann.get_by_test_id("step")).to_be_enabled()
    expect(ann.get_by_test_id("learning-rate")).to_be_disabled()
    teacher.get_by_test_id("lock-patch").check()  # settings and data: their controls grey out
    for control in ("optimizer", "dataset", "batch-size"):
        expect(bo.get_by_test_id(control)).to_be_disabled()
    teacher.get_by_test_id("lock-patch").uncheck()
    expect(bo.get_by_test_id("optimizer")).to_be_enabled()

    # push a preset: every page offers it at once; who takes it gets a copy of their own
    teacher.get_by_test_id("push-preset").select_option("circle")
    teacher.get_by_test_id("push-preset-button").click()
    for page in students:
        expect(page.get_by_test_id("class-offer")).to_contain_text("Circle")
    ann.screenshot(path=shot("class-student-offer.png"))
    before = {network_id(p) for p in students}
    for page in (ann, ming):
        page.get_by_test_id("class-take").click()
        expect(page.get_by_test_id("class-offer")).to_have_count(0)
        expect(page.get_by_test_id("graph")).not_to_have_attribute(
            "data-network-id", network_id(bo)
        )
    bo.get_by_test_id("class-dismiss").click()
    expect(bo.get_by_test_id("class-offer")).to_have_count(0)
    wait_idle(ann)
    wait_idle(ming)
    taken = {network_id(ann), network_id(ming)}
    assert len(taken) == 2 and not taken & before
    for page in (ann, ming):
        state = httpx.get(f"{class_url}/api/networks/{network_id(page)}").json()
        assert state["layers"] == [2, 4, 2, 1]
    expect(teacher.get_by_test_id("student-card")).to_have_count(5)

    # push Bo's network: Ann's page offers it and her copy has its exact weights
    bo_id, ann_before = network_id(bo), network_id(ann)
    card(teacher, "Bo").get_by_test_id("push-network").click()
    expect(ann.get_by_test_id("class-offer")).to_contain_text("the network")
    ann.get_by_test_id("class-take").click()
    expect(ann.get_by_test_id("graph")).not_to_have_attribute("data-network-id", ann_before)
    wait_idle(ann)
    copy = httpx.get(f"{class_url}/api/networks/{network_id(ann)}").json()
    original = httpx.get(f"{class_url}/api/networks/{bo_id}").json()
    assert copy["id"] != bo_id and copy["weights"] == original["weights"]

    # project Bo's network: a full page that follows his training live
    with teacher.expect_popup() as opened:
        card(teacher, "Bo").get_by_test_id("project").click()
    projector = opened.value
    projector.wait_for_selector("body[data-ready=true]")
    expect(projector.get_by_test_id("graph")).to_have_attribute("data-network-id", bo_id)
    wait_idle(bo)  # Bo predicts the sign of a weight's gradient, then steps
    bo.get_by_test_id("predict-sign").select_option("+")
    bo.get_by_test_id("predict-step").click()
    expect(bo.get_by_test_id("predict-result")).to_be_visible()
    expect(bo.get_by_test_id("step-count")).to_have_text("1")
    expect(projector.get_by_test_id("step-count")).to_have_text("1")
    expect(card(teacher, "Bo").get_by_test_id("student-step")).to_have_text("step 1")
    score = httpx.get(f"{class_url}/api/networks/{bo_id}/predictions").json()["score"]
    expect(card(teacher, "Bo").get_by_test_id("student-score")).to_have_text(
        f"predictions: {score['right']} of 1 right"
    )
    teacher.screenshot(path=shot("teacher-view.png"), full_page=True)

    # the snapshot, as the server gives it
    with teacher.expect_download() as got:
        teacher.get_by_test_id("snapshot-csv").click()
    rows = list(csv.DictReader(io.StringIO(Path(got.value.path()).read_text(encoding="utf-8"))))
    api_csv = httpx.get(f"{class_url}/api/class/snapshot?format=csv", headers=TEACHER).text
    assert len(rows) == len(list(csv.DictReader(io.StringIO(api_csv)))) >= 6
    assert {r["display_name"] for r in rows} >= set(NAMES)
    assert re.fullmatch(r"class-\d{8}-\d{6}\.csv", got.value.suggested_filename)
    with teacher.expect_download() as got:
        teacher.get_by_test_id("snapshot-json").click()
    shown = json.loads(Path(got.value.path()).read_text(encoding="utf-8"))
    bo_row = next(r for r in shown["networks"] if r["id"] == bo_id)
    assert bo_row["step"] == 1 and bo_row["weights"]
    teacher.get_by_test_id("lock-learning_rate").uncheck()
    expect(ann.get_by_test_id("class-locks")).to_have_count(0)

    # push a lesson step: it opens there on the student's page
    teacher.get_by_test_id("push-lesson").select_option("one-step")
    teacher.get_by_test_id("push-step").fill("2")
    teacher.get_by_test_id("push-lesson-button").click()
    expect(ming.get_by_test_id("class-offer")).to_contain_text("step 2")
    ming.get_by_test_id("class-take").click()
    expect(ming.get_by_test_id("lesson-panel")).to_be_visible()
    expect(ming).to_have_url(re.compile(r"lesson=one-step.*ls=1"))

    # push an exercise: the student starts it on a copy of its preset
    teacher.get_by_test_id("push-exercise").select_option("article-step")
    teacher.get_by_test_id("push-exercise-button").click()
    expect(ann.get_by_test_id("class-offer")).to_contain_text("Predict the article's step")
    ann.get_by_test_id("class-take").click()
    expect(ann.get_by_test_id("predict-progress")).to_have_text("Check 1 of 3")
    wait_idle(ann)
    taken = httpx.get(f"{class_url}/api/networks/{network_id(ann)}").json()
    assert taken["layers"] == [1, 1, 1]
