"""What the line model hands out: pages of positioned lines and rules (millimetres, from the top
left corner of the page, y growing downwards)."""

from __future__ import annotations

from typing import Any, NamedTuple

TWIP_MM = 25.4 / 1440
PT_MM = 25.4 / 72


class Line(NamedTuple):
    """One printed line: where its first character starts, where its baseline lies, its text and
    each character's advance (as set: justified lines include the stretch, the last excluded)."""

    x_mm: float
    baseline_mm: float
    text: str
    role: str  # a font role of layout.yaml: body, title, heading1…, page_number, signer_name…
    font_size_pt: float
    advances_mm: list[float]
    color: str = "000000"
    node: Any = None  # the tree node (Heading, Paragraph, Table, Document, Imprint…) it prints
    hanging: bool = False  # its last character hangs in the right margin (、。，．)


class Rule(NamedTuple):
    """A straight rule: 版记 rules, the red 版头 rule, table borders."""

    x1: float
    y1: float
    x2: float
    y2: float
    width_mm: float
    color: str = "000000"


class Page(NamedTuple):
    """One page: its number as printed in the footer (also for pages that show none), orientation,
    size, lines and rules in reading order, the footer line (None on blank and 版记-only pages)."""

    number: int
    landscape: bool
    width_mm: float
    height_mm: float
    lines: list[Line]
    rules: list[Rule]
    footer: Line | None

    @property
    def blank(self) -> bool:
        """Nothing printed on it (the blank page before a 版记 that starts on an even page)."""
        return not self.lines and not self.rules
