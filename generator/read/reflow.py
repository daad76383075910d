"""Lost paragraph breaks: heading numbers that run on inside one line are split off again.

A web page may deliver the whole body as one line, or run headings on after a sentence:
「…取得实效。二、存在的问题和不足（一）思想认识…」. A heading number that follows a sentence
end (。！？, a line break, or for 「一、」 a colon: 「报告如下：一、」) starts a new line when it
continues the numbering read so far: the next number of its level, or 1 of a deeper level.
After such a split, a standalone title that runs into its first sub-heading without any
punctuation (「存在的问题和不足（一）」) or into its body's opening year (「…工作安排2024年，」)
is split there too. 「一、二季度」 is
not a heading (a numeral follows the number).
"""

from __future__ import annotations

import bisect
import re

from generator.lexicon import dates, headings, lazy
from generator.lexicon.chars import HAN
from generator.lexicon.numbers import CN_SMALL
from generator.lexicon.chars import STRIP
from generator.read.lines import Line, number_at
from generator.read.title_end import own_names, title_end

MAX_TITLE = 40  # a standalone title running into its first sub-heading is at most this long
MAX_HEAD_LINES = 12  # the draft's title is among its first lines

# A heading number (headings.run_on_start) after one of these, spaces between, may start a run-on
# heading. 〕 closes a task's owners 「…按职责分工负责〕二、…」.
_SEPARATORS = "。：:\n！？〕"
_SPACES = " \t\u3000"
_CHILD = headings.FIRST_CHILD
_START_AT = lazy(headings.RUN_ON_START)  # compiled only for a draft that lost its breaks
# An unnumbered section title between a sentence end and its first sub-heading: 「…称号。主要工作(一)党政…」.
# Found from the sub-heading's number back (str.find: a regex scan of the whole text costs more).
_FIRST_SUBS = ("（一）", "(一)", "（1）", "(1)", "（１）", "(１)")
_TITLE_BEFORE = lazy(r"[。！？][ \t\u3000]*([^，,。；;：:！？、\s（(《\x00]{2,12})$")
_NUMERALS = set(CN_SMALL)
# A heading running into its first point: 「…狠抓“关键少数”一是以提高…」.
_POINT = lazy(rf"(?<=[{HAN}”》])一是")
# A standalone title running into its body's opening year: 「三、下一步工作安排2024年，我们将…」,
# 「一、基本情况2020年是…」.
_YEAR_OPENING = lazy(rf"(?<=[{HAN}]){dates.YEAR}年度?(?=[，,]|是|以来)")


def reflow(lines: list[Line]) -> tuple[list[Line], list[int]]:
    """The lines with run-on headings split off, and the line numbers where that happened."""
    candidates = _candidates(lines)
    if not candidates:
        return lines, []
    numbering = _Numbering(lines)
    out: list[Line] = []
    rebuilt: list[int] = []
    for index, line in enumerate(lines):
        if line.table is not None or line.kind or line.runin:
            found = number_at(line.text) if line.table is None else None
            if found:
                numbering.advance(found[0], found[1])
            out.append(line)
            continue
        pieces = numbering.split(line.text, candidates.get(index))
        if len(pieces) > 1:
            rebuilt.append(line.line)
        out.extend(
            Line(
                piece,
                line.line,
                line.gap if i == 0 else False,
                page_break=line.page_break and i == 0,
                left=line.left and i == 0,
                style=line.style,
                rebuilt=len(pieces) > 1,
            )
            for i, piece in enumerate(pieces)
        )
    return (out, rebuilt) if rebuilt else (lines, [])


def _candidates(lines: list[Line]) -> dict[int, list[tuple[int, str]]]:
    """{line index: [(number start, separator)]} for heading-like numbers after a sentence end."""
    eligible = [i for i, ln in enumerate(lines) if not ln.kind and ln.table is None and not ln.runin]
    texts = [lines[i].text for i in eligible]
    joined = "\x00".join(texts)
    starts, pos = [], 0
    for text in texts:
        starts.append(pos)
        pos += len(text) + 1
    found: dict[int, list[tuple[int, str]]] = {}
    if any(sep in joined for sep in _SEPARATORS):
        for at, number in _numbers_after_separators(joined):
            k = bisect.bisect_right(starts, at) - 1
            found.setdefault(eligible[k], []).append((number - starts[k], joined[at]))
        for sub in _first_subs(joined):
            before = _TITLE_BEFORE.search(joined, max(0, sub - 16), sub)
            if before:
                k = bisect.bisect_right(starts, before.start(1)) - 1
                at = before.start(1) - starts[k]
                found.setdefault(eligible[k], []).extend([(at, "title"), (at + len(before.group(1)), "child")])
    for items in found.values():
        items.sort()
    return found


def _numbers_after_separators(text: str):
    """(separator, number) positions: a run-on heading number after a separator and spaces."""
    for sep in _SEPARATORS:
        at = text.find(sep)
        while at >= 0:
            number = at + 1
            while number < len(text) and text[number] in _SPACES:
                number += 1
            if headings.run_on_start(text, number):
                yield at, number
            at = text.find(sep, at + 1)


def _first_subs(text: str):
    """Where a first sub-heading number 「（一）」「(1)」 stands in the text."""
    for number in _FIRST_SUBS:
        at = text.find(number)
        while at >= 0:
            yield at
            at = text.find(number, at + 3)


class _Numbering:
    """The heading numbers read so far: the last value of each level; whether a split happened."""

    def __init__(self, lines: list[Line] | None = None) -> None:
        self.last: dict[int, int] = {}
        self.dropped: dict[int, int] = {}  # the last value of a level the numbering left (a parent advanced)
        self.split_seen = False
        self.lines = lines or []
        self._names: tuple[str, ...] | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """The draft's own name as its title writes it (a body often starts with it), read once."""
        if self._names is None:
            self._names = own_names(line.text for line in self.lines[:MAX_HEAD_LINES])
        return self._names

    def split(self, text: str, candidates) -> list[str]:
        """The pieces of one line, the numbering advanced over them."""
        suspicious = bool(candidates) or self.split_seen
        cuts = [0]
        self._piece(text, 0, cuts, suspicious)
        titled = -1
        for start, sep in candidates or ():
            if start <= cuts[-1]:
                continue
            if sep == "title":
                titled = start
                continue
            found = number_at(text, start)
            if sep == "child":
                if found and found[1] == 1 and titled >= 0 and titled > cuts[-1]:
                    cuts.append(titled)
                    for level in [k for k in self.last if k >= found[0]]:
                        del self.last[level]
                else:
                    continue
            if not found or not self.fits(found) or (sep in "：:" and found[0] != 1):
                continue
            after = text[start + len(found[2]) : start + len(found[2]) + 1]
            if not after.strip(STRIP) or after in _NUMERALS:
                continue
            cuts.append(start)
            self.split_seen = suspicious = True
            self._piece(text, start, cuts, suspicious)
        pieces = (text[a:b].strip(STRIP) for a, b in zip(cuts, cuts[1:] + [len(text)]))
        return [piece for piece in pieces if piece]

    def _piece(self, text: str, start: int, cuts: list[int], suspicious: bool) -> None:
        """A piece starting at `start`: its number advances the numbering; a title running
        into its first sub-heading is cut there (once paragraph breaks are known to be lost)."""
        found = number_at(text, start)
        if not found:
            return
        self.advance(found[0], found[1])
        if not suspicious:
            return
        title = start + len(found[2])
        window = text[title : title + MAX_TITLE + 4]
        stop = min((window.find(c) for c in "。，；：,;:" if c in window), default=len(window))
        # a sub-heading may follow a title with commas in it (「…责任制,推动…进校园(一)…」), never a sentence end
        limit = min(len(window), window.find("。") % (len(window) + 1))
        child = _CHILD.search(window, 2, limit) or self._continued_child(window, limit, found[0])
        if not child:
            year = _YEAR_OPENING.search(window, 2, stop + 1)
            point = _POINT.search(window, 4)
            if year:
                cuts.append(title + year.start())
            elif point and "。" not in window[: point.start()]:
                cuts.append(title + point.start())
            elif found[0] == 1 and self._part_name(text, title, cuts):
                if number_at(text, cuts[-1]):  # 「…主要措施一、强化…」: the first item numbered anew
                    self._piece(text, cuts[-1], cuts, True)
            else:
                end = title_end(text[title : title + 2 * MAX_TITLE], self.names)
                if end:
                    cuts.append(title + end)
            return
        sub = number_at(text, title + child.start())
        if sub and sub[0] > found[0] and text[title + child.start() + len(sub[2]) :].strip(STRIP):
            cuts.append(title + child.start())
            self.split_seen = True
            self._piece(text, title + child.start(), cuts, True)

    def _continued_child(self, window: str, limit: int, level: int) -> re.Match | None:
        """A sub-heading numbered on from the section before (「(二)…职能3.深化…」 after 1. and 2.)."""
        for match in _START_AT.finditer(window, 2, limit):
            sub = number_at(window, match.start())
            if sub and sub[0] > level and sub[1] > 1 and sub[1] == self.dropped.get(sub[0], 0) + 1:
                return match
        return None

    @staticmethod
    def _part_name(text: str, title: int, cuts: list[int]) -> bool:
        """A part heading that ran into its body: cut after the statutory part's name it opens with."""
        from generator.checks.statutory import part_title_end

        end = part_title_end(text[title : title + MAX_TITLE])
        rest = text[title + end : title + end + 1]
        body = text[title + end :]
        if end and rest and rest not in "。，,；;：:、）)" and len(body) > 8 and any(c in body for c in "。，,；;、"):
            cuts.append(title + end)
            return True
        return False

    def fits(self, found: tuple) -> bool:
        """Does the number continue the numbering: the next at its level, or 1 deeper (or the first)?"""
        level, value = found[0], found[1]
        if level in self.last:
            return value == self.last[level] + 1
        first = value == 1 or value == self.dropped.get(level, 0) + 1  # numbered on across sections
        return first and (not self.last or level > max(self.last))

    def advance(self, level: int, value: int) -> None:
        for deeper in [k for k in self.last if k > level]:
            self.dropped[deeper] = self.last.pop(deeper)
        self.last[level] = value
