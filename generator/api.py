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

    from generator.read import read_drafts

    results, unreadable = [], []
    legacy = [Path(p) for p in paths if Path(p).suffix.lower() in (".doc", ".wps")]
    converted = dict(read_drafts(legacy)) if len(legacy) > 1 else {}  # one LibreOffice run for all
    for path in paths:
        try:
            doc = converted.get(Path(path)) or read_any(path)
            if isinstance(doc, FazhiError):
                raise doc
        except FazhiError as exc:
            unreadable.extend(exc.problems)
            continue
        results.append((str(path), check_document(doc, profile, layout=str(layout) if layout else None)))
    return results, unreadable


# ---------------------------------------------------------------- import: drafts into specs

DRAFT_SUFFIXES = (".docx", ".txt", ".text", ".doc", ".wps", ".pdf")


def is_draft(path: str | Path) -> bool:
    """A Word file, text or PDF (not a fazhi spec): `render` imports it first."""
    return Path(path).suffix.lower() in DRAFT_SUFFIXES


def _kind_arg(kind: str | None) -> str | None:
    from generator.kinds import KINDS

    if kind in (None, "auto"):
        return None
    if kind not in KINDS:
        raise FazhiError(Problem(f"未知的文档类型「{kind}」：应为 auto、{'、'.join(KINDS)} 之一"))
    return kind


def import_draft(path: str | Path, kind: str | None = None, figures: bool = False, target: str | None = None):
    """Read a draft and map it onto a spec (importer.Imported); nothing is written."""
    from generator.importer import import_document
    from generator.read import read_draft

    if Path(path).suffix.lower() in (".yaml", ".yml"):
        raise FazhiError(Problem("这已经是 fazhi 的数据文件：由去年的数据文件开始今年的，请加 --next-year", str(path)))
    doc = read_draft(path)
    return import_document(doc, _kind_arg(kind), figures, str(path), target or f"{path}（导入结果）")


def default_spec_output(draft: str | Path) -> Path:
    """Beside the draft, same stem, .yaml."""
    return Path(draft).with_suffix(".yaml")


def import_file(path: str | Path, out: str | Path | None = None, kind: str | None = None,
                figures: bool = False):
    """Import a draft and write the spec atomically: (path written, Imported).

    A spec that does not validate is still written (the clerk completes it); its problems are
    located in the written file and returned in Imported.problems.
    """
    target = Path(out) if out else default_spec_output(path)
    if target.resolve() == Path(path).resolve():
        raise OutputError(Problem("输出文件与输入文件相同，请另选输出路径", str(target)))
    imported = import_draft(path, kind, figures, str(target))
    written = write_atomic(target, imported.yaml().encode("utf-8"))
    return written, imported


def default_draft_output(draft: str | Path, fmt: str) -> Path:
    """Beside the draft: 「草稿-排版.docx」, never the draft itself."""
    path = Path(draft)
    return path.with_name(f"{path.stem}-排版.{fmt}")


def render_draft(path: str | Path, out: str | Path | None = None, fmt: str = "docx",
                 options: Options = Options(), kind: str | None = None):
    """One-step re-layout: import a draft in memory, then render it; (path written, Imported)."""
    if fmt not in FORMATS:
        raise FazhiError(Problem(f"不支持的输出格式「{fmt}」：应为 {'、'.join(FORMATS)} 之一"))
    target = Path(out) if out else default_draft_output(path, fmt)
    if target.resolve() == Path(path).resolve():
        raise OutputError(Problem("输出文件与输入文件相同，请另选输出路径", str(target)))
    imported = import_draft(path, kind)
    if imported.problems:
        raise FazhiError(*imported.problems, Problem(
            f"这份草稿还不能直接排版：先用 fazhi import {Path(path).name} 生成数据文件，按上面的提示补充后再 fazhi render"))
    spec = imported.spec
    if imported.task_table and not options.table:
        import dataclasses

        options = dataclasses.replace(options, table=True)
    if options.table and spec.kind != "work-plan":
        raise FazhiError(Problem("--table 只适用于工作要点（kind: work-plan）", str(path)))
    if fmt == "pdf":
        return _render_pdf(spec, target, options), imported
    return write_atomic(target, render_bytes(spec, fmt, options)), imported


def next_year_file(path: str | Path, out: str | Path | None = None) -> tuple[Path, list[str]]:
    """Start next year's spec from last year's: (path written, what was changed)."""
    from generator.importer.next_year import next_year_text, next_year_output

    source = Path(path)
    if source.suffix.lower() not in (".yaml", ".yml"):
        raise FazhiError(Problem("--next-year 需要去年的 YAML 数据文件；草稿请先用 fazhi import 导入", str(path)))
    text, changes = next_year_text(source)
    target = Path(out) if out else next_year_output(source, text)
    if target.resolve() == source.resolve():
        raise OutputError(Problem("输出文件与输入文件相同，请另选输出路径", str(target)))
    return write_atomic(target, text.encode("utf-8")), changes
