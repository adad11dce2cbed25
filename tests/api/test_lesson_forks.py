"""Lessons that compare forks: each fork is a valid POST fork body, and the momentum and
Adam lesson's numbers are the API's."""

import re

from .helpers import NETWORKS

STEPS = 100


def lesson(client, lesson_id: str) -> dict:
    return next(x for x in client.get("/api/lessons").json() if x["id"] == lesson_id)


def forks_of(client, found: dict) -> list[dict]:
    """A fresh network of the lesson's preset, forked once per entry, as the page does."""
    base = client.post(NETWORKS, json={"preset": found["presets"][0]}).json()
    made = [client.post(f"{NETWORKS}/{base['id']}/fork", json=body) for body in found["forks"]]
    assert [r.status_code for r in made] == [201] * len(made)
    return [r.json() for r in made]


def test_every_lessons_forks_start_from_one_network(client):
    for found in client.get("/api/lessons").json():
        if not found.get("forks"):
            continue
        assert len(found["presets"]) == 1
        forks = forks_of(client, found)
        assert all(f["weights"] == forks[0]["weights"] for f in forks)


def test_momentum_and_adam_lesson_says_the_apis_losses_at_step_100(client):
    found = lesson(client, "momentum-adam")
    forks = forks_of(client, found)
    assert [f["optimizer"]["name"] for f in forks] == ["sgd", "sgd", "adam"]
    assert [f["optimizer"]["momentum"] for f in forks[:2]] == [0.0, 0.9]
    assert {f["learning_rate"] for f in forks} == {0.05}
    losses = []
    for f in forks:
        trained = client.post(f"{NETWORKS}/{f['id']}/train", json={"steps": STEPS}).json()
        assert trained["network"]["step"] == STEPS
        losses.append(f"{trained['network']['last_loss']:.3f}")
    for lang in ("en", "zh"):
        text = found["steps"][-1]["text"][lang]
        assert f"{STEPS}" in text
        assert re.findall(r"0\.\d{3}", text) == losses, lang
