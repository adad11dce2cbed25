"""GET explain's optimizer part: the state one weight's update read, and the state it left."""

import pytest

from .helpers import NETWORKS, create, state, step

RULES = [
    {"name": "sgd", "momentum": 0.9, "nesterov": True},
    {"name": "rmsprop", "alpha": 0.9, "eps": 1e-6},
    {"name": "adam", "betas": [0.8, 0.99], "eps": 1e-7},
]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r["name"])
def test_explain_gives_the_state_before_and_after_the_last_step(client, rule):
    s = create(client, preset="circle", seed=3, learning_rate=0.05, batch_size=8, optimizer=rule)
    for _ in range(3):
        step(client, s["id"])
    before_last = state(client, s["id"])
    after = step(client, s["id"])["network"]
    got = client.get(f"{NETWORKS}/{s['id']}/explain", params={"layer": 1, "to": 0, "from": 2})
    assert got.status_code == 200, got.text
    e = got.json()
    slots = before_last["optimizer_state"]["slots"]
    assert e["optimizer_state"] == {
        "step": 3,
        "slots": {k: v["weights"][1][0][2] for k, v in slots.items()},
    }
    assert e["optimizer_state_after"] == {
        "step": 4,
        "slots": {k: v["weights"][1][0][2] for k, v in after["optimizer_state"]["slots"].items()},
    }
    assert e["weight"] + e["update"] == after["weights"][1][0][2]


def test_adams_moments_after_are_its_rule_applied_to_the_gradient(client):
    s = create(client, preset="circle", seed=3, learning_rate=0.05, optimizer=RULES[2])
    step(client, s["id"])
    step(client, s["id"])
    e = client.get(f"{NETWORKS}/{s['id']}/explain", params={"layer": 0, "to": 1}).json()
    (m, v), g = e["optimizer_state"]["slots"].values(), e["gradient"]
    m1, v1 = e["optimizer_state_after"]["slots"].values()
    assert m1 == pytest.approx(0.8 * m + 0.2 * g, rel=1e-12)
    assert v1 == pytest.approx(0.99 * v + 0.01 * g * g, rel=1e-12)
    t = e["optimizer_state_after"]["step"]
    expected = -0.05 / (1 - 0.8**t) * m1 / ((v1 / (1 - 0.99**t)) ** 0.5 + 1e-7)
    assert e["update"] == pytest.approx(expected, rel=1e-9)
