"""Predict, then reveal: predictions stored before a step, marked after it against the
step's own numbers; exercises; scores in the teacher's view."""

import math
from contextlib import ExitStack

import pytest

from .class_helpers import TEACHER, shared_client, student
from .helpers import create, state, step

ARTICLE = {"preset": "article"}  # x = 10, d = 1, w1 = -0.2, w2 = 5, sigmoid, cross-entropy


def predictions(net_id: str) -> str:
    return f"/api/networks/{net_id}/predictions"


def article_numbers() -> dict:
    """The article's first step by hand: h, y, dE/dw2, dE/dw1 and the new w2."""
    h = 1 / (1 + math.exp(0.2 * 10))
    y = 1 / (1 + math.exp(-5 * h))
    dw2 = (y - 1) * h
    dw1 = (y - 1) * 5 * h * (1 - h) * 10
    return {"dw2": dw2, "dw1": dw1, "w2": 5 - 0.5 * dw2}


def test_a_prediction_is_marked_against_the_steps_numbers(client):
    net = create(client, **ARTICLE)
    truth = article_numbers()
    body = {"layer": 1, "to": 0, "from": 0, "quantity": "gradient", "sign": "-", "value": "-1/25"}
    made = client.post(predictions(net["id"]), json={**body, "tolerance": 0.005})
    assert made.status_code == 201, made.text
    shown = made.json()
    assert shown["step"] == 0 and shown["revealed"] is False and shown["truth"] is None
    early = client.post(f"{predictions(net['id'])}/{shown['id']}/reveal")
    assert early.status_code == 409 and "of step 1" in early.json()["detail"]
    step(client, net["id"])
    revealed = client.post(f"{predictions(net['id'])}/{shown['id']}/reveal").json()
    marked = revealed["prediction"]
    assert marked["truth"] == pytest.approx(truth["dw2"], abs=1e-12)
    assert marked["sign_ok"] is True and marked["value_ok"] is True  # -0.04 vs -0.0424
    explained = revealed["explanation"]
    assert explained["kind"] == "last_step" and explained["gradient"] == marked["truth"]
    assert revealed["score"] == {"right": 2, "total": 2, "checks": 1}


def test_the_new_weight_and_a_wrong_prediction(client):
    net = create(client, **ARTICLE)
    first = {"layer": 1, "to": 0, "from": 0, "quantity": "weight", "value": "5"}
    second = {"layer": 0, "to": 0, "from": 0, "quantity": "gradient", "sign": "+"}
    ids = [client.post(predictions(net["id"]), json=b).json()["id"] for b in (first, second)]
    step(client, net["id"])
    after = state(client, net["id"])
    got = [client.post(f"{predictions(net['id'])}/{i}/reveal").json() for i in ids]
    new_w = got[0]["prediction"]
    assert new_w["truth"] == pytest.approx(article_numbers()["w2"], abs=1e-12)
    assert new_w["truth"] == after["weights"][1][0][0]
    assert new_w["value_ok"] is False and new_w["sign_ok"] is None  # 5 is 0.021 off (0.01)
    assert got[1]["prediction"]["truth"] == pytest.approx(article_numbers()["dw1"], abs=1e-12)
    assert got[1]["prediction"]["sign_ok"] is False  # dE/dw1 is negative
    listed = client.get(predictions(net["id"])).json()
    assert listed["score"] == {"right": 0, "total": 2, "checks": 2}
    assert [p["revealed"] for p in listed["predictions"]] == [True, True]


def test_an_exercise_sets_the_weight_quantity_and_tolerance(client):
    exercises = client.get("/api/exercises").json()
    article = next(e for e in exercises if e["id"] == "article-step")
    assert article["preset"] == "article" and len(article["checks"]) == 3
    net = create(client, preset=article["preset"])
    body = {"exercise": "article-step", "position": 1, "value": "5.02"}
    shown = client.post(predictions(net["id"]), json=body).json()
    assert (shown["layer"], shown["quantity"], shown["tolerance"]) == (1, "weight", 0.005)
    step(client, net["id"])
    marked = client.post(f"{predictions(net['id'])}/{shown['id']}/reveal").json()["prediction"]
    assert marked["value_ok"] is True  # 5.02 vs 5.0212


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"layer": 1, "to": 0, "quantity": "gradient"}, "value"),  # neither sign nor value
        ({"layer": 1, "to": 0, "quantity": "gradient", "value": "1/0"}, "value"),
        ({"layer": 1, "to": 0, "quantity": "gradient", "value": "abc"}, "value"),
        ({"layer": 2, "to": 0, "quantity": "gradient", "sign": "+"}, "layer"),
        ({"layer": 1, "to": 1, "quantity": "gradient", "sign": "+"}, "to"),
        ({"layer": 1, "to": 0, "from": 3, "quantity": "weight", "sign": "+"}, "from"),
        ({"to": 0, "quantity": "weight", "sign": "+"}, "layer"),
        ({"exercise": "nope", "position": 0, "sign": "+"}, "exercise"),
        ({"exercise": "article-step", "position": 3, "sign": "+"}, "position"),
        ({"exercise": "article-step", "position": 0, "layer": 0, "sign": "+"}, "layer"),
        ({"layer": 1, "to": 0, "quantity": "gradient", "sign": "up"}, "sign"),
    ],
)
def test_bad_predictions_name_the_field_and_store_nothing(client, body, field):
    net = create(client, **ARTICLE)
    refused = client.post(predictions(net["id"]), json=body)
    assert refused.status_code == 422, refused.text
    assert refused.json()["detail"][0]["loc"][-1] == field
    assert client.get(predictions(net["id"])).json()["predictions"] == []


def test_only_the_owner_predicts_and_the_teacher_sees_the_scores(tmp_path):
    with ExitStack() as stack:
        client = shared_client(stack, tmp_path)
        net, who = student(client, **ARTICLE)
        body = {"layer": 1, "to": 0, "from": 0, "quantity": "gradient", "sign": "-"}
        assert client.post(predictions(net["id"]), json=body).status_code == 403
        made = client.post(predictions(net["id"]), json=body, headers=who).json()
        client.post(f"/api/networks/{net['id']}/step", json={}, headers=who)
        client.post(f"{predictions(net['id'])}/{made['id']}/reveal")
        row = client.get("/api/class", headers=TEACHER).json()["networks"][0]
        assert row["score"] == {"right": 1, "total": 1, "checks": 1}
        csv_text = client.get("/api/class/snapshot?format=csv", headers=TEACHER).text
        header, line = csv_text.splitlines()[:2]
        assert header.endswith("predictions_right,predictions_marked") and line.endswith(",1,1")


def test_the_teacher_pushes_an_exercise_and_a_student_takes_its_preset(tmp_path):
    with ExitStack() as stack:
        client = shared_client(stack, tmp_path)
        _, who = student(client)
        sent = client.post("/api/class/push", json={"exercise": "article-step"}, headers=TEACHER)
        assert sent.status_code == 201, sent.text
        offer = client.get("/api/class/pushed", headers=who).json()
        assert (offer["kind"], offer["exercise"]) == ("exercise", "article-step")
        take = offer["take"]
        made = client.request(take["method"], take["path"], json=take["body"], headers=who)
        assert made.status_code == 201 and made.json()["layers"] == [1, 1, 1]
        bad = client.post("/api/class/push", json={"exercise": "nope"}, headers=TEACHER)
        assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["body", "exercise"]
        assert client.get("/api/class/pushed").json()["number"] == 1  # the refused push is not


@pytest.mark.parametrize("pid", ["0", "-3", str(2**63), str(10**30), "x"])
def test_a_prediction_id_out_of_range_is_a_422_naming_it(client, pid) -> None:
    net = client.post("/api/networks", json={"preset": "xor"}).json()
    response = client.post(f"{predictions(net['id'])}/{pid}/reveal")
    assert response.status_code == 422, response.text
    assert response.json()["detail"][0]["loc"] == ["path", "pid"]
