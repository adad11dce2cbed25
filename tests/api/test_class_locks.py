"""The teacher's locks: refused for students with the lock named, readable, persisted."""

import pytest

from .class_helpers import TEACHER, student
from .helpers import NETWORKS


@pytest.fixture
def client(make_shared):
    return make_shared()


def lock(client, **body) -> dict:
    response = client.put("/api/class/locks", json=body, headers=TEACHER)
    assert response.status_code == 200, response.text
    return response.json()


def refused(response, named: str) -> None:
    assert response.status_code == 403, response.text
    assert named in response.json()["detail"] and "teacher" in response.json()["detail"]


def test_each_locked_action_is_refused_for_students_and_changes_nothing(client):
    net, me = student(client)
    nid = net["id"]
    calls = {
        "step": ("POST", f"{NETWORKS}/{nid}/step", {}),
        "train": ("POST", f"{NETWORKS}/{nid}/train", {"steps": 5}),
        "undo": ("POST", f"{NETWORKS}/{nid}/undo", None),
        "patch": ("PATCH", f"{NETWORKS}/{nid}", {"name": "mine"}),
        "weights": ("PUT", f"{NETWORKS}/{nid}/weights", {"layer": 0, "to": 0, "value": 1.0}),
        "create": ("POST", NETWORKS, {"preset": "xor"}),
        "delete": ("DELETE", f"{NETWORKS}/{nid}", None),
    }
    client.post(f"{NETWORKS}/{nid}/step", json={}, headers=me)
    before = client.get(f"{NETWORKS}/{nid}").json()
    assert lock(client, actions=list(calls))["actions"] == sorted(calls)
    for action, (method, path, body) in calls.items():
        response = client.request(method, path, json=body, headers=me)
        refused(response, f"'{action}'")
        assert response.headers["x-class-lock"] == action
    assert client.get(f"{NETWORKS}/{nid}").json() == before
    assert len(client.get(NETWORKS, headers=me).json()) == 1
    lock(client, actions=[])
    for method, path, body in calls.values():
        assert client.request(method, path, json=body, headers=me).status_code < 300, path


def test_only_the_locked_actions_are_refused(client):
    net, me = student(client)
    lock(client, actions=["train", "patch", "create", "undo"])
    assert client.post(f"{NETWORKS}/{net['id']}/step", json={}, headers=me).status_code == 200
    refused(client.post(f"{NETWORKS}/{net['id']}/train", json={"steps": 2}, headers=me), "train")
    refused(client.post(f"{NETWORKS}/{net['id']}/fork", json={}, headers=me), "create")
    export = client.get(f"{NETWORKS}/{net['id']}/export").json()
    refused(client.post(f"{NETWORKS}/import", json=export, headers=me), "create")


def test_a_fixed_setting_is_refused_in_any_body_and_others_pass(client):
    net, me = student(client)
    nid = net["id"]
    lock(client, fixed={"learning_rate": True, "batch_size": False})
    for method, path in (
        ("PATCH", f"{NETWORKS}/{nid}"),
        ("POST", f"{NETWORKS}/{nid}/step"),
        ("POST", f"{NETWORKS}/{nid}/fork"),
        ("POST", NETWORKS),
    ):
        response = client.request(method, path, json={"learning_rate": 9.0}, headers=me)
        refused(response, "'learning_rate' is fixed")
        assert response.headers["x-class-lock"] == "fixed.learning_rate"
    assert client.get(f"{NETWORKS}/{nid}").json()["learning_rate"] == net["learning_rate"]
    assert client.get(f"{NETWORKS}/{nid}").json()["step"] == 0
    patched = client.patch(f"{NETWORKS}/{nid}", json={"batch_size": 2, "name": "n"}, headers=me)
    assert patched.status_code == 200 and patched.json()["batch_size"] == 2
    assert client.post(f"{NETWORKS}/{nid}/step", json={}, headers=me).status_code == 200


def test_the_teacher_is_not_locked(client):
    lock(client, actions=["create", "train"], fixed={"learning_rate": True})
    client.cookies.clear()
    made = client.post(NETWORKS, json={"preset": "xor", "learning_rate": 2.0}, headers=TEACHER)
    assert made.status_code == 201
    mine = {**TEACHER, "X-Owner-Token": made.headers["x-owner-token"]}
    trained = client.post(f"{NETWORKS}/{made.json()['id']}/train", json={"steps": 3}, headers=mine)
    assert trained.status_code == 200


def test_students_read_the_locks_and_a_restart_keeps_them(make_shared, client):
    assert client.get("/api/class/locks").json()["actions"] == []
    lock(client, actions=["train", "train", "undo"], fixed={"learning_rate": True})
    seen = client.get("/api/class/locks").json()  # no token needed: the page greys out
    assert seen["actions"] == ["train", "undo"] and seen["fixed"] == {"learning_rate": True}
    assert set(seen["lockable"]) >= {"step", "train", "undo", "patch", "create"}
    restarted = make_shared()
    net, me = student(restarted)
    assert restarted.get("/api/class/locks").json()["actions"] == ["train", "undo"]
    refused(restarted.post(f"{NETWORKS}/{net['id']}/train", json={"steps": 1}, headers=me), "train")


@pytest.mark.parametrize(
    "body, loc",
    [
        ({"actions": ["train", "fly"]}, ["body", "actions", 1]),
        ({"actions": "train"}, ["body", "actions"]),
        ({"fixed": {"colour": True}}, ["body", "fixed", "colour", "[key]"]),
        ({"fixed": {"learning_rate": "yes"}}, ["body", "fixed", "learning_rate"]),
        ({"action": ["train"]}, ["body", "action"]),
    ],
)
def test_bad_locks_are_refused_naming_the_field_and_change_nothing(client, body, loc):
    lock(client, actions=["undo"])
    response = client.put("/api/class/locks", json=body, headers=TEACHER)
    assert response.status_code == 422
    assert loc in [e["loc"] for e in response.json()["detail"]], response.text
    assert client.get("/api/class/locks").json()["actions"] == ["undo"]


def test_locks_apply_only_in_shared_mode(client, make_client):
    lock(client, actions=["train"])
    local = make_client()  # the same database, served in local mode
    net = local.post(NETWORKS, json={"preset": "xor"}).json()
    assert local.get("/api/class/locks").json()["actions"] == []
    assert local.post(f"{NETWORKS}/{net['id']}/train", json={"steps": 1}).status_code == 200
