"""Patterns of names (parts.yaml's part names, a kind's issuer, 「…报告」) matched as words, without a regex.

Most of these patterns are finite: literals, groups of alternatives, `?`, small classes, a leading `^`
and a trailing `$`. Such a pattern is written out into the words it matches (lexicon.regex_subset),
and a title is tested with `str` methods. Compiling the CJK alternations costs more than a check's
whole reading of the text; any other alternative is kept as a regex, tried only when a literal every
match of it holds occurs.
"""

from __future__ import annotations

import re

from generator.lexicon import lazy
from generator.lexicon.regex_subset import alternatives


class Words:
    """Some patterns (a statutory part's names): search(text) is True where `re.search` of any of them finds a match."""

    __slots__ = ("words", "starts", "ends", "whole", "regexes", "firsts")

    def __init__(self, sources: list[str]) -> None:
        self.words: dict[str, list[str]] = {}  # found anywhere, by their first character
        starts: list[str] = []  # `^word`
        ends: list[str] = []  # `word$`
        whole: list[str] = []  # `^word$`
        self.regexes: list[tuple[str, re.Pattern[str]]] = []  # (a literal every match holds, lazy pattern)
        for branch, start, end, words, literal in [found for source in sources for found in alternatives(source)]:
            if words is None:
                self.regexes.append((literal, lazy(branch)))
            elif start and end:
                whole += words
            elif start:
                starts += words
            elif end:
                ends += words
            else:
                for word in words:
                    self.words.setdefault(word[0], []).append(word)
        self.starts, self.ends, self.whole = tuple(starts), tuple(ends), frozenset(whole)
        self.firsts = tuple(self.words)  # the first characters of the words found anywhere

    def needles(self) -> list[str] | None:
        """Literals one of which every match holds (None when a regex's is not known)."""
        literals = [literal for literal, _ in self.regexes]
        if "" in literals:
            return None
        every = [*(word for words in self.words.values() for word in words), *self.starts, *self.ends, *self.whole]
        return None if any("\n" in word for word in every) else every + literals

    def search(self, text: str) -> bool:
        """Whether any of the patterns occurs in `text`."""
        words = self.words
        for first in filter(text.__contains__, self.firsts):  # a few `in` of one character: no set of the text
            if any(map(text.__contains__, words[first])):
                return True
        if text.startswith(self.starts) or text.endswith(self.ends) or text in self.whole:
            return True
        if text.endswith("\n"):  # `$` also matches before a last newline
            tail = text[:-1]
            if tail.endswith(self.ends) or tail in self.whole:
                return True
        return bool(self.regexes) and any(literal in text and pattern.search(text) for literal, pattern in self.regexes)


class WordsByKey:
    """Several keys' Words tested at once (a statutory part's names: five Words a heading):
    keys(text) is the set of keys whose Words.search(text) is True, the text's characters looked at once."""

    __slots__ = ("words", "firsts", "starts", "ends", "whole", "regexes")

    def __init__(self, named: dict) -> None:
        self.words: dict[str, list[tuple[str, object]]] = {}  # found anywhere, by their first character
        whole: dict[str, set] = {}
        for key, words in named.items():
            for first, found in words.words.items():
                self.words.setdefault(first, []).extend((word, key) for word in found)
            for word in words.whole:
                whole.setdefault(word, set()).add(key)
        self.firsts = frozenset(self.words)
        self.starts = [(key, words.starts) for key, words in named.items() if words.starts]
        self.ends = [(key, words.ends) for key, words in named.items() if words.ends]
        self.whole = whole
        self.regexes = [(key, words.regexes) for key, words in named.items() if words.regexes]

    def keys(self, text: str) -> set:
        """The keys whose Words.search(text) is True."""
        found = set()
        for first in self.firsts.intersection(text):
            for word, key in self.words[first]:
                if word in text:
                    found.add(key)
        for key, starts in self.starts:
            if text.startswith(starts):
                found.add(key)
        for tail in (text, text[:-1]) if text.endswith("\n") else (text,):  # `$` also matches before a last newline
            for key, ends in self.ends:
                if tail.endswith(ends):
                    found.add(key)
            if tail in self.whole:
                found |= self.whole[tail]
        for key, regexes in self.regexes:
            if key not in found and any(literal in text and pattern.search(text) for literal, pattern in regexes):
                found.add(key)
        return found
