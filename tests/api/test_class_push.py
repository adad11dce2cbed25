"""Push to the class: a preset, a network export or a lesson step; students take a copy."""

import pytest

from .class_helpers import TEACHER, student
from .helpers import NETWORKS


@pytest.fixture
def client(make_shared):
    return make_shared()


def push(client, **body) -> dict:
    response = client.post("/api/class/push", json=body, headers=TEACHER)
    assert response.status_code == 201, response.text
    return response.json()


def take(client, headers: dict) -> dict:
    """What a student's page does: read the latest push and send its create."""
    offer = client.get("/api/class/pushed", headers=headers).json()
    made = client.request(
        offer["take"]["method"], offer["take"]["path"], json=offer["take"]["body"], headers=headers
    )
    assert made.status_code == 201, made.text
    return made.json()


def test_nothing_pushed_yet_is_404(client):
    response = client.get("/api/class/pushed")
    assert response.status_code == 404 and "pushed nothing" in response.json()["detail"]


def test_a_pushed_preset_is_taken_as_each_students_own_copy(client):
    _, ann = student(client)
    _, bob = student(client)
    pushed = push(client, preset="circle")
    assert (pushed["kind"], pushed["preset"], pushed["number"]) == ("preset", "circle", 1)
    mine, theirs = take(client, ann), take(client, bob)
    assert mine["id"] != theirs["id"] and mine["dataset"]["name"] == "circle"
    step = client.post(f"{NETWORKS}/{mine['id']}/step", json={}, headers=ann)
    assert step.status_code == 200
    assert client.get(f"{NETWORKS}/{theirs['id']}").json()["step"] == 0  # copies, not shared
    assert client.post(f"{NETWORKS}/{theirs['id']}/step", json={}, headers=ann).status_code == 403


def test_a_pushed_network_is_taken_with_its_exact_parameters(client):
    client.cookies.clear()
    built = client.post(NETWORKS, json={"preset": "xor", "seed": 3}, headers=TEACHER)
    mine = {**TEACHER, "X-Owner-Token": built.headers["x-owner-token"]}
    nid = built.json()["id"]
    client.post(f"{NETWORKS}/{nid}/train", json={"steps": 40}, headers=mine)
    export = client.get(f"{NETWORKS}/{nid}/export").json()
    pushed = push(client, network=export)
    assert (pushed["kind"], pushed["name"]) == ("network", export["name"])
    _, ann = student(client)
    copy = take(client, ann)
    original = client.get(f"{NETWORKS}/{nid}").json()
    for key in ("weights", "biases", "step", "learning_rate", "layers"):
        assert copy[key] == original[key], key
    assert copy["id"] != nid


def test_a_lesson_step_is_pushed_and_numbers_count_up(client):
    push(client, preset="xor")
    pushed = push(client, lesson="xor", step=2)
    assert (pushed["kind"], pushed["lesson"], pushed["step"], pushed["take"]) == (
        "lesson",
        "xor",
        2,
        None,
    )
    assert pushed["number"] == 2
    assert client.get("/api/class/pushed").json() == pushed


@pytest.mark.parametrize(
    "body, loc, words",
    [
        ({"preset": "nope"}, ["body", "preset"], "no preset"),
        ({"lesson": "nope"}, ["body", "lesson"], "no lesson"),
        ({"lesson": "xor", "step": 99}, ["body", "step"], "has steps 0 to"),
        ({"lesson": "xor", "step": -1}, ["body", "step"], "greater than or equal"),
        ({"preset": "xor", "lesson": "xor"}, ["body"], "exactly one"),
        ({}, ["body"], "exactly one"),
        ({"preset": "xor", "step": 1}, ["body"], "step belongs with lesson"),
        ({"network": {"format": "x"}}, ["body", "network", "layers"], "Field required"),
        ({"colour": "red"}, ["body", "colour"], "Extra inputs"),
    ],
)
def test_a_bad_push_is_refused_naming_the_field_and_keeps_the_last(client, body, loc, words):
    before = push(client, preset="xor")
    response = client.post("/api/class/push", json=body, headers=TEACHER)
    assert response.status_code == 422
    errors = response.json()["detail"]
    assert any(e["loc"] == loc and words in e["msg"] for e in errors), errors
    assert client.get("/api/class/pushed").json() == before


def test_a_contradictory_export_is_refused_naming_the_network_field(client):
    client.cookies.clear()
    made = client.post(NETWORKS, json={"preset": "xor"}, headers=TEACHER).json()
    export = client.get(f"{NETWORKS}/{made['id']}/export").json()
    export["layers"] = [2, 999, 1]
    response = client.post("/api/class/push", json={"network": export}, headers=TEACHER)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "network", "layers", 1]
    assert client.get("/api/class/pushed").status_code == 404
