"""GET /api/config's data options are the ones the server enforces, at both edges."""

from app.engine import FEATURES

from .helpers import NETWORKS, assert_names, create


def test_config_lists_the_features_and_generation_limits(make_client):
    client = make_client(max_rows=400)
    c = client.get("/api/config").json()
    assert c["features"] == list(FEATURES)
    limits = c["limits"]
    nid = create(client, preset="circle")["id"]

    def patch(**generation):
        body = {"dataset": {"generate": "circle", **generation}}
        return client.patch(f"{NETWORKS}/{nid}", json=body)

    for field, (low, high) in (
        ("noise", limits["noise"]),
        ("train_percent", limits["train_percent"]),
        ("points", limits["points"]),
    ):
        assert patch(**{field: low}).status_code == 200, field
        assert patch(**{field: high}).status_code == 200, field
        assert_names(patch(**{field: low - 1}), field)
        assert_names(patch(**{field: high + 1}), field)
