"""Patterns tried only on texts that could match them: what a pattern's every match must contain.

Compiling a pattern costs far more than a `str` test, and a draft's lines rarely hold web-page
noise: a noise pattern is compiled only once a line holds the words it cannot match without.
`needs` reads those words off the pattern's text for the plain subset of the syntax (literal
characters, classes of literals, groups, alternations, quantifiers); for anything else (flags,
escapes such as \\u or \\1, ranges) it gives fewer requirements or none, never a wrong one.
"""

from __future__ import annotations

import re
from typing import Any

# All of the requirements, each met by any one of its groups, a group by a text holding all its strings.
Needs = tuple[tuple[tuple[str, ...], ...], ...]

_ESCAPED_LITERAL = frozenset(".^$*+?{}[]()|\\-/&~#%'\"=<>!:,;@`")  # \. \( … stand for themselves
_FLAGGED = ("(?:", "(?=", "(?!", "(?<", "(?P<")  # the groups read; any other (? is not
_UNREAD_ESCAPES = frozenset("uUxN0123456789gpP")  # code points, back references: not read
Requirement = tuple[tuple[str, ...], ...]


def needs(pattern: str) -> Needs:
    """Requirements every match of `pattern` meets: see Needs."""
    if _flagged(pattern):
        return ()
    try:
        branches, end = _alternatives(pattern, 0)
    except (_Unread, IndexError):
        return ()
    if end != len(pattern):
        return ()  # an unbalanced )
    if len(branches) == 1:
        return tuple(branches[0])
    either = _either(branches)
    return (either,) if either else ()


def could_match(requirements: Needs, text: str) -> bool:
    """Does `text` meet the requirements (so that the pattern must be tried)?"""
    for options in requirements:
        if not any(all(part in text for part in group) for group in options):
            return False
    return True


def first_chars(requirements: Needs) -> tuple[frozenset[str], ...]:
    """For each requirement, the characters of which a text that meets it holds one."""
    return tuple(frozenset(group[0][0] for group in options) for options in requirements)


def leading(pattern: str) -> frozenset[str]:
    """The characters a text must start with for a pattern anchored with ^ to match (empty: any)."""
    if not pattern.startswith("^") or _flagged(pattern):
        return frozenset()
    try:
        return frozenset(_first(pattern, 1) or ())
    except (_Unread, IndexError):
        return frozenset()


def guards(pattern: str) -> tuple[Needs, str]:
    """(needs, leading characters) of a pattern: plain data, to be kept in a cache."""
    return needs(pattern), "".join(sorted(leading(pattern)))


def valid_guards(value: Any) -> bool:
    """Is a cached value shaped as guards() gives it?"""
    return (
        isinstance(value, tuple)
        and len(value) == 2
        and isinstance(value[1], str)
        and isinstance(value[0], tuple)
        and all(
            isinstance(options, tuple)
            and options
            and all(
                isinstance(group, tuple) and group and all(isinstance(s, str) and s for s in group) for group in options
            )
            for options in value[0]
        )
    )


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

    __slots__ = ("patterns", "_compiled", "_by_start", "_by_char", "_chars", "_always")

    def __init__(self, patterns: tuple[Guarded, ...]) -> None:
        self.patterns = patterns
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


def _flagged(pattern: str) -> bool:
    """Does the pattern hold inline flags, comments or conditionals (not read)?"""
    unread = pattern
    for opening in _FLAGGED:
        unread = unread.replace(opening, "")
    return "(?" in unread


def _first(pattern: str, i: int) -> set[str] | None:
    """The characters a match of the atom at `i` starts with, when it is one that must be there
    and is a character, a class, or a group of branches that each start with a character."""
    char = pattern[i]
    if char == "[":
        requirements, _, end = _class(pattern, i)
        found = {group[0] for group in requirements[0]} if requirements else None
    elif char == "(" and (pattern[i + 1] != "?" or pattern.startswith("?:", i + 1)):
        found, end = set(), i + (3 if pattern[i + 1] == "?" else 1)
        while True:
            if pattern[end] in "\\[(.^$|)" or pattern[end + 1] in "?*{":
                return None  # a branch not starting with a plain character
            found.add(pattern[end])
            _, end = _branch(pattern, end)
            if pattern[end] == ")":
                end += 1
                break
            end += 1
    elif char in "\\.^$|()*+?{":
        return None
    else:
        found, end = {char}, i + 1
    return found if found and _quantifier(pattern, end)[1] != 0 else None


class _Unread(Exception):
    """A construct `needs` does not read."""


def _alternatives(pattern: str, i: int) -> tuple[list[list[Requirement]], int]:
    """The requirements of each branch from `i` up to a ) or the end, and where that is."""
    branches = []
    while True:
        requirements, i = _branch(pattern, i)
        branches.append(requirements)
        if i >= len(pattern) or pattern[i] != "|":
            return branches, i
        i += 1


def _branch(pattern: str, i: int) -> tuple[list[Requirement], int]:
    """One branch's requirements (a run of fixed characters as one string) and where it ends."""
    found: list[Requirement] = []
    run = ""
    while i < len(pattern) and pattern[i] not in "|)":
        atom, literal, i = _atom(pattern, i)
        i, least = _quantifier(pattern, i)
        if literal is not None and least == -1:
            run += literal
            continue
        if run:
            found.append(((run,),))
            run = ""
        if least and literal is not None:  # once (-1) or at least once
            found.append(((literal,),))
        elif least:
            found.extend(atom)
    if run:
        found.append(((run,),))
    return found, i


def _atom(pattern: str, i: int) -> tuple[list[Requirement], str | None, int]:
    """(requirements, the fixed character or None, end) of the atom at `i`."""
    char = pattern[i]
    if char == "\\":
        escaped = pattern[i + 1]
        if escaped in _UNREAD_ESCAPES:
            raise _Unread
        return [], escaped if escaped in _ESCAPED_LITERAL else None, i + 2
    if char == "[":
        return _class(pattern, i)
    if char == "(":
        return _group(pattern, i)
    if char in "*+?{":
        raise _Unread  # a quantifier with nothing to repeat
    return [], None if char in ".^$" else char, i + 1


def _quantifier(pattern: str, i: int) -> tuple[int, int]:
    """(end, least repetitions; -1 when there is no quantifier) at `i`."""
    char = pattern[i : i + 1]
    if char in ("?", "*", "+"):
        end, least = i + 1, int(char == "+")
    elif char == "{":
        end = pattern.index("}", i) + 1
        low, _, high = pattern[i + 1 : end - 1].partition(",")
        if not (low or high) or not (low.isdigit() or not low) or not (high.isdigit() or not high):
            raise _Unread  # a brace that is no quantifier
        least = int(low or 0)
    else:
        return i, -1
    if pattern[end : end + 1] in ("?", "+"):  # lazy or possessive
        end += 1
    return end, least


def _class(pattern: str, i: int) -> tuple[list[Requirement], None, int]:
    """A class's requirement (one of its characters; none for ranges, other escapes, negation)."""
    chars: list[str] = []
    plain = pattern[i + 1] != "^"
    j = i + 1 if plain else i + 2
    if pattern[j] == "]":  # right after the opening bracket: a member
        chars.append("]")
        j += 1
    while pattern[j] != "]":
        char = pattern[j]
        if char == "\\":
            char = pattern[j + 1]
            plain = plain and char in _ESCAPED_LITERAL
            j += 1
        elif char == "[" or (char == "-" and chars and pattern[j + 1] != "]"):
            plain = False  # a set operation, or a range
        chars.append(char)
        j += 1
    return ([tuple((c,) for c in dict.fromkeys(chars))] if plain else []), None, j + 1


def _group(pattern: str, i: int) -> tuple[list[Requirement], None, int]:
    """A group's requirements: its branch's, or one of its branches'; none for lookarounds."""
    opening = next((o for o in ("?:", "?=", "?!", "?<=", "?<!") if pattern.startswith(o, i + 1)), "")
    start = i + 1 + len(opening)
    if pattern.startswith("?P<", start):
        start = pattern.index(">", start) + 1
    branches, end = _alternatives(pattern, start)
    if pattern[end] != ")":
        raise _Unread
    if opening not in ("", "?:"):
        return [], None, end + 1  # a lookaround: not part of the match
    if len(branches) == 1:
        return branches[0], None, end + 1
    either = _either(branches)
    return ([either] if either else []), None, end + 1


def _either(branches: list[list[Requirement]]) -> Requirement:
    """The groups one of which a match of one of the branches holds (() when a branch needs nothing known)."""
    options: list[tuple[str, ...]] = []
    for requirements in branches:
        whole = tuple(part for group in requirements if len(group) == 1 for part in group[0])
        if whole:
            options.append(whole)  # all that branch's single-group requirements at once
        elif requirements:
            options.extend(_best(requirements))
        else:
            return ()
    return tuple(dict.fromkeys(options))


def _best(requirements: list[Requirement]) -> Requirement:
    """The most telling requirement: longest shortest group, then fewest groups."""
    return max(requirements, key=lambda r: (min(sum(map(len, g)) for g in r), -len(r)))
