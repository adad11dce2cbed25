"""Create, PATCH and import refuse setups that cannot learn (422 with the reason)."""

import pytest

from app.lessons import LESSONS
from app.presets import PRESETS

from .helpers import NETWORKS, assert_names, create, state


def reason(response) -> str:
    return response.json()["detail"][0]["msg"]


def test_create_refuses_softmax_on_one_output(client):
    r = client.post(
        NETWORKS, json={"layers": [2, 3, 1], "output_activation": "softmax", "loss": "mse"}
    )
    assert_names(r, "output_activation")
    assert "single output unit" in reason(r)
    # the preset keeps its softmax when only the layers change
    r = client.post(NETWORKS, json={"preset": "softmax", "layers": [2, 5, 1], "dataset": "xor"})
    assert_names(r, "output_activation")
    assert client.get(NETWORKS).json() == []


def test_create_refuses_cross_entropy_on_a_sigmoid_output_with_a_target_of_zero(client):
    r = client.post(NETWORKS, json={"preset": "xor", "loss": "cross_entropy"})
    assert_names(r, "loss")
    assert "binary_cross_entropy" in reason(r)
    inline = {"inputs": [[1.0], [2.0]], "targets": [[1.0], [1.0]]}
    test_zero = {**inline, "test_inputs": [[3.0]], "test_targets": [[0.0]]}
    body = {"layers": [1, 1, 1], "loss": "cross_entropy", "output_activation": "sigmoid"}
    assert_names(client.post(NETWORKS, json={**body, "dataset": test_zero}), "loss")
    create(client, **body, dataset=inline)  # every target 1: it can learn (y -> 1)


def test_the_article_setup_stays_valid(client):
    s = create(client, preset="article")
    assert (s["output_activation"], s["loss"], s["layers"]) == (
        "sigmoid",
        "cross_entropy",
        [1, 1, 1],
    )


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"loss": "cross_entropy"}, "loss"),
        ({"output_activation": "softmax", "loss": "mse"}, "output_activation"),
    ],
)
def test_patch_refuses_and_changes_nothing(client, change, field):
    s = create(client, preset="xor", seed=1)
    r = client.patch(f"{NETWORKS}/{s['id']}", json={**change, "learning_rate": 0.25})
    assert_names(r, field)
    assert state(client, s["id"]) == s


def test_import_refuses_what_cannot_learn(client):
    s = create(client, preset="xor", seed=1)
    doc = client.get(f"{NETWORKS}/{s['id']}/export").json()
    assert_names(client.post(f"{NETWORKS}/import", json={**doc, "loss": "cross_entropy"}), "loss")


def test_every_preset_and_lesson_network_can_learn(client):
    names = set(PRESETS) | {p for lesson in LESSONS for p in lesson["presets"]}
    for name in sorted(names):
        create(client, preset=name)


def test_a_refusal_names_the_setting_that_would_learn(client):
    """The 422 carries ctx.fix: what the page offers instead (binary cross-entropy)."""
    r = client.post(NETWORKS, json={"preset": "xor", "loss": "cross_entropy"})
    assert r.json()["detail"][0]["ctx"] == {"fix": {"loss": "binary_cross_entropy"}}
    fixed = create(client, preset="xor", **r.json()["detail"][0]["ctx"]["fix"])
    assert fixed["loss"] == "binary_cross_entropy"
    r = client.post(NETWORKS, json={"preset": "xor", "output_activation": "softmax", "loss": "mse"})
    fix = r.json()["detail"][0]["ctx"]["fix"]
    assert fix == {"output_activation": "sigmoid", "loss": "binary_cross_entropy"}
    s = create(client, preset="xor", seed=1)
    r = client.patch(f"{NETWORKS}/{s['id']}", json={"loss": "cross_entropy"})
    assert r.json()["detail"][0]["ctx"]["fix"] == {"loss": "binary_cross_entropy"}
    # other refusals carry no fix
    other = client.post(NETWORKS, json={"layers": [2, 0, 1]}).json()["detail"][0]
    assert "fix" not in other.get("ctx", {})  # its ctx holds only the bound: {"ge": 1}
