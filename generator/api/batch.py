"""The supervising office's batches: many drafts checked, many specs rendered, in worker processes."""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import FazhiError, OutputError, Problem

if TYPE_CHECKING:
    from generator.render.build import Options
from generator.api.check import _check_options
from generator.api.render import _options, check_format, load_spec


def check_summary(
    paths: list[Path],
    profile: str | None = None,
    layout: str | Path | None = None,
    jobs: int | None = None,
    progress=None,
) -> list:
    """Check many drafts in worker processes: one summary row (batch.summary.DraftRow) per path,
    in the order given; an unreadable file is a row saying why. `progress(n)` after each chunk."""
    return list(summary_rows(paths, profile, layout, jobs, progress))


def summary_rows(
    paths: list[Path],
    profile: str | None = None,
    layout: str | Path | None = None,
    jobs: int | None = None,
    progress=None,
) -> Generator:
    """check_summary's rows one by one, in the order given, as soon as each one's predecessors
    are done: only the rows of chunks that finished early wait (a few chunks, never the batch)."""
    _check_options(profile, layout)  # before the first row is asked for: a bad option opens no output
    return _in_order(paths, (profile, str(layout) if layout else None), jobs, progress)


def _in_order(paths: list[Path], args: tuple, jobs: int | None, progress) -> Generator:
    from generator.batch.collect import run
    from generator.batch.summary import summarise_chunk

    early: dict[int, object] = {}
    following = 0
    for index, row in run(summarise_chunk, [str(p) for p in paths], args, jobs, progress):
        early[index] = row
        while following in early:
            yield early.pop(following)
            following += 1


def check_many(
    paths: list[Path],
    profile: str | None = None,
    layout: str | Path | None = None,
    jobs: int | None = None,
    progress=None,
) -> tuple[list, list[Problem]]:
    """check_files over many drafts in worker processes: the same results, in the order given."""
    from generator.batch.collect import run

    _check_options(profile, layout)
    outcome: list = [None] * len(paths)
    for index, pair in run(
        check_chunk, [str(p) for p in paths], (profile, str(layout) if layout else None), jobs, progress
    ):
        outcome[index] = pair
    results = [r for rs, _ in outcome for r in rs]
    return results, [p for _, ps in outcome for p in ps]


def check_chunk(paths: list, profile: str | None, layout: str | None) -> list[tuple[list, list]]:
    """Worker entry point of a plain `check`: check_files' (results, unreadable) per path."""
    from generator.api.check import check_files

    return [check_files([path], profile, layout) for path in paths]


def render_specs(
    specs: list[Path],
    outdir: Path | None,
    fmt: str = "docx",
    options: Options | None = None,
    previous: dict | None = None,
    jobs: int | None = None,
    progress=None,
) -> tuple[list[Path], list[Problem]]:
    """Render many specs (into `outdir`, else each beside its spec) in worker processes: the files
    written and the problems of the specs that failed; one bad spec does not stop the others."""
    from generator.batch.render import plan, render_many

    options = _options(options)
    check_format(fmt)
    if fmt == "pdf":
        import tempfile

        from generator.write.pdf import docx_to_pdf, soffice

        if not soffice():  # say so (docx_to_pdf's message) before rendering a thousand .docx for nothing
            docx_to_pdf([], Path(tempfile.gettempdir()))
    made = outdir if outdir is not None and not outdir.exists() else None  # the folder this call creates
    if made and made.suffix.lower() in (".docx", ".txt", ".pdf", ".doc", ".yaml", ".yml"):
        raise OutputError(
            Problem(
                f"生成多个文件（或给出文件夹）时 -o 应为文件夹，而「{made.name}」像是文件名："
                f"请写成 {made.with_suffix('')}/ 这样的文件夹",
                str(made),
            )
        )
    if made:
        try:
            made.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(Problem(f"无法创建输出目录：{exc.strerror or exc}", str(made))) from None
    items, problems = plan(list(specs), outdir, fmt)
    try:
        outcomes = render_many(items, fmt, options, previous, jobs, progress)
    finally:
        if made and not any(made.iterdir()):  # nothing written: no empty folder left behind
            made.rmdir()
    return [Path(o.target) for o in outcomes if o.written], problems + [p for o in outcomes for p in o.problems]


def figures_table(specs: list[Path]):
    """The named figures of many specs side by side (batch.figures.FigureTable) and the
    problems of the specs that could not be loaded."""
    from generator.batch.figures import build

    problems: list = []

    def loaded():  # one spec at a time: only its figures are kept
        for path in specs:
            try:
                yield Path(path), load_spec(path)
            except FazhiError as exc:
                problems.extend(exc.problems)

    return build(loaded()), problems
