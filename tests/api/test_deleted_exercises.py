"""A teacher deletes an exercise they wrote: only with the Bearer token, never a built-in one,
kept deleted over a restart, and a push of it withdrawn from the students' pages."""

import pytest

from app.exercises import EXERCISES

from .class_helpers import TEACHER, student
from .test_authored_exercises import XOR_CHECKS, ids, write

BUILT_IN = [e["id"] for e in EXERCISES]


def delete(client, exercise_id: str, headers=TEACHER):
    """DELETE one exercise."""
    return client.delete(f"/api/class/exercises/{exercise_id}", headers=headers)


def test_only_the_teacher_deletes_and_a_refusal_deletes_nothing(make_shared, make_client):
    client = make_shared()
    made = write(client).json()["id"]
    assert delete(client, made, headers={}).status_code == 403
    wrong = delete(client, made, headers={"Authorization": "Bearer not-the-token"})
    assert wrong.status_code == 403 and wrong.headers["www-authenticate"] == "Bearer"
    _, who = student(client)
    assert delete(client, made, headers=who).status_code == 403
    assert ids(client) == [*BUILT_IN, made]
    assert delete(make_client(), made).status_code == 404  # no class outside shared mode


def test_a_deleted_exercise_is_gone_and_stays_gone(make_shared):
    client = make_shared()
    first, second = write(client).json()["id"], write(client).json()["id"]
    gone = delete(client, first)
    assert gone.status_code == 204 and gone.content == b""
    assert ids(client) == [*BUILT_IN, second]
    assert client.get(f"/api/exercises/{first}").status_code == 404
    assert delete(client, first).status_code == 404  # deleted once only
    again = make_shared()  # a restart on the same database
    assert ids(again) == [*BUILT_IN, second]
    third = write(again).json()["id"]
    assert third not in (first, second)  # a deleted exercise's id is never given again
    refused = again.post("/api/class/push", json={"exercise": first}, headers=TEACHER)
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"] == ["body", "exercise"]


@pytest.mark.parametrize("built_in", BUILT_IN)
def test_a_built_in_exercise_cannot_be_deleted(make_shared, built_in):
    client = make_shared()
    refused = delete(client, built_in)
    assert refused.status_code == 404
    assert "built in" in refused.json()["detail"]
    assert ids(client) == BUILT_IN
    listed = {e["id"]: e["deletable"] for e in client.get("/api/exercises").json()}
    assert listed == {e: False for e in BUILT_IN}  # the page offers no Delete for them
    made = write(client).json()
    assert made["deletable"] is True
    assert client.get("/api/exercises").json()[-1]["deletable"] is True


@pytest.mark.parametrize("unknown", ["class-999", "class-99999999999999999999", "class-01", "nope"])
def test_an_unknown_exercise_is_a_404(make_shared, unknown):
    client = make_shared()
    made = write(client).json()["id"]
    refused = delete(client, unknown)
    assert refused.status_code == 404 and "no exercise" in refused.json()["detail"]
    assert ids(client) == [*BUILT_IN, made]


def test_deleting_the_pushed_exercise_withdraws_the_push(make_shared):
    client = make_shared()
    exercise = write(client).json()["id"]
    pushed = client.post("/api/class/push", json={"exercise": exercise}, headers=TEACHER).json()
    _, who = student(client)
    assert delete(client, exercise).status_code == 204
    latest = client.get("/api/class/pushed", headers=who).json()
    assert latest["number"] == pushed["number"] + 1  # a page that saw the push hears of this
    assert (latest["kind"], latest["exercise"], latest["take"]) == ("withdrawn", exercise, None)
    body = {"exercise": exercise, "position": 0, "sign": "+", "value": "0"}
    net, who = student(client)
    late = client.post(f"/api/networks/{net['id']}/predictions", json=body, headers=who)
    assert late.status_code == 422 and late.json()["detail"][0]["loc"] == ["body", "exercise"]


def test_deleting_another_exercise_leaves_the_push_alone(make_shared):
    client = make_shared()
    kept, other = write(client).json()["id"], write(client, checks=XOR_CHECKS[:1]).json()["id"]
    pushed = client.post("/api/class/push", json={"exercise": kept}, headers=TEACHER).json()
    assert delete(client, other).status_code == 204
    latest = client.get("/api/class/pushed").json()
    assert (latest["number"], latest["kind"], latest["exercise"]) == (
        pushed["number"],
        "exercise",
        kept,
    )
