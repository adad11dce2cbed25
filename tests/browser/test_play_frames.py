"""While playing, each /train brings what the frame draws: no other request per frame."""

import httpx
from playwright.sync_api import Page, expect

from .conftest import Console, wait_idle


def test_play_asks_one_request_a_frame_and_draws_its_answer(
    page: Page, server_url: str, api: httpx.Client, console: Console
) -> None:
    net = api.post("/api/networks", json={"preset": "circle", "seed": 3}).json()["id"]
    page.goto(f"{server_url}/#net={net}")
    page.wait_for_selector(f"[data-testid=graph][data-network-id='{net}']")
    wait_idle(page)
    asked: list[tuple[str, str]] = []
    page.on("request", lambda r: asked.append((r.method, r.url)))
    bodies: list[dict] = []
    page.on(
        "request",
        lambda r: bodies.append(r.post_data_json) if r.url.endswith(f"{net}/train") else None,
    )
    page.get_by_test_id("play").click()
    page.wait_for_function(
        "() => +document.querySelector('[data-testid=step-count]').textContent > 150"
    )
    playing = list(asked)
    page.get_by_test_id("play").click()
    expect(page.get_by_test_id("play")).to_have_attribute("aria-pressed", "false")
    wait_idle(page)
    trains = [u for m, u in playing if u.endswith("/train")]
    others = [u for m, u in playing if "/api/" in u and not u.endswith("/train")]
    assert len(trains) >= 3
    assert others == []  # no /grid, /forward or /history while the frames come with /train
    frame = bodies[-1]["frame"]
    assert frame["grid"] and frame["accuracy"] is True
    assert frame["example"]["inputs"] == [
        api.get(f"/api/networks/{net}/dataset").json()["inputs"][0]
    ]
    # after Pause the page shows the state's own numbers: its accuracy is the API's
    train = api.post(f"/api/networks/{net}/forward", json={"split": "train"}).json()["accuracy"]
    expect(page.get_by_test_id("accuracy")).to_contain_text(
        f"train {train['correct']}/{train['total']}"
    )
    assert console.errors == []
