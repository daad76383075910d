"""Specs given as text rather than files (an editor's buffer, a request body): load, preview, render;
and plain data for the summary rows. The web face (generator/serve) calls these."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from generator.errors import Problem, SpecError

if TYPE_CHECKING:
    from generator.render.build import Options

from generator.api.render import _options, check_format, render_bytes

SPEC_NAME = "报告.yaml"  # how a buffer without a file name is called in messages


def load_spec_text(text: str, name: str = SPEC_NAME):
    """Load, validate and expand a spec from its YAML text; problems located in `name`."""
    from generator.spec.loading import MAX_SPEC_BYTES, load_yaml_text
    from generator.spec.validate import validate

    if len(text.encode("utf-8")) > MAX_SPEC_BYTES:
        raise SpecError(Problem(f"数据文件过大（超过 {MAX_SPEC_BYTES // (1024 * 1024)} MB）", name))
    loaded = load_yaml_text(text.lstrip("\ufeff"), name)
    with _figures_located(loaded):
        return validate(loaded)


@contextlib.contextmanager
def _figures_located(loaded):
    """A FigureError (a change a figure cannot give) located at the figure's definition."""
    from generator.kinds.common import FigureError

    try:
        yield
    except FigureError as exc:
        raise SpecError(
            *(
                loaded.problem(("figures", exc.figure), p.message)
                if exc.figure
                else p._replace(file=p.file or loaded.file)
                for p in exc.problems
            )
        ) from None


def _built(text: str, name: str, build):
    """build(spec) for a spec's text; a figure error while building located too."""
    from generator.spec.loading import load_yaml_text

    spec = load_spec_text(text, name)
    try:
        return build(spec)
    except SpecError:
        with _figures_located(load_yaml_text(text.lstrip("\ufeff"), name)):
            raise


def preview_html(text: str, name: str = SPEC_NAME, options: Options | None = None) -> str:
    """The HTML preview fragment (generator/write/html.py) of a spec's YAML text."""
    from generator.write.html import to_html

    from generator.api.render import build_tree

    from generator.ooxml.layout import load_layout

    options = _options(options)
    capacity = load_layout(options.layout).title_capacity
    return to_html(_built(text, name, lambda spec: build_tree(spec, options)), capacity)


def render_text(text: str, fmt: str = "docx", name: str = SPEC_NAME, options: Options | None = None) -> bytes:
    """A spec's YAML text rendered to .docx, .txt or .pdf bytes (nothing left on disk)."""
    check_format(fmt)
    options = _options(options)
    return _built(text, name, lambda spec: _render_spec(spec, fmt, name, options))


def _render_spec(spec, fmt: str, name: str, options) -> bytes:
    if options.table and spec.kind != "work-plan":
        from generator.errors import FazhiError

        raise FazhiError(Problem("--table 只适用于工作要点（kind: work-plan）", name))
    if fmt != "pdf":
        return render_bytes(spec, fmt, options)
    import tempfile
    from pathlib import Path

    from generator.api.render import _render_pdf

    with tempfile.TemporaryDirectory(prefix="fazhi-pdf-") as temp:
        return _render_pdf(spec, Path(temp) / "out.pdf", options).read_bytes()


def summary_data(rows: list) -> list[dict]:
    """The summary rows (batch.summary.DraftRow) as JSON-ready dicts: dates as ISO text, with the
    kind label, lateness and counts a table needs."""
    out = []
    for row in rows:
        data = dataclasses.asdict(row)
        for key in ("date", "deadline"):
            data[key] = data[key].isoformat() if isinstance(data[key], dt.date) else None
        data.update(kind_label=row.kind_label, late=row.late, counts=row.counts())
        out.append(data)
    return out


def page_images(text: str, name: str = SPEC_NAME, dpi: int = 60, options: Options | None = None) -> list[bytes]:
    """The exact preview: the real .docx through LibreOffice to PDF, each page a JPEG (poppler's
    pdftoppm; JPEG is 4× faster to write than PNG for these pages, and odd and even pages are drawn
    by two processes at once)."""
    import shutil
    import tempfile
    from pathlib import Path

    from generator.errors import FazhiError

    pdftoppm = shutil.which("pdftoppm")
    if not pdftoppm:
        raise FazhiError(Problem("未安装 poppler-utils（pdftoppm）：无法生成精确预览"))
    pdf = render_text(text, "pdf", name, options)
    with tempfile.TemporaryDirectory(prefix="fazhi-pages-") as temp:
        source = Path(temp) / "out.pdf"
        source.write_bytes(pdf)
        command = [pdftoppm, "-jpeg", "-jpegopt", "quality=85", "-r", str(dpi)]
        _run_all([[*command, half, str(source), str(Path(temp) / "page")] for half in ("-o", "-e")], 120)
        pages = sorted(Path(temp).glob("page-*.jpg"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        return [page.read_bytes() for page in pages]


def _run_all(commands: list[list[str]], timeout: float) -> None:
    """Run the commands at once; all must succeed within the timeout (the rest are then ended)."""
    import subprocess
    import time

    from generator.errors import FazhiError

    processes = [subprocess.Popen(c, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for c in commands]
    deadline = time.monotonic() + timeout
    try:
        for process in processes:
            _, errors = process.communicate(timeout=max(0.1, deadline - time.monotonic()))
            if process.returncode:
                raise FazhiError(Problem(f"pdftoppm 失败：{errors.decode('utf-8', 'replace')[:300]}"))
    except subprocess.TimeoutExpired:
        raise FazhiError(Problem(f"生成页面图像超时（{timeout:.0f} 秒）")) from None
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.wait()
