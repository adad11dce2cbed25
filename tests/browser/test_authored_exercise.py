"""A student does an exercise the teacher wrote (on the teacher's own network) and pushed
while the student's page was open: offered, taken, predicted, revealed and marked."""

from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Page, expect

from .conftest import running_server, wait_idle
from .test_predict import predict, shown_number
from .test_xor_honest import shot

TOKEN = "browser-authored-teacher-token-0123456789"
TEACHER = {"Authorization": f"Bearer {TOKEN}"}
CHECKS = [
    {"layer": 0, "to": 3, "from": 1, "quantity": "gradient", "tolerance": 0.01},
    {"layer": 1, "to": 0, "from": None, "quantity": "weight", "tolerance": 0.001},
]


@pytest.fixture(scope="module")
def class_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A shared-mode server with a known teacher token."""
    folder = tmp_path_factory.mktemp("authored")
    with running_server(folder, shared=True, teacher_token=TOKEN) as url:
        yield url


def teachers_network(api: httpx.Client) -> dict:
    """The export of a 2-4-1 XOR network the teacher built."""
    made = api.post("/api/networks", json={"layers": [2, 4, 1], "dataset": "xor", "seed": 3})
    assert made.status_code == 201, made.text
    return api.get(f"/api/networks/{made.json()['id']}/export").json()


def test_a_student_does_the_teachers_exercise(page: Page, class_url: str) -> None:
    page.goto(f"{class_url}/")
    page.wait_for_selector("body[data-ready=true]")
    wait_idle(page)
    built_in = page.get_by_test_id("predict-exercise").locator("option").count()
    with httpx.Client(base_url=class_url, timeout=30) as api:
        doc = teachers_network(api)
        title = {"en": "The wide net's h4", "zh": "宽网络的 h4"}
        body = {"title": title, "network": doc, "checks": CHECKS}
        written = api.post("/api/class/exercises", json=body, headers=TEACHER)
        assert written.status_code == 201, written.text
        exercise = written.json()["id"]
        pushed = api.post("/api/class/push", json={"exercise": exercise}, headers=TEACHER)
        assert pushed.status_code == 201, pushed.text

        expect(page.get_by_test_id("class-offer")).to_contain_text(title["en"])
        graph = page.get_by_test_id("graph")
        before = graph.get_attribute("data-network-id") or ""
        page.get_by_test_id("class-take").click()
        expect(graph).not_to_have_attribute("data-network-id", before)
        wait_idle(page)
        net = graph.get_attribute("data-network-id")
        copy = api.get(f"/api/networks/{net}").json()
        assert copy["layers"] == [2, 4, 1] and copy["weights"] == doc["weights"]  # a copy
        options = page.get_by_test_id("predict-exercise").locator("option")
        expect(options).to_have_count(built_in + 1)  # the built-in ones stay
        expect(page.get_by_test_id("predict-exercise")).to_have_value(exercise)
        expect(page.get_by_test_id("predict-progress")).to_have_text("Check 1 of 2")
        expect(page.get_by_test_id("predict-target")).to_contain_text("x₂")
        expect(page.get_by_test_id("predict-target")).to_contain_text("h₄")

        predict(page, "+", "0")
        explained = api.get(f"/api/networks/{net}/explain?layer=0&to=3&from=1").json()
        truth = explained["gradient"] + explained["penalty_gradient"]
        assert abs(shown_number(page, "predict-truth") - truth) < 1e-6
        expect(page.get_by_test_id("predict-progress")).to_have_text("Check 2 of 2")
        expect(page.get_by_test_id("predict-target")).to_contain_text("y₁")
        predict(page, "-", "-1/3")
        page.get_by_test_id("predict-card").screenshot(path=shot("predict-authored.png"))
        bias = api.get(f"/api/networks/{net}").json()["biases"][1][0]
        assert abs(shown_number(page, "predict-truth") - bias) < 1e-6

        made = api.get(f"/api/networks/{net}/predictions").json()["predictions"]
        assert [(p["exercise"], p["position"]) for p in made] == [(exercise, 0), (exercise, 1)]
        assert [(p["layer"], p["to"], p["from"], p["quantity"]) for p in made] == [
            (0, 3, 1, "gradient"),
            (1, 0, None, "weight"),
        ]
        assert made[0]["value_ok"] is (abs(truth) <= 0.01)
        assert made[1]["value_ok"] is (abs(bias + 1 / 3) <= 0.001)
        expect(page.get_by_test_id("predict-progress")).to_have_text("Exercise done.")
