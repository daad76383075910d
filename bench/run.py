"""Benchmarks: `python bench/run.py [render|check|all] [--rounds N]` prints medians.

render: in one process and alternating rounds, fazhi renders the kaifu example (from the
        validated spec, and from the YAML file) against a reference that writes the same
        document's body straight into word/document.xml with a string template and zips it
        with the same other package parts. Target: fazhi ≤ 3× the reference.
check:  `check` over a folder of 200 generated .docx drafts of about 20 pages, against the time
        to merely unzip each draft and parse its word/document.xml with lxml. Target: ≤ 2×.
import: `fazhi import` of the same 20-page .docx (read, map onto the spec, validate, render back to
        measure the round trip, drop defaults) against `check` of it, alternating. Target: ≤ 3×.
"""
from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.api import render_bytes  # noqa: E402
from generator.render.build import build_tree  # noqa: E402
from generator.write.docx import StyleOptions, write_docx  # noqa: E402
from generator.spec.validate import load_spec  # noqa: E402
from generator.write.text import to_text  # noqa: E402

KAIFU = ROOT / "examples" / "kaifu-2022.yaml"


def _timed(func) -> float:
    start = time.perf_counter()
    func()
    return (time.perf_counter() - start) * 1000


def _median_table(results: dict[str, list[float]], floor: str) -> None:
    base = statistics.median(results[floor])
    for name, values in results.items():
        median = statistics.median(values)
        print(f"  {name:<34} median {median:8.2f} ms   min {min(values):8.2f}   ×floor {median / base:5.2f}")


def _reference_writer(docx: bytes):
    """A string-template writer of the same document: the floor fazhi is measured against."""
    package = zipfile.ZipFile(io.BytesIO(docx))
    parts = {name: package.read(name) for name in package.namelist() if name != "word/document.xml"}
    document = package.read("word/document.xml").decode("utf-8")
    head = document[: document.index("<w:body>") + len("<w:body>")]
    tail = document[document.index("<w:sectPr"):]
    lines = [line for line in to_text(build_tree(load_spec(KAIFU))).splitlines() if line]
    paragraph = '<w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr><w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>'

    def write() -> bytes:
        body = "".join(paragraph.format(escape(line)) for line in lines)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for name, data in parts.items():
                target.writestr(name, data)
            target.writestr("word/document.xml", head + body + tail)
        return out.getvalue()

    return write


def bench_render(rounds: int) -> None:
    """fazhi render vs the string-template floor, alternating."""
    spec = load_spec(KAIFU)
    options = StyleOptions(spec.style.fonts, spec.style.heading3_bold)
    first = _timed(lambda: render_bytes(spec))  # includes building the cached base package
    reference = _reference_writer(render_bytes(spec))
    results: dict[str, list[float]] = {"reference (string template + zip)": [], "fazhi (spec → docx)": [],
                                       "fazhi (YAML file → docx)": [], "fazhi writer only (tree → docx)": []}
    tree = build_tree(spec)
    for _ in range(rounds):
        results["reference (string template + zip)"].append(_timed(reference))
        results["fazhi (spec → docx)"].append(_timed(lambda: render_bytes(spec)))
        results["fazhi (YAML file → docx)"].append(_timed(lambda: render_bytes(load_spec(KAIFU))))
        results["fazhi writer only (tree → docx)"].append(_timed(lambda: write_docx(tree, options)))
    print(f"render: kaifu example, {rounds} alternating rounds (first render with package build: {first:.1f} ms)")
    _median_table(results, "reference (string template + zip)")


def _long_draft_bytes() -> bytes:
    """A generated report of about 20 pages: the kaifu measures written out three times."""
    spec = load_spec(KAIFU)
    spec.measures.sections = spec.measures.sections * 3
    return render_bytes(spec)


def bench_check(rounds: int, count: int = 200) -> None:
    """check over `count` drafts vs unzip + lxml parse of document.xml."""
    from lxml import etree

    from generator.checks import check_document
    from generator.read import read_draft

    data = _long_draft_bytes()
    with tempfile.TemporaryDirectory() as temp:
        paths = []
        for index in range(count):
            path = Path(temp) / f"draft-{index:03d}.docx"
            path.write_bytes(data)
            paths.append(path)

        def floor() -> None:
            for path in paths:
                with zipfile.ZipFile(path) as package:
                    etree.fromstring(package.read("word/document.xml"))

        def check() -> None:
            for path in paths:
                check_document(read_draft(path))

        results: dict[str, list[float]] = {"floor (unzip + lxml parse)": [], "fazhi check (all rules)": []}
        for _ in range(rounds):
            results["floor (unzip + lxml parse)"].append(_timed(floor) / count)
            results["fazhi check (all rules)"].append(_timed(check) / count)
    print(f"check: {count} drafts of {len(data) // 1024} KiB, per-draft times, {rounds} alternating rounds")
    _median_table(results, "floor (unzip + lxml parse)")


def bench_import(rounds: int) -> None:
    """import of a 20-page .docx vs check of it, alternating rounds."""
    from generator.checks import check_document
    from generator.importer import import_document
    from generator.read import read_docx_bytes

    data = _long_draft_bytes()
    results: dict[str, list[float]] = {"fazhi check (read + all rules)": [], "fazhi import (read → spec)": [],
                                       "  of which: read": []}
    for _ in range(rounds):
        results["fazhi check (read + all rules)"].append(_timed(lambda: check_document(read_docx_bytes(data))))
        results["fazhi import (read → spec)"].append(_timed(lambda: import_document(read_docx_bytes(data))))
        results["  of which: read"].append(_timed(lambda: read_docx_bytes(data)))
    print(f"import: one draft of {len(data) // 1024} KiB (about 20 pages), {rounds} alternating rounds")
    _median_table(results, "fazhi check (read + all rules)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("which", nargs="?", default="all", choices=["render", "check", "import", "all"])
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    if args.which in ("render", "all"):
        bench_render(args.rounds)
    if args.which in ("check", "all"):
        bench_check(max(3, args.rounds // 6))
    if args.which in ("import", "all"):
        bench_import(args.rounds)


if __name__ == "__main__":
    main()
