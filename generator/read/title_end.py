"""Where a heading ends that ran into its body on a page without paragraph breaks, when no mark says so.

「（一）依法全面履行政府职能,推进重点领域攻坚改革经开区政务服务办建立…」: a heading of two clauses
「A，B」 ran into its body. A heading never ends on a comma, so it goes on past the first one; its second
clause B ends where the body's first clause begins: at the draft's own name (「…完善工作机制呼中区教育局
成立了…」), a year or 「我局」 (a subject), else at a word that opens a sentence (「坚持」「聚焦」「深入」,
data/reading.yaml `clause_openers`) — the one that makes B closest in length to A, as the two clauses of
such headings are written in parallel; with neither, B is as long as A. A heading whose second clause ends
a sentence within 40 characters is a run-in heading (「…推动法律进机关。」) and is left alone.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from generator.lexicon import dates, lazy
from generator.resources import DATA, load_data

MAX_TITLE = 40  # a rebuilt heading is at most this long
MAX_FIRST = 20  # the first clause of a two-clause heading is at most this long
MAX_SLACK = 8  # the second clause is at most this much longer than the first
MIN_ONE_CLAUSE, MAX_ONE_CLAUSE = 6, 30  # a one-clause heading cut at an opener is this long
OPENER_SLACK = 4  # a clause opener counts only this close to the parallel length
_COMMAS = "，,"
_CLAUSE_END = "，,。；;：:！？!?"
_SENTENCE_END = "。！？!?"
MAX_HEAD = 80  # a title line is at most this long
_TITLE = lazy(r"(?:报告|要点|安排|方案|计划)$")
_SUBJECT = lazy(rf"(?:{dates.YEAR}年|[我本][局区县市镇乡委办厅处院所])")


@functools.lru_cache(maxsize=1)
def _opener():
    return lazy(load_data(DATA / "reading.yaml")["clause_openers"])


def title_end(rest: str, names: Iterable[str] = ()) -> int:
    """The length of the heading at the start of `rest` (the text after its number), 0 if not found."""
    comma = min((i for i in (rest.find(c) for c in _COMMAS) if i >= 0), default=-1)
    first = rest[:comma]
    if not 2 <= comma <= MAX_FIRST or any(c in first for c in _CLAUSE_END):
        return _one_clause(rest, tuple(n for n in names if n))
    start = comma + 1
    stop = min((i for i in (rest.find(c, start) for c in _CLAUSE_END) if i >= 0), default=len(rest))
    if stop < len(rest) and rest[stop] in _SENTENCE_END and stop <= MAX_TITLE:
        return 0  # 「A，B。」 within the limit: a run-in heading sentence
    clause = rest[start:stop]
    a = len(first)
    hi = min(len(clause) - 2, a + MAX_SLACK, MAX_TITLE - start)
    if hi < 2:
        return 0
    cut = _cut(clause, a, hi, tuple(n for n in names if n), min(len(clause) - 2, MAX_TITLE - start))
    return start + cut if cut else 0


def _cut(clause: str, a: int, hi: int, names: tuple[str, ...], far: int) -> int:
    """Where the second clause ends inside `clause` (the text up to the next punctuation mark): a
    subject up to `far`, an opener up to `hi`."""

    def near(p: int) -> tuple[int, int]:
        return abs(p - a), p

    subjects = [p for p in range(2, far + 1) if _SUBJECT.match(clause, p) or clause.startswith(names, p)]
    if subjects:
        return min(subjects, key=near)
    opener = _opener()
    openers = [
        p
        for p in range(2, hi + 1)
        if abs(p - a) <= OPENER_SLACK and opener.match(clause, p) and not _after_opener(clause, p, opener)
    ]
    if openers:
        return min(openers, key=near)
    return a if len(clause) >= a + 4 and 2 <= a <= hi else 0


def _one_clause(rest: str, names: tuple[str, ...]) -> int:
    """A heading of one clause whose first clause runs past 40 characters: it ends where the body's
    subject or first opener stands (「深入学习贯彻习近平法治思想|坚持以…」), else 0."""
    stop = min((i for i in (rest.find(c) for c in _CLAUSE_END) if i >= 0), default=len(rest))
    if stop <= MAX_TITLE:
        return 0
    opener = _opener()
    for p in range(MIN_ONE_CLAUSE, MAX_ONE_CLAUSE + 1):
        if _SUBJECT.match(rest, p) or rest.startswith(names, p):
            return p
        if opener.match(rest, p) and not _after_opener(rest, p, opener):
            return p
    return 0


def _after_opener(clause: str, p: int, opener) -> bool:
    """Does an opener end right before `p` (「积极|开展」: one phrase, not a new clause)?"""
    return any(opener.fullmatch(clause, q, p) for q in range(max(0, p - 3), p - 1))


def own_names(texts: Iterable[str]) -> tuple[str, ...]:
    """The sending body's names in the title-like lines among `texts` (as written and in full)."""
    from generator.read.sender import sender
    from generator.tree import Document

    names: list[str] = []
    for text in texts:
        if len(text) <= MAX_HEAD and _TITLE.search(text):
            found = sender(Document(title=text))
            if found and found.where == "标题":
                names += [n for n in (found.written, found.full) if len(n) >= 3 and n not in names]
    return tuple(names)
