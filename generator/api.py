"""The library API the CLI calls: render specs, list tasks, check drafts."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import FazhiError, OutputError, Problem

if TYPE_CHECKING:
    from generator.render.build import Options

# Each function imports what it uses: `check` on a .docx loads neither pydantic nor Jinja,
# and nothing loads python-docx unless a package has to be built.
FORMATS = ("docx", "txt", "pdf")


def load_spec(path: str | Path):
    """Load, validate and expand a spec file (pydantic is imported here, on first use)."""
    from generator.spec.validate import load_spec as load

    return load(path)


def build_tree(spec, options: Options | None = None):
    """The document tree of a validated spec (Jinja is imported here, on first use)."""
    from generator.render.build import Options, build_tree as build

    return build(spec, options or Options())


def render_bytes(spec, fmt: str = "docx", options: Options | None = None) -> bytes:
    """Render a validated spec to .docx or .txt bytes."""
    from generator.render.build import Options

    options = options or Options()
    tree = build_tree(spec, options)
    if fmt == "txt":
        from generator.write.text import to_text

        return to_text(tree).encode("utf-8")
    from generator.write.docx import StyleOptions, write_docx

    return write_docx(tree, StyleOptions(spec.style.fonts, spec.style.heading3_bold, options.layout))


def default_output(spec_path: str | Path, fmt: str) -> Path:
    """Beside the input, same stem."""
    return Path(spec_path).with_suffix(f".{fmt}")


def render_file(spec_path: str | Path, out: str | Path | None = None, fmt: str = "docx",
                options: Options | None = None) -> Path:
    """Load, render and atomically write one spec; returns the output path."""
    from generator.render.build import Options
    from generator.write.atomic import write_atomic

    options = options or Options()
    _check_format(fmt)
    spec = load_spec(spec_path)
    target = Path(out) if out else default_output(spec_path, fmt)
    _check_job(spec, spec_path, target, options)
    if fmt == "pdf":
        return _render_pdfs([spec], [target], options)[0]
    return write_atomic(target, render_bytes(spec, fmt, options))


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise FazhiError(Problem(f"不支持的输出格式「{fmt}」：应为 {'、'.join(FORMATS)} 之一"))


def _check_job(spec, spec_path: str | Path, target: Path, options: Options) -> None:
    """Refuse --table for a report and an output that would overwrite its own input."""
    if options.table and spec.kind != "work-plan":
        raise FazhiError(Problem("--table 只适用于工作要点（kind: work-plan）", str(spec_path)))
    if target.resolve() == Path(spec_path).resolve():
        raise OutputError(Problem("输出文件与输入文件相同，请另选输出路径", str(target)))


def _render_pdfs(specs: list, targets: list[Path], options: Options) -> list[Path]:
    """docx first, then one LibreOffice process for all; each PDF is moved into place atomically."""
    import tempfile

    from generator.write.atomic import write_atomic
    from generator.write.pdf import docx_to_pdf, terminating_cleanly

    with terminating_cleanly(), tempfile.TemporaryDirectory(prefix="fazhi-pdf-") as temp:
        docs = []
        for index, (spec, target) in enumerate(zip(specs, targets)):
            docs.append(Path(temp) / f"{index:04d}-{target.stem}.docx")  # two specs may share a stem
            docs[-1].write_bytes(render_bytes(spec, "docx", options))
        pdfs = docx_to_pdf(docs, Path(temp))
        return [write_atomic(target, pdf.read_bytes()) for target, pdf in zip(targets, pdfs)]


def render_files(spec_paths: list, fmt: str = "docx", options: Options | None = None,
                 outdir: str | Path | None = None) -> list[Path]:
    """Render several specs, each beside its input (or into `outdir`); PDFs share one LibreOffice process.

    Every spec is loaded and validated first: one invalid spec stops the batch before anything
    is written, with the problems of all of them.
    """
    from generator.render.build import Options
    from generator.write.atomic import write_atomic

    options = options or Options()
    _check_format(fmt)
    targets = [Path(outdir) / default_output(p, fmt).name if outdir else default_output(p, fmt) for p in spec_paths]
    specs, problems = [], []
    for path, target in zip(spec_paths, targets):
        try:
            specs.append(load_spec(path))
            _check_job(specs[-1], path, target, options)
        except FazhiError as exc:
            problems.extend(exc.problems)
    if problems:
        raise FazhiError(*problems)
    if fmt == "pdf":
        return _render_pdfs(specs, targets, options)
    return [write_atomic(t, render_bytes(spec, fmt, options)) for spec, t in zip(specs, targets)]


def plan_tasks(plan_path: str | Path, unit: str | None = None) -> list:
    """The 任务分工表 rows of a work plan, optionally only one unit's."""
    from generator.kinds.work_plan.tasks import all_units, for_unit, task_rows

    spec = load_spec(plan_path)
    if spec.kind != "work-plan":
        raise FazhiError(Problem("tasks 只适用于工作要点（kind: work-plan）", str(plan_path)))
    rows = task_rows(spec)
    if unit is None:
        return rows
    if unit not in all_units(rows):
        import difflib

        close = difflib.get_close_matches(unit, all_units(rows), n=3, cutoff=0.4)
        hint = f"，是否想写：{'、'.join(close)}" if close else ""
        raise FazhiError(Problem(f"没有任何任务写到单位「{unit}」{hint}", str(plan_path)))
    return for_unit(rows, unit)


def read_any(path: str | Path):
    """A draft (.docx, .txt) or a fazhi YAML spec as a document tree.

    A spec is read back through its plain-text rendition, so finding lines are those of
    `fazhi render --format txt`.
    """
    from generator.read import read_draft, read_text

    if Path(path).suffix.lower() not in (".yaml", ".yml"):
        return read_draft(path)
    from generator.write.text import to_text

    doc = read_text(to_text(build_tree(load_spec(path))), str(path))
    for part in doc.all_documents():
        part.source = "yaml"
    return doc


def check_files(paths: list[Path], profile: str | None = None,
                layout: str | Path | None = None) -> tuple[list, list[Problem]]:
    """Read and check drafts: [(path, result)] for the readable ones, problems for the others.

    An unreadable draft (not a Word file, damaged, too large) does not stop the others from
    being checked: a supervising office checks dozens at once.
    """
    from generator.checks import check_document

    results, unreadable = [], []
    for path in paths:
        try:
            doc = read_any(path)
        except FazhiError as exc:
            unreadable.extend(exc.problems)
            continue
        results.append((str(path), check_document(doc, profile, layout=str(layout) if layout else None)))
    return results, unreadable
