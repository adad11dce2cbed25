"""/embed: one network with chosen controls; only the listed sites may frame it (a setting)."""

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings

from .helpers import LOCAL, assert_names, create

LMS = "https://lms.example.org"


def csp(response) -> str:
    """The frame-ancestors directive of a response's Content-Security-Policy."""
    (directive,) = [
        d.strip()
        for d in response.headers["content-security-policy"].split(";")
        if d.strip().startswith("frame-ancestors")
    ]
    return directive


def test_embed_shows_the_named_network_with_the_chosen_controls(client):
    nid = create(client, preset="xor")["id"]
    page = client.get("/embed", params={"net": nid, "controls": "play,step"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert f'data-embed="play step" data-embed-net="{nid}"' in page.text  # the page's order
    assert "/static/css/embed.css" in page.text
    default = client.get("/embed", params={"net": nid})
    assert 'data-embed="reset play step"' in default.text
    assert 'data-embed=""' in client.get("/embed", params={"net": nid, "controls": ""}).text
    assert "data-embed" not in client.get("/").text and "embed.css" not in client.get("/").text


def test_embed_refuses_unknown_controls_and_networks(client):
    nid = create(client, preset="xor")["id"]
    refused = client.get("/embed", params={"net": nid, "controls": "step,delete"})
    assert_names(refused, "controls")
    assert "delete" in refused.json()["detail"][0]["msg"]
    assert_names(client.get("/embed"), "net")
    assert_names(client.get("/embed", params={"net": "<script>"}), "net")
    assert client.get("/embed", params={"net": "no-such-network"}).status_code == 404


def test_by_default_no_site_may_frame_any_page(client):
    nid = create(client, preset="xor")["id"]
    for url in (f"/embed?net={nid}", "/", f"/api/networks/{nid}"):
        response = client.get(url)
        assert csp(response) == "frame-ancestors 'none'"
        assert response.headers["x-frame-options"] == "DENY"


def test_the_setting_lets_the_listed_sites_frame_embed_only(tmp_path):
    settings = Settings(
        db_path=tmp_path / "t.sqlite3", embed_origins=(LMS, "http://localhost:8080")
    )
    with TestClient(create_app(settings), base_url=LOCAL) as client:
        nid = create(client, preset="xor")["id"]
        framed = client.get("/embed", params={"net": nid})
        assert csp(framed) == f"frame-ancestors 'self' {LMS} http://localhost:8080"
        assert "x-frame-options" not in framed.headers  # it would forbid what the CSP allows
        for url in ("/", f"/api/networks/{nid}", "/static/css/embed.css"):
            response = client.get(url)
            assert csp(response) == "frame-ancestors 'none'", url
            assert response.headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize("origin", ["lms.example.org", "https://a.org; script-src *", "*"])
def test_an_origin_that_is_not_one_is_refused_at_start(tmp_path, origin):
    with pytest.raises(ValueError, match="BACKPROP_EMBED_ORIGINS"):
        create_app(Settings(db_path=tmp_path / "t.sqlite3", embed_origins=(origin,)))


def test_the_origins_come_from_the_environment():
    env = {"BACKPROP_EMBED_ORIGINS": f"{LMS}, https://slides.example.com"}
    assert Settings.from_env(env).embed_origins == (LMS, "https://slides.example.com")


def test_the_page_reads_what_a_link_may_name(make_client):
    options = make_client(embed_origins=(LMS,)).get("/api/embed").json()
    assert options == {
        "path": "/embed",
        "controls": ["reset", "undo", "play", "step", "speed", "loss", "lang"],
        "default": ["reset", "play", "step"],
        "origins": [LMS],
    }
