"""The Docker image installs a CJK font, so the page's Chinese renders in its screenshots."""

from .test_docker import instructions


def test_the_final_stage_installs_a_cjk_font_and_cleans_up():
    steps = instructions()
    final = steps[max(i for i, (op, _) in enumerate(steps) if op == "FROM") :]
    runs = [args for op, args in final if op == "RUN" and "fonts-noto-cjk" in args]
    assert len(runs) == 1, "one RUN in the final stage installs fonts-noto-cjk"
    assert "--no-install-recommends" in runs[0] and "rm -rf /var/lib/apt/lists/*" in runs[0]
