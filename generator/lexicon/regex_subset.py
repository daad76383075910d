"""The subset of Python's regular-expression syntax read without compiling: one parser for what a
pattern's every match must contain (read/guard.py compiles a pattern only for a text holding it) and
for the words a finite pattern matches (kinds/words.py tests titles with `str` methods instead).

Read: literal characters and escaped punctuation (\\. \\( …), classes of such characters, groups
((…), (?:…), (?P<name>…), lookarounds), alternation, quantifiers (? * + {m} {m,n}, lazy or
possessive) and the anchors ^ $. Any other escape (\\d \\s \\b …), `.` and any other class (ranges,
negation) stand for one unknown character. A pattern with inline flags, comments, conditionals,
back references, code-point escapes (\\u \\x \\N) or a stray brace is not read at all: it has no
requirements and is kept whole as one regex. What is not read gives fewer requirements, never a
wrong one. Cases: tests/lexicon/regex_subset.yaml.
"""

from __future__ import annotations

from typing import Any

# All of the requirements, each met by any one of its groups, a group by a text holding all its strings.
Requirement = tuple[tuple[str, ...], ...]
Needs = tuple[Requirement, ...]
# A branch: its items, each (atom, least, most repetitions). An atom is ("c", a run of literal
# characters, a single one when repeated), ("set", chars), ("any",) (one unknown character),
# ("^",), ("$",) or (the group's kind "g" | "P" | "look", its branches).
Item = tuple[tuple, int, int]
# One top-level alternative for Words: (its source, anchored at the start, at the end, the words it
# matches or None when it is no finite pattern, a literal every match holds or "").
Alternative = tuple[str, bool, bool, list[str] | None, str]

_MANY = 1 << 30  # no upper bound
_MOST_WORDS = 200  # a pattern that writes out into more words stays a regex
_ESCAPED_LITERAL = frozenset(".^$*+?{}[]()|\\-/&~#%'\"=<>!:,;@`")  # \. \( … stand for themselves
_UNREAD_ESCAPES = frozenset("uUxN0123456789gpP")  # code points, back references: not read
_GROUPS = (("?:", "g"), ("?=", "look"), ("?!", "look"), ("?<=", "look"), ("?<!", "look"), ("?P<", "P"))
_SPECIAL = frozenset(".^$*+?{}[]()|\\")
_MARKS = str.maketrans(dict.fromkeys(_SPECIAL, "\0"))  # the pattern with its special characters as NUL
_ANY = ("any",)
_AT_START, _AT_END = (("^",), 1, 1), (("$",), 1, 1)


class _Unread(Exception):
    """A construct outside the subset."""


def parse(pattern: str) -> tuple[list[list[Item]], list[int]] | None:
    """(the top-level branches, the positions of the | between them), None outside the subset."""
    try:
        branches, bars, end = _alternatives(pattern, pattern.translate(_MARKS), 0)
    except (_Unread, IndexError):
        return None
    return (branches, bars) if end == len(pattern) else None  # not there: an unbalanced )


def _alternatives(pattern: str, marks: str, i: int) -> tuple[list[list[Item]], list[int], int]:
    """The branches from `i` up to a ) or the end, where their | stand, and where that end is."""
    branches: list[list[Item]] = []
    bars: list[int] = []
    while True:
        branch, i = _branch(pattern, marks, i)
        branches.append(branch)
        if pattern[i : i + 1] != "|":
            return branches, bars, i
        bars.append(i)
        i += 1


def _branch(pattern: str, marks: str, i: int) -> tuple[list[Item], int]:
    """One branch's items and where it ends."""
    items = []
    end = len(pattern)
    while i < end and pattern[i] not in "|)":
        run = marks.find("\0", i) % (end + 1)  # -1: up to the end
        if pattern[run : run + 1] in ("?", "*", "+", "{"):
            run -= 1  # the last character is repeated: an atom of its own
        if run > i:
            items.append((("c", pattern[i:run]), 1, 1))
            i = run
            continue
        atom, i = _atom(pattern, marks, i)
        least, most, i = _quantifier(pattern, i)
        items.append((atom, least, most))
    return items, i


def _atom(pattern: str, marks: str, i: int) -> tuple[tuple, int]:
    """The atom at `i` and where it ends."""
    char = pattern[i]
    if char == "\\":
        escaped = pattern[i + 1]
        if escaped in _UNREAD_ESCAPES:
            raise _Unread
        return (("c", escaped) if escaped in _ESCAPED_LITERAL else _ANY), i + 2
    if char == "[":
        return _class(pattern, i)
    if char == "(":
        return _group(pattern, marks, i)
    if char in "*+?{":
        raise _Unread  # a quantifier with nothing to repeat, a brace that is no quantifier
    if char in "^$":
        return (char,), i + 1
    return (_ANY if char == "." else ("c", char)), i + 1


def _quantifier(pattern: str, i: int) -> tuple[int, int, int]:
    """(least, most repetitions, end) of the quantifier at `i`; (1, 1, i) when there is none."""
    char = pattern[i : i + 1]
    if char in ("?", "*", "+"):
        least, most, i = int(char == "+"), 1 if char == "?" else _MANY, i + 1
    elif char == "{":
        end = pattern.find("}", i)
        low, comma, high = pattern[i + 1 : end].partition(",")
        if end < 0 or not (low or high) or not all(n.isascii() and n.isdigit() for n in (low, high) if n):
            raise _Unread  # a brace that is no quantifier (re reads it as a literal)
        least = int(low or 0)
        most = int(high) if high else _MANY if comma else least
        i = end + 1
    else:
        return 1, 1, i
    if pattern[i : i + 1] in ("?", "+"):  # lazy or possessive
        i += 1
    return least, most, i


def _class(pattern: str, i: int) -> tuple[tuple, int]:
    """("set", its characters) for a class of plain characters, else one unknown character."""
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
        elif char == "[" or (char == "-" and chars and pattern[j + 1] != "]") or pattern[j + 1] == char in "&~|":
            plain = False  # a range, or what a newer re may read as a set operation
        chars.append(char)
        j += 1
    return (("set", tuple(dict.fromkeys(chars))) if plain else _ANY), j + 1


def _group(pattern: str, marks: str, i: int) -> tuple[tuple, int]:
    """The group at `i` (its kind and branches) and where it ends."""
    kind, start = "g", i + 1
    if pattern[start] == "?":
        opening, kind = next(((o, k) for o, k in _GROUPS if pattern.startswith(o, start)), ("", ""))
        if not kind:
            raise _Unread  # flags, comments, conditionals, (?P=name)
        start = pattern.index(">", start) + 1 if kind == "P" else start + len(opening)
    branches, _, end = _alternatives(pattern, marks, start)
    if pattern[end] != ")":
        raise _Unread
    return (kind, branches), end + 1


# ---------------------------------------------------------------- what every match holds


def needs(pattern: str) -> Needs:
    """Requirements every match of `pattern` meets: see Needs."""
    parsed = parse(pattern)
    return () if parsed is None else _needs(parsed[0])


def leading(pattern: str) -> frozenset[str]:
    """The characters a text must start with for a pattern anchored with ^ to match (empty: any)."""
    parsed = parse(pattern)
    return frozenset() if parsed is None else _leading(parsed[0])


def guards(pattern: str) -> tuple[Needs, str]:
    """(needs, leading characters) of a pattern: plain data, to be kept in a cache."""
    parsed = parse(pattern)
    if parsed is None:
        return (), ""
    return _needs(parsed[0]), "".join(sorted(_leading(parsed[0])))


def could_match(requirements: Needs, text: str) -> bool:
    """Does `text` meet the requirements (so that the pattern must be tried)?"""
    for options in requirements:
        if not any(all(part in text for part in group) for group in options):
            return False
    return True


def first_chars(requirements: Needs) -> tuple[frozenset[str], ...]:
    """For each requirement, the characters of which a text that meets it holds one."""
    return tuple(frozenset(group[0][0] for group in options) for options in requirements)


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


def _needs(branches: list[list[Item]]) -> Needs:
    """The requirements of one of the branches (the top level's or a group's)."""
    if len(branches) == 1:
        return tuple(_branch_needs(branches[0]))
    either = _either([_branch_needs(branch) for branch in branches])
    return (either,) if either else ()


def _branch_needs(items: list[Item]) -> list[Requirement]:
    """One branch's requirements (a run of fixed characters as one string)."""
    found: list[Requirement] = []
    run = ""
    for atom, least, most in items:
        kind = atom[0]
        if kind == "c" and least:
            run += atom[1]
            if least == most == 1:
                continue  # the run goes on
        if run:
            found.append(((run,),))
            run = ""
        if not least or kind == "c":
            continue
        if kind == "set":
            found.append(tuple((char,) for char in atom[1]))
        elif kind in ("g", "P"):
            found.extend(_needs(atom[1]))  # a lookaround is not part of the match
    if run:
        found.append(((run,),))
    return found


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


def _leading(branches: list[list[Item]]) -> frozenset[str]:
    """The characters a match starts with, for one branch starting ^ and a character, a class or
    a group whose branches each start with a character."""
    if len(branches) != 1 or len(branches[0]) < 2 or branches[0][0] != _AT_START:
        return frozenset()
    atom, least, _ = branches[0][1]
    if not least or atom[0] not in ("c", "set", "g"):
        return frozenset()
    if atom[0] != "g":
        return frozenset(atom[1][0] if atom[0] == "c" else atom[1])
    firsts = set()
    for branch in atom[1]:
        if not branch or branch[0][0][0] != "c" or not branch[0][1]:
            return frozenset()
        firsts.add(branch[0][0][1][0])
    return frozenset(firsts)


# ---------------------------------------------------------------- the words a finite pattern matches


def alternatives(pattern: str) -> list[Alternative]:
    """The pattern's top-level alternatives (search finds a match where one of them does), each
    written out into words where it is finite; an unread pattern is one alternative of no words."""
    if _SPECIAL.isdisjoint(pattern):
        return [(pattern, False, False, [pattern] if pattern else None, "")]
    parsed = parse(pattern)
    if parsed is None:
        return [(pattern, False, False, None, "")]
    branches, bars = parsed
    found: list[Alternative] = []
    for items, start, end in zip(branches, [-1, *bars], [*bars, len(pattern)]):
        at_start = bool(items) and items[0] == _AT_START
        at_end = len(items) > at_start and items[-1] == _AT_END
        try:
            words: list[str] | None = _words(items[at_start : len(items) - at_end])
        except _Unread:
            words = None
        if words is None or "" in words:
            strings = [s for r in _branch_needs(items) if len(r) == 1 for s in r[0]]
            found.append((pattern[start + 1 : end], False, False, None, max(strings, key=len, default="")))
        else:
            found.append((pattern[start + 1 : end], at_start, at_end, words, ""))
    return found


def _words(items: list[Item]) -> list[str]:
    """Every text the items match, for literals, sets and groups repeated a bounded number of times."""
    words = [""]
    for atom, least, most in items:
        kind = atom[0]
        if kind == "c":
            once = [atom[1]]
        elif kind == "set":
            once = list(atom[1])
        elif kind in ("g", "P"):
            once = [word for branch in atom[1] for word in _words(branch)]
        else:
            raise _Unread  # an unknown character, an anchor within, a lookaround
        repeated = once if least == most == 1 else _repeated(once, least, most)
        words = [word + more for word in words for more in repeated]
        if len(words) > _MOST_WORDS:
            raise _Unread
    return words


def _repeated(once: list[str], least: int, most: int) -> list[str]:
    """The words of `once` repeated from `least` to `most` times."""
    if most > _MOST_WORDS:
        raise _Unread
    repeated, power = [], [""]
    for times in range(most + 1):
        if times >= least:
            repeated += power
        if times < most:
            power = [word + more for word in power for more in once]
            if len(power) > _MOST_WORDS:
                raise _Unread
    return repeated
