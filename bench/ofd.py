"""OFD against .docx: the same ~20-page report (kaifu's measures written out three times) rendered
from its validated spec to .docx and to .ofd, alternating rounds, split into the tree, the line model
(generator.paging.paginate) and the OFD package writer; and whole `fazhi render` commands.
Target: OFD ≤ 2× the .docx."""

from __future__ import annotations

from bench.common import KAIFU, median_table, timed
from generator.api import render_bytes
from generator.ooxml.layout import load_layout
from generator.render.build import build_tree
from generator.spec.validate import load_spec


def bench_ofd(rounds: int) -> None:
    """Medians and the ratio OFD / .docx."""
    from generator.paging import paginate
    from generator.write.ofd import write_ofd

    spec = load_spec(KAIFU)
    spec.measures.sections = spec.measures.sections * 3
    render_bytes(spec, "docx")  # the cached base package, built once
    tree = build_tree(spec)
    layout = load_layout()
    pages = paginate(tree, layout)
    fonts = layout.fonts(spec.style.fonts)
    results: dict[str, list[float]] = {
        "docx (spec → .docx)": [],
        "ofd (spec → .ofd)": [],
        "  tree (spec → tree)": [],
        "  paginate (tree → pages)": [],
        "  write_ofd (pages → .ofd)": [],
    }
    for _ in range(rounds):
        results["docx (spec → .docx)"].append(timed(lambda: render_bytes(spec, "docx")))
        results["ofd (spec → .ofd)"].append(timed(lambda: render_bytes(spec, "ofd")))
        results["  tree (spec → tree)"].append(timed(lambda: build_tree(spec)))
        results["  paginate (tree → pages)"].append(timed(lambda: paginate(tree, layout)))
        results["  write_ofd (pages → .ofd)"].append(timed(lambda: write_ofd(pages, fonts)))
    print(f"ofd: a {len(pages)}-page report, {rounds} rounds")
    median_table(results, "docx (spec → .docx)")


def bench_ofd_process(rounds: int) -> None:
    """Whole commands, as a clerk waits for them: `fazhi render report.yaml` to .docx and to .ofd
    (the same ~20-page YAML file, alternating), wall-clock medians."""
    import subprocess
    import sys
    import tempfile
    from pathlib import Path

    from bench.sizes import generate

    with tempfile.TemporaryDirectory(prefix="fazhi-bench-ofd-") as temp:
        spec = generate(20, Path(temp))
        command = [sys.executable, "-m", "generator", "render", str(spec), "-o"]
        results: dict[str, list[float]] = {"fazhi render → .docx": [], "fazhi render --format ofd": []}
        for _ in range(rounds):
            results["fazhi render → .docx"].append(
                timed(lambda: subprocess.run(command + [str(Path(temp) / "r.docx")], check=True, capture_output=True))
            )
            results["fazhi render --format ofd"].append(
                timed(
                    lambda: subprocess.run(
                        command + [str(Path(temp) / "r.ofd"), "--format", "ofd"], check=True, capture_output=True
                    )
                )
            )
        print(f"ofd: whole commands on a ~20-page YAML file, {rounds} rounds")
        median_table(results, "fazhi render → .docx")
