"""OFD against .docx: the same ~20-page report (kaifu's measures written out three times) rendered
from its validated spec to .docx and to .ofd, alternating rounds, split into the tree, the line model
(generator.paging.paginate) and the OFD package writer; and whole `fazhi render` commands.
Target: OFD ≤ 2× the .docx."""

from __future__ import annotations

import statistics
import time

from bench.common import KAIFU, median_table, timed
from generator.api import render_bytes
from generator.ooxml.layout import load_layout
from generator.render.build import build_tree
from generator.spec.validate import load_spec


def cpu_timed(func) -> float:
    """CPU milliseconds one call takes in this process (the machine is shared: wall clock waits for others)."""
    start = time.process_time()
    func()
    return (time.process_time() - start) * 1000


def bench_ofd(rounds: int) -> None:
    """Medians and the ratio OFD / .docx, wall clock and CPU time, over `rounds` alternating rounds."""
    from generator.paging import paginate
    from generator.write.ofd import write_ofd

    spec = load_spec(KAIFU)
    spec.measures.sections = spec.measures.sections * 3
    render_bytes(spec, "docx")  # the cached base package, built once
    render_bytes(spec, "ofd")
    tree = build_tree(spec)
    layout = load_layout()
    pages = paginate(tree, layout)
    fonts = layout.fonts(spec.style.fonts)
    steps = {
        "docx (spec → .docx)": lambda: render_bytes(spec, "docx"),
        "ofd (spec → .ofd)": lambda: render_bytes(spec, "ofd"),
        "  tree (spec → tree)": lambda: build_tree(spec),
        "  paginate (tree → pages)": lambda: paginate(tree, layout),
        "  write_ofd (pages → .ofd)": lambda: write_ofd(pages, fonts),
    }
    for clock, timer in (("wall clock", timed), ("CPU time", cpu_timed)):
        results: dict[str, list[float]] = {name: [] for name in steps}
        for _ in range(rounds):
            for name, step in steps.items():
                results[name].append(timer(step))
        print(f"ofd: a {len(pages)}-page report, {rounds} rounds, {clock}")
        median_table(results, "docx (spec → .docx)")
        ratio = statistics.median(results["ofd (spec → .ofd)"]) / statistics.median(results["docx (spec → .docx)"])
        print(f"  OFD / .docx ({clock}, medians): {ratio:.2f}× (target ≤ 2×)")


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
