"""GET /api/networks/{id}/worksheet: one example by hand, the numbers a worksheet asks for."""

import math

import pytest

from .helpers import create, state, step


def test_the_article_example_by_hand_and_the_step_it_makes(client):
    net = create(client, preset="article")  # one example, batch of 1: the sheet is the step
    sheet = client.get(f"/api/networks/{net['id']}/worksheet").json()
    h = 1 / (1 + math.exp(0.2 * 10))
    y = 1 / (1 + math.exp(-5 * h))
    assert sheet["z"] == [pytest.approx([-2.0]), pytest.approx([5 * h])]
    assert sheet["a"] == [pytest.approx([h]), pytest.approx([y])]
    assert sheet["delta"][1] == pytest.approx([y - 1])  # sigmoid and cross-entropy
    assert sheet["gradient_weights"][1] == [[pytest.approx((y - 1) * h)]]
    assert sheet["error"] == pytest.approx(-math.log(y))
    step(client, net["id"])
    after = state(client, net["id"])
    assert sheet["new_weights"] == after["weights"]  # exactly the server's step


def test_each_example_of_xor_and_a_bad_row(client):
    net = create(client, preset="xor")
    rows = client.get(f"/api/networks/{net['id']}/dataset").json()
    sheet = client.get(f"/api/networks/{net['id']}/worksheet?example=3").json()
    assert sheet["inputs"] == rows["inputs"][3] and sheet["targets"] == rows["targets"][3]
    forward = client.post(f"/api/networks/{net['id']}/forward", json={"inputs": [sheet["inputs"]]})
    assert sheet["a"][-1] == forward.json()["outputs"][0]
    refused = client.get(f"/api/networks/{net['id']}/worksheet?example=4")
    assert refused.status_code == 422 and refused.json()["detail"][0]["loc"] == ["query", "example"]


def test_a_worksheet_counts_against_the_budget(make_client):
    client = make_client(max_response_bytes=2000)
    net = create(client, layers=[2, 8, 8, 1], dataset="xor")
    refused = client.get(f"/api/networks/{net['id']}/worksheet")
    assert refused.status_code == 422 and "budget" in refused.text
