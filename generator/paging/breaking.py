"""Breaking a paragraph's text into lines as LibreOffice does on fazhi's pages.

Break opportunities fall between any two characters except inside a run of printable ASCII (a
number, a word, 「2.4」「98%」). A line holds what fits its width; one 、。，． past the edge hangs
in the margin (Word's and LibreOffice's hanging punctuation, on by default; LibreOffice lets
；：？！ hang too, but not after a Latin letter or digit). A character fits when it does without the autospace gap after it (that gap
falls at the break). 禁则: no line starts
with closing punctuation, none ends with opening punctuation; the break moves back one character
until both hold.
"""

from __future__ import annotations

NO_START = frozenset("，。、；：？！）》」』】〕〉”’…—·%‰℃)]}!,.:;?")
NO_END = frozenset("（《「『【〔〈“‘([{")
HANGING = frozenset("、。，．：；？！")
EPSILON = 0.01  # points: LibreOffice measures in whole twips


def _atoms(text: str) -> list[int]:
    """Indices where a break may fall (a line may start there), 0 excluded."""
    out = []
    for index in range(1, len(text)):
        a, b = text[index - 1], text[index]
        if _ascii(a) and _ascii(b):
            continue
        out.append(index)
    return out


def _ascii(ch: str) -> bool:
    return "\x21" <= ch <= "\x7e"


def break_lines(
    text: str,
    advances: list[float],
    first_width: float,
    width: float,
    trail: list[float] | None = None,
    hang: bool = True,
) -> list[tuple[int, int]]:
    """(start, end) character ranges of each line; widths in points (the first line's less its
    indent); `trail`: the part of each advance that is a gap after the character; `hang`: whether
    punctuation may hang past the edge (LibreOffice does not let it in table cells)."""
    if not text:
        return [(0, 0)]
    allowed = set(_atoms(text))
    lines, start = [], 0
    room = first_width
    while start < len(text):
        end = _fit(text, advances, start, room, allowed, trail or [0.0] * len(text), hang)
        lines.append((start, end))
        start, room = end, width
    return lines


def _fit(
    text: str, advances: list[float], start: int, room: float, allowed: set[int], trail: list[float], hang: bool = True
) -> int:
    """Where the line that starts at `start` ends."""
    used, index = 0.0, start
    while index < len(text) and used + advances[index] - trail[index] <= room + EPSILON:
        used += advances[index]
        index += 1
    if index >= len(text):
        return len(text)
    if hang and text[index] in HANGING and index > start and not _ascii(text[index - 1]):
        index += 1  # hangs in the margin
        if index >= len(text):
            return index
    end = _back_to_break(text, start, index, allowed)
    return end if end > start else max(index, start + 1)


def _back_to_break(text: str, start: int, end: int, allowed: set[int]) -> int:
    """The last permitted break at or before `end` (禁则 and unbreakable ASCII runs)."""
    while end > start:
        if end in allowed and text[end] not in NO_START and text[end - 1] not in NO_END:
            return end
        end -= 1
    return start
