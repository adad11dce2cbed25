"""This network's formula (issue 12, item 14): the function of a small network written out
with the API's current weights as MathML; hovering or focusing a number lights its link up;
a larger network gets a line per unit, and one too large to write out says why."""

import httpx
from playwright.sync_api import Page, expect

from .conftest import wait_idle
from .test_math import shot

TERMS_JS = """() => [...document.querySelectorAll("[data-testid=formula-term]")].map((t) =>
  ({link: t.dataset.link, value: Number(t.dataset.value), text: t.textContent.trim()}))"""


def network_id(page: Page) -> str:
    return page.get_by_test_id("graph").get_attribute("data-network-id")


def open_formula(page: Page) -> None:
    page.locator("[data-testid=net-formula] summary").click()
    expect(page.get_by_test_id("net-formula-body")).to_be_visible()


def check_terms(page: Page, state: dict) -> int:
    """Every term's number is the API's weight or bias of the link it names."""
    terms = page.evaluate(TERMS_JS)
    for term in terms:
        kind, *idx = term["link"].split(":")
        l, j, *i = map(int, idx)
        exact = state["weights"][l][j][i[0]] if kind == "link" else state["biases"][l][j]
        assert term["value"] == exact, term
        assert abs(float(term["text"]) - abs(exact)) <= 5e-5, term  # the sign is the operator
    links = {t["link"] for t in terms}
    weights = sum(len(r) for w in state["weights"] for r in w)
    assert len(links) == len(terms) == weights + sum(len(b) for b in state["biases"])
    return len(terms)


def test_a_small_networks_formula_has_the_apis_numbers_and_lights_its_links(
    app_page: Page, api: httpx.Client
) -> None:
    page = app_page
    open_formula(page)
    expect(page.get_by_test_id("net-formula")).to_have_attribute("data-form", "nested")
    state = api.get(f"/api/networks/{network_id(page)}").json()
    assert check_terms(page, state) == 9 + 4  # 2-3-1: nine weights, four biases
    line = page.get_by_test_id("net-formula-line")
    expect(line).to_have_count(1)
    expect(line.locator("mi", has_text="tanh")).to_have_count(3)  # y = σ(w·tanh(...) + ...)
    # hover a weight's number: its link, and only it, lights up
    page.locator("[data-link='link:0:1:0']").hover()
    lit = page.locator("line.link.hl")
    expect(lit).to_have_count(1)
    assert lit.get_attribute("data-key") == page.locator(
        "line.link[data-layer='0'][data-from='0'][data-to='1']"
    ).get_attribute("data-key")
    shot(page, "net-formula")
    # focus a bias's number from the keyboard: its bias link lights up
    page.mouse.move(2, 2)  # away from the formula
    expect(lit).to_have_count(0)
    page.locator("[data-link='bias-link:1:0']").focus()
    expect(page.locator("line.link.hl[data-from='bias'][data-layer='1']")).to_have_count(1)
    page.locator("[data-link='bias-link:1:0']").blur()
    expect(lit).to_have_count(0)
    # after a step the formula has the new weights
    page.get_by_test_id("step").click()
    expect(page.get_by_test_id("step-count")).to_have_text("1")
    wait_idle(page)
    check_terms(page, api.get(f"/api/networks/{network_id(page)}").json())


def test_larger_networks_get_a_line_per_unit_or_say_why_not(
    app_page: Page, api: httpx.Client
) -> None:
    page = app_page
    layered = api.post("/api/networks", json={"layers": [2, 4, 4, 1], "dataset": "xor"}).json()
    page.goto(f"/#net={layered['id']}")
    expect(page.get_by_test_id("graph")).to_have_attribute("data-network-id", layered["id"])
    open_formula(page)
    expect(page.get_by_test_id("net-formula")).to_have_attribute("data-form", "layered")
    expect(page.get_by_test_id("net-formula-line")).to_have_count(4 + 4 + 1)
    check_terms(page, layered)
    big = api.post("/api/networks", json={"layers": [2, 8, 8, 1], "dataset": "xor"}).json()
    page.goto(f"/#net={big['id']}")
    expect(page.get_by_test_id("graph")).to_have_attribute("data-network-id", big["id"])
    expect(page.get_by_test_id("net-formula")).to_have_attribute("data-form", "summary")
    expect(page.get_by_test_id("net-formula-line")).to_have_count(0)
    summary = page.get_by_test_id("net-formula-summary")
    expect(summary).to_contain_text("88 weights")  # 16 + 64 + 8
    page.get_by_test_id("lang-zh").click()
    expect(summary).to_contain_text("88 个权重")


def test_the_form_follows_the_size(app_page: Page) -> None:
    # model/net-formula.js on made-up networks (no DOM): nested, a line per unit, or a sentence
    forms = app_page.evaluate(
        """async () => {
          const { netFormula } = await import("/static/js/model/net-formula.js");
          const net = (layers, out = "sigmoid") => ({
            layers, use_bias: true, hidden_activation: "tanh", output_activation: out,
            weights: layers.slice(1).map((n, l) =>
              Array.from({length: n}, () => Array(layers[l]).fill(0.5))),
            biases: layers.slice(1).map((n) => Array(n).fill(-0.25)),
          });
          return [[2, 5, 1], [2, 6, 1], [2, 1], [2, 2, 3], [2, 8, 8, 1]].map((layers, i) => {
            const f = netFormula(net(layers, i === 3 ? "softmax" : "sigmoid"));
            return {form: f.form, lines: f.lines.length, weights: f.weights};
          });
        }"""
    )
    assert forms == [
        {"form": "nested", "lines": 1, "weights": 15},  # 5 x (1 + 2) = 15 terms
        {"form": "layered", "lines": 7, "weights": 18},  # 18 terms: h1..h6, y1
        {"form": "nested", "lines": 1, "weights": 2},  # the perceptron
        {"form": "layered", "lines": 6, "weights": 10},  # h1, h2, z1..z3, y = softmax(z)
        {"form": "summary", "lines": 0, "weights": 88},
    ]
