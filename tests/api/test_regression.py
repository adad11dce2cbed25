"""The regression presets: a linear output and MSE fit Playground's plane and bumps."""

from .helpers import NETWORKS, create


def test_the_plane_preset_fits_the_plane(client):
    s = create(client, preset="plane", seed=1)
    assert (s["output_activation"], s["loss"], s["dataset"]["name"]) == ("linear", "mse", "plane")
    url = f"{NETWORKS}/{s['id']}"
    client.post(f"{url}/train", json={"steps": 2000})
    test = client.post(f"{url}/forward", json={"split": "test"}).json()
    assert test["loss"] < 1e-4 and test["accuracy"] is None  # no classes to count


def test_the_multi_gauss_preset_learns_below_the_mean_guess(client):
    s = create(client, preset="multi-gauss", seed=1)
    url = f"{NETWORKS}/{s['id']}"
    trained = client.post(f"{url}/train", json={"steps": 4000}).json()
    assert not trained["stopped_early"]
    targets = [t[0] for t in client.get(f"{url}/dataset").json()["targets"]]
    mean = sum(targets) / len(targets)
    mean_guess = sum((t - mean) ** 2 for t in targets) / len(targets) / 2  # E = mean of (y-t)^2/2
    assert trained["losses"][-50:] and sum(trained["losses"][-50:]) / 50 < mean_guess * 0.8
