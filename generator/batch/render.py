"""Many specs rendered at once: each in a worker, one bad spec reported while the rest render.

PDF batches: the workers write .docx files into one temporary folder, then one LibreOffice
process converts them all (write/pdf.docx_to_pdf), and each PDF is moved into place atomically.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import FazhiError, Problem
from generator.safe_io import resolved


@dataclass
class Outcome:
    """What became of one spec: its output, or the problems that stopped it."""

    spec: str
    target: str
    written: bool = False
    problems: list[Problem] = field(default_factory=list)


def plan(specs: list[Path], outdir: Path | None, fmt: str) -> tuple[list[tuple[Path, Path]], list[Problem]]:
    """(spec, target) for each spec: OUTDIR/<stem>.<fmt>, or beside the spec without OUTDIR.
    Two specs that would write the same file are both refused (neither overwrites the other)."""
    targets = [((outdir / spec.stem) if outdir else spec).with_suffix(f".{fmt}") for spec in specs]
    seen: dict[Path, list[int]] = {}
    for index, target in enumerate(targets):
        seen.setdefault(resolved(target), []).append(index)
    problems, items = [], []
    for index, (spec, target) in enumerate(zip(specs, targets)):
        clash = [specs[i] for i in seen[resolved(target)] if i != index]
        if clash:
            problems.append(Problem(f"与「{clash[0]}」输出到同一个文件「{target}」：请改文件名或分开输出", str(spec)))
        else:
            items.append((spec, target))
    return items, problems


def render_chunk(items: list[tuple[str, str]], fmt: str, options, previous: dict | None) -> list[Outcome]:
    """Worker entry point: render each (spec, target); problems are returned, not raised."""
    from generator.api import render_file

    out = []
    for spec, target in items:
        try:
            render_file(spec, target, fmt, options, previous=previous)
            out.append(Outcome(str(spec), str(target), True))
        except FazhiError as exc:
            out.append(Outcome(str(spec), str(target), False, exc.problems))
        except Exception as exc:  # noqa: BLE001 - one broken spec must not stop the other 999
            out.append(
                Outcome(
                    str(spec),
                    str(target),
                    False,
                    [Problem(f"生成时出错（{type(exc).__name__}: {exc}），请把此文件报告给 fazhi 的维护者", str(spec))],
                )
            )
    return out


def render_many(
    items: list[tuple[Path, Path]],
    fmt: str,
    options,
    previous: dict | None = None,
    jobs: int | None = None,
    progress=None,
) -> list[Outcome]:
    """Render every (spec, target); PDF through one LibreOffice run for the whole batch."""
    from .collect import run

    if fmt != "pdf":
        work = [(str(s), str(t)) for s, t in items]
        return [
            outcome
            for _, outcome in sorted(
                run(render_chunk, work, (fmt, options, previous), jobs, progress), key=lambda pair: pair[0]
            )
        ]
    temp = Path(tempfile.mkdtemp(prefix="fazhi-batch-"))
    try:
        # Numbered names: two targets may share a stem in different folders.
        work = [(str(s), str(temp / f"{i:05d}.docx")) for i, (s, _) in enumerate(items)]
        staged = sorted(run(render_chunk, work, ("docx", options, previous), jobs, progress), key=lambda p: p[0])
        outcomes = [Outcome(o.spec, str(items[i][1]), False, o.problems) for i, o in staged]
        return _convert(outcomes, [Path(o.target) for _, o in staged], temp)
    finally:
        shutil.rmtree(temp, ignore_errors=True)


def _convert(outcomes: list[Outcome], staged: list[Path], temp: Path) -> list[Outcome]:
    """One LibreOffice run over every staged .docx; each PDF moved to its target."""
    from generator.write.atomic import write_atomic
    from generator.write.pdf import docx_to_pdf

    ready = [i for i, o in enumerate(outcomes) if not o.problems]
    if not ready:
        return outcomes
    failure = None
    try:
        docx_to_pdf([staged[i] for i in ready], temp / "pdf", timeout=max(300, 10 * len(ready)))
    except FazhiError as exc:  # some PDFs may still have been written: keep those
        failure = exc.problems
    for i in ready:
        pdf = temp / "pdf" / (staged[i].stem + ".pdf")
        if not pdf.exists():
            problems = failure or [Problem("LibreOffice 没有生成 PDF")]
            outcomes[i].problems = [p._replace(file=p.file or outcomes[i].spec) for p in problems]
            continue
        try:
            write_atomic(outcomes[i].target, pdf.read_bytes())
            outcomes[i].written = True
        except FazhiError as exc:
            outcomes[i].problems = exc.problems
    return outcomes
