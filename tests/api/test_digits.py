"""The digits preset: POST /train takes a 64-32-10 network past 90 % on held-out images."""

from .helpers import NETWORKS, create


def test_the_digits_preset_passes_90_percent_test_accuracy_in_1000_steps(client):
    s = create(client, preset="digits", seed=1)
    assert s["layers"] == [64, 32, 10]
    assert (s["output_activation"], s["loss"]) == ("softmax", "cross_entropy")
    assert s["dataset"]["image"] == [8, 8] and s["dataset"]["test_size"] == 359
    url = f"{NETWORKS}/{s['id']}"
    before = client.post(f"{url}/forward", json={"split": "test"}).json()["accuracy"]
    assert before["total"] == 359 and before["fraction"] < 0.3  # chance is 10 %
    trained = client.post(f"{url}/train", json={"steps": 1000})
    assert trained.status_code == 200, trained.text
    after = client.post(f"{url}/forward", json={"split": "test"}).json()["accuracy"]
    assert after["fraction"] > 0.9, after
