"""axe-core in the page under test: the vendored copy (tests only), run on the whole document."""

from playwright.sync_api import Page

from .conftest import ROOT

AXE = ROOT / "tests" / "browser" / "vendor" / "axe-core-4.14.1" / "axe.min.js"
BLOCKING = {"serious", "critical"}


def axe_violations(page: Page) -> list[str]:
    """The serious and critical axe violations of the page as it is now, one line each."""
    if not page.evaluate("() => Boolean(window.axe)"):
        # evaluate, not a <script> tag: the page's CSP allows scripts from 'self' only
        page.evaluate(AXE.read_text(encoding="utf-8"))
    found = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations.map(
             (v) => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(
               (n) => n.target.join(" ") + ": " + n.failureSummary.split("\\n")[1].trim())}))"""
    )
    return [f"{v['id']} ({v['impact']}): {v['nodes']}" for v in found if v["impact"] in BLOCKING]
