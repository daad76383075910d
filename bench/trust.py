"""Benchmarks of issue 21 (`python bench/run.py review|summary|limits`).

review: `check`, `check --fix` and `check --review` of one generated .docx of about 20, 200 and
        1,000 pages, as generated and with slips typed into every tenth paragraph (fixed as tracked
        changes), in process, alternating, in CPU time of this process (time.process_time: the
        machine is shared, wall time swings 3×). Printed: each one's median and its ratio to check
        round by round, median (lowest–highest). Target: --fix and --review ≤ 2× check at every
        size (aimed at ≤ 1.8× so that a faster check elsewhere keeps them within).
summary: the --summary writers for N drafts (rows made once, the writers timed in CPU: .xlsx
        against .csv), `check DIR --summary` end to end (.xlsx against .csv, target ≤ 1.5×), over
        100 / 400 / 1,600 / 6,400 drafts (.xlsx and .csv: CPU a draft, the peak RSS of the largest
        process and its ratio last/first: target flat)
        and `figures` over N specs (CPU time per spec and the peak of Python's memory, tracemalloc,
        target: both flat in N).
limits: whole `fazhi` processes on the largest drafts fazhi reads (the limits of
        generator/read/limits.py) and on a 1,000-page one: wall and CPU seconds (user + sys of the
        child: on a shared machine the CPU time is the steadier figure), target ≤ 5 s.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from bench.common import ROOT, median_table


def _draft(pages: int, folder: Path) -> bytes:
    from bench.sizes import generate
    from generator.api import render_bytes
    from generator.spec.validate import load_spec

    return render_bytes(load_spec(generate(pages, folder)))


def _typed(data: bytes, every: int = 10) -> bytes:
    """The draft with a clerk's slips typed into every `every`-th paragraph (a half-width comma,
    full-width digits): what --fix and --review then change as tracked edits."""
    import io
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    pieces = source.read("word/document.xml").decode("utf-8").split("</w:p>")
    for index in range(0, len(pieces), every):
        pieces[index] = pieces[index].replace("，", ",", 1).replace("2022", "２０２２", 1)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = "</w:p>".join(pieces).encode("utf-8")
            target.writestr(info, body if info.filename == "word/document.xml" else source.read(info))
    return out.getvalue()


def bench_review(rounds: int) -> None:
    """check, check --fix and check --review of the same draft, alternating; ratios per round."""
    from generator.api.review import _enabled_rules
    from generator.checks import check_document
    from generator.read import read_draft_bytes
    from generator.review import fix_bytes, review_bytes

    print(
        f"review: check vs --fix vs --review of one generated .docx, in process, CPU time, {rounds} alternating "
        "rounds (1,000 pages: a third); ratios: median of the rounds' (range)"
    )
    with tempfile.TemporaryDirectory(prefix="fazhi-bench-") as temp:
        for pages in (20, 200, 1000):
            generated = _draft(pages, Path(temp))
            for label, data in (("as generated", generated), ("slips typed in", _typed(generated))):
                enabled = _enabled_rules(None, check_document(read_draft_bytes(data, "d.docx")))

                def check(data=data):
                    return check_document(read_draft_bytes(data, "d.docx"))

                def fix(
                    data=data, enabled=enabled
                ):  # fix_file: read, check, fix (a second check only for the exit code)
                    doc = read_draft_bytes(data, "d.docx")
                    check_document(doc)
                    return fix_bytes(data, doc, "d.docx", enabled)[1]

                def review(data=data, enabled=enabled):
                    doc = read_draft_bytes(data, "d.docx")
                    return review_bytes(data, doc, check_document(doc), "d.docx", enabled=enabled)[1]

                results: dict[str, list[float]] = {"check": [], "check --fix": [], "check --review": []}
                for _ in range(max(5, rounds // (1 if pages < 1000 else 3))):
                    for name, func in (("check", check), ("check --fix", fix), ("check --review", review)):
                        results[name].append(_cpu_timed(func))
                findings, fixes = len(check().findings), len(fix())
                print(f"  ~{pages} pages, {label} ({len(data) // 1024} KiB, {findings} findings, {fixes} fixes):")
                _ratio_table(results, "check")


def _ratio_table(results: dict[str, list[float]], base: str) -> None:
    """Median CPU ms of each, and its ratio to `base` round by round: median (lowest–highest)."""
    for name, values in results.items():
        ratios = sorted(v / b for v, b in zip(values, results[base]))
        print(
            f"    {name:<16} median {statistics.median(values):8.2f} ms   ×{base} {statistics.median(ratios):5.2f} "
            f"({ratios[0]:.2f}–{ratios[-1]:.2f})"
        )


def _cpu_timed(func) -> float:
    """CPU milliseconds of this process that one call takes."""
    start = time.process_time()
    func()
    return (time.process_time() - start) * 1000


def _rows(count: int):
    from generator.batch.summary import summarise

    with tempfile.TemporaryDirectory() as temp:
        seed = ROOT / "tests" / "fixtures" / "published" / "kaifu-2022-report.txt"
        path = Path(temp) / "=draft.txt"
        path.write_bytes(seed.read_bytes())
        row = summarise(path)
    return [row] * count


def bench_sheets(rounds: int) -> None:
    from generator.batch.csv import to_csv
    from generator.batch.xlsx import to_xlsx

    print(f"sheets: --summary writers (rows made once), CPU time, {rounds} alternating rounds")
    for count in (100, 1000):
        rows = _rows(count)
        results: dict[str, list[float]] = {".csv": [], ".xlsx": []}
        for _ in range(max(3, rounds // 5)):
            results[".csv"].append(_cpu_timed(lambda rows=rows: to_csv(rows)))
            results[".xlsx"].append(_cpu_timed(lambda rows=rows: to_xlsx(rows)))
        print(f"  {count} drafts ({sum(len(r.findings) for r in rows)} findings):")
        median_table(results, ".csv")
    bench_summary_end_to_end(max(3, rounds // 3))
    bench_summary_scaling()
    _figures()


def _figures() -> None:
    from generator.api import figures_table
    from generator.batch.figures import to_csv, to_xlsx

    print("figures: N copies of the kaifu spec under other names; CPU time per spec and Python's peak memory")
    with tempfile.TemporaryDirectory(prefix="fazhi-bench-") as temp:
        text = (ROOT / "examples" / "kaifu-2022.yaml").read_text(encoding="utf-8")
        specs = []
        for count in (250, 1000, 4000):
            while len(specs) < count:
                path = Path(temp) / f"unit-{len(specs):05d}.yaml"
                path.write_text(text.replace("name: 开福区", f"name: 开福区{len(specs) % 50}", 1), encoding="utf-8")
                specs.append(path)

            def run(count=count):
                table, _ = figures_table(specs[:count])
                to_csv(table)
                to_xlsx(table)

            cpu = _cpu_timed(run) / count  # CPU time: steady on a shared machine, tracemalloc off
            tracemalloc.start()
            run()
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            print(
                f"  {count:5d} specs: {cpu:6.2f} ms CPU a spec, peak {peak / 1048576:7.1f} MiB "
                f"({peak / count / 1024:6.1f} KiB a spec)"
            )


def _child(args: list[str], cwd: Path) -> tuple[float, float, int]:
    """(wall, CPU seconds, exit code) of one `fazhi` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    code = subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        capture_output=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    ).returncode
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, code


def bench_limits(rounds: int) -> None:
    from generator.api import render_bytes
    from generator.read import limits
    from generator.spec.validate import load_spec
    from bench.sizes import generate

    with tempfile.TemporaryDirectory(prefix="fazhi-bench-") as temp:
        folder = Path(temp)
        drafts = {}
        for pages in (1000, 2000):
            spec = load_spec(generate(pages, folder))
            drafts[f"{pages}-page .docx"] = folder / f"d{pages}.docx"
            drafts[f"{pages}-page .docx"].write_bytes(render_bytes(spec))
            drafts[f"{pages}-page .txt"] = folder / f"d{pages}.txt"
            drafts[f"{pages}-page .txt"].write_bytes(render_bytes(spec, "txt"))
        line = "全面推行行政执法三项制度，落实行政裁量权基准制度。"
        drafts[f"{limits.MAX_PARAGRAPHS:,} short paragraphs .txt"] = many = folder / "many.txt"
        many.write_text(
            "关于2022年度法治政府建设工作情况的报告\n" + (line + "\n") * (limits.MAX_PARAGRAPHS - 1), encoding="utf-8"
        )
        print(f"limits: whole processes, median of {rounds} (wall s / CPU s)")
        for name, path in drafts.items():
            from generator.read import read_draft

            doc = read_draft(path)
            chars = sum(
                len(getattr(b, name, "") or "")
                for d in doc.all_documents()
                for b in d.blocks
                for name in ("text", "title", "body")
                if isinstance(getattr(b, name, ""), str)
            )
            print(f"  {name}: {path.stat().st_size / 1048576:.1f} MB, ~{chars:,} characters in the tree")
            commands = {
                "check": ["check", path],
                "check --fix": ["check", path, "--fix", "-o", folder / ("f" + path.suffix)],
                "render (re-layout)": ["render", path, "-o", folder / "r.docx"],
                "import": ["import", path, "-o", folder / "i.yaml"],
            }
            if path.suffix == ".docx":
                commands["check --review"] = ["check", path, "--review", "-o", folder / "v.docx"]
            for label, args in commands.items():
                runs = [_child([str(a) for a in args], folder) for _ in range(rounds)]
                wall = statistics.median(r[0] for r in runs)
                cpu = statistics.median(r[1] for r in runs)
                print(f"    {label:<20} {wall:6.2f} s wall  {cpu:6.2f} s CPU  (exit {runs[0][2]})")


def bench_summary_end_to_end(rounds: int, count: int = 200) -> None:
    """`fazhi check DIR --summary x.csv` against `x.xlsx`, whole processes (checking included)."""
    seed = ROOT / "tests" / "fixtures" / "published" / "kaifu-2022-report.txt"
    with tempfile.TemporaryDirectory(prefix="fazhi-bench-") as temp:
        folder = Path(temp) / "drafts"
        folder.mkdir()
        for index in range(count):
            (folder / f"d{index:04d}.txt").write_bytes(seed.read_bytes())
        results: dict[str, list[float]] = {".csv": [], ".xlsx": []}
        for _ in range(rounds):
            for suffix in results:
                results[suffix].append(
                    _child(["check", str(folder), "--summary", str(Path(temp) / f"s{suffix}")], Path(temp))[1] * 1000
                )
        print(f"  end to end, {count} drafts (whole processes, --jobs default, CPU time of the processes):")
        median_table(results, ".csv")


_PEAK = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], capture_output=True); "
    "u = resource.getrusage(resource.RUSAGE_CHILDREN); print(u.ru_utime + u.ru_stime, u.ru_maxrss)"
)


def bench_summary_scaling(counts: tuple[int, ...] = (100, 400, 1600, 6400)) -> None:
    """`fazhi check DIR --summary x.xlsx` and `x.csv` over N drafts: CPU per draft and the largest
    process's peak resident memory (rows stream into the writer; workers come and go); then the
    peaks' ratio last/first (target: flat, about 1) and .xlsx against .csv at each N."""
    seed = ROOT / "tests" / "fixtures" / "published" / "kaifu-2022-report.txt"
    print("  --summary over N drafts (whole processes): CPU per draft, peak RSS of the largest process")
    peaks: dict[str, list[float]] = {".xlsx": [], ".csv": []}
    with tempfile.TemporaryDirectory(prefix="fazhi-bench-") as temp:
        folder = Path(temp) / "drafts"
        folder.mkdir()
        for count in counts:
            for index in range(count):
                path = folder / f"d{index:05d}.txt"
                if not path.exists():
                    path.write_bytes(seed.read_bytes())
            cpu = {}
            for suffix in peaks:
                cpu[suffix], rss = _peak(folder, Path(temp) / f"s{suffix}")
                peaks[suffix].append(rss)
                print(
                    f"    {count:5d} drafts {suffix:<5}: {cpu[suffix] * 1000 / count:6.2f} ms CPU a draft, "
                    f"peak RSS {rss:6.1f} MiB, file {(Path(temp) / f's{suffix}').stat().st_size / 1024:8.0f} KiB"
                )
            print(f"    {count:5d} drafts .xlsx/.csv CPU ×{cpu['.xlsx'] / cpu['.csv']:.2f}")
    for suffix, values in peaks.items():
        print(
            f"  peak RSS {suffix}: "
            + " / ".join(f"{v:.1f}" for v in values)
            + f" MiB at {' / '.join(map(str, counts))}"
            f" drafts; last/first ×{values[-1] / values[0]:.2f}"
        )


def _peak(folder: Path, out: Path) -> tuple[float, float]:
    """(CPU seconds, peak RSS MiB of the largest process) of `fazhi check FOLDER --summary OUT`."""
    args = [sys.executable, "-c", _PEAK, sys.executable, "-m", "generator", "check", str(folder), "--summary", str(out)]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    fields = subprocess.run(args, cwd=out.parent, capture_output=True, text=True, env=env).stdout.split()
    return float(fields[0]), int(fields[1]) / 1024
