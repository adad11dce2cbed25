"""Unit tests of the page's pure modules, imported into the page in headless Chromium."""

import httpx
from playwright.sync_api import Page


def run(page: Page, body: str):
    """Evaluate `body` (an async function body with `m(path)` importing a module)."""
    return page.evaluate(f"async () => {{ const m = (p) => import(`/static/js/${{p}}`); {body} }}")


def test_hash_round_trips_and_leaves_defaults_out(app_page: Page) -> None:
    out = run(
        app_page,
        """
        const { readHash, toHash, DEFAULTS } = await m("core/hash.js");
        const ui = { ...DEFAULTS, net: "abc", view: "gradients", ex: 2, bias: false, st: true,
                     speed: 5, lesson: "xor", ls: 3, cmp: "abc.f-1.f_2" };
        return { back: readHash(toHash(ui)), ui, plain: toHash({ ...DEFAULTS, net: "n1" }),
                 bad: readHash("#view=nope&ex=-4&speed=0&bias=0&cmp=a<b") };
        """,
    )
    assert out["back"] == out["ui"]
    assert out["plain"] == "#net=n1"
    assert out["bad"]["view"] == "weights"
    assert out["bad"]["ex"] == 0
    assert out["bad"]["speed"] == 20
    assert out["bad"]["bias"] is False
    assert out["bad"]["cmp"] == ""  # a compare view's ids: letters, digits, - and _ between dots


def test_phases_run_forward_loss_backward_update(app_page: Page) -> None:
    out = run(
        app_page,
        """
        const { buildPhases, movePhase } = await m("model/phases.js");
        return { kinds: buildPhases(3).map((p) => `${p.kind}${p.layer ?? ""}`),
                 clamp: [movePhase(0, -1, 2), movePhase(5, 1, 2), movePhase(2, 1, 2)] };
        """,
    )
    assert out["kinds"] == [
        "forward1", "forward2", "forward3", "loss3", "backward3", "backward2", "backward1", "update"
    ]  # fmt: skip
    assert out["clamp"] == [0, 5, 3]


def test_layout_of_small_and_large_networks(app_page: Page) -> None:
    out = run(
        app_page,
        """
        const { computeLayout } = await m("graph/layout.js");
        const small = computeLayout([2, 3, 1], true, 800, 500);
        const big = computeLayout([784, 128, 10], true, 800, 500);
        return {
          small: [small.units.length, small.biasUnits.length, small.links.length, small.canvas],
          keys: small.links.slice(0, 3).map((l) => l.key),
          xs: small.xs,
          big: [big.canvas, big.links.length, big.strips.map((s) => s.n),
               big.sampled.map((s) => [s.k, s.candidates])],
        };
        """,
    )
    assert out["small"] == [6, 2, 13, False]
    assert out["keys"] == ["w0-0-0", "w0-1-0", "w0-b-0"]
    assert out["xs"] == [84, 400, 716]
    assert out["big"][:3] == [True, 0, [784, 128]]
    assert out["big"][3] == [[13, 785], [129, 129]]


def test_top_k_picks_the_strongest_and_breaks_ties_by_order(app_page: Page) -> None:
    out = run(
        app_page,
        """
        const { kthLargest, linkBudgets, topIndices } = await m("graph/topk.js");
        const scratch = new Float64Array(8);
        return {
          kth: kthLargest(Float64Array.from([3, 9, 1, 7, 5]), 5, 2),
          top: topIndices([0.5, 2, 2, 0.1, 2], 2, scratch),
          all: topIndices([1, 2], 5, scratch),
          budgets: linkBudgets([100, 10, 5000], 3000),
        };
        """,
    )
    assert out["kth"] == 7
    assert out["top"] == [1, 2]
    assert out["all"] == [0, 1]
    assert out["budgets"] == [100, 10, 2890]


def test_rich_text_parses_terms_and_code(app_page: Page) -> None:
    out = run(
        app_page,
        """
        const { parseRichText } = await m("lessons/rich-text.js");
        return parseRichText("The {{input|inputs}} feed `z = w x` and {{unit:1:0|h₁}}.");
        """,
    )
    assert out == [
        {"kind": "text", "text": "The "},
        {"kind": "term", "key": "input", "text": "inputs"},
        {"kind": "text", "text": " feed "},
        {"kind": "code", "text": "z = w x"},
        {"kind": "text", "text": " and "},
        {"kind": "term", "key": "unit:1:0", "text": "h₁"},
        {"kind": "text", "text": "."},
    ]


def test_curl_quotes_single_quotes_for_the_shell(app_page: Page) -> None:
    out = run(
        app_page,
        """
        const { curlFor } = await m("model/curl.js");
        return [curlFor("http://h", "GET", "/api/x"),
                curlFor("http://h", "PATCH", "/api/n", { name: "it's" })];
        """,
    )
    assert out[0] == "curl 'http://h/api/x'"
    assert out[1] == (
        "curl -X PATCH 'http://h/api/n' -H 'Content-Type: application/json' "
        """-d '{"name":"it'\\''s"}'"""
    )


def test_history_since_merges_and_forgets_undone_steps(app_page: Page) -> None:
    out = run(
        app_page,
        """
        const h = await m("model/history.js");
        const rows = (steps, losses, test_losses) => ({ steps, losses, test_losses });
        const first = h.mergeHistory(null, null, rows([1, 2], [0.9, 0.8], [null, 0.7]));
        const played = h.appendTrained(first, { step: 5, losses: [0.6, 0.5, 0.4] });
        const since = h.sinceFor(played, 5);
        const fresh = rows([3, 4, 5], [0.6, 0.5, 0.4], [null, 0.3, null]);
        const exact = h.mergeHistory(played, since, fresh);
        const undone = h.mergeHistory(exact, h.sinceFor(exact, 3), rows([], [], []));
        const again = rows([1, 2, 3], [0.9, 0.8, 0.1], [null, null, null]);
        const repeated = h.mergeHistory(first, 2, again);
        return { first, played, since, exact, undone, repeated };
        """,
    )
    assert out["first"] == {
        "steps": [1, 2],
        "losses": [0.9, 0.8],
        "test_losses": [None, 0.7],
        "exact": 2,
    }
    assert out["played"]["steps"] == [1, 2, 3, 4, 5]
    assert out["played"]["exact"] == 2
    assert out["since"] == 2
    assert out["exact"]["test_losses"] == [None, 0.7, None, 0.3, None]
    assert out["exact"]["exact"] == 5
    assert out["undone"]["steps"] == [1, 2, 3]
    assert out["repeated"]["steps"] == [1, 2, 3]


def test_pairing_follows_the_servers_config(app_page: Page, api: httpx.Client) -> None:
    config = api.get("/api/config").json()
    out = app_page.evaluate(
        """async (config) => {
          const p = await import("/static/js/model/pairing.js");
          return [
            p.lossAfterOutput(config, "softmax", "binary_cross_entropy"),
            p.lossAfterOutput(config, "tanh", "cross_entropy"),
            p.lossAfterOutput(config, "sigmoid", "mse"),
            p.outputAfterLoss(config, "binary_cross_entropy", "tanh", 1),
            p.outputAfterLoss(config, "cross_entropy", "tanh", 3),
            p.outputForDataset(config, { output_activation: "sigmoid", loss: "mse" }, 3),
            p.outputForDataset(config, { output_activation: "softmax", loss: "cross_entropy" }, 1),
            p.outputsFor(config, 1).map((a) => a.name),
            p.outputsFor(config, 3).map((a) => a.name),
          ];
        }""",
        config,
    )
    assert out[:5] == ["cross_entropy", "mse", "mse", "sigmoid", "softmax"]
    assert out[5] == {"output_activation": "softmax", "loss": "mse"}  # mse allows softmax: kept
    assert out[6] == {"output_activation": "sigmoid", "loss": "binary_cross_entropy"}
    single = ["sigmoid", "tanh", "relu", "leaky_relu", "linear"]
    assert out[7] == single and out[8] == [*single, "softmax"]  # softmax needs several outputs


def test_play_trains_speed_steps_a_frame_within_the_limit(app_page: Page) -> None:
    out = run(
        app_page,
        """
        const { createPacer } = await m("model/trainer.js");
        const { centreOf, classOf } = await m("model/classes.js");
        const frame = 1000 / 60;
        const pace = createPacer();
        const steps = [pace(20, frame, 10000), pace(20, 400, 10000), pace(20, 5000, 10000),
                       pace(500, 100, 1000)];
        // speed 1 answered every 5 ms: a step only when a frame's worth has passed
        const slow = createPacer();
        const fast = Array.from({ length: 60 }, () => slow(1, 5, 10000));
        const { stepsWithin } = await m("model/trainer.js");
        const most = stepsWithin(30, 120);
        const held = createPacer();
        const calls = [400, 0, 0].map((ms) => held(20, ms, 10000, most));
        const none = stepsWithin(30, null) === Infinity ? null : "finite";
        const budget = { most, calls, none };
        return { steps, fast, budget,
                 centres: [centreOf([0, 1]), centreOf([-1, 1]), centreOf([0, null])],
                 classes: [classOf([0.7]), classOf([0.2, 0.5, 0.5]), classOf([-0.1], 0)] };
        """,
    )
    # a frame; a 400 ms answer caught up whole; a 5 s stall only for 30 frames; the limit
    assert out["steps"] == [20, 480, 600, 1000]
    # 60 answers 5 ms apart are 300 ms: 18 frames, so 18 steps at one step a frame
    assert sum(out["fast"]) == 18 and set(out["fast"]) == {0, 1}
    assert out["centres"] == [0.5, 0, 0]
    # a slow network: at most what the last answer trained in 30 ms, the rest owed at most
    # half a second's steps; 30 steps in 120 ms make 7.5 the most
    assert out["budget"] == {"most": 7.5, "calls": [7, 7, 7], "none": None}
    assert out["classes"] == [1, 1, 0]
