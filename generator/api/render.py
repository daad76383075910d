"""Render specs: load and validate, build the tree, write .docx / .txt / .pdf / .ofd atomically."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import FazhiError, OutputError, Problem, SpecError, close_matches
from generator.safe_io import resolved

if TYPE_CHECKING:
    from generator.render.build import Options


FORMATS = ("docx", "txt", "pdf", "ofd")


def load_spec(path: str | Path):
    """Load, validate and expand a spec file (pydantic is imported here, on first use)."""
    from generator.spec.validate import load_spec as load

    return load(path)


def build_tree(spec, options: Options | None = None):
    """The document tree of a validated spec (Jinja is imported here, on first use)."""
    from generator.render.build import Options, build_tree as build

    return build(spec, options or Options())


def check_format(fmt: str) -> None:
    """FazhiError unless fmt is one fazhi writes."""
    if fmt not in FORMATS:
        raise FazhiError(Problem(f"不支持的输出格式「{fmt}」：应为 {'、'.join(FORMATS)} 之一"))


def not_the_input(target: Path, source: str | Path, message: str = "输出文件与输入文件相同，请另选输出路径") -> Path:
    """The output path, unless it is the input itself (which writing would destroy)."""
    if resolved(target) == resolved(source):
        raise OutputError(Problem(message, str(target)))
    return Path(target)


def _options(options: Options | None) -> Options:
    from generator.render.build import Options

    return options or Options()


def render_bytes(spec, fmt: str = "docx", options: Options | None = None, notify=None) -> bytes:
    """Render a validated spec to .docx, .txt or .ofd bytes (`notify` hears of OFD fonts not embedded)."""
    options = _options(options)
    tree = build_tree(spec, options)
    if fmt == "ofd":
        from generator.write.ofd.render import render_ofd

        return render_ofd(tree, spec.style.fonts, options.layout, options.embed_fonts, spec.style.heading3_bold, notify)
    if fmt == "txt":
        from generator.write.text import to_text

        return to_text(tree).encode("utf-8")
    from generator.write.docx import StyleOptions, write_docx

    return write_docx(tree, StyleOptions(spec.style.fonts, spec.style.heading3_bold, options.layout))


def default_output(spec_path: str | Path, fmt: str) -> Path:
    """Beside the input, same stem."""
    return Path(spec_path).with_suffix(f".{fmt}")


def output_target(spec_path: str | Path, out: str | Path | None, fmt: str) -> tuple[Path, bool]:
    """The file to write, and whether its folder must be created: `-o reports/` (a trailing slash)
    or `-o` naming an existing folder means that folder, with the input's stem as file name."""
    if out is None:
        return default_output(spec_path, fmt), False
    text = os.fspath(out)
    if text.endswith(("/", os.sep)) or Path(text).is_dir():
        return Path(text) / default_output(spec_path, fmt).name, not Path(text).is_dir()
    return Path(text), False


def render_file(
    spec_path: str | Path,
    out: str | Path | None = None,
    fmt: str = "docx",
    options: Options | None = None,
    notify=None,
    previous: dict | None = None,
) -> Path:
    """Load, render and atomically write one spec; returns the output path.

    `notify(message)` hears what the clerk should know but does not stop rendering: layout
    warnings (an upward document without 签发人) and the fonts a PDF substituted.
    `previous`: last year's figures by name (see previous_figures), for 同比 in the texts.
    """
    from generator.kinds.common import FigureError
    from generator.write.atomic import output_folder, write_atomic

    options = _options(options)
    check_format(fmt)
    spec = load_spec_file(spec_path, previous)
    if options.table and spec.kind != "work-plan":
        raise FazhiError(Problem("--table 只适用于工作要点（kind: work-plan）", str(spec_path)))
    target, new_folder = output_target(spec_path, out, fmt)
    not_the_input(target, spec_path)
    if notify:
        from generator.write.warnings import render_warnings

        for message in render_warnings(spec, str(spec_path)):
            notify(message)
    try:
        data = None if fmt == "pdf" else render_bytes(spec, fmt, options, notify)
        with output_folder(target, new_folder):  # created now that rendering worked; removed if writing fails
            if fmt == "pdf":
                return _render_pdf(spec, target, options, notify)
            assert data is not None  # rendered above for every format but pdf
            return write_atomic(target, data)
    except FigureError as exc:  # a template asked for a change the figure cannot give
        raise _located(exc, spec_path) from None


def load_spec_file(path: str | Path, previous: dict | None = None):
    """load_spec, with last year's figures merged in by name first (a figure's own `previous:`
    wins); a figure that cannot give the change a text asks for is located at its definition."""
    from generator.kinds.common import FigureError
    from generator.spec.loading import load_yaml
    from generator.spec.validate import validate

    if not previous:
        try:
            return load_spec(path)
        except FigureError as exc:
            raise _located(exc, path) from None
    loaded = load_yaml(path)
    _merge_previous(loaded, previous)
    try:
        return validate(loaded)
    except FigureError as exc:
        raise _located(exc, path, loaded) from None


def previous_figures(path: str | Path) -> dict[str, dict]:
    """Last year's figures by name, {name: {"value": …, "unit": …}}, from last year's spec."""
    spec = load_spec_file(path)
    return {name: {"value": figure.value, "unit": figure.unit} for name, figure in spec.figures.items()}


def _merge_previous(loaded, previous: dict) -> None:
    figures = loaded.data.get("figures") if isinstance(loaded.data, dict) else None
    if not isinstance(figures, dict):
        return
    for name, entry in figures.items():
        last = previous.get(name)
        if last is None or not isinstance(entry, dict) or entry.get("previous") is not None:
            continue
        unit = str(entry.get("unit") or "")
        if last["unit"] and unit and last["unit"] != unit:
            raise FazhiError(
                loaded.problem(
                    ("figures", name, "unit"),
                    f"上年数据中「{name}」的单位是「{last['unit']}」，今年是「{unit}」："
                    "单位不同不能比较，请统一单位，或在此数字下直接写 previous",
                )
            )
        entry["previous"] = last["value"]


def _located(exc, path: str | Path, loaded=None) -> SpecError:
    """A FigureError located at the figure's definition in the spec file."""
    from generator.spec.loading import load_yaml

    if loaded is None:
        try:
            loaded = load_yaml(path)
        except FazhiError:
            loaded = None
    if loaded is None or not exc.figure:
        return SpecError(*(p._replace(file=p.file or str(path)) for p in exc.problems))
    return SpecError(*(loaded.problem(("figures", exc.figure), p.message) for p in exc.problems))


def _render_pdf(spec, target: Path, options: Options, notify=None) -> Path:
    """docx first, then LibreOffice; the PDF is moved into place atomically."""
    import tempfile

    from generator.write.atomic import write_atomic
    from generator.signals import unwinding
    from generator.write.pdf import docx_to_pdf

    with unwinding(), tempfile.TemporaryDirectory(prefix="fazhi-pdf-") as temp:
        docx = Path(temp) / (target.stem + ".docx")
        docx.write_bytes(render_bytes(spec, "docx", options))
        (pdf,) = docx_to_pdf([docx], Path(temp))
        if notify:
            _notify_fonts(pdf, spec, options, notify)
        return write_atomic(target, pdf.read_bytes())


def _notify_fonts(pdf: Path, spec, options: Options, notify) -> None:
    """Tell once which fonts the PDF substituted (generator/write/pdffonts.py)."""
    from generator.ooxml.layout import load_layout
    from generator.write.pdffonts import describe, substitutions

    fonts = load_layout(options.layout).fonts(spec.style.fonts)
    message = describe(substitutions(pdf, list(fonts)))
    if message:
        notify(message)


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
        close = close_matches(unit, all_units(rows), n=3, cutoff=0.4)
        hint = f"，是否想写：{'、'.join(close)}" if close else ""
        raise FazhiError(Problem(f"没有任何任务写到单位「{unit}」{hint}", str(plan_path)))
    return for_unit(rows, unit)
