"""Patterns of names (parts.yaml's part names, a kind's issuer, 「…报告」) matched as words, without a regex.

Most of these patterns are finite: literals, groups of alternatives, `?`, small classes, a leading `^`
and a trailing `$`. Such a pattern is written out into the words it matches, and a title is tested
with `str` methods. Compiling the CJK alternations costs more than a check's whole reading of the
text; a pattern outside that subset is kept as a regex, tried only when its literal opening occurs.
"""

from __future__ import annotations

import re

from generator.lexicon import lazy

_SPECIAL = set(".^$*+?{}[]\\|()")
_IN_CLASS = set("\\[-&~|")  # what is not a plain character inside [] (ranges, escapes, set operations)
_MOST_WORDS = 200  # a pattern that writes out into more words stays a regex
# What makes a pattern match differently in a joined text than in its parts (anchors, lookarounds).
ANCHORS = ("^", "$", "\\b", "\\B", "(?=", "(?!", "(?<=", "(?<!")


class _Unsupported(Exception):
    """The pattern is outside the subset written out as words."""


def _alternatives(source: str, i: int) -> tuple[list[str], int]:
    """The words of `a|b|…` from source[i] up to an unmatched `)` or the end, and where it stopped."""
    words, i = _sequence(source, i)
    while i < len(source) and source[i] == "|":
        more, i = _sequence(source, i + 1)
        words += more
    return words, i


def _sequence(source: str, i: int) -> tuple[list[str], int]:
    """The words of a run of atoms, each optionally followed by `?`."""
    words = [""]
    while i < len(source) and source[i] not in "|)":
        atom, i = _atom(source, i)
        if i < len(source) and source[i] == "?":
            i += 1
            if i < len(source) and source[i] in "?+*{":
                raise _Unsupported
            atom = ["", *atom]
        elif i < len(source) and source[i] in "*+{":
            raise _Unsupported
        words = [w + a for w in words for a in atom]
        if len(words) > _MOST_WORDS:
            raise _Unsupported
    return words, i


def _atom(source: str, i: int) -> tuple[list[str], int]:
    """The words of one literal character, class of plain characters or group."""
    char = source[i]
    if char == "(":
        start = i + 3 if source.startswith("(?:", i) else i + 1
        if source.startswith("(?", i) and start == i + 1:
            raise _Unsupported  # lookarounds, named groups, flags
        words, i = _alternatives(source, start)
        if i >= len(source):
            raise _Unsupported
        return words, i + 1
    if char == "[":
        end = source.find("]", i + 1)
        chars = source[i + 1 : end]
        if end < 0 or not chars or chars[0] == "^" or _IN_CLASS & set(chars):
            raise _Unsupported
        return list(chars), end + 1
    if char in _SPECIAL:
        raise _Unsupported
    return [char], i + 1


def written_out(source: str) -> tuple[bool, bool, list[str]] | None:
    """(anchored at the start, at the end, the words) for a finite pattern, None for any other."""
    start = source.startswith("^")
    end = source.endswith("$") and not source.endswith("\\$")
    body = source[int(start) : len(source) - int(end)]
    try:
        words, i = _alternatives(body, 0)
    except _Unsupported:
        return None
    if i < len(body) or "" in words or ((start or end) and "|" in body and _top_level_bar(body)):
        return None
    return start, end, words


def _top_level_bar(body: str) -> bool:
    """Whether `|` stands outside every group (then an anchor binds only one side)."""
    depth = 0
    for char in body:
        depth += char == "("
        depth -= char == ")"
        if char == "|" and depth == 0:
            return True
    return False


def _literal_opening(source: str) -> str:
    """The characters every match starts with (may be empty)."""
    for i, char in enumerate(source):
        if char in _SPECIAL:
            # a quantifier binds the character before it: that one is not required
            if char == "|":
                return ""  # a top-level alternative need not start with it
            return source[: i - 1] if char in "?*{" and i else source[:i]
    return source


class Words:
    """Some patterns (a statutory part's names): search(text) is True where `re.search` of any of them finds a match."""

    __slots__ = ("words", "starts", "ends", "whole", "regexes", "anchored", "firsts", "regex")

    def __init__(self, sources: list[str]) -> None:
        self.words: dict[str, list[str]] = {}  # found anywhere, by their first character
        starts: list[str] = []  # `^word`
        ends: list[str] = []  # `word$`
        whole: list[str] = []  # `^word$`
        self.regexes: list[tuple[str, re.Pattern[str]]] = []  # (literal opening, lazy pattern)
        self.anchored = any(anchor in source for source in sources for anchor in ANCHORS)
        # The same patterns as one regex, compiled on first use: faster over many titles than the words.
        self.regex = lazy("|".join(f"(?:{source})" for source in sources))
        for source in sources:
            found = written_out(source)
            if found is None:
                self.regexes.append((_literal_opening(source), lazy(source)))
                continue
            start, end, words = found
            if start and end:
                whole += words
            elif start:
                starts += words
            elif end:
                ends += words
            else:
                for word in words:
                    self.words.setdefault(word[0], []).append(word)
        self.starts, self.ends, self.whole = tuple(starts), tuple(ends), frozenset(whole)
        # A match starts with one of these characters; None when a regex's opening is unknown.
        openings = [opening for opening, _ in self.regexes]
        every = [*self.words, *starts, *ends, *whole, *openings]
        self.firsts = None if "" in openings else frozenset(word[0] for word in every)

    def search(self, text: str) -> bool:
        """Whether any of the part's patterns occurs in `text`."""
        if self.firsts is not None and self.firsts.isdisjoint(text):
            return False
        for first in self.words.keys() & set(text):
            for word in self.words[first]:
                if word in text:
                    return True
        if text.startswith(self.starts):
            return True
        if self.ends or self.whole:
            tail = text[:-1] if text.endswith("\n") else text  # `$` also matches before a last newline
            if tail.endswith(self.ends) or text.endswith(self.ends) or tail in self.whole or text in self.whole:
                return True
        return any(opening in text and pattern.search(text) for opening, pattern in self.regexes)
