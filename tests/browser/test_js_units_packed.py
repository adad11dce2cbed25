"""model/packed.js: the page's reading of ?arrays=binary gives exactly the listed numbers."""

import httpx
from playwright.sync_api import Page

from .test_js_units import run

ODD = [-0.0, 5e-324, -1.7976931348623157e308, 0.1, 2.2250738585072014e-308, 1 / 3]


def test_binary_state_and_step_equal_the_lists_bit_for_bit(app_page: Page, api: httpx.Client):
    ids = [api.post("/api/networks", json={"layers": [2, 3, 1], "seed": 9}).json()["id"]]
    ids.append(api.post("/api/networks", json={"layers": [2, 3, 1], "seed": 9}).json()["id"])
    for nid in ids:
        for i, value in enumerate(ODD):
            spot = {"layer": 0, "to": i % 3, "from": i % 2, "value": value}
            assert api.put(f"/api/networks/{nid}/weights", json=spot).status_code == 200
    out = run(
        app_page,
        f"""
        const {{ readBinary }} = await m("model/packed.js");
        const call = (method, path) => fetch(path, {{ method,
          headers: {{ "Content-Type": "application/json" }},
          body: method === "POST" ? "{{}}" : undefined }});
        const get = async (method, path) => (await call(method, path)).json();
        const binary = async (method, path) =>
          readBinary(await (await call(method, path)).arrayBuffer());
        const [a, b] = {ids!r};
        const bits = (x) => JSON.stringify(x, (k, v) =>
          ArrayBuffer.isView(v) ? Array.from(v)
            : typeof v === "number" && Object.is(v, -0) ? "-0" : v);
        const state = [await get("GET", `/api/networks/${{a}}`),
                       await binary("GET", `/api/networks/${{a}}?arrays=binary`)];
        const step = [await get("POST", `/api/networks/${{a}}/step`),
                      await binary("POST", `/api/networks/${{b}}/step?arrays=binary`)];
        const strip = (s) => ({{ ...s,
          network: {{ ...s.network, id: 0, name: 0, created_at: 0, updated_at: 0 }} }});
        return {{
          state: bits(state[0]) === bits(state[1]),
          step: bits(strip(step[0])) === bits(strip(step[1])),
          inPlace: step[1].network.weights[0][0].buffer === step[1].gradients.weights[0][0].buffer,
          shapes: [state[1].weights[0].length, state[1].weights[0][0].length,
                   state[1].biases[0].length],
          negZero: Object.is(state[1].weights[0][0][0], -0),
          tiny: state[1].weights[0][1][1],
          typed: [state[1].weights[0][0].constructor.name, state[1].biases[0].constructor.name],
        }};
        """,
    )
    assert out["state"] and out["step"]
    assert out["inPlace"]  # views of the one answer's bytes, not copies
    assert out["shapes"] == [3, 2, 3]
    assert out["typed"] == ["Float64Array", "Array"]
    assert out["negZero"] is True
    assert out["tiny"] == 5e-324


def test_the_colour_scale_reads_typed_rows_as_it_reads_lists(app_page: Page):
    # model/scale.js: rows of a binary answer (Float64Array) skip what lists skip
    out = run(
        app_page,
        """
        const { niceMax } = await m("model/scale.js");
        const rows = [[0.2, NaN, -3.7], [Infinity, 1.1, -Infinity]];
        const typed = rows.map((r) => Float64Array.from(r));
        return [niceMax(rows), niceMax(typed), niceMax([typed], [[0.5]]),
                niceMax([Float64Array.from([NaN, -Infinity])]),
                niceMax([Float64Array.from([-0.031])])];
        """,
    )
    assert out == [4, 4, 4, 1, 0.04]
