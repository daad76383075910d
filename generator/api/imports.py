"""Start from Word: drafts into specs (`fazhi import`), one-step re-layout, next year from last year."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import FazhiError, Problem

if TYPE_CHECKING:
    from generator.render.build import Options
from generator.api.render import _options, _render_pdf, check_format, not_the_input, render_bytes


DRAFT_SUFFIXES = (".docx", ".txt", ".text", ".doc", ".wps", ".pdf", ".ofd")


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


def import_draft(
    path: str | Path, kind: str | None = None, figures: bool = False, target: str | None = None, name: str | None = None
):
    """Read a draft and map it onto a spec (importer.Imported); nothing is written. `name`: what
    the spec's comments call the draft (an upload's own name), its path by default."""
    from generator.importer import import_document
    from generator.read import read_draft

    if Path(path).suffix.lower() in (".yaml", ".yml"):
        raise FazhiError(Problem("这已经是 fazhi 的数据文件：由去年的数据文件开始今年的，请加 --next-year", str(path)))
    doc = read_draft(path)
    return import_document(doc, _kind_arg(kind), figures, name or str(path), target or f"{name or path}（导入结果）")


def default_spec_output(draft: str | Path) -> Path:
    """Beside the draft, same stem, .yaml."""
    return Path(draft).with_suffix(".yaml")


def import_file(path: str | Path, out: str | Path | None = None, kind: str | None = None, figures: bool = False):
    """Import a draft and write the spec atomically: (path written, Imported).

    A spec that does not validate is still written (the clerk completes it); its problems are
    located in the written file and returned in Imported.problems.
    """
    from generator.write.atomic import write_atomic

    target = not_the_input(Path(out) if out else default_spec_output(path), path)
    imported = import_draft(path, kind, figures, str(target))
    written = write_atomic(target, imported.yaml().encode("utf-8"))
    return written, imported


def default_draft_output(draft: str | Path, fmt: str) -> Path:
    """Beside the draft: 「草稿-排版.docx」, never the draft itself."""
    path = Path(draft)
    return path.with_name(f"{path.stem}-排版.{fmt}")


def render_draft(
    path: str | Path,
    out: str | Path | None = None,
    fmt: str = "docx",
    options: Options | None = None,
    kind: str | None = None,
):
    """One-step re-layout: import a draft in memory, then render it; (path written, Imported)."""
    from generator.write.atomic import write_atomic

    options = _options(options)
    check_format(fmt)
    target = not_the_input(Path(out) if out else default_draft_output(path, fmt), path)
    imported = import_draft(path, kind)
    if imported.problems:
        raise FazhiError(
            *imported.problems,
            Problem(
                f"这份草稿还不能直接排版：先用 fazhi import {Path(path).name} 生成数据文件，按上面的提示补充后再 fazhi render"
            ),
        )
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
    from generator.write.atomic import write_atomic

    text, changes = next_year_text(source)
    target = not_the_input(Path(out) if out else next_year_output(source, text), source)
    return write_atomic(target, text.encode("utf-8")), changes
