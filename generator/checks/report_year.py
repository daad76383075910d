"""Which document of a draft is the report (or the work points), and the year it reports on."""

from __future__ import annotations

from generator.kinds import KINDS
from generator.kinds.words import Words
from generator.lexicon import dates, lazy, statutory
from generator.tree import Document, Heading, block_text

from .statutory import match_parts, normal_title, parts_of

_YEAR = lazy(dates.YEAR_WORD)
_REPORTED_YEAR = lazy(rf"现将\s*{dates.YEAR_WORD}")
_YEAR_OF_REPORT = lazy(rf"{dates.YEAR_WORD}度")
_YEAR_RANGE = lazy(rf"({dates.YEAR})\s*[{dates.RANGE_MARKS}]\s*{dates.YEAR}\s*年")
_RANGE_MARKS = dates.RANGE_MARKS.replace("\\", "")  # one of them is in every _YEAR_RANGE match
_PLAN_TITLE = Words([statutory.PLAN_TITLE])  # str methods: no alternation to compile
_OPENING_YEAR = lazy(rf"{dates.YEAR_WORD}(?:度|以来)?[，,]")


def body_document(doc: Document, kind: str) -> Document:
    """The document carrying the report or the work points (not the notice, not attachments)."""
    docs = list(doc.all_documents())
    if kind == "work-plan":
        plans = [d for d in docs if _PLAN_TITLE.search(d.title) and "印发" not in d.title and not d.label]
        for d in plans:
            if any(True for _ in d.headings()):
                return d
        if plans and not any(True for d in docs for _ in d.headings()):
            return plans[0]  # an excerpt: the plan's title and opening, no part yet
    for d in docs:
        if any(True for _ in d.headings()):
            return d
    return doc


def find_report_year(doc: Document, body: Document, kind: str) -> int | None:
    """The year reported on (or planned for): the title's, the opening's (「2022年，」「现将2022年…」
    「2022年度」), a part heading's (the next-year part's minus one), the 成文日期's (minus one
    for a report), else the year the text names most. Never today's date."""
    for d in (body, doc):
        ranged = any(mark in d.title for mark in _RANGE_MARKS) and _YEAR_RANGE.search(d.title)
        match = ranged or _YEAR.search(d.title)  # 「(2022-2025年)」: the first
        if match:
            return int(match.group(1))
    for block in body.blocks[:3]:
        text = block_text(block)
        match = _OPENING_YEAR.match(text) or _REPORTED_YEAR.search(text) or _YEAR_OF_REPORT.search(text)
        if match:
            return int(match.group(1))
    report = KINDS[kind].is_a("annual-report")
    if report:
        from_parts = _year_from_parts(body)
        if from_parts:
            return from_parts
    date = doc.date or body.date
    if date:
        return date.year - 1 if report else date.year
    counts: dict[str, int] = {}
    for block in body.blocks:
        for year in _YEAR.findall(block_text(block)):
            counts[year] = counts.get(year, 0) + 1
    return int(max(counts, key=lambda year: counts[year])) if counts else None


def _year_from_parts(body: Document) -> int | None:
    """A year in a statutory part heading: part 1–3 name the year reported on, part 4 the next."""
    from .statutory import DEFAULT_KIND

    parts_data = parts_of(DEFAULT_KIND)
    assert parts_data is not None  # the default kind is the annual report, which has parts
    for block in body.blocks:
        if type(block) is not Heading or block.level != 1:
            continue
        match = _YEAR.search(block.title)
        if not match:
            continue
        keys = match_parts(normal_title(block), parts_data)
        if keys & {"1", "2", "3"}:
            return int(match.group(1))
        if "4" in keys:
            return int(match.group(1)) - 1
    return None
