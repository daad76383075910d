"""Paragraph properties as Word applies them (direct pPr → paragraph style chain → pPrDefault):
the alignment and the first-line position of a heading, for the layout checks."""

from __future__ import annotations

from generator.read.docx_package import to_int
from generator.read.docx_styles import Styles
from generator.read.xml_text import attr, content, elements, qualified, start_tag, tag_attr


def direct_ppr(xml: str, start: int, prefix: str, stop: int | None = None) -> str:
    """The pPr of the paragraph whose w:p start tag is at `start` and which ends at `stop` (else at
    the next w:p end tag) ("" when it has none)."""
    if stop is None:
        close = xml.find(f"</{qualified(prefix, 'p')}>", start)
        stop = close if close >= 0 else len(xml)
    run = next(elements(xml, "r", prefix, start, stop), None)
    found = content(xml, "pPr", prefix, start, run[0] if run else stop)
    return "" if found is None else found


def alignment(styles: Styles, ppr: str, prefix: str, pstyle: str) -> str | None:
    """w:jc as Word applies it: direct, then the style chain, then the defaults (None: left)."""
    for block, block_prefix in _chain(styles, ppr, prefix, pstyle):
        found = tag_attr(block, "jc", "val", block_prefix)
        if found is not None:
            return found
    return None


def first_line_chars(styles: Styles, ppr: str, prefix: str, pstyle: str, size: int | None) -> float | None:
    """Where a paragraph's first line starts, in characters from the margin (left + first line −
    hanging); `size` in half-points converts twips when only twips are given."""
    char = (size or 32) * 10  # twips of one full-width character
    values: dict[str, float] = {}
    for block, block_prefix in _chain(styles, ppr, prefix, pstyle):
        attrs = start_tag(block, "ind", block_prefix)
        if attrs is None:
            continue
        for side in ("left", "start", "firstLine", "hanging"):
            if side in values or side not in attrs:  # both attributes' names hold the side's
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
    for block in styles.ppr_chain(pstyle):
        yield block, sheet_prefix
