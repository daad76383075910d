"""OFD against .docx: the same ~20-page report (kaifu's measures written out three times) rendered
from its validated spec to .docx and to .ofd, alternating rounds. Target: OFD ≤ 2× the .docx.
Also split: the tree alone, the line model (generator.paging.paginate), the OFD package writer."""
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
    results: dict[str, list[float]] = {"docx (spec → .docx)": [], "ofd (spec → .ofd)": [],
                                       "  tree (spec → tree)": [], "  paginate (tree → pages)": [],
                                       "  write_ofd (pages → .ofd)": []}
    for _ in range(rounds):
        results["docx (spec → .docx)"].append(timed(lambda: render_bytes(spec, "docx")))
        results["ofd (spec → .ofd)"].append(timed(lambda: render_bytes(spec, "ofd")))
        results["  tree (spec → tree)"].append(timed(lambda: build_tree(spec)))
        results["  paginate (tree → pages)"].append(timed(lambda: paginate(tree, layout)))
        results["  write_ofd (pages → .ofd)"].append(timed(lambda: write_ofd(pages, fonts)))
    print(f"ofd: a {len(pages)}-page report, {rounds} rounds")
    median_table(results, "docx (spec → .docx)")
