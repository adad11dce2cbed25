"""Unit tests of the teaching modules: which controls a lock covers, a worksheet's questions."""

from playwright.sync_api import Page

from .test_js_units import run


def test_a_lock_covers_its_controls(app_page: Page) -> None:
    out = run(
        app_page,
        """
        const { lockOf, lockedNames } = await m("model/locks.js");
        const locks = { actions: ["train"], fixed: { learning_rate: true, dataset: false } };
        return { play: lockOf(locks, "play"), step: lockOf(locks, "step"),
                 rate: lockOf(locks, "learning-rate"), data: lockOf(locks, "dataset"),
                 none: lockOf(null, "play"), names: lockedNames(locks),
                 patched: lockOf({ actions: ["patch"], fixed: {} }, "optimizer") };
        """,
    )
    assert out["play"] == "train" and out["step"] is None
    assert out["rate"] == "fixed.learning_rate" and out["data"] is None and out["none"] is None
    assert out["names"] == ["train", "learning_rate"]
    assert out["patched"] == "patch"


def test_a_worksheet_asks_forward_then_backward_then_the_weights(app_page: Page) -> None:
    out = run(
        app_page,
        """
        const { questions } = await m("model/worksheet.js");
        const show = (qs) => qs.map((q) => `${q.kind}${q.layer}.${q.unit}${q.from ?? ""}`);
        return { unit: show(questions([2, 3, 1], "unit")),
                 path: show(questions([2, 3, 1], "path", [1, 2, 0])),
                 layer: questions([2, 3, 1], "layer").length,
                 clamped: show(questions([2, 3, 1], "path", [9, 9, 9])).slice(0, 2) };
        """,
    )
    assert out["unit"] == ["z2.0", "a2.0", "delta2.0", "grad2.00", "new2.00"]
    assert out["path"] == [
        "z1.2", "a1.2", "z2.0", "a2.0", "delta2.0", "delta1.2",
        "grad2.02", "new2.02", "grad1.21", "new1.21",
    ]  # fmt: skip
    assert out["layer"] == 8 + 4 + 12
    assert out["clamped"] == ["z1.0", "a1.0"]
