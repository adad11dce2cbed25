"""The teacher's view: the teacher token, GET /api/class, display names, the snapshot."""

import csv
import io

import pytest

from app.api.owners import signing_key
from app.api.teacher import teacher_token
from app.settings import Settings

from .class_helpers import TEACHER, TOKEN, student
from .helpers import NETWORKS


@pytest.fixture
def client(make_shared):
    return make_shared()


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": f"Basic {TOKEN}"},
        {"Authorization": f"Bearer {TOKEN}x"},
        {"Authorization": "Bearer "},
    ],
)
def test_every_teacher_route_refuses_without_the_teacher_token(client, headers):
    _, me = student(client)
    routes = [
        ("GET", "/api/class", None),
        ("GET", "/api/class/snapshot", None),
        ("PUT", "/api/class/locks", {"actions": ["train"]}),
        ("POST", "/api/class/push", {"preset": "xor"}),
    ]
    for method, path, body in routes:
        response = client.request(method, path, json=body, headers={**headers, **me})
        assert response.status_code == 403, (path, response.text)
        assert "teacher only" in response.json()["detail"]
    assert client.get("/api/class/locks").json()["actions"] == []  # nothing was locked
    assert client.get("/api/class/pushed").status_code == 404  # nothing was pushed


def test_outside_shared_mode_there_is_no_class(make_client):
    local = make_client(teacher_token=TOKEN)
    for path in ("/api/class", "/api/class/snapshot", "/api/class/pushed", "/api/class/me"):
        response = local.get(path, headers=TEACHER)
        assert response.status_code == 404, path
        assert "shared mode" in response.json()["detail"]
    assert local.put("/api/class/locks", json={}, headers=TEACHER).status_code == 404


def test_the_derived_token_is_the_same_after_a_restart_and_differs_per_key(make_shared, tmp_path):
    first = make_shared(teacher_token="")
    token = first.app.state.teacher_token
    assert len(token) >= 40
    settings = Settings(db_path=tmp_path / "t.sqlite3")
    assert token == teacher_token(settings, signing_key(settings))
    again = make_shared(teacher_token="")
    assert again.app.state.teacher_token == token
    assert again.get("/api/class", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    other = Settings(db_path=tmp_path / "t.sqlite3", secret_key="another key")
    assert teacher_token(other, signing_key(other)) != token


def test_the_class_lists_every_students_network_with_the_engines_accuracy(client):
    ann, ann_h = student(client)
    bob, bob_h = student(client, preset="xor", seed=5)
    named = client.put("/api/class/me", json={"display_name": " Ann L. "}, headers=ann_h)
    assert named.json()["display_name"] == "Ann L."
    client.post(f"{NETWORKS}/{bob['id']}/train", json={"steps": 300}, headers=bob_h)
    listed = client.get("/api/class", headers=TEACHER)
    assert listed.status_code == 200
    rows = {r["id"]: r for r in listed.json()["networks"]}
    assert set(rows) == {ann["id"], bob["id"]}
    assert rows[ann["id"]]["display_name"] == "Ann L."
    assert rows[bob["id"]]["display_name"] is None
    assert rows[ann["id"]]["student"] != rows[bob["id"]]["student"]
    assert ann_h["X-Owner-Token"] not in listed.text  # no student's token leaks
    for nid, row in rows.items():
        state = client.get(f"{NETWORKS}/{nid}").json()
        forward = client.post(f"{NETWORKS}/{nid}/forward", json={}).json()
        assert row["accuracy"] == forward["accuracy"]
        assert (row["step"], row["last_loss"], row["layers"]) == (
            state["step"],
            state["last_loss"],
            state["layers"],
        )
        assert row["diverged"] is False
    assert rows[bob["id"]]["step"] == 300
    assert rows[bob["id"]]["updated_at"] > rows[ann["id"]]["updated_at"]


def test_a_diverged_network_is_flagged(client):
    body = {
        "layers": [1, 1],
        "output_activation": "linear",
        "loss": "mse",
        "learning_rate": 1000,
        "dataset": {"inputs": [[1e50], [2e50]], "targets": [[1], [2]]},
    }
    net, me = student(client, **body)
    trained = client.post(f"{NETWORKS}/{net['id']}/train", json={"steps": 50}, headers=me)
    assert trained.json()["stopped_early"] is True
    (row,) = client.get("/api/class", headers=TEACHER).json()["networks"]
    assert row["diverged"] is True


@pytest.mark.parametrize(
    "name, problem",
    [
        ("", "empty"),
        ("   ", "empty"),
        ("a" * 41, "40"),
        ("Ann\nB", "control"),
        ("A\u202eB", "control"),
    ],
)
def test_a_bad_display_name_is_refused_naming_the_field_and_changes_nothing(client, name, problem):
    _, me = student(client)
    assert client.put("/api/class/me", json={"display_name": "Ann"}, headers=me).status_code == 200
    response = client.put("/api/class/me", json={"display_name": name}, headers=me)
    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert error["loc"] == ["body", "display_name"]
    assert problem in error["msg"]
    assert client.get("/api/class/me", headers=me).json()["display_name"] == "Ann"


def test_a_client_without_a_token_gets_one_with_its_name(client):
    client.cookies.clear()
    response = client.put("/api/class/me", json={"display_name": "新同学"})
    assert response.status_code == 200
    me = {"X-Owner-Token": response.headers["x-owner-token"]}
    net = client.post(NETWORKS, json={"preset": "xor"}, headers=me).json()
    (row,) = client.get("/api/class", headers=TEACHER).json()["networks"]
    assert (row["id"], row["display_name"]) == (net["id"], "新同学")


def test_the_class_view_counts_against_the_work_budget(make_shared):
    client = make_shared(max_work=1000)
    for _ in range(3):
        student(client, layers=[2, 8, 8, 1], dataset="circle")
    for path in ("/api/class", "/api/class/snapshot"):
        response = client.get(path, headers=TEACHER)
        assert response.status_code == 422, response.text
        (error,) = response.json()["detail"]
        assert error["loc"] == ["query", "class"] and "work budget" in error["msg"]


def test_the_snapshot_gives_every_final_state_as_json_and_csv(client):
    ann, ann_h = student(client)
    client.put("/api/class/me", json={"display_name": "=cmd()"}, headers=ann_h)
    client.post(f"{NETWORKS}/{ann['id']}/train", json={"steps": 20}, headers=ann_h)
    doc = client.get("/api/class/snapshot", headers=TEACHER).json()
    (row,) = doc["networks"]
    state = client.get(f"{NETWORKS}/{ann['id']}").json()
    assert (row["weights"], row["biases"], row["step"]) == (
        state["weights"],
        state["biases"],
        20,
    )
    listed = client.get("/api/class", headers=TEACHER).json()["networks"][0]
    assert {k: row[k] for k in listed} == listed
    response = client.get("/api/class/snapshot?format=csv", headers=TEACHER)
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    (line,) = csv.DictReader(io.StringIO(response.text))
    assert line["id"] == ann["id"] and line["layers"] == "2-3-1" and line["step"] == "20"
    assert line["display_name"] == "'=cmd()"  # a spreadsheet shows it, never runs it
    assert float(line["accuracy"]) == listed["accuracy"]["fraction"]
    assert float(line["last_loss"]) == listed["last_loss"]
    bad = client.get("/api/class/snapshot?format=xml", headers=TEACHER)
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["query", "format"]
