"""PDF through LibreOffice headless, with Chinese font names mapped to installed CJK fonts."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from generator.errors import FazhiError, Problem
from generator.resources import FONTS_CONF

# Keep the blank page LibreOffice inserts before a section that starts on an even page (the 版记):
# without it the 版记 would land on an odd page of the PDF.
PDF_FILTER = 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}'


def soffice() -> str | None:
    """The LibreOffice executable, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(paths: list[Path], outdir: Path, timeout: int = 300) -> list[Path]:
    """Convert .docx files to PDF in one LibreOffice process; returns the PDF paths."""
    exe = soffice()
    if not exe:
        raise FazhiError(Problem("未安装 LibreOffice（soffice），无法导出 PDF；"
                                 "Debian/Ubuntu 可安装 libreoffice-writer-nogui 和 fonts-noto-cjk"))
    outdir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, FONTCONFIG_FILE=str(FONTS_CONF))
    with tempfile.TemporaryDirectory(prefix="fazhi-lo-") as profile:
        command = [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                   "--convert-to", PDF_FILTER, "--outdir", str(outdir), *map(str, paths)]
        try:
            result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise FazhiError(Problem(f"LibreOffice 转换超时（{timeout} 秒）")) from None
    pdfs = [outdir / (Path(p).stem + ".pdf") for p in paths]
    missing = [p for p in pdfs if not p.exists()]
    if result.returncode != 0 or missing:
        raise FazhiError(Problem(f"LibreOffice 转换失败：{(result.stderr or result.stdout).strip()[:500]}"))
    return pdfs
