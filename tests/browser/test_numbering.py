"""One numbering of examples: the chips, step-through and the chain-rule table name dataset rows."""

import httpx
from playwright.sync_api import Page, expect

from .conftest import wait_idle


def network_id(page: Page) -> str:
    return page.get_by_test_id("graph").get_attribute("data-network-id")


ALONG_JS = """(key) => {
  const line = document.querySelector(`line.link[data-key='${key}']`);
  const m = line.getScreenCTM();
  const at = (k) => +line.getAttribute(k);
  const along = (a, b) => at(a) + 0.7 * (at(b) - at(a));
  const p = new DOMPoint(along("x1", "x2"), along("y1", "y2"));
  const q = p.matrixTransform(m);
  return [q.x, q.y];
}"""


def wait_step(page: Page, step: int) -> None:
    """Wait until the graph shows the network at `step`."""
    page.wait_for_function(
        "(n) => document.querySelector('[data-testid=graph]').dataset.step === String(n)", arg=step
    )


def click_link(page: Page, layer: int, source: int, to: int) -> None:
    """Click a link 70% of the way to its target unit, where few others cross it."""
    x, y = page.evaluate(ALONG_JS, f"w{layer}-{source}-{to}")
    page.mouse.click(x, y)
    expect(page.get_by_test_id("inspector")).to_be_visible()


def dataset_numbers(api: httpx.Client, nid: str, inputs: list, targets: list) -> list[str]:
    """'#k' of each batch row: its 1-based row in the dataset (rows here are all distinct)."""
    data = api.get(f"/api/networks/{nid}/dataset").json()
    rows = list(zip(data["inputs"], data["targets"], strict=True))
    return [f"#{rows.index((x, t)) + 1}" for x, t in zip(inputs, targets, strict=True)]


def test_chips_step_through_and_chain_rule_name_the_same_rows(
    app_page: Page, api: httpx.Client
) -> None:
    wait_idle(app_page)
    nid = network_id(app_page)
    expect(app_page.get_by_test_id("example-2")).to_have_text("#3 (1.00, 0.00) → 1")
    app_page.get_by_test_id("example-2").click()
    app_page.get_by_test_id("step-through").click()
    app_page.get_by_test_id("step").click()
    wait_step(app_page, 1)
    wait_idle(app_page)
    last = api.get(f"/api/networks/{nid}/last-step").json()
    names = dataset_numbers(api, nid, last["inputs"], last["targets"])
    row = names.index("#3")  # where chip #3 sits in the shuffled batch
    detail = app_page.get_by_test_id("phase-detail")
    expect(detail).to_contain_text("example #3, one of the 4 in the batch")
    app_page.screenshot(path="/tmp/step-through-numbering.png")
    # the phase's numbers are that row's: the first hidden layer's z for example #3
    z = last["forward"]["layers"][0]["z"][row]
    cells = detail.locator("td.num").all()[: len(z)]
    assert [float(c.get_attribute("title")) for c in cells] == z
    # the chain-rule table: every example of the batch, by the same names, in batch order
    app_page.locator("line.link[data-layer='1'][data-from='2'][data-to='0']").click()
    wait_idle(app_page)
    columns = app_page.get_by_test_id("factor-column")
    expect(columns).to_have_text(names)
    expect(app_page.get_by_test_id("factors-page")).to_have_count(0)  # 4 fit on one page


def test_the_chain_rule_table_pages_through_a_large_batch(
    app_page: Page, api: httpx.Client
) -> None:
    app_page.select_option("#preset", "circle")
    wait_idle(app_page)
    app_page.fill("#batch-size", "10")
    app_page.press("#batch-size", "Enter")
    wait_idle(app_page)
    nid = network_id(app_page)
    assert api.get(f"/api/networks/{nid}").json()["batch_size"] == 10
    app_page.get_by_test_id("step").click()
    wait_step(app_page, 1)
    wait_idle(app_page)
    out = len(api.get(f"/api/networks/{nid}").json()["weights"]) - 1  # into the output
    click_link(app_page, out, 0, 0)
    wait_idle(app_page)
    explained = api.get(
        f"/api/networks/{nid}/explain", params={"layer": out, "from": 0, "to": 0}
    ).json()
    names = dataset_numbers(api, nid, explained["inputs"], explained["targets"])
    assert len(names) == 10
    gradient = app_page.get_by_test_id("inspector-gradient")
    expect(gradient).to_have_attribute("data-value", str(explained["gradient"]))
    columns = app_page.get_by_test_id("factor-column")
    page = app_page.get_by_test_id("factors-page")
    expect(page).to_have_text("examples 1–6 of the 10 in the batch")
    expect(columns).to_have_text(names[:6])
    products = app_page.locator("tr.product-row td.num")
    assert [float(p.get_attribute("title")) for p in products.all()] == explained["products"][:6]
    app_page.get_by_test_id("factors-next").click()
    expect(page).to_have_text("examples 7–10 of the 10 in the batch")
    expect(columns).to_have_text(names[6:])
    assert [float(p.get_attribute("title")) for p in products.all()] == explained["products"][6:]
    expect(app_page.get_by_test_id("factors-next")).to_be_disabled()
    app_page.get_by_test_id("inspector").screenshot(path="/tmp/inspector-pages.png")
    app_page.get_by_test_id("factors-prev").click()
    expect(columns).to_have_text(names[:6])


def test_dataset_rows_match_a_shuffled_batch_with_equal_rows(app_page: Page) -> None:
    out = app_page.evaluate(
        """async () => {
          const { datasetRows, exampleName } = await import("/static/js/model/numbering.js");
          const data = { inputs: [[0, 0], [1, 1], [0, 0], [2, 2]], targets: [[0], [1], [0], [1]] };
          return {
            rows: datasetRows([[2, 2], [0, 0], [0, 0], [1, 1], [5, 5]],
                              [[1], [0], [0], [1], [0]], data),
            name: exampleName(0),
          };
        }"""
    )
    # equal rows take the dataset's equal rows in turn; a row not in the dataset is -1
    assert out == {"rows": [3, 0, 2, 1, -1], "name": "#1"}
