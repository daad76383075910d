"""The regular-expression passes over a document's joined text that text rules register.

A rule registers its pattern once, at import, with the needles without which it cannot match:

    _AMOUNTS = shared_scan("figures.amount", lazy(...), needles=None)   # None: always scanned
    ...
    for index, match in ctx.analysis.scanned(_AMOUNTS): ...

The first rule that asks for a pattern runs its finditer over the joined text, once per document,
unless none of its needles occurs (str.find): a pattern that cannot match is never run. Each
pattern runs alone: a single pass of all of them as lookaheads `(?=(?:A))|(?=(?:B))` opens with
no literal nor class, so `re` tries it at every position (about 200 instructions a character,
2.4× the patterns' own passes over the bench draft), while a pattern that opens with a class or
a literal skips at C speed to where it may start.
"""

from __future__ import annotations

import re


class _Scan:
    """A registered pattern and the strings without which it cannot match (None: always tried)."""

    __slots__ = ("pattern", "needles")

    def __init__(self, pattern: re.Pattern, needles: tuple[str, ...] | None) -> None:
        self.pattern = pattern
        self.needles = needles


_SCANS: dict[str, _Scan] = {}


def shared_scan(name: str, pattern: re.Pattern, needles: str | tuple[str, ...] | None = None) -> str:
    """Register `pattern` for the text rules' passes; its key."""
    if name in _SCANS and _SCANS[name].pattern is not pattern:
        raise ValueError(f"two patterns registered as {name}")
    _SCANS[name] = _Scan(pattern, tuple(needles) if needles is not None else None)
    return name


def matches(name: str, joined: str) -> list[re.Match]:
    """The registered pattern's matches over `joined` ([] when none of its needles occurs)."""
    found = _SCANS[name]
    if found.needles is not None and not any(needle in joined for needle in found.needles):
        return []
    return list(found.pattern.finditer(joined))
