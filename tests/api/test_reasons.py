"""Refusals carry their kind: a 422 item's `type` (and its numbers in ctx) name the reason, so
the page can say it in Chinese; the English tables say exactly what the server says."""

import json
import re
from pathlib import Path

import pytest

TABLES = Path(__file__).resolve().parents[2] / "static" / "i18n"
EN = json.loads((TABLES / "en.json").read_text(encoding="utf-8"))
ZH = json.loads((TABLES / "zh.json").read_text(encoding="utf-8"))


def filled(template: str, ctx: dict) -> str:
    """The page's t(): {name} replaced by String(value) (JSON's 0.0 reads as 0 in JS)."""

    def js(v: object) -> str:
        return str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)

    return re.sub(
        r"\{(\w+)\}", lambda m: js(ctx[m.group(1)]) if m.group(1) in ctx else m.group(0), template
    )


PATCHES = [
    ({"learning_rate": -1}, "greater_than"),
    ({"learning_rate": 1e20}, "less_than_equal"),
    ({"learning_rate": "fast"}, "float_type"),
    ({"batch_size": 2.5}, "whole_number"),
    ({"batch_size": 5}, "batch_over_dataset"),
    ({"loss": "cross_entropy"}, "cross_entropy_zero_target"),
]


@pytest.mark.parametrize(("body", "kind"), PATCHES)
def test_a_refusal_names_its_kind_and_the_tables_say_it(client, body: dict, kind: str) -> None:
    net = client.post("/api/networks", json={"preset": "xor"}).json()
    r = client.patch(f"/api/networks/{net['id']}", json=body)
    assert r.status_code == 422
    item = r.json()["detail"][0]
    assert item["type"] == kind
    assert filled(EN[f"reason.{kind}"], item.get("ctx", {})) == item["msg"]
    assert "{" not in filled(ZH[f"reason.{kind}"], item.get("ctx", {}))
    # refused: nothing changed
    assert client.get(f"/api/networks/{net['id']}").json()["revision"] == net["revision"]


def test_softmax_on_one_output_is_refused_by_kind(client) -> None:
    body = {
        "layers": [2, 1],
        "dataset": "xor",
        "output_activation": "softmax",
        "loss": "cross_entropy",
    }
    item = client.post("/api/networks", json=body).json()["detail"][0]
    assert item["type"] == "softmax_single_output"
    assert EN["reason.softmax_single_output"] == item["msg"]
    assert item["ctx"]["fix"] == {"output_activation": "sigmoid", "loss": "binary_cross_entropy"}


def test_a_diverging_step_and_an_overflowing_forward_pass_name_their_kind(client) -> None:
    body = {"preset": "xor", "output_activation": "linear", "loss": "mse", "learning_rate": 1000}
    net = client.post("/api/networks", json=body).json()
    for _ in range(200):  # a linear output at α = 1000 overflows within a few steps
        r = client.post(f"/api/networks/{net['id']}/step", json={})
        if r.status_code != 200:
            break
    assert r.status_code == 409
    assert r.json()["code"] == "diverged" and "diverged" in r.json()["detail"]
    assert "{" not in ZH["reason.diverged"]
    run = client.post(f"/api/networks/{net['id']}/forward", json={"split": "train"})
    if run.status_code == 422:  # the weights it stopped at may overflow a forward pass too
        item = run.json()["detail"][0]
        assert item["type"] == "not_finite" and item["msg"] == EN["reason.not_finite"]
