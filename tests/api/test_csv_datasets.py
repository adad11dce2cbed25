"""CSV datasets on create and PATCH: fitted layers, errors naming the cell, undo."""

from .helpers import NETWORKS, assert_names, create, state

XOR = "x1,x2,label\n0,0,no\n0,1,yes\n1,0,yes\n1,1,no\n"
THREE = "a,b,kind\n0,1,r\n1,0,g\n1,1,b\n0,0,r\n"
VALUES = "x,y\n0,0.5\n1,1.5\n2,2.5\n"


def csv(text: str, target: str, standardize: bool = False) -> dict:
    return {"csv": text, "target": target, "standardize": standardize}


def test_create_fits_the_layers_output_and_loss_to_the_csv_and_shows_its_columns(client):
    s = create(client, dataset=csv(XOR, "label"))
    assert s["layers"] == [2, 3, 1]  # the xor preset's hidden layer between the CSV's sizes
    assert (s["output_activation"], s["loss"]) == ("sigmoid", "binary_cross_entropy")
    assert s["dataset"]["csv"] == {
        "columns": ["x1", "x2"],
        "target": "label",
        "task": "classification",
        "classes": ["no", "yes"],
        "standardization": None,
    }
    rows = client.get(f"{NETWORKS}/{s['id']}/dataset").json()
    assert rows["inputs"] == [[0, 0], [0, 1], [1, 0], [1, 1]]
    assert rows["targets"] == [[0], [1], [1], [0]]


def test_three_classes_are_softmax_and_a_regression_is_linear_mse(client):
    three = create(client, dataset=csv(THREE, "kind"))
    assert three["layers"] == [2, 3, 3]
    assert (three["output_activation"], three["loss"]) == ("softmax", "cross_entropy")
    values = create(client, dataset=csv(VALUES, "y"), layers=[1, 4, 1])
    assert (values["output_activation"], values["loss"]) == ("linear", "mse")
    assert values["dataset"]["csv"]["task"] == "regression"


def test_a_csv_network_trains_and_standardisation_is_shown(client):
    s = create(client, dataset=csv(XOR, "label", standardize=True), seed=3, learning_rate=1.0)
    assert s["dataset"]["csv"]["standardization"] == {"means": [0.5, 0.5], "scales": [0.5, 0.5]}
    trained = client.post(f"{NETWORKS}/{s['id']}/train", json={"steps": 2000}).json()
    assert trained["losses"][-1] < trained["losses"][0] / 10
    forward = client.post(f"{NETWORKS}/{s['id']}/forward", json={}).json()
    assert forward["accuracy"]["correct"] == 4


def test_bad_csv_is_a_422_naming_line_and_column_and_creates_nothing(client):
    response = client.post(NETWORKS, json={"dataset": csv("x1,x2,y\n1,2,0\n1,abc,1\n", "y")})
    assert_names(response, "csv")
    assert response.json()["detail"][0]["msg"] == 'line 3, column x2: "abc" is not a number'
    assert_names(client.post(NETWORKS, json={"dataset": csv(XOR, "nope")}), "target")
    assert client.get(NETWORKS).json() == []


def test_given_layers_must_fit_the_csv(client):
    response = client.post(NETWORKS, json={"dataset": csv(XOR, "label"), "layers": [3, 1]})
    assert_names(response, "inputs")


def test_csv_rows_and_inputs_are_within_the_server_limits(make_client):
    small = make_client(max_rows=3, max_inputs=1)
    too_many_rows = small.post(NETWORKS, json={"dataset": csv(VALUES + "3,3.5\n", "y")})
    assert too_many_rows.json()["detail"][0]["msg"] == "4 data rows; at most 3"
    too_wide = small.post(NETWORKS, json={"dataset": csv("a,b,y\n1,2,0\n", "y")})
    assert too_wide.json()["detail"][0]["msg"] == "2 input columns; at most 1"


def test_patch_swaps_the_dataset_keeps_history_restarts_the_cursor_and_undo_takes_it_back(
    client,
):
    s = create(client, preset="xor", seed=1)
    url = f"{NETWORKS}/{s['id']}"
    client.post(f"{url}/train", json={"steps": 5})
    assert state(client, s["id"])["undo_available"] == 5
    new = "x1,x2,y\n1,1,1\n0,0,0\n1,0,1\n"
    changed = client.patch(url, json={"dataset": csv(new, "y")})
    assert changed.status_code == 200, changed.text
    body = changed.json()
    assert (body["step"], body["undo_available"], body["has_last_step"]) == (5, 6, False)
    assert body["dataset"]["size"] == 3 and body["dataset"]["csv"]["target"] == "y"
    assert client.get(f"{url}/export").json()["cursor"] == 0
    assert client.get(f"{url}/dataset").json()["inputs"] == [[1, 1], [0, 0], [1, 0]]
    assert client.get(f"{url}/history").json()["steps"] == [1, 2, 3, 4, 5]
    assert client.post(f"{url}/undo").json()["dataset"]["name"] == "xor"  # the change
    assert client.post(f"{url}/undo").json()["step"] == 4  # then the steps before it
    # and back to a built-in by name, stored by name again
    client.patch(url, json={"dataset": "and"})
    assert client.get(f"{url}/export").json()["builtin_dataset"] is True
    assert state(client, s["id"])["dataset"]["name"] == "and"


def test_a_refused_patch_changes_nothing(client):
    s = create(client, preset="xor", seed=1)
    url = f"{NETWORKS}/{s['id']}"
    client.post(f"{url}/train", json={"steps": 3})
    before = state(client, s["id"])
    bad = client.patch(url, json={"dataset": csv("x1,x2,y\n1,2,0\n1,2\n", "y"), "name": "n"})
    assert_names(bad, "csv")
    assert bad.json()["detail"][0]["msg"] == "line 3: 2 fields, the header has 3"
    assert_names(client.patch(url, json={"dataset": csv(THREE, "kind")}), "targets")
    assert_names(client.patch(url, json={"dataset": csv(VALUES, "y")}), "inputs")
    assert state(client, s["id"]) == before
    assert client.get(f"{url}/dataset").json()["name"] == "xor"


def test_export_and_import_keep_what_the_csv_columns_became(client):
    s = create(client, dataset=csv(XOR, "label", standardize=True), seed=2)
    doc = client.get(f"{NETWORKS}/{s['id']}/export").json()
    assert doc["csv"] == s["dataset"]["csv"] and doc["builtin_dataset"] is False
    copy = client.post(f"{NETWORKS}/import", json=doc)
    assert copy.status_code == 201, copy.text
    assert copy.json()["dataset"]["csv"] == s["dataset"]["csv"]
    doc["csv"]["columns"] = ["x1"]
    assert_names(client.post(f"{NETWORKS}/import", json=doc), "columns")
    assert len(client.get(NETWORKS).json()) == 2
