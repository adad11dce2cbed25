"""A teacher's own exercises: written with the Bearer token, checked against the real
network, kept in SQLite, pushed, and done by a student like the built-in ones."""

import pytest

from app.exercises import EXERCISES

from .class_helpers import TEACHER, student

WRITE = "/api/class/exercises"
XOR_CHECKS = [
    {"layer": 0, "to": 2, "from": 1, "quantity": "gradient", "tolerance": 0.01},
    {"layer": 1, "to": 0, "from": None, "quantity": "weight", "tolerance": 0.001},
]
XOR_EXERCISE = {"title": {"en": "XOR: h3's weight", "zh": "异或：h3 的权重"}, "preset": "xor"}


def write(client, headers=TEACHER, **body):
    """POST an exercise (XOR's unless told)."""
    return client.post(WRITE, json={**XOR_EXERCISE, "checks": XOR_CHECKS, **body}, headers=headers)


def ids(client) -> list[str]:
    """The ids GET /api/exercises lists, in order."""
    return [e["id"] for e in client.get("/api/exercises").json()]


def test_only_the_teacher_writes_exercises(make_shared, make_client):
    client = make_shared()
    assert write(client, headers={}).status_code == 403
    wrong = write(client, headers={"Authorization": "Bearer not-the-token"})
    assert wrong.status_code == 403 and wrong.headers["www-authenticate"] == "Bearer"
    _, who = student(client)
    assert write(client, headers=who).status_code == 403  # a student's owner token is not it
    assert ids(client) == [e["id"] for e in EXERCISES]
    assert write(make_client(), headers=TEACHER).status_code == 404  # no class outside shared mode


def test_a_written_exercise_is_listed_after_the_built_in_ones(make_shared):
    client = make_shared()
    made = write(client)
    assert made.status_code == 201, made.text
    exercise = made.json()
    assert exercise == {
        "id": exercise["id"],
        "title": XOR_EXERCISE["title"],
        "preset": "xor",
        "network": None,
        "checks": XOR_CHECKS,
        "deletable": True,
    }
    assert exercise["id"].startswith("class-")
    assert ids(client) == [e["id"] for e in EXERCISES] + [exercise["id"]]
    assert client.get("/api/exercises").json()[-1] == exercise
    detail = client.get(f"/api/exercises/{exercise['id']}").json()
    assert detail == exercise | {"export": None}
    untitled = write(client, title={"en": "Only English"}).json()
    assert untitled["title"] == {"en": "Only English", "zh": "Only English"}
    for unknown in ("class-999", "class-99999999999999999999", "class-01", "class-١", "nope"):
        assert client.get(f"/api/exercises/{unknown}").status_code == 404, unknown
    assert client.get("/api/exercises/article-step").json()["preset"] == "article"


def test_it_survives_a_restart(make_shared):
    made = write(make_shared()).json()
    again = make_shared()  # a new app on the same database
    assert ids(again)[-1] == made["id"]
    assert again.get(f"/api/exercises/{made['id']}").json()["checks"] == XOR_CHECKS


def _check(**change) -> dict:
    return {**XOR_CHECKS[0], **change}


@pytest.mark.parametrize(
    ("body", "loc", "words"),
    [
        ({"checks": [_check(to=3)]}, ["body", "checks", 0, "to"], "layer 1 has units 0 to 2"),
        ({"checks": [XOR_CHECKS[0], _check(layer=1, to=1)]}, ["body", "checks", 1, "to"], "0 to 0"),
        ({"checks": [_check(**{"from": 2})]}, ["body", "checks", 0, "from"], "0 to 1"),
        ({"checks": [_check(layer=2)]}, ["body", "checks", 0, "layer"], "0 to 1"),
        ({"checks": [_check(quantity="bias")]}, ["body", "checks", 0, "quantity"], ""),
        ({"checks": [_check(tolerance=0)]}, ["body", "checks", 0, "tolerance"], ""),
        ({"checks": [_check(unit=1)]}, ["body", "checks", 0, "unit"], ""),
        ({"checks": []}, ["body", "checks"], ""),
        ({"preset": "nope"}, ["body", "preset"], "no preset"),
        ({"preset": None}, ["body"], "exactly one of preset or network"),
        ({"title": {"en": ""}}, ["body", "title", "en"], ""),
    ],
)
def test_a_bad_exercise_names_the_field_and_stores_nothing(make_shared, body, loc, words):
    client = make_shared()
    refused = write(client, **body)
    assert refused.status_code == 422, refused.text
    error = refused.json()["detail"][0]
    assert error["loc"] == loc and words in error["msg"]
    assert ids(client) == [e["id"] for e in EXERCISES]


def _export(client, **body) -> dict:
    """The export of a new network (a teacher's own, made on the server)."""
    made = client.post("/api/networks", json=body)
    assert made.status_code == 201, made.text
    return client.get(f"/api/networks/{made.json()['id']}/export").json()


def test_an_exercise_on_the_teachers_network_is_checked_against_its_shape(make_shared):
    client = make_shared()
    doc = _export(client, layers=[2, 4, 1], dataset="xor", seed=3, name="wide XOR")
    check = {"layer": 0, "to": 3, "from": 1, "quantity": "gradient", "tolerance": 0.01}
    made = write(client, preset=None, network=doc, checks=[check])
    assert made.status_code == 201, made.text
    exercise = made.json()
    assert (exercise["preset"], exercise["network"]) == (None, "wide XOR")
    assert client.get(f"/api/exercises/{exercise['id']}").json()["export"] == doc
    too_far = write(client, preset=None, network=doc, checks=[{**check, "to": 4}])
    assert too_far.json()["detail"][0]["loc"] == ["body", "checks", 0, "to"]
    both = write(client, network=doc)
    assert both.status_code == 422 and both.json()["detail"][0]["loc"] == ["body"]
    bad_doc = write(client, preset=None, network={**doc, "layers": [2, 5, 1]}, checks=[check])
    assert bad_doc.status_code == 422 and bad_doc.json()["detail"][0]["loc"][:2] == [
        "body",
        "network",
    ]
    assert ids(client)[-1] == exercise["id"]


def test_a_pushed_exercise_is_taken_and_done_like_a_built_in_one(make_shared):
    client = make_shared()
    doc = _export(client, layers=[2, 4, 1], dataset="xor", seed=3, name="wide XOR")
    check = {"layer": 1, "to": 0, "from": 3, "quantity": "gradient", "tolerance": 1e-9}
    exercise = write(client, preset=None, network=doc, checks=[check]).json()
    _, who = student(client)
    sent = client.post("/api/class/push", json={"exercise": exercise["id"]}, headers=TEACHER)
    assert sent.status_code == 201, sent.text
    offer = client.get("/api/class/pushed", headers=who).json()
    assert (offer["kind"], offer["exercise"]) == ("exercise", exercise["id"])
    take = offer["take"]
    assert take["path"] == "/api/networks/import" and take["body"] == doc
    net = client.request(take["method"], take["path"], json=take["body"], headers=who).json()
    assert net["layers"] == [2, 4, 1] and net["weights"] == doc["weights"]
    url = f"/api/networks/{net['id']}/predictions"
    body = {"exercise": exercise["id"], "position": 0, "sign": "+", "value": "0"}
    shown = client.post(url, json=body, headers=who).json()
    assert (shown["layer"], shown["to"], shown["from"], shown["tolerance"]) == (1, 0, 3, 1e-9)
    assert client.post(f"/api/networks/{net['id']}/step", json={}, headers=who).status_code == 200
    marked = client.post(f"{url}/{shown['id']}/reveal").json()
    explained = client.get(f"/api/networks/{net['id']}/explain?layer=1&to=0&from=3").json()
    assert marked["prediction"]["truth"] == explained["gradient"] + explained["penalty_gradient"]
    assert marked["prediction"]["value_ok"] is (abs(marked["prediction"]["truth"]) <= 1e-9)
    past = client.post(url, json={**body, "position": 1}, headers=who)
    assert past.status_code == 422 and past.json()["detail"][0]["loc"] == ["body", "position"]
    on_xor, xor_who = student(client)  # a 2-3-1 network has no unit 3 to predict from
    wrong = client.post(f"/api/networks/{on_xor['id']}/predictions", json=body, headers=xor_who)
    assert wrong.status_code == 422
    assert wrong.json()["detail"][0]["loc"] == ["body", "exercise", "from"]


def test_a_pushed_preset_exercise_creates_its_preset(make_shared):
    client = make_shared()
    exercise = write(client).json()
    client.post("/api/class/push", json={"exercise": exercise["id"]}, headers=TEACHER)
    take = client.get("/api/class/pushed").json()["take"]
    assert take == {"method": "POST", "path": "/api/networks", "body": {"preset": "xor"}}


def test_an_export_whose_parameters_do_not_fit_is_refused_before_any_student_takes_it(
    make_shared,
):
    client = make_shared()
    doc = {**_export(client, layers=[2, 4, 1], dataset="xor"), "layers": [2, 5, 1]}
    for url, body in (
        ("/api/class/push", {"network": doc}),
        (WRITE, {**XOR_EXERCISE, "preset": None, "network": doc, "checks": XOR_CHECKS}),
    ):
        refused = client.post(url, json=body, headers=TEACHER)
        assert refused.status_code == 422, refused.text
        assert refused.json()["detail"][0]["loc"][:3] == ["body", "network", "weights"]
    assert client.get("/api/class/pushed").status_code == 404  # nothing pushed
