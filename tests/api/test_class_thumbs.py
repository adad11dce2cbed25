"""The teacher's thumbnails carry training points to draw over the boundary, metered."""

import re

import numpy as np

from .class_helpers import TEACHER, student

THUMB = "/api/class?thumbnail=8"


def _boundary(client) -> dict:
    """The one student's thumbnail."""
    (row,) = client.get(THUMB, headers=TEACHER).json()["networks"]
    return row["boundary"]


def _rows(client, network_id: str) -> tuple[np.ndarray, np.ndarray]:
    """The network's training inputs and targets (GET /dataset)."""
    rows = client.get(f"/api/networks/{network_id}/dataset").json()
    return np.array(rows["inputs"]), np.array(rows["targets"])


def test_every_xor_point_comes_with_its_target_class(make_shared):
    client = make_shared()
    net, _ = student(client)
    boundary = _boundary(client)
    inputs, targets = _rows(client, net["id"])
    assert boundary["points"] == inputs.tolist()
    assert boundary["labels"] == (targets[:, 0] > 0.5).astype(int).tolist() == [0, 1, 1, 0]


def test_several_classes_are_the_targets_argmax(make_shared):
    client = make_shared()
    net, _ = student(client, preset="softmax")
    boundary = _boundary(client)
    inputs, targets = _rows(client, net["id"])
    shown = [inputs.round(4).tolist().index(p) for p in boundary["points"]]
    assert boundary["labels"] == np.argmax(targets[shown], axis=1).tolist()
    assert set(boundary["labels"]) == {0, 1, 2}


def test_a_large_dataset_is_sampled_through_every_class(make_shared):
    client = make_shared()
    net, _ = student(client, preset="spiral")
    boundary = _boundary(client)
    inputs, targets = _rows(client, net["id"])
    assert len(inputs) > 200 and len(boundary["points"]) == len(boundary["labels"]) == 200
    rows = inputs.round(4).tolist()
    shown = [rows.index(p) for p in boundary["points"]]  # each one a training point
    assert len(set(shown)) == 200 and shown == sorted(shown)
    assert boundary["labels"] == (targets[shown, 0] > 0.5).astype(int).tolist()
    assert set(boundary["labels"]) == {0, 1}


def _estimate(client, url: str) -> int:
    """The bytes the budget counts for `url`: read from its refusal under a 1-byte budget."""
    refused = client.get(url, headers=TEACHER)
    assert refused.status_code == 422, refused.text
    return int(re.search(r"about (\d+) bytes", refused.json()["detail"][0]["msg"])[1])


def test_the_points_count_against_the_response_budget(make_shared):
    client = make_shared()
    for preset in ("spiral", "softmax", "xor"):
        student(client, preset=preset)
    answer = client.get(THUMB, headers=TEACHER)
    tight = make_shared(max_response_bytes=1)  # the same class, after a restart
    estimate = _estimate(tight, THUMB)
    assert estimate >= len(answer.content)
    points = sum(len(r["boundary"]["points"]) for r in answer.json()["networks"])
    assert estimate - _estimate(tight, "/api/class?thumbnail=0") >= 8 * 8 * 3 * 2 + points * 48
    just = make_shared(max_response_bytes=estimate - 1)
    refused = just.get(THUMB, headers=TEACHER)
    assert refused.json()["detail"][0]["loc"] == ["query", "thumbnail"]
    assert make_shared(max_response_bytes=estimate).get(THUMB, headers=TEACHER).status_code == 200
