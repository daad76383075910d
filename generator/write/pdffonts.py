"""Which fonts a PDF really used for the fonts a document asked for (poppler's pdffonts, fc-match).

Without the official Chinese fonts LibreOffice substitutes them (generator/data/fonts.conf); the
clerk is told once which substitutions a PDF carries, so a draft is not mistaken for the final.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from generator.lexicon import lazy
from generator.resources import FONTS_CONF

_SUBSET = lazy(r"^[A-Z]{6}\+")


def embedded_fonts(pdf: Path) -> list[str]:
    """Names of the fonts embedded in a PDF (subset prefixes removed); [] without pdffonts."""
    exe = shutil.which("pdffonts")
    if not exe:
        return []
    result = subprocess.run([exe, str(pdf)], capture_output=True, text=True, timeout=60)
    lines = result.stdout.splitlines()[2:]
    return sorted({_SUBSET.sub("", line.split()[0]) for line in lines if line.strip()})


def resolved_family(name: str) -> str | None:
    """The family fontconfig (with fazhi's fonts.conf) gives for a requested font name."""
    exe = shutil.which("fc-match")
    if not exe:
        return None
    env = dict(os.environ, FONTCONFIG_FILE=str(FONTS_CONF))
    result = subprocess.run([exe, "--format=%{family[0]}", name], capture_output=True, text=True, env=env, timeout=30)
    return result.stdout.strip() or None


def substitutions(pdf: Path, requested: list[str]) -> list[tuple[str, str]]:
    """(requested, used) for each requested font that the PDF carries under another name."""
    embedded = " ".join(embedded_fonts(pdf)).lower().replace(" ", "")
    out = []
    for name in dict.fromkeys(requested):
        family = resolved_family(name)
        if not family or family == name:
            continue
        key = family.lower().replace(" ", "")
        if key in embedded or key.replace("cjksc", "cjk") in embedded:
            out.append((name, family))
    return out


def describe(pairs: list[tuple[str, str]]) -> str:
    """One Chinese line naming the substitutions, or "" when there are none."""
    if not pairs:
        return ""
    listed = "，".join(f"{asked}→{used}" for asked, used in pairs)
    return f"PDF 中未安装的字体已替代：{listed}（装有正式字体的电脑上用 Word 或 WPS 打开 .docx 排版为准）"
