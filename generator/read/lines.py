"""A draft's line, and what its text reads as: a numbered heading, a run-in heading or a paragraph."""

from __future__ import annotations

from generator.lexicon import lazy
from generator.lexicon.chars import STRIP
from generator.lexicon.headings import read_number
from generator.tree import Heading, Paragraph, Table

MAX_RUNIN_TITLE = 60  # the run-in heading sentence ends with 。 within this many characters
MAX_REBUILT_TITLE = 40  # a heading from text without paragraph breaks is at most this long


class Line:
    """One paragraph of a draft with what the reader knows about it."""

    # A plain class (a dataclass costs ~20 times as much to create at start-up); eq and repr as a dataclass's.
    __slots__ = ("text", "line", "gap", "kind", "level", "runin", "page_break", "left", "table", "style", "rebuilt")

    def __init__(
        self,
        text: str,
        line: int,
        gap: bool = False,  # txt: blank or dropped line(s) right before
        kind: str = "",  # docx style hint: title heading recipients signature note doc_number label imprint
        level: int = 0,  # heading level hint
        runin: int = 0,  # docx: length of the leading FzRunIn run text
        page_break: bool = False,  # docx: starts on a new page
        left: bool = False,  # docx: explicitly left aligned (upward 发文字号)
        table: Table | None = None,
        style: str = "",  # docx: paragraph style id (hints, facts)
        rebuilt: bool = False,  # split off a line whose paragraph breaks were lost (reflow)
    ) -> None:
        self.text = text
        self.line = line
        self.gap = gap
        self.kind = kind
        self.level = level
        self.runin = runin
        self.page_break = page_break
        self.left = left
        self.table = table
        self.style = style
        self.rebuilt = rebuilt

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:  # and so unhashable, as a dataclass
        return self._values() == other._values() if type(other) is Line else NotImplemented

    def __repr__(self) -> str:
        return "Line(" + ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__) + ")"


MAX_NOTED_TITLE = 120  # a run-in sentence followed only by a bracketed note is at most this long
_NOTE_ONLY = lazy(r"^[（(〔［\[][^。（(〔［\[]*[）)〕］\]]$")

NUMBER_SPAN = 12  # read_number never looks further than this into a line


_NUMBER_START = frozenset("一二三四五六七八九十百零〇两（(0123456789０１２３４５６７８９")


def number_at(text: str, start: int = 0):
    """read_number of the text at `start`: only the first characters matter (and are cached)."""
    if text[start : start + 1] not in _NUMBER_START:
        return None
    return read_number(text[start : start + NUMBER_SPAN])


def clean(text: str) -> str:
    """The text without STRIP characters at either end."""
    return text.strip(STRIP)


def _heading(text: str, number: str, level: int, line: int, rebuilt: bool = False) -> Heading:
    rest = text[len(number) :].strip(STRIP)
    stop = rest.find("。")
    after = rest[stop + 1 :].strip(STRIP) if stop > 0 else ""
    # a long task sentence followed by nothing but its owners in brackets 「…机制。（司法厅负责）」 is run in too
    if after and (0 < stop <= MAX_RUNIN_TITLE or (stop <= MAX_NOTED_TITLE and _NOTE_ONLY.match(after))):
        if not rebuilt or stop <= MAX_REBUILT_TITLE:
            return Heading(level, rest[:stop], True, rest[stop + 1 :].strip(STRIP), line, number)
    if rebuilt and len(rest) > MAX_REBUILT_TITLE:
        # a heading that ran into its text on a page without paragraph breaks: its first clause
        comma = min((rest.find(c) for c in "，," if 0 < rest.find(c) <= MAX_REBUILT_TITLE), default=-1)
        if comma > 0:
            return Heading(level, rest[:comma], True, rest[comma + 1 :].strip(STRIP), line, number)
        return Heading(level, rest[:MAX_REBUILT_TITLE], True, rest[MAX_REBUILT_TITLE:].strip(STRIP), line, number)
    return Heading(level, rest, False, "", line, number)


def block(line: Line) -> Heading | Paragraph:
    """A body line as a heading (typed number, FzRunIn run or heading style) or a paragraph."""
    text = line.text
    if not line.runin and text[:1] not in _NUMBER_START and line.kind != "heading":
        return Paragraph(text, line.line)  # the common case, decided on the first character
    if line.runin:
        prefix, body = text[: line.runin].strip(STRIP), text[line.runin :].strip(STRIP)
        found = number_at(prefix)
        number = found[2] if found else ""
        title = prefix[len(number) :].strip(STRIP)
        if title.endswith("。"):
            title = title[:-1]
        return Heading(found[0] if found else (line.level or 3), title, True, body, line.line, number)
    found = number_at(text)
    if found and text[len(found[2]) :].strip(STRIP):
        return _heading(text, found[2], found[0], line.line, line.rebuilt)
    if line.kind == "heading" and line.level:
        return Heading(line.level, text, False, "", line.line, "")
    return Paragraph(text, line.line)


def is_heading(line: Line) -> bool:
    """Does the line read as a heading (typed number, run-in run or heading style)?"""
    return isinstance(block(line), Heading)
