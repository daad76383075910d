"""PDF through LibreOffice headless (generator/office.py), with Chinese font names mapped to
installed CJK fonts (data/fonts.conf)."""

from __future__ import annotations

from pathlib import Path

from generator.errors import FazhiError, Problem
from generator.office import convert, soffice

# Keep the blank page LibreOffice inserts before a section that starts on an even page (the 版记):
# without it the 版记 would land on an odd page of the PDF.
PDF_FILTER = 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}'
WARM_FILTER = ("writer_pdf_Export", {"IsSkipEmptyPages": False})  # the same, for office_warm


def docx_to_pdf(paths: list[Path], outdir: Path, timeout: float | None = None) -> list[Path]:
    """Convert .docx files to PDF in one LibreOffice process; returns the PDF paths."""
    if not soffice():
        raise FazhiError(
            Problem(
                "未安装 LibreOffice（soffice），无法导出 PDF；"
                "Debian/Ubuntu 可安装 libreoffice-writer-nogui 和 fonts-noto-cjk"
            )
        )
    from generator.office_warm import Unavailable, installed

    warm = installed()  # the web server's LibreOffice, kept running
    if warm is not None:
        try:
            return [warm.convert(p, outdir / (p.stem + ".pdf"), *WARM_FILTER) for p in paths]
        except Unavailable:
            pass
    return convert(paths, outdir, PDF_FILTER, ".pdf", timeout)
