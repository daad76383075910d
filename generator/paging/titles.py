"""Titles broken by their real width: the line model's advances of the title's size, so a line
LibreOffice would wrap (digits, their autospace gaps) is never chosen (issue 20)."""

from __future__ import annotations

import functools

from generator.ooxml.layout import Layout
from generator.paging.metrics import line_width
from generator.write.titles import break_title


@functools.lru_cache(maxsize=8)
def title_measure(size_pt: float, condense_pt: float):
    """A function: text -> its width in ems of the title's size (hashable, for the breaker's cache)."""
    return functools.lru_cache(maxsize=1024)(lambda text: line_width(text, size_pt, condense_pt) / size_pt)


def title_lines(title: str, layout: Layout) -> list[str]:
    """The title's lines as the writer sets them."""
    size = layout.sizes["title"] / 2
    capacity = layout.text_width / 20 / size
    return break_title(title, capacity, title_measure(size, layout.condense / 20))
