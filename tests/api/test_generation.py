"""Generated built-ins on create, PATCH and export/import: noise, train_percent, data_seed."""

from .helpers import NETWORKS, assert_names, create, state

MADE = {"generate": "spiral", "points": 120, "noise": 25, "train_percent": 60, "data_seed": 8}


def test_create_with_a_generated_builtin_shows_how_it_was_made(client):
    s = create(client, preset="spiral", dataset=MADE)
    info = s["dataset"]
    assert (info["name"], info["size"], info["test_size"]) == ("spiral", 72, 48)
    assert info["generation"] == {"points": 120, "noise": 25, "train_percent": 60, "data_seed": 8}
    same = create(client, preset="spiral", dataset=MADE)
    rows = [client.get(f"{NETWORKS}/{n['id']}/dataset").json() for n in (s, same)]
    assert rows[0] == rows[1]
    plain = create(client, preset="spiral")
    assert plain["dataset"]["generation"] == {
        "points": 300,
        "noise": None,
        "train_percent": 80,
        "data_seed": 3,
    }


def test_bad_generation_is_a_422_naming_the_field(client):
    for given, field in (
        ({"generate": "xor"}, "generate"),
        ({"generate": "circle", "noise": 51}, "noise"),
        ({"generate": "circle", "train_percent": 95}, "train_percent"),
        ({"generate": "circle", "points": 5}, "points"),
        ({"generate": "circle", "seed": 1}, "seed"),
    ):
        assert_names(client.post(NETWORKS, json={"preset": "circle", "dataset": given}), field)
    assert client.get(NETWORKS).json() == []


def test_points_are_within_the_row_limit(make_client):
    small = make_client(max_rows=50)
    too_many = small.post(NETWORKS, json={"dataset": {"generate": "circle", "points": 51}})
    assert_names(too_many, "points")
    assert too_many.json()["detail"][0]["msg"] == "at most 50"


def test_patch_regenerates_the_data_in_place_and_undo_takes_it_back(client):
    s = create(client, preset="circle", seed=2)
    url = f"{NETWORKS}/{s['id']}"
    client.post(f"{url}/train", json={"steps": 4})
    regenerated = {"generate": "circle", "noise": 10, "data_seed": 11}
    changed = client.patch(url, json={"dataset": regenerated}).json()
    assert changed["dataset"]["generation"]["data_seed"] == 11
    assert (changed["step"], changed["undo_available"]) == (4, 5)  # the change, then the steps
    before = state(client, s["id"])
    assert_names(client.patch(url, json={"dataset": {"generate": "blobs3"}}), "targets")
    assert state(client, s["id"]) == before


def test_export_and_import_remake_the_generated_data(client):
    s = create(client, preset="spiral", dataset=MADE, seed=4)
    url = f"{NETWORKS}/{s['id']}"
    client.post(f"{url}/train", json={"steps": 5})
    doc = client.get(f"{url}/export").json()
    assert doc["builtin_dataset"] is True and doc["generation"]["noise"] == 25
    copy = client.post(f"{NETWORKS}/import", json=doc)
    assert copy.status_code == 201, copy.text
    assert copy.json()["dataset"]["generation"] == s["dataset"]["generation"]
    assert (
        client.get(f"{NETWORKS}/{copy.json()['id']}/dataset").json()
        == client.get(f"{url}/dataset").json()
    )
    # rows that are not what the generation makes are refused, not silently replaced
    doc["generation"]["data_seed"] = 9
    assert_names(client.post(f"{NETWORKS}/import", json=doc), "inputs")
