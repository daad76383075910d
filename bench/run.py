"""Benchmarks: `python bench/run.py [sizes|process|render|check|batch|import|sheets|lines|ofd|all] [--rounds N]` prints medians and ratios.

lines:   not a timing: the line model (generator/paging) against LibreOffice's PDF of every example,
         variant and --paragraphs generated paragraphs (bench/lines.py): same line count, same
         breaks, the page of every heading, of each part's last body line and of the 版记, page
         counts. Targets: line count ≥ 99 %, every heading and last line on the model's page.

sizes:   four report sizes (~10, 50, 200, 1,000 pages) generated from the kaifu example, rendered
         from their YAML files, against a string-template floor with the same libyaml load
         (bench/sizes.py). Target: ≤ 3× the floor at every size.
process: whole processes of `fazhi --help`, `fazhi render`, `fazhi check` against
         `python -c "import lxml.etree, yaml"` (bench/process.py). Targets: ≤ 1.5×, --help ≤ 60 ms.
startup: where `fazhi check kaifu.docx` spends its CPU time (bench/startup.py): the interpreter,
         click, the modules a check imports, the patterns it compiles, warm and empty cache; with
         valgrind installed, instruction counts too (load-independent).
render: in one process and alternating rounds, fazhi renders the kaifu example (from the
        validated spec, and from the YAML file) against a reference that writes the same
        document's body straight into word/document.xml with a string template and zips it
        with the same other package parts. Target: fazhi ≤ 3× the reference.
check:  `check` over a folder of 200 generated .docx drafts of about 20 pages, against the time
        to merely unzip each draft and parse its word/document.xml with lxml. Target: ≤ 2×. The
        copies share one template, which the reader reads once; the last row forgets it before
        each draft, as a batch from many offices' templates would.
        Also split: reading all drafts, then the rules over the trees read (fresh trees each round).
        Timed with the cyclic collector's thresholds a `fazhi` command sets (generator/process.py);
        the last row with Python's default ones, as a program calling the library has them.
batch:  `fazhi render SPECS… -o OUTDIR/ --jobs 2` over 1,000 YAML specs (the kaifu example, one
        per district), in docs/s, against a floor that does the least any tool must — load each
        YAML file (libyaml), fill a string template with its texts, zip it with the same package
        parts and write the .docx — on the same worker pool, alternating. Target: ≥ 100 docs/s.
sheets: `fazhi import` of a 2,000-row 任务分工表 (.xlsx) against openpyxl merely reading it (bench/sheets.py).
        Target: the whole process ≤ 2 s.
ofd:    the same ~20-page report to .ofd against .docx (bench/ofd.py), in one process (from the
        validated spec, with the line model and the writer split out; wall clock, then CPU time,
        each with the ratio of the medians) and as whole commands. Target: ≤ 2×.
review, summary, limits: issue 21's (bench/trust.py; `summary` is check --summary .xlsx against .csv).
import: `fazhi import` of the same 20-page .docx (read, map onto the spec, validate, render back to
        measure the round trip, drop defaults) against `check` of it, alternating. Target: ≤ 3×.
serve:  `fazhi serve` on loopback (bench/serve.py): the live preview of a 20-page report, server- and
        browser-timed (p95 ≤ 150 ms), the exact preview's docx → PDF (≤ 3 s), and 20 clients for
        --seconds (60) with no error and flat memory; the load test stops by itself.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
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
    results: dict[str, list[float]] = {
        "reference (string template + zip)": [],
        "fazhi (spec → docx)": [],
        "fazhi (YAML file → docx)": [],
        "fazhi writer only (tree → docx)": [],
    }
    tree = build_tree(spec)
    for _ in range(rounds):
        results["reference (string template + zip)"].append(_timed(reference, cpu=True))
        results["fazhi (spec → docx)"].append(_timed(lambda: render_bytes(spec), cpu=True))
        results["fazhi (YAML file → docx)"].append(_timed(lambda: render_bytes(load_spec(KAIFU)), cpu=True))
        results["fazhi writer only (tree → docx)"].append(_timed(lambda: write_docx(tree, options), cpu=True))
    print(
        f"render: kaifu example, CPU time, {rounds} alternating rounds (first render with package build: {first:.1f} ms wall)"
    )
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
    from generator.process import GC_THRESHOLD
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

        results: dict[str, list[float]] = {
            "floor (unzip + lxml parse)": [],
            "fazhi check (all rules)": [],
            "  of which reading (read_draft)": [],
            "  of which the rules (check_document)": [],
            "fazhi check, no template shared": [],
            "fazhi check, Python's default gc": [],
        }
        default = gc.get_threshold()
        try:
            for _ in range(rounds):
                gc.set_threshold(*GC_THRESHOLD)
                results["floor (unzip + lxml parse)"].append(_timed(floor, cpu=True) / count)
                results["fazhi check (all rules)"].append(_timed(check, cpu=True) / count)
                results["fazhi check, no template shared"].append(_timed(check_unshared, cpu=True) / count)
                results["  of which reading (read_draft)"].append(_timed(read, cpu=True) / count)
                results["  of which the rules (check_document)"].append(_timed(rules, cpu=True) / count)
                gc.set_threshold(*default)
                results["fazhi check, Python's default gc"].append(_timed(check, cpu=True) / count)
        finally:
            gc.set_threshold(*default)
    print(f"check: {count} drafts of {len(data) // 1024} KiB, per-draft CPU time, {rounds} alternating rounds")
    _median_table(results, "floor (unzip + lxml parse)")
    _per_rule(trees, rounds)


def _per_rule(trees: list, rounds: int) -> None:
    """Each rule's time over the same trees (the shared analysis and regex pass timed on their own first), in CPU ms per draft."""
    from generator.checks import _plan, _profile
    from generator.checks.analysis import analyse
    from generator.checks.registry import Context

    times: dict[str, list[float]] = {}
    for _ in range(rounds):
        totals: dict[str, float] = {"(shared analysis: kind, parts, text units)": 0.0, _PASS: 0.0}
        for tree in trees:
            start = time.process_time()
            analysis = analyse(tree)
            totals["(shared analysis: kind, parts, text units)"] += time.process_time() - start
            start = time.process_time()
            analysis.shared_pass()  # else charged to the first rule that asks for it
            totals[_PASS] += time.process_time() - start
            for rule, params, severity, overridden in _plan(_profile(analysis.kind), analysis.kind):
                start = time.process_time()
                list(rule.check(tree, Context(rule, params, severity, analysis, overridden)))
                totals[rule.id] = totals.get(rule.id, 0.0) + time.process_time() - start
        for name, total in totals.items():
            times.setdefault(name, []).append(total * 1000 / len(trees))
    medians = sorted(((statistics.median(v), k) for k, v in times.items()), reverse=True)
    print(f"  per rule (ms per draft, median of {rounds}; total {sum(m for m, _ in medians):.2f}):")
    for median, name in medians:
        print(f"    {name:<44} {median:6.3f}")


_PASS = "(shared regex pass: checks/scanner.py)"


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
        print(
            f"  {name:<38} median {median / 1000:6.2f} s   {count / median * 1000:7.1f} docs/s   "
            f"best {count / min(values) * 1000:7.1f} docs/s   ×floor {median / base:5.2f}   "
            f"CPU {statistics.median(cpu[name]):5.2f} ms/doc"
        )


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
    results: dict[str, list[float]] = {
        "fazhi check (read + all rules)": [],
        "fazhi import (read → spec)": [],
        "  of which: read": [],
    }
    for _ in range(rounds):
        results["fazhi check (read + all rules)"].append(
            _timed(lambda: check_document(read_docx_bytes(data)), cpu=True)
        )
        results["fazhi import (read → spec)"].append(_timed(lambda: import_document(read_docx_bytes(data)), cpu=True))
        results["  of which: read"].append(_timed(lambda: read_docx_bytes(data), cpu=True))
    print(f"import: one draft of {len(data) // 1024} KiB (about 20 pages), {rounds} alternating rounds")
    _median_table(results, "fazhi check (read + all rules)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "which",
        nargs="?",
        default="all",
        choices=[
            "sizes",
            "process",
            "startup",
            "render",
            "check",
            "batch",
            "import",
            "sheets",
            "lines",
            "ofd",
            "serve",
            "review",
            "summary",
            "limits",
            "all",
        ],
    )
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--jobs", type=int, default=2, help="batch: worker processes")
    parser.add_argument("--paragraphs", type=int, default=600, help="lines: generated paragraphs")
    parser.add_argument("--seconds", type=float, default=60, help="serve: length of the load test")
    args = parser.parse_args()
    if args.which in ("sizes", "all"):
        from bench.sizes import bench_sizes

        bench_sizes(args.rounds)
    if args.which in ("process", "all"):
        from bench.process import bench_process

        bench_process(max(5, args.rounds // 2))
    if args.which in ("startup", "all"):
        from bench.startup import bench_startup

        bench_startup(max(5, args.rounds // 2))
    if args.which in ("render", "all"):
        bench_render(args.rounds)
    if args.which in ("check", "all"):
        bench_check(max(3, args.rounds // 6))
    if args.which in ("batch", "all"):
        bench_batch(max(3, args.rounds // 10), jobs=args.jobs)
    if args.which in ("import", "all"):
        bench_import(args.rounds)
    if args.which in ("sheets", "all"):
        from bench.sheets import bench_sheets

        bench_sheets(max(3, args.rounds // 6))
    if args.which in ("lines", "all"):
        from bench.lines import report, run

        report(run(args.paragraphs))
    if args.which in ("ofd", "all"):
        from bench.ofd import bench_ofd, bench_ofd_process

        bench_ofd(args.rounds)
        bench_ofd_process(max(5, args.rounds // 3))
    if args.which in ("serve", "all"):
        from bench.serve import bench_serve

        bench_serve(args.rounds, args.seconds)
    if args.which in ("review", "summary", "limits", "all"):
        from bench import trust

        for name in ("review", "summary", "limits") if args.which == "all" else (args.which,):
            getattr(trust, "bench_sheets" if name == "summary" else f"bench_{name}")(max(3, args.rounds // 10))


if __name__ == "__main__":
    main()
