"""Column widths of a table: the template's proportions, but never narrower than the header text."""

from __future__ import annotations

from generator.ooxml.layout import Layout
from generator.write.titles import text_width


def column_widths(weights: list[float], header: list[str], count: int, total: int, layout: Layout) -> list[int]:
    """Widths in twips summing to `total`; a column is at least as wide as its header text
    (so 「序号」「完成时限」 never wrap), the other columns share what is left by their weights."""
    weights = weights if len(weights) == count else [1.0] * count
    char = layout.sizes["table"] * 10  # one table character in twips
    padding = 2 * layout.table["cell_margin"] + 20
    minimum = [
        round(text_width(text) * char) + padding if text else padding for text in header + [""] * (count - len(header))
    ]
    fixed: set[int] = set()
    while True:
        free = total - sum(minimum[i] for i in fixed)
        share = sum(weights[i] for i in range(count) if i not in fixed)
        widths = [minimum[i] if i in fixed else int(free * weights[i] / share) for i in range(count)]
        narrow = {i for i in range(count) if i not in fixed and widths[i] < minimum[i]}
        if not narrow or len(fixed | narrow) == count:
            return widths
        fixed |= narrow
