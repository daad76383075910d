"""Character advances as LibreOffice sets them on fazhi's pages (measured in its PDFs).

Full-width characters (CJK, and “ ” ‘ ’ — … which fazhi puts in the Chinese font) take one em of
their size; Latin letters and digits the advance of Times New Roman (Liberation Serif, its metric
twin, in LibreOffice), from the table below (units of 1/2048 em). Every character is condensed by
the layout's run spacing. Between an ideograph and a Latin letter or digit LibreOffice 7.4 adds a
gap (AUTOSPACE of an em) although the paragraphs switch autospacing off.
"""

from __future__ import annotations

from generator.lexicon import lazy
from generator.lexicon.chars import IDEOGRAPHS, WIDE_PUNCTUATION, is_wide

# Liberation Serif Regular advances of U+0020..U+007E (2048 units an em), read once with fontTools.
_LATIN = (
    512,
    682,
    836,
    1024,
    1024,
    1706,
    1593,
    369,
    682,
    682,
    1024,
    1155,
    512,
    682,
    512,
    569,
    1024,
    1024,
    1024,
    1024,
    1024,
    1024,
    1024,
    1024,
    1024,
    1024,
    569,
    569,
    1155,
    1155,
    1155,
    909,
    1886,
    1479,
    1366,
    1366,
    1479,
    1251,
    1139,
    1479,
    1479,
    682,
    797,
    1479,
    1251,
    1821,
    1479,
    1479,
    1139,
    1479,
    1366,
    1139,
    1251,
    1479,
    1479,
    1933,
    1479,
    1479,
    1251,
    682,
    569,
    682,
    961,
    1024,
    682,
    909,
    1024,
    909,
    1024,
    909,
    682,
    1024,
    1024,
    569,
    569,
    1024,
    569,
    1593,
    1024,
    1024,
    1024,
    1024,
    682,
    797,
    569,
    1024,
    1024,
    1479,
    1024,
    1024,
    909,
    983,
    410,
    983,
    1108,
)
_OTHER = {"°": 819, "·": 682, "×": 1155, "±": 1124, "²": 614, "³": 614, "\u00a0": 512}
# The Chinese font's characters among those below U+2E80 (x.runs puts them in the CJK character style).
FULL_WIDTH_SHARED = frozenset(WIDE_PUNCTUATION)
# Measured: ideograph → digit 3.57 pt, digit → ideograph 3.50 pt at 16 pt (kaifu PDF, LibreOffice 7.4).
AUTOSPACE = 0.22


def em_width(ch: str) -> float:
    """The advance of one character in ems of its size, before condensing."""
    code = ord(ch)
    if 0x20 <= code <= 0x7E:
        return _LATIN[code - 0x20] / 2048
    if ch in _OTHER:
        return _OTHER[ch] / 2048
    return 1.0 if is_wide(ch) else 0.5


def is_ideograph(ch: str) -> bool:
    """A CJK letter (not punctuation): the side of a gap LibreOffice widens."""
    code = ord(ch)
    return 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x2FFFF


def is_latin_word(ch: str) -> bool:
    """A Latin letter or digit (the other side of an autospace gap)."""
    return ch.isascii() and ch.isalnum()


# The characters followed by an autospace gap: an ideograph before a Latin letter or digit, or the reverse.
_GAP = lazy(f"[{IDEOGRAPHS}](?=[A-Za-z0-9])|[A-Za-z0-9](?=[{IDEOGRAPHS}])")
_EM: dict[str, float] = {}


def gaps(text: str, size_pt: float) -> list[float]:
    """The autospace gap after each character (0 where there is none), points."""
    out = [0.0] * len(text)
    for match in _GAP.finditer(text):
        out[match.start()] = AUTOSPACE * size_pt
    return out


def advances(text: str, size_pt: float, condense_pt: float) -> list[float]:
    """Each character's advance in points, the autospace gap added to the character before it."""
    em = _EM
    out = []
    for ch in text:
        width = em.get(ch)
        if width is None:
            width = em[ch] = em_width(ch)
        out.append(width * size_pt + condense_pt)
    for match in _GAP.finditer(text):
        out[match.start()] += AUTOSPACE * size_pt
    return out


def line_width(text: str, size_pt: float, condense_pt: float) -> float:
    """A line's width as set, points: its advances less the gap after its last character."""
    if not text:
        return 0.0
    return sum(advances(text, size_pt, condense_pt)) - gaps(text, size_pt)[-1]
