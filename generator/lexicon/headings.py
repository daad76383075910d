"""Heading numbers: 一、 （一） 1. （1） and the variants clerks type (一. 一， (一) 1、 1．),
read back from a line's start; and the inline points 一是、二是."""

from __future__ import annotations

import functools

from generator.lexicon._lazy import lazy
from generator.lexicon.chars import DIGITS
from generator.lexicon.numbers import CIRCLED, CN_NUMERAL, CN_SMALL, parse_cn_numeral, to_int

# Reading numbers back from drafts, level by level: 一、 （一） 1. （1） and the variants clerks type
# (一. 一， (一) 1、 1．). Read with str methods, not patterns: every line of every draft is tried, and
# compiling the four patterns cost 5 M instructions of each `fazhi check`.
CN_NUMERAL_CHARS = frozenset(CN_NUMERAL.strip("[]+"))  # the characters of CN_NUMERAL
ARABIC_DIGITS = frozenset("0123456789０１２３４５６７８９")  # DIGITS, as characters
LEVEL1_MARKS = "、，,．."  # after 一
LEVEL3_MARKS = ".．、"  # after 1
OPENING, CLOSING = "（(", "）)"
MAX_DIGITS = 3  # 1. to 999.


# A heading number that may start a run-on heading inside a line (the reflow's split points):
# 一、 to 十九、 (the level-1 marks), （一） to （十九）, 1. to 99. (not 1.5), (1) to (99).
RUN_ON_START = (
    rf"(?:[{CN_SMALL}]{{1,3}}[、．.，,]|[（(][{CN_SMALL}]{{1,3}}[）)]"
    rf"|[{DIGITS}]{{1,2}}[.．、](?![{DIGITS}])|[（(][{DIGITS}]{{1,2}}[）)])"
)
CN_SMALL_CHARS = frozenset(CN_SMALL)
RUN_ON_FIRST = CN_SMALL_CHARS | ARABIC_DIGITS | frozenset(OPENING)  # how such a number begins


def run_on_start(text: str, at: int) -> bool:
    """Does RUN_ON_START match at text[at]? Read with str methods: the reflow asks at every sentence
    end of a draft, and compiling the pattern's classes cost 10 M instructions of each check."""
    first = text[at : at + 1]
    if not first or first not in RUN_ON_FIRST:
        return False
    if first in OPENING:
        chars = CN_SMALL_CHARS if text[at + 1 : at + 2] in CN_SMALL_CHARS else ARABIC_DIGITS
        end = _run(text, at + 1, chars, 3)
        close = text[end : end + 1]
        return 1 <= end - at - 1 <= (3 if chars is CN_SMALL_CHARS else 2) and bool(close) and close in CLOSING
    if first in CN_SMALL_CHARS:
        end = _run(text, at, CN_SMALL_CHARS, 3)
        mark = text[end : end + 1]
        return end - at <= 3 and bool(mark) and mark in LEVEL1_MARKS
    end = _run(text, at, ARABIC_DIGITS, 2)
    mark, after = text[end : end + 1], text[end + 1 : end + 2]
    return end - at <= 2 and bool(mark) and mark in LEVEL3_MARKS and not (after and after in ARABIC_DIGITS)


# The first number of a deeper level: （一） (1) 1.
FIRST_CHILD = lazy(rf"[（(][一1１][）)]|[1１][.．、](?![{DIGITS}])")
# An enumeration inside a sentence, closed by a parenthesis only: 「1）」「a)」「一）」.
ENUM_ITEM = rf"(?:[{DIGITS}]{{1,2}}|[a-zA-Z]|[{CN_SMALL}]{{1,2}})[）)]"
# A circled item number at a line's start (①…⑳). Not read as a heading level: GB/T 9704 has four
# levels and the reader keeps such lines as paragraphs; a rule that wants them starts here.
CIRCLED_ITEM = lazy(rf"^[{CIRCLED}]")
# Inline points 「一是……；二是……」 with the numeral as group 1.
POINT = lazy(rf"^([{CN_SMALL}]{{1,3}})是")
NEXT_POINT = lazy(rf"；(?=(?:[{CN_SMALL}]{{1,3}})是)")


@functools.lru_cache(maxsize=4096)
def read_number(text: str) -> tuple[int, int, str, str] | None:
    """Recognise a heading number at the start: (level, value, number text, variant) or None."""
    first = text[:1]
    if not first:
        return None
    if first in CN_NUMERAL_CHARS:
        end = _run(text, 0, CN_NUMERAL_CHARS)
        mark = text[end : end + 1]
        if mark and mark in LEVEL1_MARKS:
            return _found(1, parse_cn_numeral(text[:end]), text[: end + 1], "一" + mark)
    elif first in ARABIC_DIGITS:
        end = _run(text, 0, ARABIC_DIGITS)
        mark, after = text[end : end + 1], text[end + 1 : end + 2]
        if end <= MAX_DIGITS and mark and mark in LEVEL3_MARKS and not (after and after in ARABIC_DIGITS):
            return _found(3, to_int(text[:end]), text[: end + 1], "1" + mark)
    elif first in OPENING:
        second = text[1:2]
        chars = CN_NUMERAL_CHARS if second and second in CN_NUMERAL_CHARS else ARABIC_DIGITS
        end = _run(text, 1, chars)
        close = text[end : end + 1]
        if end > 1 and close and close in CLOSING and (chars is CN_NUMERAL_CHARS or end - 1 <= MAX_DIGITS):
            inner = text[1:end]
            level, value = (2, parse_cn_numeral(inner)) if chars is CN_NUMERAL_CHARS else (4, to_int(inner))
            return _found(level, value, text[: end + 1], first + ("一" if level == 2 else "1") + close)
    return None


def _run(text: str, start: int, chars: frozenset[str], most: int = 0) -> int:
    """Where the run of `chars` from `start` ends (looked at up to `most` + 1 characters, if given)."""
    end, stop = start, len(text) if not most else min(len(text), start + most + 1)
    while end < stop and text[end] in chars:
        end += 1
    return end


def _found(level: int, value: int | None, number: str, variant: str) -> tuple[int, int, str, str] | None:
    """read_number's answer; None for a number worth nothing (「零、」)."""
    return (level, value, number, variant) if value else None


# How a draft's 附件说明 starts (「附件：1.…」「附件1：…」) and its next items (「2.…」), as the reader
# recognises them.
ANNEX_NOTE = lazy(r"^附\s*件\s*(?:[0-9０-９]+\s*)?[:：]\s*(?P<rest>\S.*)$")
ANNEX_ITEM = lazy(r"^(?P<number>[0-9０-９]{1,2}\s*[.．、]?)\s*(?P<name>\S.*)$")
# A 附件说明 line (GB/T 9704 7.3.4): 「附件：」 (optional), an order number as written, the name.
ANNEX_LINE = lazy(
    rf"^\s*(?:附\s*件\s*[0-9]*\s*[：:]\s*)?(?P<number>(?:[{DIGITS}]+|[{CN_SMALL}]+)\s*[.．、,，]"
    rf"|[（(]\s*[{DIGITS}{CN_SMALL}]+\s*[)）])?\s*(?P<name>.*?)\s*$"
)
ANNEX_NAME_END = "。，、；：.,;:！？!?"
