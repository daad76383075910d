"""Shared analysis of a document, computed once and used by many rules: which document is the
body, what kind it is, the report year, where the statutory parts are, and the text by line."""

from __future__ import annotations

import bisect
import functools
import re

from generator.lexicon import lazy
from generator.lexicon.chars import CHINESE, is_chinese
from generator.tree import Document, Heading, Paragraph, Table

from .report_year import body_document, find_report_year
from .statutory import SENDER, PartHit, detect_kind, sender_of, detect_parts, match_parts, normal_title, parts_of  # noqa: F401

_DIGITS = frozenset("0123456789")

_FULL_WIDTH = "，：；（）"
_HALF_WIDTH = lazy(f"[{CHINESE}][,:;()]|[,:;()][{CHINESE}]")
is_cjk = is_chinese  # the rules' name for it


class TextUnit:
    """A piece of text at a line: what punctuation and placeholder rules scan."""

    __slots__ = ("line", "text", "where")

    # Plain classes here and below: a dataclass costs a millisecond of every start-up to create.
    def __init__(self, line: int, text: str, where: str) -> None:
        self.line = line
        self.text = text
        self.where = where  # title, doc_number, recipients, heading, paragraph, table, signature, date, note, annex

    def __repr__(self) -> str:
        return f"TextUnit({self.line!r}, {self.text!r}, {self.where!r})"


class Analysis:
    """What the rules of one document share: computed once, each rule reading what it needs.

    Text rules look at the units through one joined string: `units_with(chars)` finds the
    units holding a character with str.find (much faster than a regular-expression scan of
    the whole text, and most drafts hold few of the characters a rule looks for), and
    `memo(key, compute)` keeps anything several rules need (the numbering walk, the 文号).
    A regular-expression pass over a 20-page report's 11,000 characters costs 0.05-0.2 ms
    (`re` steps through every position unless the pattern opens with a literal): `scan`
    makes one pass, and a pattern that cannot match without a rare character is tried only
    where that character is (`scan_from`, `scan_after_digit`, `scan_units`;
    tests/test_check_scans.py holds each to what `scan` finds).
    """

    def __init__(
        self,
        doc: Document,
        kind: str,
        body: Document,
        report_year: int | None,
        web_copy: bool,
        kind_reason: str = "",  # why the kind was chosen (Chinese), shown in the report
        columns: tuple[list, list, list] = ([], [], []),  # the text units as (lines, texts, wheres)
        layout: str | None = None,  # a layout file for the layout rules (the built-in one when None)
        firsts: list[int] | None = None,  # per body block, its first unit (one more at the end)
    ) -> None:
        self.doc = doc
        self.kind = kind
        self.body = body
        self.report_year = report_year
        self.web_copy = web_copy
        self.kind_reason = kind_reason
        self.columns = columns
        self.parts: dict[str, PartHit] = {}
        self.parts_data: dict = {}  # the kind's required parts (parts.yaml)
        self.layout = layout
        self.firsts = [] if firsts is None else firsts
        self._memo: dict = {}

    def memo(self, key, compute):
        """compute(), once per document for this key."""
        memo = self._memo
        if key not in memo:
            memo[key] = compute()
        return memo[key]

    def sender(self):
        """read.sender.sender of the document (kept: kind detection asks for it too)."""
        return self.memo(SENDER, lambda: sender_of(self.doc))

    @functools.cached_property
    def units(self) -> list[TextUnit]:
        """Every piece of text at its line (see text_units)."""
        return [TextUnit(*unit) for unit in zip(*self.columns)]

    def span_text(self, start: int, end: int) -> str:
        """The text of the body's blocks start to end (exclusive), units separated by NUL."""
        joined, starts = self.joined
        first, last = self.firsts[start], self.firsts[end]
        if first >= last:
            return ""
        stop = starts[last] - 1 if last < len(starts) else len(joined)
        return joined[starts[first] : stop]

    def unit(self, index: int) -> TextUnit:
        """One unit, built without building them all."""
        lines, texts, wheres = self.columns
        return TextUnit(lines[index], texts[index], wheres[index])

    @functools.cached_property
    def joined(self) -> tuple[str, list[int]]:
        """The units' texts joined by NUL, and where each unit starts."""
        texts = self.columns[1]
        starts, pos = [], 0
        for text in texts:
            starts.append(pos)
            pos += len(text) + 1
        return "\x00".join(texts), starts

    def unit_indices(self, char: str) -> list[int]:
        """Indices of the units holding `char`, a character or a string (one str.find per unit
        that has it); kept, as several rules look for the same characters."""
        found = self._memo.get(("unit_indices", char))
        if found is None:
            found = self._memo[("unit_indices", char)] = self._find_units(char)
        return found

    @functools.cached_property
    def ascii_text(self) -> str:
        """The joined text's ASCII characters alone: str.find of an ASCII character in Chinese text
        is slow (it stops at every ideograph whose low byte is that character), in this text fast."""
        return self.joined[0].encode("ascii", "ignore").decode("ascii")

    def lacks(self, needle: str) -> bool:
        """Whether an ASCII needle is surely not in the text (looked for in the ASCII characters alone)."""
        return needle.isascii() and needle not in self.ascii_text

    def _find_units(self, char: str) -> list[int]:
        joined, starts = self.joined
        found: list[int] = []
        if self.lacks(char):
            return found
        pos = joined.find(char)
        while pos >= 0:
            k = bisect.bisect_right(starts, pos) - 1
            found.append(k)
            pos = joined.find(char, starts[k + 1]) if k + 1 < len(starts) else -1
        return found

    def units_with(self, chars) -> list[TextUnit]:
        """The units holding any of the characters (or of a tuple's strings), in document order."""

        def compute():
            indices = set()
            for char in chars:
                if len(char) == 1:
                    indices.update(self.unit_indices(char))
            strings = tuple(needle for needle in chars if len(needle) > 1)
            if strings:
                indices.update(self._units_holding(strings))
            return [self.unit(k) for k in sorted(indices)]

        return self.memo(("units_with", chars), compute)

    def _units_holding(self, needles: tuple[str, ...]) -> set[int]:
        """Indices of the units holding any of `needles` (strings of two or more characters)."""
        joined, starts = self.joined
        found: set[int] = set()
        last = len(starts) - 1
        for pattern in _by_first_character(needles):
            match = pattern.search(joined)
            while match:
                k = bisect.bisect_right(starts, match.start()) - 1
                found.add(k)
                match = pattern.search(joined, starts[k + 1]) if k < last else None
        return found

    def has_any(self, *needles: str) -> bool:
        """Whether any of the strings occurs in the text: a C-speed test that lets a rule skip
        its regular-expression pass when what it looks for cannot be there."""
        joined = self.joined[0]
        return any(not self.lacks(needle) and needle in joined for needle in needles)

    def scan(self, pattern: re.Pattern):
        """(unit, match, unit start) for every match over all units: one regex pass, not one per unit."""
        starts = self.joined[1]
        for index, match in self.scan_indices(pattern):
            yield self.unit(index), match, starts[index]

    def scanned(self, name: str) -> list[tuple[int, re.Match]]:
        """(unit index, match) of a pattern registered with scanner.shared_scan: its finditer over
        the joined text, run once per document when the first rule asks (never when it cannot match)."""
        key = ("scanned", name)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = _with_units(self.matches(name), self.joined[1])
        return found

    def matches(self, name: str) -> list[re.Match]:
        """The matches of a registered pattern over the joined text, without their units (scanned)."""
        key = ("matches", name)
        found = self._memo.get(key)
        if found is None:
            from .scanner import matches

            found = self._memo[key] = matches(name, self.joined[0])
        return found

    def shared_pass(self) -> dict[str, list[re.Match]]:
        """matches() of every registered pattern (the bench times the passes apart from the rules)."""
        from .scanner import _SCANS

        return {name: self.matches(name) for name in _SCANS}

    def scan_indices(self, pattern: re.Pattern) -> list[tuple[int, re.Match]]:
        """(unit index, match) for every match over the joined text, without a unit object each."""
        joined, starts = self.joined
        return _with_units(pattern.finditer(joined), starts)

    def scan_units(self, pattern: re.Pattern, chars, accept=None):
        """scan() over only the units holding one of `chars` (characters, or a tuple of strings),
        for a pattern that cannot match without one of them (nor across units): (unit, match, 0).
        `accept(joined, pos)`, a test the text around a character of `chars` at `pos` passes
        wherever a match holds it there, leaves out the units where none passes."""
        units = self.units_with(chars) if accept is None else self._units_accepting(chars, accept)
        for unit in units:
            for match in pattern.finditer(unit.text):
                yield unit, match, 0

    def _units_accepting(self, chars: str, accept) -> list[TextUnit]:
        """The units holding a character of `chars` at a position `accept(joined, pos)` passes."""
        joined, starts = self.joined
        found = set()
        for char in chars:
            pos = -1 if self.lacks(char) else joined.find(char)
            while pos >= 0:
                if accept(joined, pos):
                    found.add(bisect.bisect_right(starts, pos) - 1)
                pos = joined.find(char, pos + 1)
        return [self.unit(k) for k in sorted(found)]

    def scan_after_digit(self, pattern: re.Pattern, char: str, lengths: tuple[int, ...], accept=None):
        """scan() for a pattern whose every match ends with a digit and `char` and is one of
        `lengths` characters long (longest first, as finditer would find it): an anchored match
        tried where the text has that digit and `char`, no regex pass over all the text.
        `accept(joined, pos)`, a test the text around `char` at `pos` passes wherever the pattern
        may end there, spares trying (and compiling) the pattern where it cannot."""
        joined, starts = self.joined
        pos = joined.find(char)
        while pos >= 0:
            if pos and joined[pos - 1] in _DIGITS and (accept is None or accept(joined, pos)):
                for length in lengths:
                    match = pattern.match(joined, pos + 1 - length) if pos + 1 >= length else None
                    if match and match.end() == pos + 1:
                        index = bisect.bisect_right(starts, match.start()) - 1
                        yield self.unit(index), match, starts[index]
                        break
            pos = joined.find(char, pos + 1)

    def scan_from(self, pattern: re.Pattern, needles, accept=None):
        """scan() for a pattern whose every match starts with one of `needles` (rare characters or
        strings): the pattern is tried only where one occurs, left to right as finditer would.
        `accept(joined, match)` stands for lookarounds left out of the pattern (a match it refuses
        is no match), so that a test of the characters around needs no compiled class."""
        joined, starts = self.joined
        candidates = set()
        for needle in needles:
            pos = -1 if self.lacks(needle) else joined.find(needle)
            while pos >= 0:
                candidates.add(pos)
                pos = joined.find(needle, pos + 1)
        end = 0
        for pos in sorted(candidates):
            match = pattern.match(joined, pos) if pos >= end else None
            if match and (accept is None or accept(joined, match)):
                end = match.end()
                index = bisect.bisect_right(starts, pos) - 1
                yield self.unit(index), match, starts[index]

    def section(self, index: int) -> list:
        """The blocks after the heading at `index` up to the next heading of the same or higher level."""
        blocks = self.body.blocks
        head = blocks[index]
        level = head.level if isinstance(head, Heading) else 1
        out = []
        for block in blocks[index + 1 :]:
            if isinstance(block, Heading) and block.level <= level:
                break
            out.append(block)
        return out


@functools.lru_cache(maxsize=32)
def _by_first_character(needles: tuple[str, ...]) -> tuple[re.Pattern, ...]:
    """One pattern per first character of `needles`, opening with it as a literal: `re` skips to
    that character at C speed, where a str.find of a string whose first character is common
    (「，，」 in Chinese text) and a pattern opening with a class both step through every position."""
    rests: dict[str, list[str]] = {}
    for needle in needles:
        rests.setdefault(needle[0], []).append(re.escape(needle[1:]))
    return tuple(re.compile(re.escape(first) + "(?:" + "|".join(rest) + ")") for first, rest in rests.items())


def _with_units(found, starts: list[int]) -> list[tuple[int, re.Match]]:
    """(unit index, match) for matches in text order, `starts` being where each unit starts."""
    out = []
    index, last = 0, len(starts) - 1
    for match in found:
        start = match.start()
        while index < last and starts[index + 1] <= start:  # matches come in order: walk, no bisect
            index += 1
        out.append((index, match))
    return out


def text_units(doc: Document) -> list[TextUnit]:
    """Every piece of text of the document and its parts at its line: what text rules scan."""
    return [TextUnit(*unit) for unit in zip(*unit_columns(doc))]


def unit_columns(
    doc: Document, body: Document | None = None, firsts: list[int] | None = None
) -> tuple[list[int], list[str], list[str]]:
    """The text units as three columns (lines, texts, wheres): cheaper than an object each.
    `firsts` gets, for each block of `body`, the index of its first unit (and one past the last)."""
    lines: list[int] = []
    texts: list[str] = []
    wheres: list[str] = []
    line, text, where = lines.append, texts.append, wheres.append
    for d in doc.all_documents():
        mark = firsts.append if d is body and firsts is not None else None
        for value, at, kind in (
            (d.title, d.title_line, "title"),
            (d.doc_number, d.doc_number_line, "doc_number"),
            (d.recipients, d.recipients_line, "recipients"),
        ):
            if value:
                line(at), text(value), where(kind)
        for block in d.blocks:
            if mark:
                mark(len(texts))
            if type(block) is Paragraph:
                line(block.line), text(block.text), where("paragraph")
            elif type(block) is Heading:  # block_text's, written out: headings are many
                rest = block.body
                line(block.line), where("heading")
                text(block.title + "。" + rest if rest and block.runin else block.title + rest)
            elif type(block) is Table:
                for row in block.rows:
                    for cell in row:
                        line(block.line), text(cell), where("table")
        if mark:
            mark(len(texts))
        for i, signature in enumerate(d.signatures):
            line(d.signature_line + i if d.signature_line else 0), text(signature), where("signature")
        if d.date_text:
            line(d.date_line), text(d.date_text), where("date")
        for note in d.notes:
            line(0), text(note), where("note")
        for at, annex in d.annex_source:
            line(at), text(annex), where("annex")
    return lines, texts, wheres


def is_web_copy(doc: Document, texts: list[str]) -> bool:
    """A .txt whose ，：；（） all became ASCII (web-page copies): punctuation is an artefact."""
    if doc.source != "txt":
        return False
    text = "".join(texts) + "".join(h.number for d in doc.all_documents() for h in d.headings())
    if any(c in text for c in _FULL_WIDTH):
        return False
    return bool(_HALF_WIDTH.search(text))


def analyse(
    doc: Document, kind: str | None = None, report_year: int | None = None, layout: str | None = None, reason: str = ""
) -> Analysis:
    """The shared analysis; `kind` None: detected from the document (and the reason kept)."""
    matches: dict = {}  # the sender and the heading titles matched against the parts: kind and part detection share them
    if kind is None:
        kind, reason = detect_kind(doc, matches)
    body = body_document(doc, kind)
    firsts: list[int] = []
    columns = unit_columns(doc, body, firsts)
    year = report_year or find_report_year(doc, body, kind)
    analysis = Analysis(doc, kind, body, year, is_web_copy(doc, columns[1]), reason, columns, layout, firsts)
    if SENDER in matches:
        analysis._memo[SENDER] = matches[SENDER]
    parts_data = parts_of(kind)
    if parts_data:
        analysis.parts_data = parts_data
        analysis.parts = detect_parts(body, analysis.parts_data, matches)
    return analysis
