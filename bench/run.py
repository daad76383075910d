"""Benchmarks: `python bench/run.py [sizes|process|render|check|all] [--rounds N]` prints medians and ratios.

sizes:   four report sizes (~10, 50, 200, 1,000 pages) generated from the kaifu example, rendered
         from their YAML files, against a string-template floor with the same libyaml load
         (bench/sizes.py). Target: ≤ 3× the floor at every size.
process: whole processes of `fazhi --help`, `fazhi render`, `fazhi check` against
         `python -c "import lxml.etree, yaml"` (bench/process.py). Targets: ≤ 1.5×, --help ≤ 60 ms.
render: in one process and alternating rounds, fazhi renders the kaifu example (from the
        validated spec, and from the YAML file) against a reference that writes the same
        document's body straight into word/document.xml with a string template and zips it
        with the same other package parts. Target: fazhi ≤ 3× the reference.
check:  `check` over a folder of 200 generated .docx drafts of about 20 pages, against the time
        to merely unzip each draft and parse its word/document.xml with lxml. Target: ≤ 2×. The
        copies share one template, which the reader reads once; the last row forgets it before
        each draft, as a batch from many offices' templates would.
        Also split: reading all drafts, then the rules over the trees read (fresh trees each round).
batch:  `fazhi render SPECS… -o OUTDIR/ --jobs 2` over 1,000 YAML specs (the kaifu example, one
        per district), in docs/s, against a floor that does the least any tool must — load each
        YAML file (libyaml), fill a string template with its texts, zip it with the same package
        parts and write the .docx — on the same worker pool, alternating. Target: ≥ 100 docs/s.
review, sheets, limits: issue 21's (bench/trust.py).
import: `fazhi import` of the same 20-page .docx (read, map onto the spec, validate, render back to
        measure the round trip, drop defaults) against `check` of it, alternating. Target: ≤ 3×.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import KAIFU, floor_docx, package_parts, strings  # noqa: E402
from bench.common import median_table as _median_table, timed as _timed  # noqa: E402
from generator.api import render_bytes  # noqa: E402
from generator.render.build import build_tree  # noqa: E402
from generator.write.docx import StyleOptions, write_docx  # noqa: E402
from generator.spec.validate import load_spec  # noqa: E402
from generator.write.text import to_text  # noqa: E402


def _reference_writer(docx: bytes):
    """A string-template writer of the same document: the floor fazhi is measured against."""
    parts, head, tail = package_parts(docx)
    lines = [line for line in to_text(build_tree(load_spec(KAIFU))).splitlines() if line]
    return lambda: floor_docx(parts, head, tail, lines)


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

        def check_unshared() -> None:
            for path in paths:
                _forget_templates()
                check_document(read_draft(path))

        trees: list = []

        def read() -> None:
            trees[:] = [read_draft(path) for path in paths]

        def rules() -> None:
            for tree in trees:
                check_document(tree)

        results: dict[str, list[float]] = {"floor (unzip + lxml parse)": [], "fazhi check (all rules)": [],
                                           "  of which reading (read_draft)": [],
                                           "  of which the rules (check_document)": [],
                                           "fazhi check, no template shared": []}
        for _ in range(rounds):
            results["floor (unzip + lxml parse)"].append(_timed(floor) / count)
            results["fazhi check (all rules)"].append(_timed(check) / count)
            results["fazhi check, no template shared"].append(_timed(check_unshared) / count)
            results["  of which reading (read_draft)"].append(_timed(read) / count)
            results["  of which the rules (check_document)"].append(_timed(rules) / count)
    print(f"check: {count} drafts of {len(data) // 1024} KiB, per-draft times, {rounds} alternating rounds")
    _median_table(results, "floor (unzip + lxml parse)")


def _forget_templates() -> None:
    """What the reader keeps between drafts made from one template (styles and theme, footers and
    settings, keyed by their CRC): the 200 copies share it, drafts from many offices do not."""
    from generator.checks.rules import coverage
    from generator.read import docx_facts, docx_styles

    docx_styles._SHEETS.clear()
    docx_facts._PART_FACTS.clear()
    coverage._LAST_HIT.clear()


def floor_chunk(items: list[tuple[str, str]], parts: dict[str, bytes], head: str, tail: str) -> list[str]:
    """The floor's worker: YAML file -> string template -> zipped .docx file."""
    import yaml

    for spec, target in items:
        with open(spec, encoding="utf-8") as handle:
            data = yaml.load(handle, Loader=yaml.CSafeLoader)
        lines = (line for text in strings(data) for line in text.splitlines())
        Path(target).write_bytes(floor_docx(parts, head, tail, lines))
    return [target for _, target in items]


def bench_batch(rounds: int, count: int = 1000, jobs: int = 2) -> None:
    """fazhi render of `count` specs on `jobs` workers vs the string-template floor, in docs/s."""
    from generator.api import render_specs
    from generator.batch.collect import run

    docx = render_bytes(load_spec(KAIFU))
    parts, head, tail = package_parts(docx)
    text = KAIFU.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as temp:
        specs = []
        for index in range(count):
            spec = Path(temp) / "specs" / f"district-{index:04d}.yaml"
            spec.parent.mkdir(exist_ok=True)
            spec.write_text(text.replace("name: 开福区", f"name: 第{index}区"), encoding="utf-8")
            specs.append(spec)
        fazhi_out, floor_out = Path(temp) / "fazhi", Path(temp) / "floor"
        floor_out.mkdir()
        floor_items = [(str(s), str(floor_out / (s.stem + ".docx"))) for s in specs]

        def fazhi() -> None:
            written, problems = render_specs(specs, fazhi_out, "docx", jobs=jobs)
            assert len(written) == count and not problems, problems

        def floor() -> None:
            assert len(list(run(floor_chunk, floor_items, (parts, head, tail), jobs))) == count

        names = {"floor (YAML + string template + zip)": floor, "fazhi render -o OUTDIR/": fazhi}
        results: dict[str, list[float]] = {name: [] for name in names}
        cpu: dict[str, list[float]] = {name: [] for name in names}
        for _ in range(rounds):
            for name, func in names.items():
                before = _cpu()
                results[name].append(_timed(func))
                cpu[name].append((_cpu() - before) * 1000 / count)
    print(f"batch: {count} specs of {len(docx) // 1024} KiB .docx each, {jobs} workers, {rounds} alternating rounds")
    base = statistics.median(results["floor (YAML + string template + zip)"])
    for name, values in results.items():
        median = statistics.median(values)
        print(f"  {name:<38} median {median / 1000:6.2f} s   {count / median * 1000:7.1f} docs/s   "
              f"best {count / min(values) * 1000:7.1f} docs/s   ×floor {median / base:5.2f}   "
              f"CPU {statistics.median(cpu[name]):5.2f} ms/doc")


def _cpu() -> float:
    """CPU seconds of this process and its finished children (the pool's workers): unlike wall
    time, not inflated by other work on a shared machine."""
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


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
    parser.add_argument("which", nargs="?", default="all",
                        choices=["sizes", "process", "render", "check", "batch", "import", "review", "sheets", "limits", "all"])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--jobs", type=int, default=2, help="batch: worker processes")
    args = parser.parse_args()
    if args.which in ("sizes", "all"):
        from bench.sizes import bench_sizes

        bench_sizes(args.rounds)
    if args.which in ("process", "all"):
        from bench.process import bench_process

        bench_process(max(5, args.rounds // 2))
    if args.which in ("render", "all"):
        bench_render(args.rounds)
    if args.which in ("check", "all"):
        bench_check(max(3, args.rounds // 6))
    if args.which in ("batch", "all"):
        bench_batch(max(3, args.rounds // 10), jobs=args.jobs)
    if args.which in ("import", "all"):
        bench_import(args.rounds)
    if args.which in ("review", "sheets", "limits", "all"):
        from bench import trust

        getattr(trust, f"bench_{args.which}", None) and getattr(trust, f"bench_{args.which}")(max(3, args.rounds // 10))
        if args.which == "all":
            for name in ("review", "sheets", "limits"):
                getattr(trust, f"bench_{name}")(max(3, args.rounds // 10))


if __name__ == "__main__":
    main()
