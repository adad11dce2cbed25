"""Issue 13's page: drawing points on the boundary plot, a CSV (and a broken one), checked
against the API's state after each action."""

import httpx
import pytest
from playwright.sync_api import Page, expect

from .conftest import Console, wait_idle

BROKEN = "x1,x2,label\n0,0,no\n0,abc,yes\n1,0,yes\n1,1,no\n"
GOOD = "x1,x2,label\n0,0,no\n0,1,yes\n1,0,yes\n1,1,no\n1,1,no\n"


def network_id(page: Page) -> str:
    return page.get_by_test_id("graph").get_attribute("data-network-id")


def revision(page: Page) -> int:
    return int(page.get_by_test_id("graph").get_attribute("data-revision"))


def state(api: httpx.Client, page: Page) -> dict:
    return api.get(f"/api/networks/{network_id(page)}").json()


def rows(api: httpx.Client, page: Page) -> dict:
    return api.get(f"/api/networks/{network_id(page)}/dataset").json()


def after_change(page: Page, before: int) -> None:
    """Wait until the page shows a revision after `before` and has nothing left to do."""
    page.wait_for_function(
        f"() => +document.querySelector('[data-testid=graph]').dataset.revision > {before}"
    )
    wait_idle(page)


def area_point(page: Page, fx: float, fy: float) -> tuple[float, float]:
    box = page.get_by_test_id("draw-area").bounding_box()
    return box["x"] + fx * box["width"], box["y"] + fy * box["height"]


def test_draw_a_point_paint_several_erase_and_flip_one(app_page: Page, api: httpx.Client) -> None:
    page = app_page
    first = network_id(page)
    page.get_by_test_id("draw-c1").click()
    expect(page.get_by_test_id("draw-c1")).to_have_attribute("aria-checked", "true")
    assert "draw=c1" in page.url
    before = revision(page)
    page.mouse.click(*area_point(page, 0.5, 0.5))
    after_change(page, before)
    data = rows(api, page)
    assert network_id(page) == first  # the same network, its data changed at once
    assert data["name"] == "drawn"
    assert len(data["inputs"]) == 5 and data["targets"][-1] == [1.0]
    x, y = data["inputs"][-1]
    assert 0.3 < x < 0.7 and 0.3 < y < 0.7  # the middle of the plot over the XOR square

    # a drag paints several points of class 0, sent in one PATCH when it ends
    page.get_by_test_id("draw-c0").click()
    before = revision(page)
    page.mouse.move(*area_point(page, 0.25, 0.25))
    page.mouse.down()
    for k in range(1, 11):
        page.mouse.move(*area_point(page, 0.25 + 0.05 * k, 0.25))
    page.mouse.up()
    after_change(page, before)
    painted = rows(api, page)
    assert revision(page) == before + 1
    added = painted["inputs"][5:]
    assert len(added) >= 4 and all(t == [0.0] for t in painted["targets"][5:])
    expect(page.locator("#boundary .points circle")).to_have_count(len(painted["inputs"]))

    # the eraser over the same stroke removes them again
    page.get_by_test_id("draw-erase").click()
    before = revision(page)
    centres = [
        (b["x"] + b["width"] / 2, b["y"] + b["height"] / 2)
        for b in (c.bounding_box() for c in page.locator("#boundary .points circle").all()[5:])
    ]
    page.mouse.move(*centres[0])
    page.mouse.down()
    for centre in centres[1:]:
        page.mouse.move(*centre)
    page.mouse.up()
    after_change(page, before)
    assert rows(api, page)["inputs"] == data["inputs"]

    # train/test: a click on the drawn point moves it to the test split, hollow on the plot
    page.get_by_test_id("draw-flip").click()
    circle = page.locator("#boundary .points circle.train").nth(4)
    box = circle.bounding_box()
    before = revision(page)
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    after_change(page, before)
    flipped = rows(api, page)
    assert flipped["inputs"] == data["inputs"][:4]
    assert flipped["test_inputs"] == [data["inputs"][4]]
    assert state(api, page)["dataset"]["test_size"] == 1
    expect(page.locator("#boundary .points circle.test")).to_have_count(1)

    # "show test data" off hides it, and is in the URL
    page.get_by_test_id("show-test").uncheck()
    expect(page.locator("#boundary .points circle.test")).to_have_count(0)
    assert "test=0" in page.url

    # training goes on, on the drawn data
    step = state(api, page)["step"]
    page.get_by_test_id("step").click()
    page.wait_for_function(
        f"() => +document.querySelector('[data-testid=graph]').dataset.step > {step}"
    )
    after = state(api, page)
    assert after["step"] == step + 1 and after["dataset"]["name"] == "drawn"

    # a new architecture takes the drawn data along (the create body carries the rows)
    page.get_by_test_id("add-unit-1").click()
    page.wait_for_function(
        "(id) => document.querySelector('[data-testid=graph]').dataset.networkId !== id",
        arg=after["id"],
    )
    wait_idle(page)
    assert state(api, page)["layers"] == [2, 4, 1]
    assert rows(api, page) == {**flipped, "description": rows(api, page)["description"]}


def test_a_csv_from_the_file_picker_a_drop_and_the_box(
    app_page: Page, api: httpx.Client, console: Console, tmp_path
) -> None:
    page = app_page
    first = network_id(page)
    # a broken file: the server's line and column next to the box, nothing changed
    page.get_by_test_id("csv-text").fill(BROKEN)
    expect(page.get_by_test_id("csv-target")).to_have_value("label")
    before = state(api, page)
    page.get_by_test_id("csv-load").click()
    expect(page.get_by_test_id("csv-error")).to_contain_text(
        'line 3, column x2: "abc" is not a number'
    )
    wait_idle(page)
    assert state(api, page)["revision"] == before["revision"]
    assert network_id(page) == first
    assert all("status of 422" in e for e in console.errors)
    console.errors.clear()

    # the file picker: two inputs fit the 2-3-1 network, so its data is swapped in place
    path = tmp_path / "xor.csv"
    path.write_text(GOOD)
    page.get_by_test_id("csv-file").set_input_files(str(path))
    expect(page.get_by_test_id("csv-text")).to_have_value(GOOD)
    expect(page.get_by_test_id("csv-error")).to_be_hidden()
    page.get_by_test_id("csv-standardize").uncheck()
    page.get_by_test_id("csv-load").click()
    after_change(page, before["revision"])
    now = state(api, page)
    assert network_id(page) == first
    csv = now["dataset"]["csv"]
    assert csv["columns"] == ["x1", "x2"] and csv["classes"] == ["no", "yes"]
    assert csv["standardization"] is None
    assert rows(api, page)["inputs"] == [[0, 0], [0, 1], [1, 0], [1, 1], [1, 1]]
    expect(page.get_by_test_id("csv-shown")).to_contain_text("not standardised")

    # dropped on the card: three inputs and a value target make a new network fitted to it
    text = "a,b,c,y\n0,0,1,0.5\n0,1,2,1.5\n1,0,3,2.25\n1,1,4,3.75\n"
    page.get_by_test_id("csv-card").evaluate(
        """(card, text) => {
            const dt = new DataTransfer();
            dt.items.add(new File([text], "values.csv", { type: "text/csv" }));
            card.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true }));
        }""",
        text,
    )
    expect(page.get_by_test_id("csv-text")).to_have_value(text)
    expect(page.get_by_test_id("csv-target")).to_have_value("y")  # the last column
    page.get_by_test_id("csv-standardize").check()
    page.get_by_test_id("csv-load").click()
    page.wait_for_function(
        "(first) => document.querySelector('[data-testid=graph]').dataset.networkId !== first",
        arg=first,
    )
    wait_idle(page)
    fitted = state(api, page)
    assert fitted["layers"][0] == 3 and fitted["layers"][-1] == 1
    assert fitted["output_activation"] == "linear" and fitted["loss"] == "mse"
    assert fitted["dataset"]["csv"]["target"] == "y"
    assert fitted["dataset"]["csv"]["columns"] == ["a", "b", "c"]
    assert fitted["dataset"]["csv"]["standardization"]["means"] == pytest.approx([0.5, 0.5, 2.5])
    assert f"net={fitted['id']}" in page.url
    console.errors.clear()  # the PATCH that did not fit was a 422
