"""One pass over a document's joined text for the text rules that need a full regular-expression scan.

A rule registers its pattern once, at import, with the needles without which it cannot match:

    _AMOUNTS = shared_scan("figures.amount", lazy(...), needles=None)   # None: always scanned
    ...
    for index, match in ctx.analysis.scanned(_AMOUNTS): ...

The first rule that asks runs one pass for every registered pattern whose needles occur in the
text (str.find: a pattern that cannot match is left out of the pass) and hands each rule the
matches of its own pattern, as its own finditer over the joined text would have found them.
The patterns are combined as zero-width lookaheads `(?=(?:A))|(?=(?:B))`: at every position
where any of them matches the pass stops once, and each pattern is then matched there (anchored)
unless its previous match has not ended — finditer's order and overlap rules, per pattern.
"""

from __future__ import annotations

import functools
import re


class _Scan:
    """A registered pattern and the strings without which it cannot match (None: always tried)."""

    __slots__ = ("pattern", "needles")

    def __init__(self, pattern: re.Pattern, needles: tuple[str, ...] | None) -> None:
        self.pattern = pattern
        self.needles = needles


_SCANS: dict[str, _Scan] = {}


def shared_scan(name: str, pattern: re.Pattern, needles: str | tuple[str, ...] | None = None) -> str:
    """Register `pattern` (no named groups, no backreferences) for the shared pass; its key."""
    if name in _SCANS and _SCANS[name].pattern is not pattern:
        raise ValueError(f"two patterns registered as {name}")
    _SCANS[name] = _Scan(pattern, tuple(needles) if needles is not None else None)
    return name


@functools.lru_cache(maxsize=16)
def _combined(names: tuple[str, ...]) -> re.Pattern:
    """The lookahead alternation of the named patterns (compiled once per set in a process)."""
    return re.compile("|".join(f"(?=(?:{_SCANS[name].pattern.pattern}))" for name in names))


def scan(joined: str, starts: list[int]) -> dict[str, list[tuple[int, re.Match]]]:
    """{name: [(unit index, match)]} for every registered pattern that can occur in `joined`."""
    names = tuple(
        name
        for name, found in _SCANS.items()
        if found.needles is None or any(needle in joined for needle in found.needles)
    )
    out: dict[str, list[tuple[int, re.Match]]] = {name: [] for name in _SCANS}
    if not names:
        return out
    index, last = 0, len(starts) - 1
    if len(names) == 1:  # the usual draft: one pattern can occur, its own finditer is the pass
        found = out[names[0]]
        for alone in _SCANS[names[0]].pattern.finditer(joined):
            while index < last and starts[index + 1] <= alone.start():
                index += 1
            found.append((index, alone))
        return out
    patterns = [(name, _SCANS[name].pattern, out[name]) for name in names]
    ends = [0] * len(patterns)
    for candidate in _combined(names).finditer(joined):
        pos = candidate.start()
        while index < last and starts[index + 1] <= pos:  # positions come in order: walk, no bisect
            index += 1
        for k, (_name, pattern, found) in enumerate(patterns):
            if pos >= ends[k]:
                match = pattern.match(joined, pos)
                if match:
                    found.append((index, match))
                    ends[k] = match.end() if match.end() > pos else pos + 1
    return out
