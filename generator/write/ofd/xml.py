"""The few XML helpers the OFD parts need: escaping and millimetre numbers."""

from __future__ import annotations

_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTR = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def text_escape(text: str) -> str:
    """Character data: & < > escaped."""
    if "&" in text or "<" in text or ">" in text:
        return text.translate(_TEXT)
    return text


def attr(text: str) -> str:
    """An attribute value: & < > and the double quote escaped."""
    return text.translate(_ATTR)


MEMO: dict[float, str] = {}


def fmt(value: float) -> str:
    """A length in mm to 3 decimals (a micrometre), trailing zeros dropped: 5.644, 210, 0.35."""
    found = MEMO.get(value)
    if found is None:
        text = f"{value:.3f}".rstrip("0").rstrip(".")
        found = "0" if text in ("-0", "") else text
        if len(MEMO) < 100_000:  # advances repeat: a page holds a few dozen distinct values
            MEMO[value] = found
    return found
