"""What the page's "My networks" list reads: each network's loss and times, and renames."""

from .helpers import NETWORKS, create, state, step


def test_listing_carries_the_last_loss_and_times(client):
    a = create(client, preset="xor", name="a")
    before = {n["id"]: n for n in client.get(NETWORKS).json()}[a["id"]]
    assert before["last_loss"] is None
    assert before["created_at"] <= before["updated_at"]
    taken = step(client, a["id"])
    after = {n["id"]: n for n in client.get(NETWORKS).json()}[a["id"]]
    assert after["last_loss"] == taken["loss"] == state(client, a["id"])["last_loss"]
    assert after["created_at"] == before["created_at"]
    assert after["updated_at"] >= before["updated_at"]


def test_a_bad_name_is_refused_naming_the_field_and_changes_nothing(client):
    a = create(client, preset="xor", name="kept")
    response = client.patch(f"{NETWORKS}/{a['id']}", json={"name": "x" * 10000})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "name"
    assert state(client, a["id"]) == a
