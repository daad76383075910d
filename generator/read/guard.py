"""Patterns tried only on texts that could match them: compiled once a text holds what every match must.

Compiling a pattern costs far more than a `str` test, and a draft's lines rarely hold web-page
noise: a noise pattern is compiled only once a line holds the words it cannot match without.
lexicon/regex_subset.py reads those words off the pattern's text (`guards`); for a construct it
does not read it gives fewer requirements or none, never a wrong one.
"""

from __future__ import annotations

import re

from generator.lexicon.regex_subset import Needs, could_match, first_chars, guards


class Guarded:
    """A pattern compiled the first time it is tried on a text that meets its requirements."""

    __slots__ = ("pattern", "_guards", "needs", "first_chars", "starts", "compiled")

    def __init__(
        self, pattern: str, compiled: re.Pattern | None = None, guards: tuple[Needs, str] | None = None
    ) -> None:
        self.pattern = pattern
        self.compiled = compiled
        self._guards = guards  # read off the pattern on first need: a module may hold patterns it never tries

    def read_guards(self) -> None:
        """Set needs, first_chars and starts (from the guards given, else from the pattern)."""
        found, starts = self._guards if self._guards is not None else guards(self.pattern)
        self.needs, self.first_chars, self.starts = found, first_chars(found), frozenset(starts)
        self._guards = (found, starts)

    def ready(self, text: str, chars: frozenset[str] | None = None) -> re.Pattern | None:
        """The compiled pattern (compiled now if need be); None when the text cannot match.
        `chars`: the text's characters, when several patterns are tried on one text."""
        if self.compiled is not None:
            return self.compiled
        if not hasattr(self, "needs"):
            self.read_guards()
        if self.starts and text[:1] not in self.starts:
            return None
        chars = frozenset(text) if chars is None else chars
        for firsts in self.first_chars:
            if firsts.isdisjoint(chars):
                return None
        if not could_match(self.needs, text):
            return None
        self.compiled = re.compile(self.pattern)
        return self.compiled

    def search(self, text: str) -> re.Match | None:
        """re.search, None without compiling when the text cannot match."""
        compiled = self.ready(text)
        return compiled.search(text) if compiled is not None else None

    def sub(self, replacement: str, text: str, count: int = 0) -> str:
        """re.sub, the text itself without compiling when it cannot match."""
        compiled = self.ready(text)
        return compiled.sub(replacement, text, count=count) if compiled is not None else text


class AnyOf:
    """Guarded patterns tried together: does any of them match a text? The uncompiled ones are filed
    under a character a text must start with, or hold, so that a text is tried with few of them."""

    __slots__ = ("patterns", "_compiled", "_by_start", "_by_char", "_chars", "_always", "_all")

    def __init__(self, patterns: tuple[Guarded, ...]) -> None:
        self.patterns = patterns
        self._all: tuple[dict, dict, list] | None = None
        self._file()

    def _file(self) -> None:
        self._compiled = [p.compiled for p in self.patterns if p.compiled is not None]
        self._by_start: dict[str, list[Guarded]] = {}
        self._by_char: dict[str, list[Guarded]] = {}
        self._always = []
        for pattern in self.patterns:
            if pattern.compiled is not None:
                continue
            if not hasattr(pattern, "needs"):
                pattern.read_guards()
            chars = pattern.starts or min(pattern.first_chars, key=len, default=frozenset())
            for char in chars:
                (self._by_start if pattern.starts else self._by_char).setdefault(char, []).append(pattern)
            if not chars:
                self._always.append(pattern)
        self._chars = frozenset(self._by_char)

    def search(self, text: str) -> bool:
        """Does any of the patterns match somewhere in the text?"""
        for compiled in self._compiled:
            if compiled.search(text):
                return True
        waiting = self._by_start.get(text[:1], []) + self._always
        chars = _chars(text)
        for char in self._chars.intersection(chars):
            waiting += self._by_char[char]
        for pattern in waiting:
            found = pattern.ready(text, chars)
            if found is not None:
                self._file()
                if found.search(text):
                    return True
        return False

    def could_match_any(self, joined: str, starts: frozenset[str]) -> bool:
        """Could any pattern, compiled or not, match one of the texts joined in `joined`, whose
        first characters are `starts`? Needs are substrings, so a text's are the joined text's."""
        by_start, by_char, always = self._all or self._file_all()
        waiting = list(always)
        for char in starts.intersection(by_start):
            waiting += by_start[char]
        for char in by_char:  # `in` on the text: a set of a CJK text's characters costs more
            if char in joined:
                waiting += by_char[char]
        has = joined.__contains__
        for pattern, heads in waiting:  # each need's first words tried in C before could_match
            if all(any(map(has, words)) for words in heads) and could_match(pattern.needs, joined):
                return True
        return False

    def _file_all(self) -> tuple[dict, dict, list]:
        """Every pattern, with the first word of each way to meet each need, filed under its
        leading characters or a character it needs (else always)."""
        by_start: dict[str, list] = {}
        by_char: dict[str, list] = {}
        always: list = []
        for pattern in self.patterns:
            if not hasattr(pattern, "needs"):
                pattern.read_guards()
            entry = (pattern, tuple(tuple(group[0] for group in options) for options in pattern.needs))
            chars = pattern.starts or min(pattern.first_chars, key=len, default=frozenset())
            for char in chars:
                (by_start if pattern.starts else by_char).setdefault(char, []).append(entry)
            if not chars:
                always.append(entry)
        self._all = (by_start, by_char, always)
        return self._all

    def __bool__(self) -> bool:
        return bool(self.patterns)


_LAST: tuple[str, frozenset[str]] = ("", frozenset())


def _chars(text: str) -> frozenset[str]:
    """The characters of a text (of the last one asked for, once: each line is tried by several AnyOf)."""
    global _LAST
    last = _LAST
    if last[0] is text:
        return last[1]
    chars = frozenset(text)
    _LAST = (text, chars)
    return chars
