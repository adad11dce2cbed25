"""The work budget: a maximal train is refused past it, and never stalls other clients."""

import statistics
import threading
import time

ROWS = 16
# Limits for these tests: the largest allowed network is then 64-128-128-128-128.
LIMITS = {
    "BACKPROP_MAX_INPUTS": "64",
    "BACKPROP_MAX_UNITS": "128",
    "BACKPROP_MAX_HIDDEN_LAYERS": "3",
    "BACKPROP_UNDO_DEPTH": "20",
}
LARGEST = [64, 128, 128, 128, 128]
TARGET_SECONDS = 2.5  # how long the maximal train should take


def parameter_count(layers: list[int]) -> int:
    return sum(n_in * n_out + n_out for n_in, n_out in zip(layers, layers[1:]))


def largest_network(http) -> str:
    """Create the largest network the LIMITS allow, on ROWS inline rows; its id."""
    inputs = [[((r * 7 + c) % 11) / 10 - 0.5 for c in range(LARGEST[0])] for r in range(ROWS)]
    targets = [[float((r + c) % 2) for c in range(LARGEST[-1])] for r in range(ROWS)]
    body = {
        "name": "largest",
        "layers": LARGEST,
        "hidden_activation": "tanh",
        "output_activation": "sigmoid",
        "loss": "mse",
        "learning_rate": 0.01,
        "batch_size": ROWS,
        "seed": 3,
        "dataset": {"inputs": inputs, "targets": targets},
    }
    response = http.post("/api/networks", json=body)
    assert response.status_code == 201, response.text
    return response.json()["id"]


def test_work_past_the_budget_is_a_clear_422(make_client):
    client = make_client(max_work=1040)
    nid = client.post("/api/networks", json={"preset": "xor"}).json()["id"]  # 2-3-1: 13 parameters
    ok = client.post(f"/api/networks/{nid}/train", json={"steps": 20, "batch_size": 4})
    assert ok.status_code == 200  # 20 x 4 x 13 = 1040
    refused = client.post(f"/api/networks/{nid}/train", json={"steps": 21, "batch_size": 4})
    assert refused.status_code == 422
    (error,) = refused.json()["detail"]
    assert error["loc"] == ["body", "steps"]
    assert "work budget of 1040" in error["msg"] and "fewer steps" in error["msg"]
    assert client.get(f"/api/networks/{nid}").json()["step"] == 20  # nothing was done


def test_budget_applies_to_single_steps_on_given_rows(make_client):
    client = make_client(max_work=13 * 100)
    nid = client.post("/api/networks", json={"preset": "xor"}).json()["id"]
    rows = {"inputs": [[0.0, 1.0]] * 101, "targets": [[1.0]] * 101}
    assert client.post(f"/api/networks/{nid}/step", json=rows).status_code == 422
    rows = {"inputs": [[0.0, 1.0]] * 100, "targets": [[1.0]] * 100}
    assert client.post(f"/api/networks/{nid}/step", json=rows).status_code == 200


def calibrate(http, nid: str) -> tuple[int, float]:
    """Steps of a ROWS-row batch that take about TARGET_SECONDS here, and one step's seconds."""
    steps, elapsed = 5, 0.0
    while elapsed < 0.5 and steps < 100_000:
        steps *= 4
        started = time.perf_counter()
        response = http.post(f"/api/networks/{nid}/train", json={"steps": steps})
        elapsed = time.perf_counter() - started
        assert response.status_code == 200, response.text
    per_step = elapsed / steps
    return max(20, round(TARGET_SECONDS / per_step)), per_step


def test_maximal_train_does_not_stall_other_clients(serve, tmp_path):
    """While a train at the work budget runs, /healthz and a step elsewhere answer promptly."""
    params = parameter_count(LARGEST)
    probe = serve(env={**LIMITS, "BACKPROP_MAX_WORK": str(10**13)})
    with probe.client() as http:
        nid = largest_network(http)
        steps, per_step = calibrate(http, nid)
    probe.stop()

    budget = steps * ROWS * params
    server = serve(env={**LIMITS, "BACKPROP_MAX_WORK": str(budget)})
    with server.client() as http:
        over = http.post(f"/api/networks/{nid}/train", json={"steps": steps + 1})
        assert over.status_code == 422
        assert f"work budget of {budget}" in over.json()["detail"][0]["msg"]
        small = http.post("/api/networks", json={"preset": "xor"}).json()["id"]
        assert http.post(f"/api/networks/{small}/step", json={}).status_code == 200

        outcome: dict = {}

        def train() -> None:
            started = time.perf_counter()
            with server.client() as own:
                outcome["response"] = own.post(f"/api/networks/{nid}/train", json={"steps": steps})
            outcome["seconds"] = time.perf_counter() - started

        trainer = threading.Thread(target=train, daemon=True)
        trainer.start()
        time.sleep(0.2)  # let the train begin
        latencies: dict[str, list[float]] = {"healthz": [], "step": []}
        deadline = time.monotonic() + 120
        while trainer.is_alive() and time.monotonic() < deadline:
            for kind, call in (
                ("healthz", lambda: http.get("/healthz")),
                ("step", lambda: http.post(f"/api/networks/{small}/step", json={})),
            ):
                started = time.perf_counter()
                response = call()
                latencies[kind].append(time.perf_counter() - started)
                assert response.status_code == 200, response.text
            time.sleep(0.05)
        trainer.join(timeout=120)
        assert not trainer.is_alive()

    assert outcome["response"].status_code == 200, outcome["response"].text
    assert outcome["response"].json()["step"] > steps
    duration = outcome["seconds"]
    # calibration on a busy machine can be off by 2x or so; still seconds, not milliseconds
    assert duration > 0.5, f"the maximal train took only {duration:.2f} s; calibration failed"
    summary = {k: (len(v), max(v), statistics.median(v)) for k, v in latencies.items()}
    for kind, (count, worst, _) in summary.items():
        assert count >= 3, summary
        assert worst < duration / 4, (
            f"{kind} took {worst:.2f} s during a {duration:.2f} s train: {summary}"
        )
