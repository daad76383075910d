"""Paragraph properties as Word applies them (direct pPr → paragraph style chain → pPrDefault):
the alignment and the first-line position of a heading, for the layout checks."""

from __future__ import annotations

import functools
import re

from generator.lexicon import lazy
from generator.read.docx_package import attr, patterns, q, to_int
from generator.read.docx_styles import Styles


@functools.lru_cache(maxsize=8)
def _ppr_patterns(prefix: str) -> dict[str, re.Pattern]:
    w = q(prefix)
    return {
        "ppr": lazy(rf"<{w}pPr>(.*?)</{w}pPr>", re.S),
        "ppr_default": lazy(rf"<{w}pPrDefault>(.*?)</{w}pPrDefault>", re.S),
        "jc": lazy(rf'<{w}jc\s[^>]*?{w}val\s*=\s*["\']([^"\']*)'),
        "ind": lazy(rf"<{w}ind\b([^>]*)/?>"),
    }


def direct_ppr(xml: str, start: int, prefix: str) -> str:
    """The pPr of the paragraph whose w:p start tag is at `start` ("" when it has none)."""
    pats = patterns(prefix)
    close = pats["p_close"].search(xml, start)
    snippet = xml[start : close.start() if close else len(xml)]
    run = pats["run"].search(snippet)
    found = _ppr_patterns(prefix)["ppr"].search(snippet, 0, run.start() if run else len(snippet))
    return found.group(1) if found else ""


def alignment(styles: Styles, ppr: str, prefix: str, pstyle: str) -> str | None:
    """w:jc as Word applies it: direct, then the style chain, then the defaults (None: left)."""
    for block, block_prefix in _chain(styles, ppr, prefix, pstyle):
        found = _ppr_patterns(block_prefix)["jc"].search(block)
        if found:
            return found.group(1)
    return None


def first_line_chars(styles: Styles, ppr: str, prefix: str, pstyle: str, size: int | None) -> float | None:
    """Where a paragraph's first line starts, in characters from the margin (left + first line −
    hanging); `size` in half-points converts twips when only twips are given."""
    char = (size or 32) * 10  # twips of one full-width character
    values: dict[str, float] = {}
    for block, block_prefix in _chain(styles, ppr, prefix, pstyle):
        found = _ppr_patterns(block_prefix)["ind"].search(block)
        if not found:
            continue
        attrs = found.group(1)
        for side in ("left", "start", "firstLine", "hanging"):
            if side in values:
                continue
            chars = to_int(attr(attrs, side + "Chars", block_prefix))
            twips = to_int(attr(attrs, side, block_prefix))
            if chars is not None:
                values[side] = chars / 100
            elif twips is not None:
                values[side] = twips / char
    if not values:
        return None
    left = values.get("left", values.get("start", 0.0))
    return round(left + values.get("firstLine", 0.0) - values.get("hanging", 0.0), 2)


def _chain(styles: Styles, ppr: str, prefix: str, pstyle: str):
    """(pPr XML, prefix) from the paragraph's own to the document defaults."""
    if ppr:
        yield ppr, prefix
    sheet_prefix = styles.prefix()
    pats = _ppr_patterns(sheet_prefix)
    for inner in styles.chain(pstyle) if pstyle else ():
        found = pats["ppr"].search(inner)
        if found:
            yield found.group(1), sheet_prefix
    default = pats["ppr_default"].search(styles.xml())
    if default:
        yield default.group(1), sheet_prefix
