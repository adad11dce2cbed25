"""Export and import: contradictions refused, a large export re-imported, counters bounded."""

from app.settings import Settings, import_body_bytes


def exported(client, **body) -> dict:
    nid = client.post("/api/networks", json=body or {"preset": "xor", "seed": 3}).json()["id"]
    return client.get(f"/api/networks/{nid}/export").json()


def test_builtin_dataset_with_other_rows_is_refused(client):
    doc = exported(client)
    assert doc["builtin_dataset"] is True
    doc["dataset"]["targets"] = [[1.0], [1.0], [1.0], [0.0]]
    response = client.post("/api/networks/import", json=doc)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "dataset", "targets"]
    doc["builtin_dataset"] = False  # as inline rows they are kept
    imported = client.post("/api/networks/import", json=doc)
    assert imported.status_code == 201
    rows = client.get(f"/api/networks/{imported.json()['id']}/dataset").json()
    assert rows["targets"] == [[1.0], [1.0], [1.0], [0.0]]


def test_non_zero_biases_without_use_bias_are_refused(client):
    doc = exported(client)
    doc["use_bias"], doc["biases"][0][1] = False, 0.5
    response = client.post("/api/networks/import", json=doc)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "biases"]
    doc["biases"] = [[0.0] * len(b) for b in doc["biases"]]
    assert client.post("/api/networks/import", json=doc).status_code == 201


def test_the_step_counter_cannot_pass_2_to_the_53(client):
    doc = exported(client)
    doc["step"] = 2**53 - 3
    nid = client.post("/api/networks/import", json=doc).json()["id"]
    too_many = client.post(f"/api/networks/{nid}/train", json={"steps": 4})
    assert too_many.status_code == 422
    assert too_many.json()["detail"][0]["loc"] == ["body", "steps"]
    assert client.post(f"/api/networks/{nid}/train", json={"steps": 3}).status_code == 200
    assert client.get(f"/api/networks/{nid}").json()["step"] == 2**53
    assert client.post(f"/api/networks/{nid}/step", json={}).status_code == 422
    doc["step"] = 2**53 + 1
    assert client.post("/api/networks/import", json=doc).status_code == 422


def test_a_large_network_s_export_imports_again(make_client):
    client = make_client()
    body = {"layers": [64, 256, 256, 10], "seed": 1, "init": "he", "hidden_activation": "relu"}
    body["dataset"] = {"inputs": [[0.5] * 64] * 4, "targets": [[1.0] + [0.0] * 9] * 4}
    body["output_activation"], body["loss"] = "softmax", "cross_entropy"
    nid = client.post("/api/networks", json=body).json()["id"]
    response = client.get(f"/api/networks/{nid}/export")
    assert len(response.content) > Settings().max_body_bytes  # past the ordinary body limit
    assert len(response.content) < import_body_bytes(Settings())
    again = client.post(
        "/api/networks/import",
        content=response.content,
        headers={"content-type": "application/json"},
    )
    assert again.status_code == 201, again.text[:200]
    state = client.get(f"/api/networks/{again.json()['id']}").json()
    assert state["weights"] == response.json()["weights"]
    create = client.post(
        "/api/networks", content=response.content, headers={"content-type": "application/json"}
    )
    assert create.status_code == 413  # other routes keep the ordinary limit
