"""Heading numbers: 一、 （一） 1. （1） and the variants clerks type (一. 一， (一) 1、 1．),
read back from a line's start; and the inline points 一是、二是."""

from __future__ import annotations

import functools
import re

from generator.lexicon._lazy import lazy
from generator.lexicon.chars import DIGITS
from generator.lexicon.numbers import CIRCLED, CN_NUMERAL, CN_SMALL, parse_cn_numeral, to_int

# Reading numbers back from drafts: (level, style, pattern). Styles name the variant found.
NUMBER_PATTERNS: list[tuple[int, str, re.Pattern]] = [
    (1, "一、", lazy(rf"^({CN_NUMERAL})([、，,．.])")),
    (2, "（一）", lazy(rf"^([（(])({CN_NUMERAL})([）)])")),
    (3, "1.", lazy(rf"^([{DIGITS}]{{1,3}})([.．、])(?![{DIGITS}])")),
    (4, "（1）", lazy(rf"^([（(])([{DIGITS}]{{1,3}})([）)])")),
]
# A heading number that may start a run-on heading inside a line (the reflow's split points).
RUN_ON_START = (
    rf"(?:[{CN_SMALL}]{{1,3}}[、．.，,]|[（(][{CN_SMALL}]{{1,3}}[）)]"
    rf"|[{DIGITS}]{{1,2}}[.．、](?![{DIGITS}])|[（(][{DIGITS}]{{1,2}}[）)])"
)
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
    for level, _style, pattern in NUMBER_PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        if level == 1:
            value, variant = parse_cn_numeral(match.group(1)), "一" + match.group(2)
        elif level == 2:
            value, variant = parse_cn_numeral(match.group(2)), match.group(1) + "一" + match.group(3)
        elif level == 3:
            value, variant = to_int(match.group(1)), "1" + match.group(2)
        else:
            value, variant = to_int(match.group(2)), match.group(1) + "1" + match.group(3)
        if value:
            return level, value, match.group(0), variant
    return None


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
