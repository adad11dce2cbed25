"""Save/load and "My networks" in Chromium: files and rows checked against the REST API."""

import json
from pathlib import Path

import httpx
from playwright.sync_api import Page, expect

from .conftest import Console, wait_idle

GRAPH = "[data-testid=graph]"
# the parts of an export that say what the network is (its name and id aside)
SAME = ("layers", "weights", "biases", "step", "cursor", "seed", "learning_rate", "dataset")


def shown(page: Page) -> str:
    """The id of the network the page shows."""
    return page.get_attribute(GRAPH, "data-network-id")


def wait_shown_other_than(page: Page, old: str) -> str:
    """Wait until the page shows a network other than `old`, and is idle; its id."""
    page.wait_for_function(f"() => document.querySelector('{GRAPH}').dataset.networkId !== '{old}'")
    wait_idle(page)
    return shown(page)


def steps(page: Page, n: int) -> None:
    """Click Step n times, waiting for each."""
    for _ in range(n):
        page.get_by_test_id("step").click()
        wait_idle(page)


def export(api: httpx.Client, network_id: str) -> dict:
    """GET the network's export document."""
    response = api.get(f"/api/networks/{network_id}/export")
    assert response.status_code == 200, response.text
    return response.json()


def drop_file(page: Page, text: str) -> None:
    """Drop a file with this text on the My networks card, as a user's drag and drop does."""
    transfer = page.evaluate_handle(
        """text => { const dt = new DataTransfer();
        dt.items.add(new File([text], "net.json", {type: "application/json"})); return dt; }""",
        text,
    )
    page.dispatch_event("[data-testid=library]", "drop", {"dataTransfer": transfer})


def test_save_and_load_are_as_exact_as_the_api(
    app_page: Page, api: httpx.Client, tmp_path: Path
) -> None:
    steps(app_page, 3)
    original = shown(app_page)
    with app_page.expect_download() as got:
        app_page.get_by_test_id("library-export").click()
    saved = tmp_path / "saved.json"
    got.value.save_as(saved)
    doc = json.loads(saved.read_text())
    assert doc == export(api, original)
    assert got.value.suggested_filename.endswith(".json")

    with app_page.expect_file_chooser() as chooser:
        app_page.get_by_test_id("library-import").click()
    chooser.value.set_files(saved)
    loaded = wait_shown_other_than(app_page, original)
    again = export(api, loaded)
    assert {k: again[k] for k in SAME} == {k: doc[k] for k in SAME}
    expect(app_page.get_by_test_id("step-count")).to_have_text("3")

    drop_file(app_page, saved.read_text())
    dropped = wait_shown_other_than(app_page, loaded)
    assert {k: export(api, dropped)[k] for k in SAME} == {k: doc[k] for k in SAME}
    # the next step from a loaded copy is the step the original takes
    a = api.post(f"/api/networks/{original}/step", json={}).json()
    b = api.post(f"/api/networks/{dropped}/step", json={}).json()
    assert a["loss"] == b["loss"] and a["network"]["weights"] == b["network"]["weights"]


def test_a_file_that_is_no_network_changes_nothing(
    app_page: Page, api: httpx.Client, console: Console
) -> None:
    before = shown(app_page)
    count = len(api.get("/api/networks").json())
    drop_file(app_page, "not json {")
    expect(app_page.get_by_test_id("toast")).to_contain_text("not a saved network")
    drop_file(app_page, json.dumps({"format": "backprop-visualizer/1", "layers": [2, 0, 1]}))
    expect(app_page.get_by_test_id("toast")).to_contain_text("422")
    wait_idle(app_page)
    assert shown(app_page) == before
    assert len(api.get("/api/networks").json()) == count
    # Chromium logs the refused request itself; nothing else went wrong
    assert all("status of 422" in e for e in console.errors)
    console.errors.clear()


def row(page: Page, network_id: str):
    """The My networks row of one network."""
    return page.locator(f"[data-testid=library-row][data-id='{network_id}']")


def test_my_networks_lists_opens_renames_duplicates_and_deletes(
    app_page: Page, api: httpx.Client
) -> None:
    first = shown(app_page)
    steps(app_page, 2)
    app_page.get_by_test_id("reset").click()
    second = wait_shown_other_than(app_page, first)
    # Reset made a new network; the first is listed, not orphaned
    expect(app_page.get_by_test_id("library-row")).to_have_count(2)
    listing = {n["id"]: n for n in api.get("/api/networks").json()}
    expect(row(app_page, first).get_by_test_id("library-loss")).to_have_attribute(
        "title", str(listing[first]["last_loss"])
    )
    expect(row(app_page, first)).to_contain_text("step 2")
    expect(row(app_page, first).get_by_test_id("library-layers")).to_have_text(
        "–".join(map(str, listing[first]["layers"]))
    )
    expect(row(app_page, second).get_by_test_id("library-current")).to_be_visible()

    name = row(app_page, second).get_by_test_id("library-name")
    name.fill("my xor")
    name.press("Enter")
    wait_idle(app_page)
    assert api.get(f"/api/networks/{second}").json()["name"] == "my xor"

    row(app_page, first).get_by_test_id("library-open").click()
    wait_shown_other_than(app_page, second)
    assert shown(app_page) == first
    expect(app_page.get_by_test_id("step-count")).to_have_text("2")

    row(app_page, first).get_by_test_id("library-duplicate").click()
    copy = wait_shown_other_than(app_page, first)
    assert {k: export(api, copy)[k] for k in SAME} == {k: export(api, first)[k] for k in SAME}
    expect(app_page.get_by_test_id("library-row")).to_have_count(3)

    delete = row(app_page, second).get_by_test_id("library-delete")
    delete.click()
    assert api.get(f"/api/networks/{second}").status_code == 200  # the first click only asks
    delete.click()
    expect(row(app_page, second)).to_have_count(0)
    assert api.get(f"/api/networks/{second}").status_code == 404

    row(app_page, copy).get_by_test_id("library-delete").click()
    row(app_page, copy).get_by_test_id("library-delete").click()
    wait_shown_other_than(app_page, copy)
    assert shown(app_page) == first
    assert api.get(f"/api/networks/{copy}").status_code == 404
    expect(app_page.get_by_test_id("library-row")).to_have_count(1)
    expect(app_page.get_by_test_id("toast")).not_to_contain_text("deleted on the server")
