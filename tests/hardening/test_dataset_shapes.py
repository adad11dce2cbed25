"""A dataset that does not fit the network never reaches the compiled loop (once a segfault)."""

import sqlite3

import numpy as np

from app.engine import Dataset
from app.store.codec import encode_dataset

TRAIN = {
    "inputs": [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]],
    "targets": [[0], [1], [1], [0]],
}


def body(**dataset) -> dict:
    return {"layers": [2, 3, 1], "seed": 1, "dataset": {**TRAIN, **dataset}}


def test_test_inputs_narrower_than_the_input_layer_are_refused_everywhere(serve):
    server = serve()
    narrow = {"test_inputs": [[0.5], [0.25]], "test_targets": [[1], [0]]}
    with server.client() as http:
        created = http.post("/api/networks", json=body(**narrow))
        assert created.status_code == 422, created.text
        (error,) = created.json()["detail"]
        assert error["loc"] == ["body", "dataset", "test_inputs"]
        assert "1 columns" in error["msg"] and "input layer has 2" in error["msg"]

        good = http.post("/api/networks", json=body()).json()["id"]
        export = http.get(f"/api/networks/{good}/export").json()
        export["dataset"].update(narrow)
        imported = http.post("/api/networks/import", json=export)
        assert imported.status_code == 422
        assert imported.json()["detail"][0]["loc"] == ["body", "dataset", "test_inputs"]

        wide = {"test_inputs": [[0.5, 0.5]], "test_targets": [[1, 0]]}
        assert http.post("/api/networks", json=body(**wide)).status_code == 422
        unpaired = {"test_inputs": [[0.5, 0.5]]}
        assert http.post("/api/networks", json=body(**unpaired)).status_code == 422
        assert http.get("/healthz").status_code == 200


def test_a_stored_network_with_data_that_does_not_fit_is_refused_not_a_crash(serve, tmp_path):
    server = serve()
    with server.client() as http:
        nid = http.post("/api/networks", json=body()).json()["id"]
    server.stop()
    # write what an older version let through: test inputs one column short
    bad = Dataset(
        "custom",
        np.array(TRAIN["inputs"], dtype=float),
        np.array(TRAIN["targets"], dtype=float),
        np.array([[0.5]] * 3),
        np.array([[1.0]] * 3),
    )
    header, rows = encode_dataset(bad, builtin=False)
    with sqlite3.connect(server.db) as conn:
        conn.execute(
            "UPDATE networks SET dataset = ?, dataset_rows = ? WHERE id = ?", (header, rows, nid)
        )
    conn.close()
    server.start()
    with server.client() as http:
        for _ in range(3):
            trained = http.post(f"/api/networks/{nid}/train", json={"steps": 40})
            assert trained.status_code == 409, trained.text
            assert "test_inputs" in trained.json()["detail"]
        assert http.post(f"/api/networks/{nid}/step", json={}).status_code == 409
        assert http.get(f"/api/networks/{nid}").json()["step"] == 0  # nothing was done
        assert http.get("/healthz").status_code == 200
        assert http.delete(f"/api/networks/{nid}").status_code == 204  # and it can go
    assert server.proc.poll() is None  # the process is alive
