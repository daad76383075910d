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
    if i < len(body) or "" in words or ((start or end) and len(_branches(body)) > 1):
        return None
    return start, end, words


def _class_end(source: str, i: int) -> int:
    """Where the class opened at source[i] closes (-1 if it does not)."""
    j = i + 1
    j += source.startswith("^", j)
    j += source.startswith("]", j)  # a `]` right after the opening is a plain character
    while j < len(source) and source[j] != "]":
        j += 2 if source[j] == "\\" else 1
    return j if j < len(source) else -1


def _outside_groups(source: str):
    """(position, character) of what stands outside every group; None for an escape, a class or a group."""
    depth, i = 0, 0
    while i < len(source):
        char = source[i]
        step = 1
        if char == "\\":
            step = 2
        elif char == "[":
            end = _class_end(source, i)
            step = end + 1 - i if end >= 0 else len(source)
        elif char in "()":
            depth += 1 if char == "(" else -1
        if depth == 0:
            yield i, char if step == 1 and char not in "()" else None
        i += step


def _branches(source: str) -> list[str]:
    """The alternatives of a pattern: `a|^b` → [`a`, `^b`] (what search finds is the same)."""
    if _has_flags(source) or "(?P" in source or any(source[i + 1 : i + 2].isdigit() for i in _find_all(source, "\\")):
        return [source]  # flags and group references are the whole pattern's
    cuts = [i for i, char in _outside_groups(source) if char == "|"]
    return [source[i + 1 : j] for i, j in zip([-1, *cuts], [*cuts, len(source)])]


def _required(branch: str) -> str:
    """The longest run of plain characters every match of a branch holds (may be empty)."""
    if _has_flags(branch):
        return ""  # inline flags (case, …) make a literal test inexact
    runs, run, braces = [""], "", False
    for _, char in _outside_groups(branch):
        braces = (braces or char == "{") and char != "}"
        if char is None or char in "|.^$+}" or braces or char in "?*":
            keep = run[:-1] if char in ("?", "*", "{") else run  # a quantifier makes the last character optional
            runs.append(keep)
            run = ""
        else:
            run += char
    return max([*runs, run], key=len)


def _has_flags(source: str) -> bool:
    """Whether the pattern may set inline flags (`(?i)`, `(?a:…)`)."""
    return any(not source.startswith(("(?:", "(?=", "(?!", "(?<", "(?P"), i) for i in _find_all(source, "(?"))


def _find_all(text: str, needle: str) -> list[int]:
    """Every position of `needle` in `text`."""
    found, i = [], text.find(needle)
    while i >= 0:
        found.append(i)
        i = text.find(needle, i + 1)
    return found


class Words:
    """Some patterns (a statutory part's names): search(text) is True where `re.search` of any of them finds a match."""

    __slots__ = ("words", "starts", "ends", "whole", "regexes", "firsts")

    def __init__(self, sources: list[str]) -> None:
        self.words: dict[str, list[str]] = {}  # found anywhere, by their first character
        starts: list[str] = []  # `^word`
        ends: list[str] = []  # `word$`
        whole: list[str] = []  # `^word$`
        self.regexes: list[tuple[str, re.Pattern[str]]] = []  # (a literal every match holds, lazy pattern)
        for branch in [branch for source in sources for branch in _branches(source)]:
            found = written_out(branch)
            if found is None:
                self.regexes.append((_required(branch), lazy(branch)))
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
        self.firsts = frozenset(word[0] for word in [*self.words, *starts, *ends, *whole])  # a word starts so

    def needles(self) -> list[str] | None:
        """Literals one of which every match holds (None when a regex's is not known)."""
        literals = [literal for literal, _ in self.regexes]
        if "" in literals:
            return None
        every = [*(word for words in self.words.values() for word in words), *self.starts, *self.ends, *self.whole]
        return None if any("\n" in word for word in every) else every + literals

    def search(self, text: str) -> bool:
        """Whether any of the patterns occurs in `text`."""
        if not self.firsts.isdisjoint(text) and self._has_word(text):
            return True
        return bool(self.regexes) and any(literal in text and pattern.search(text) for literal, pattern in self.regexes)

    def _has_word(self, text: str) -> bool:
        """Whether one of the written-out words occurs in `text` where its anchors allow."""
        words = self.words
        for first in self.firsts.intersection(text):
            for word in words.get(first, ()):
                if word in text:
                    return True
        if text.startswith(self.starts):
            return True
        if text.endswith("\n"):  # `$` also matches before a last newline
            return self._ends(text) or self._ends(text[:-1])
        return self._ends(text)

    def _ends(self, text: str) -> bool:
        return text.endswith(self.ends) or text in self.whole
