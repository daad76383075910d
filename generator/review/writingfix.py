"""Fixes for how numbers, dates and marks are written, and for the 附件说明 and 抄送 lines; the
patterns are the rules' own (checks/rules/writing.py, annex.py), so a fix removes what the rule
reports and nothing else."""

from __future__ import annotations

from generator.checks.rules.annex import arabic_dot
from generator.checks.rules.writing import DOUBLED, FULL_DIGITS, half_digits, in_dots
from generator.lexicon.chars import TITLE_END
from generator.lexicon.dates import COLLOQUIAL_DAY
from generator.lexicon.headings import ANNEX_LINE, ANNEX_NAME_END
from .textfix import Edit


FULL_WIDTH_DIGITS = "０１２３４５６７８９"
DOUBLED_FIRST = "，。、；："  # the marks DOUBLED (chars.DOUBLED_MARKS) starts from


def worth_trying(text: str) -> bool:
    """Whether the paragraph holds anything writing_edits could fix (a C-speed test first)."""
    return "号" in text or any(d in text for d in FULL_WIDTH_DIGITS) or bool(DOUBLED.search(text))


def writing_edits(text: str, protect) -> list[Edit]:
    """Full-width digits, 「4月1号」, doubled marks: anywhere in a paragraph."""
    edits = [
        Edit("numbers.full-width-digit", m.start(), m.end(), m.group(0), half_digits(m.group(0)))
        for m in FULL_DIGITS.finditer(text)
        if not _within(protect, m.start())
    ]
    edits += [Edit("date.colloquial", m.end() - 1, m.end(), "号", "日") for m in COLLOQUIAL_DAY.finditer(text)]
    for m in DOUBLED.finditer(text):
        first, second = tuple(m.group(0))  # DOUBLED matches two marks
        if first == second and not in_dots(text, m.start()):
            edits.append(Edit("punct.doubled", m.start() + 1, m.end(), second, ""))
    return edits


def title_edits(text: str) -> list[Edit]:
    """A title's trailing point mark."""
    body = text.rstrip()
    if body and body[-1] in TITLE_END:
        return [Edit("title.punct", len(body) - 1, len(body), body[-1], "")]
    return []


def annex_edits(text: str) -> list[Edit]:
    """A 附件说明 line: the order number as 「1.」 and no mark after the name."""
    match = ANNEX_LINE.match(text)
    assert match is not None  # every part of the pattern is optional: any one line matches
    edits = []
    number = match.group("number")
    if number and not arabic_dot(number):
        digits = half_digits("".join(c for c in number if c.isdigit()))
        if digits:
            edits.append(Edit("annex.number", match.start("number"), match.end("number"), number, digits + "."))
    name = match.group("name")
    if name and name[-1] in ANNEX_NAME_END:
        end = match.end("name")
        edits.append(Edit("annex.punct", end - 1, end, name[-1], ""))
    return edits


def cc_edits(text: str) -> list[Edit]:
    """The 抄送 line ends with 「。」."""
    body = text.rstrip()
    if not body or body.endswith("。"):
        return []
    if body[-1] in "，,；;、.":
        return [Edit("imprint.cc-punct", len(body) - 1, len(body), body[-1], "。")]
    return [Edit("imprint.cc-punct", len(body), len(body), "", "。")]


def _within(spans, index: int) -> bool:
    return any(a <= index < b for a, b in spans)
