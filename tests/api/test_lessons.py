"""Lessons, activation curves and softmax: the numbers come from the engine."""

import math
import re

import numpy as np
import pytest

from app.presets import PRESETS

TERM = re.compile(r"\{\{([^|}]+)\|([^}]+)\}\}")
KEYS = re.compile(
    r"^(input|hidden|output|units|layers|weights|bias|unit:\d+:\d+|link:\d+:\d+:\d+)$"
)


def test_every_lesson_is_complete_in_both_languages(client):
    lessons = client.get("/api/lessons").json()
    assert [lesson["id"] for lesson in lessons] == [
        "blocks",
        "one-step",
        "xor",
        "softmax",
        "activations",
        "gradient-descent",
        "momentum-adam",
    ]
    for lesson in lessons:
        assert set(lesson["title"]) == {"en", "zh"}
        assert all(p in PRESETS for p in lesson["presets"])
        for step in lesson["steps"]:
            en, zh = step["text"]["en"], step["text"]["zh"]
            assert en and zh and en != zh
            # the same highlighted graph parts, in the same order, in both languages
            assert [k for k, _ in TERM.findall(en)] == [k for k, _ in TERM.findall(zh)]
            assert all(KEYS.match(k) for k, _ in TERM.findall(en))


def test_every_lesson_preset_creates_a_network(client):
    for lesson in client.get("/api/lessons").json():
        for preset in lesson["presets"] + list((lesson.get("switch") or {}).values()):
            assert client.post("/api/networks", json={"preset": preset}).status_code == 201


def test_one_step_lesson_numbers_are_the_engines(client):
    net = client.post("/api/networks", json={"preset": "article"}).json()
    step = client.post(f"/api/networks/{net['id']}/step", json={}).json()
    text = next(x for x in client.get("/api/lessons").json() if x["id"] == "one-step")
    words = " ".join(s["text"]["en"] for s in text["steps"])
    h, y = step["forward"]["layers"][0]["a"][0][0], step["forward"]["outputs"][0][0]
    (w1, w2) = (g[0][0] for g in step["gradients"]["weights"])
    after = client.post(f"/api/networks/{net['id']}/forward", json={}).json()["outputs"][0][0]
    for value in (
        h,
        y,
        step["loss"],
        w1,
        w2,
        after,
        *[w[0][0] for w in step["network"]["weights"]],
    ):
        assert f"{value:.4f}" in words


def test_activation_curves_are_g_and_its_derivative(client):
    curves = {c["name"]: c for c in client.get("/api/activations?points=9").json()}
    assert set(curves) == {"sigmoid", "tanh", "relu", "leaky_relu", "linear"}
    s = curves["sigmoid"]
    np.testing.assert_allclose(s["g"], 1 / (1 + np.exp(-np.array(s["z"]))), rtol=1e-15)
    np.testing.assert_allclose(s["dg"], np.array(s["g"]) * (1 - np.array(s["g"])), rtol=1e-15)
    np.testing.assert_allclose(curves["tanh"]["dg"], 1 - np.tanh(curves["tanh"]["z"]) ** 2)


@pytest.mark.parametrize("p_true, error", [(0.9, 0.105), (0.5, 0.693), (0.01, 4.605)])
def test_softmax_cross_entropy_grows_steeply_as_p_falls(client, p_true, error):
    # logits giving the true class probability p_true against two equal others
    z = [math.log(p_true), math.log((1 - p_true) / 2), math.log((1 - p_true) / 2)]
    got = client.get("/api/softmax", params={"z": z, "target": 0}).json()
    assert math.isclose(sum(got["p"]), 1.0, rel_tol=1e-12)
    assert math.isclose(got["p"][0], p_true, rel_tol=1e-12)
    assert round(got["error"], 3) == error


def test_softmax_refuses_a_target_out_of_range(client):
    got = client.get("/api/softmax", params={"z": [1, 2], "target": 2})
    assert got.status_code == 422 and got.json()["detail"][0]["loc"] == ["query", "target"]
