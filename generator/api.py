"""The library API the CLI calls: render specs, list tasks, check drafts."""
from __future__ import annotations

from pathlib import Path

from generator.render.build import Options, build_tree
from generator.errors import FazhiError, OutputError, Problem
from generator.write.atomic import write_atomic
from generator.spec.validate import load_spec

FORMATS = ("docx", "txt", "pdf")


def render_bytes(spec, fmt: str = "docx", options: Options = Options()) -> bytes:
    """Render a validated spec to .docx or .txt bytes."""
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
                options: Options = Options()) -> Path:
    """Load, render and atomically write one spec; returns the output path."""
    if fmt not in FORMATS:
        raise FazhiError(Problem(f"不支持的输出格式「{fmt}」：应为 {'、'.join(FORMATS)} 之一"))
    spec = load_spec(spec_path)
    if options.table and spec.kind != "work-plan":
        raise FazhiError(Problem("--table 只适用于工作要点（kind: work-plan）", str(spec_path)))
    target = Path(out) if out else default_output(spec_path, fmt)
    if target.resolve() == Path(spec_path).resolve():
        raise OutputError(Problem("输出文件与输入文件相同，请另选输出路径", str(target)))
    if fmt == "pdf":
        return _render_pdf(spec, target, options)
    return write_atomic(target, render_bytes(spec, fmt, options))


def _render_pdf(spec, target: Path, options: Options) -> Path:
    """docx first, then LibreOffice; the PDF is moved into place atomically."""
    import tempfile

    from generator.write.pdf import docx_to_pdf

    with tempfile.TemporaryDirectory(prefix="fazhi-pdf-") as temp:
        docx = Path(temp) / (target.stem + ".docx")
        docx.write_bytes(render_bytes(spec, "docx", options))
        (pdf,) = docx_to_pdf([docx], Path(temp))
        return write_atomic(target, pdf.read_bytes())


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

    A spec is read back through its plain-text rendition, its line numbers those of the YAML
    fields that produced each line (generator.read.spec), so findings point at the line to edit.
    """
    if Path(path).suffix.lower() not in (".yaml", ".yml"):
        from generator.read import read_draft

        return read_draft(path)
    from generator.read.spec import read_spec

    return read_spec(path)


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
