"""lexicon/regex_subset.py, the one reader of the regular-expression subset: its table
(tests/lexicon/regex_subset.yaml) and random patterns, run through Guarded and Words and held to `re`."""

from __future__ import annotations

import random
import re
import warnings
from pathlib import Path

import pytest
import yaml

from generator.kinds.words import Words
from generator.lexicon.regex_subset import alternatives, could_match, leading, needs
from generator.read.guard import Guarded

ROWS = yaml.safe_load((Path(__file__).parent / "lexicon" / "regex_subset.yaml").read_text(encoding="utf-8"))


def _tuples(value):
    return tuple(_tuples(v) for v in value) if isinstance(value, list) else value


def _compiled(pattern: str) -> re.Pattern | None:
    """The pattern compiled, None when `re` refuses it."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return re.compile(pattern)
    except re.error:
        return None


def _held_to_re(pattern: str, texts: list[str]) -> int:
    """Over the texts: every match meets needs and leading; Words and Guarded find what re.search finds."""
    compiled = _compiled(pattern)
    if compiled is None:
        return 0
    requirements, starts, words = needs(pattern), leading(pattern), Words([pattern])
    found = 0
    for text in texts:
        match = compiled.search(text) is not None
        found += match
        assert not match or could_match(requirements, text), (pattern, text)
        assert not match or not starts or text[:1] in starts, (pattern, text)
        assert words.search(text) == match, (pattern, text)
        assert (Guarded(pattern).search(text) is not None) == match, (pattern, text)
    return found


def _texts(pattern: str, words: list[str], count: int) -> list[str]:
    """The words with what may stand around them, and random texts of the pattern's characters."""
    texts = [edge for word in words for edge in (word, word + "\n", "x" + word, word + "x", word[:-1])]
    runs = re.split(r"\\[a-zA-Z]|[\\^$.*+?{}()|\[\]]", pattern)
    pieces = sorted({c for c in pattern if c not in "\\^$*+?{}()|"} | set(runs) | set(words) | set(" 1x\n"))
    rng = random.Random(pattern)
    return texts + ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 6))) for _ in range(count)]


@pytest.mark.parametrize("row", ROWS, ids=[row["pattern"] for row in ROWS])
def test_table(row):
    pattern = row["pattern"]
    assert needs(pattern) == _tuples(row["needs"])
    assert leading(pattern) == frozenset(row.get("leading", ""))
    found = alternatives(pattern)
    words = [
        ("^" if start else "") + word + ("$" if end else "") for _, start, end, ws, _ in found for word in ws or ()
    ]
    assert words == row.get("words", [])
    regexes = {source: literal for source, _, _, ws, literal in found if ws is None}
    assert regexes == row.get("regexes", {} if words else {pattern: ""})
    plain = [word for _, _, _, ws, _ in found for word in ws or ()]
    _held_to_re(pattern, row.get("texts", []) + _texts(pattern, plain, 300))


def test_every_construct_of_the_table_is_seen_matching():
    """The table's rows are worth holding to re: most of their patterns match some of their texts."""
    matched = 0
    for row in ROWS:
        plain = [w for _, _, _, ws, _ in alternatives(row["pattern"]) for w in ws or ()]
        matched += _held_to_re(row["pattern"], row.get("texts", []) + _texts(row["pattern"], plain, 100)) > 0
    assert matched == len(ROWS) - 2  # all but the two re refuses


def _random_pattern(rng: random.Random, depth: int = 0) -> str:
    """A pattern of the subset and its edges: groups, classes, quantifiers, anchors, escapes."""
    branches = []
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        items = ["^"] if rng.random() < 0.15 else []
        for _ in range(rng.randint(1, 3)):
            roll = rng.random()
            if roll < 0.45:
                atom = rng.choice("ab问题.")
            elif roll < 0.65:
                atom = rng.choice(("[ab]", "[问a]", "[^a]", "[a-b]", "[]a]", "[-a]", "\\.", "\\d", "\\s", "\\b"))
            elif depth < 2:
                opening = rng.choice(("", "", "?:", "?=", "?!", "?<=a", "?<!b"))
                inner = _random_pattern(rng, depth + 1)
                atom = f"({opening}{inner})" if opening[:3] not in ("?<=", "?<!") else f"({opening[:3]}{opening[3]})"
            else:
                atom = "a"
            items.append(atom + rng.choice(("", "", "", "?", "*", "+", "{2}", "{0,2}", "{1,}", "??", "+?")))
        if rng.random() < 0.15:
            items.append("$")
        branches.append("".join(items))
    return "|".join(branches)


def test_random_patterns_are_read_exactly():
    """Random patterns of the subset: no match holds less than needs, Words and Guarded agree with re."""
    rng = random.Random(18)
    matched = 0
    for _ in range(400):
        pattern = _random_pattern(rng)
        plain = [w for _, _, _, ws, _ in alternatives(pattern) for w in ws or ()]
        texts = _texts(pattern, plain, 60) + ["".join(rng.choice("ab问题.1 \n") for _ in range(8)) for _ in range(20)]
        matched += _held_to_re(pattern, texts) > 0
    assert matched > 300
