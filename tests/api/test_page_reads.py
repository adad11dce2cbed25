"""What the page reads instead of computing: forward's split and accuracy, history since, kinds."""

import numpy as np
import pytest

from app.engine import builtin_dataset

from .helpers import NETWORKS, assert_names, create, engine_network, step


def forward(client, nid: str, **body) -> dict:
    response = client.post(f"{NETWORKS}/{nid}/forward", json=body)
    assert response.status_code == 200, response.text
    return response.json()


def counted(outputs, targets, middle: float) -> int:
    """Right answers of one output, counted by hand: output >= middle against target > middle."""
    return sum((o[0] >= middle) == (t[0] > middle) for o, t in zip(outputs, targets))


@pytest.mark.parametrize("split", ["train", "test"])
def test_forward_runs_a_split_of_the_dataset_with_its_accuracy(client, split):
    s = create(client, preset="circle", seed=3)
    for _ in range(5):
        step(client, s["id"])
    r = forward(client, s["id"], split=split)
    data = builtin_dataset("circle")
    x, t = (
        (data.inputs, data.targets) if split == "train" else (data.test_inputs, data.test_targets)
    )
    assert r["inputs"] == x.tolist() and r["targets"] == t.tolist()
    net = engine_network(client.get(f"{NETWORKS}/{s['id']}").json())
    outputs = net.forward(x).outputs
    assert r["outputs"] == outputs.tolist()
    right = counted(outputs, t, 0.5)
    assert r["accuracy"] == {
        "correct": right,
        "total": len(x),
        "undecided": 0,
        "fraction": right / len(x),
    }
    assert 0 < right < len(x)  # a half-trained network: neither count is trivial


def test_forward_defaults_to_the_train_split(client):
    s = create(client, preset="circle", seed=3)
    assert forward(client, s["id"]) == forward(client, s["id"], split="train")


def test_forward_accuracy_of_softmax_is_argmax(client):
    s = create(client, preset="softmax", seed=1)
    step(client, s["id"])
    r = forward(client, s["id"])
    right = int(np.sum(np.argmax(r["outputs"], axis=1) == np.argmax(r["targets"], axis=1)))
    assert r["accuracy"]["correct"] == right and r["accuracy"]["total"] == len(r["outputs"])


def test_forward_accuracy_of_tanh_thresholds_at_zero(client):
    rows = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
    labels = [[-1.0], [1.0], [1.0], [-1.0]]
    s = create(
        client,
        output_activation="tanh",
        loss="mse",
        seed=2,
        dataset={"inputs": rows, "targets": labels},
    )
    r = forward(client, s["id"])
    assert r["accuracy"]["correct"] == counted(r["outputs"], labels, 0.0)


def test_forward_accuracy_is_null_without_targets_or_a_threshold(client):
    s = create(client, seed=2)
    assert forward(client, s["id"], inputs=[[0.0, 1.0]])["accuracy"] is None
    relu = create(client, output_activation="relu", loss="mse", seed=2)
    assert forward(client, relu["id"])["accuracy"] is None


def test_forward_refuses_a_test_split_it_does_not_have(client):
    s = create(client, seed=2)  # xor: no test split
    assert_names(client.post(f"{NETWORKS}/{s['id']}/forward", json={"split": "test"}), "split")
    assert_names(client.post(f"{NETWORKS}/{s['id']}/forward", json={"split": "all"}), "split")


def test_forward_refuses_a_split_beside_inputs(client):
    s = create(client, preset="circle", seed=2)
    body = {"inputs": [[0.0, 1.0]], "split": "test"}
    assert_names(client.post(f"{NETWORKS}/{s['id']}/forward", json=body), "split")


def test_history_since_gives_only_the_later_steps(client):
    s = create(client, preset="circle", seed=2)  # a test split: test losses once an epoch
    client.post(f"{NETWORKS}/{s['id']}/train", json={"steps": 30})
    whole = client.get(f"{NETWORKS}/{s['id']}/history").json()
    assert whole["steps"] == list(range(1, 31))
    for since in (0, 1, 23, 30, 99):
        part = client.get(f"{NETWORKS}/{s['id']}/history", params={"since": since}).json()
        assert part == {key: values[since:] for key, values in whole.items()}, since
    for since in (-1, 2**53 + 1, "x"):
        bad = client.get(f"{NETWORKS}/{s['id']}/history", params={"since": since})
        assert_names(bad, "since")


def test_explain_factors_carry_their_kind_and_activation(client):
    s = create(client, seed=4)  # 2-3-1, tanh hidden, sigmoid output
    explain = f"{NETWORKS}/{s['id']}/explain"
    out = client.get(explain, params={"layer": 1, "to": 0, "from": 2}).json()["factors"]
    assert [(f["kind"], f["activation"]) for f in out] == [
        ("loss_gradient", None),
        ("activation_derivative", "sigmoid"),
        ("input", None),
    ]
    bias = client.get(explain, params={"layer": 0, "to": 1}).json()["factors"]
    assert [(f["kind"], f["activation"]) for f in bias] == [
        ("back_propagated_error", None),
        ("activation_derivative", "tanh"),
        ("bias_input", None),
    ]
    soft = create(client, preset="softmax", seed=1)
    factors = client.get(
        f"{NETWORKS}/{soft['id']}/explain", params={"layer": 1, "to": 0, "from": 0}
    ).json()["factors"]
    assert [f["kind"] for f in factors] == ["output_delta", "input"]


def test_explain_names_its_batch_rows(client):
    """The inspector numbers each column by its dataset row: explain gives the rows it ran."""
    s = create(client, preset="circle", seed=3, batch_size=5)
    address = {"layer": 0, "from": 0, "to": 0}
    preview = client.get(f"{NETWORKS}/{s['id']}/explain", params=address).json()
    data = client.get(f"{NETWORKS}/{s['id']}/dataset").json()
    rows = list(zip(data["inputs"], data["targets"], strict=True))
    assert preview["kind"] == "preview" and len(preview["inputs"]) == 5
    assert all(pair in rows for pair in zip(preview["inputs"], preview["targets"], strict=True))
    step(client, s["id"])
    kept = client.get(f"{NETWORKS}/{s['id']}/explain", params=address).json()
    last = client.get(f"{NETWORKS}/{s['id']}/last-step").json()
    assert kept["kind"] == "last_step"
    assert (kept["inputs"], kept["targets"]) == (last["inputs"], last["targets"])
    assert (kept["inputs"], kept["targets"]) == (preview["inputs"], preview["targets"])
    assert len(kept["products"]) == len(kept["inputs"])
