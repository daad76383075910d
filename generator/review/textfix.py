"""The pure-text fixer: one paragraph's text and its role in, the mechanical edits out.

Every edit names the check rule whose finding it removes; the patterns and the replacement
tables are in generator/data/fixes.yaml. Nothing inside a protected span (URLs, e-mail
addresses, times, decimals and version numbers) is touched, nor the numbers inside 《》.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from dataclasses import dataclass

from generator.lexicon import dates, docnum, lazy
from generator.lexicon.chars import STRIP as _STRIP, is_chinese
from generator.numbering import read_number, to_int
from generator.resources import DATA, load_data
from generator.tree import cn_date

FIXES = DATA / "fixes.yaml"
_OPENERS = "“‘《（〔【"
_DOCNUM = docnum.FOUND
_PADDED = dates.PADDED
_PARENS = lazy(r"[()]")
_QUOTE = lazy('"')


@dataclass(frozen=True)
class Edit:
    """Replace text[start:end] (the paragraph's text) by `after`, for `rule`."""

    rule: str
    start: int
    end: int
    before: str
    after: str


# What counts as Chinese around a mark: the rules' own test (punct.half-width).
is_han = is_chinese


@functools.lru_cache(maxsize=1)
def _config() -> tuple[dict, re.Pattern, re.Pattern]:
    data = load_data(FIXES)
    return data, lazy("|".join(f"(?:{p})" for p in data["protect"])), lazy(data["protect_start"])


@functools.lru_cache(maxsize=1)
def _marks() -> tuple[re.Pattern, re.Pattern]:
    """(any character a half-width fix starts from, the marks alone): most paragraphs have none,
    and the regex engine finds that at C speed."""
    marks = "".join(sorted(_config()[0]["half_width"]["marks"]))
    return re.compile(f'[{re.escape(marks)}()"]'), re.compile(f"[{re.escape(marks)}]")


def _protected(text: str) -> list[tuple[int, int]]:
    """The protected spans, as the protect patterns' finditer gives them; they are tried only
    where one can start (their alternation is tried at every character of the text otherwise)."""
    _data, protect, start = _config()
    spans: list[tuple[int, int]] = []
    pos = 0
    while True:
        found = start.search(text, pos)
        if found is None:
            return spans
        match = protect.match(text, found.start())
        if match is None or match.end() == match.start():
            pos = found.start() + 1
        else:
            spans.append(match.span())
            pos = match.end()


def _inside(spans: list[tuple[int, int]], index: int) -> bool:
    return any(a <= index < b for a, b in spans)


def _titles(text: str) -> list[tuple[int, int]]:
    """Spans inside 《…》 (outermost pairs)."""
    out, depth, start = [], 0, 0
    for i, char in enumerate(text):
        if char == "《":
            depth += 1
            start = i if depth == 1 else start
        elif char == "》" and depth:
            depth -= 1
            if not depth:
                out.append((start, i + 1))
    return out


def fix_paragraph(text: str, roles: frozenset[str] = frozenset(), screened: bool = True) -> list[Edit]:
    """The edits for one paragraph, sorted and not overlapping. Roles: heading, date, recipients,
    title, annex (a 附件说明 line), cc (the 抄送 line). `screened=False`: candidates() found
    nothing in it that an edit of any role starts from (only its role's edits are tried)."""
    edits = _role_edits(text, roles) if roles else []  # first: they win ties (a heading number, a 文号)
    if screened:
        edits += _anywhere(text)
    if len(edits) < 2:
        return edits
    out: list[Edit] = []
    for edit in edits:
        if not any(edit.start < o.end and o.start < edit.end or edit.start == o.start for o in out):
            out.append(edit)
    return sorted(out, key=lambda e: (e.start, e.end))


@functools.lru_cache(maxsize=1)
def _screens() -> tuple[re.Pattern, re.Pattern]:
    """What fix_paragraph starts from in a paragraph of any role: 「号」, a half-width mark or a
    full-width digit; two marks doubled (the union of its own tests). Two patterns: each starts
    with a character class the engine scans for at C speed, their alternation does not."""
    from . import writingfix

    marks = "".join(sorted(_config()[0]["half_width"]["marks"])) + '()"号' + writingfix.FULL_WIDTH_DIGITS
    doubled = re.escape(writingfix.DOUBLED_FIRST)  # two of them: what DOUBLED matches, and more
    return re.compile(f"[{re.escape(marks)}]"), re.compile(f"[{doubled}][{doubled}]")


def candidates(texts: dict[int, str]) -> set[int]:
    """The lines (keys of `texts`) fix_paragraph may edit whatever their role: a C-speed scan
    of all the texts joined (a match is mapped back to its line by offset)."""
    lines, ends, end = list(texts), [], 0
    for text in texts.values():
        end += len(text) + 1
        ends.append(end)
    joined = "\0".join(texts.values())
    return {lines[bisect.bisect_right(ends, m.start())] for screen in _screens() for m in screen.finditer(joined)}


def _role_edits(text: str, roles: frozenset[str]) -> list[Edit]:
    """The edits a paragraph gets for what it is: its heading number, the date, and so on."""
    if roles == _HEADING:  # the frequent case
        return _heading(text)
    from . import writingfix

    edits = _heading(text) if "heading" in roles else []
    if "date" in roles:
        edits += _date(text)
    if "recipients" in roles:
        edits += _recipients(text)
    if "title" in roles:
        edits += writingfix.title_edits(text)
    if "annex" in roles:
        edits += writingfix.annex_edits(text)
    if "cc" in roles:
        edits += writingfix.cc_edits(text)
    return edits


_HEADING = frozenset({"heading"})


def _anywhere(text: str) -> list[Edit]:
    """The edits of a paragraph of any role: 文号, half-width marks, how numbers are written."""
    from . import writingfix

    edits = _docnums(text) if "号" in text else []
    protect = None
    if _marks()[0].search(text):
        protect = _protected(text)
        edits += _half_width(text, protect)
    if writingfix.worth_trying(text):
        edits += writingfix.writing_edits(text, _protected(text) if protect is None else protect)
    return edits


def apply(text: str, edits: list[Edit]) -> str:
    """The text with the edits applied."""
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.after + text[edit.end :]
    return text


def _half_width(text: str, protect) -> list[Edit]:
    """Parentheses and quotes first; a comma after a fixed 「）」 or 「”」 is then in Chinese text."""
    conf = _config()[0]["half_width"]
    rule, marks = conf["rule"], conf["marks"]
    pairs = _parentheses(text, protect, rule, conf["parentheses"]) + _quotes(text, protect)
    view = apply(text, pairs)  # one character for one: offsets unchanged
    edits = []
    for match in _marks()[1].finditer(view):
        i, char = match.start(), match.group()
        if not _inside(protect, i):
            before, after = view[i - 1] if i else "", view[i + 1] if i + 1 < len(view) else ""
            if is_han(before) and (after == "" or is_han(after) or after.isdigit() or after in _OPENERS):
                edits.append(Edit(rule, i, i + 1, char, marks[char]))
    return pairs + edits


def _parentheses(text: str, protect, rule: str, table: dict) -> list[Edit]:
    """ASCII parenthesis pairs in Chinese text, both marks of a pair or neither."""
    stack, edits = [], []
    for match in _PARENS.finditer(text):
        i, char = match.start(), match.group()
        if _inside(protect, i):
            continue
        if char == "(":
            stack.append(i)
            continue
        if not stack:
            return []  # unbalanced: leave the paragraph's parentheses alone
        start = stack.pop()
        inner = text[start + 1 : i]
        before, after = text[start - 1] if start else "", text[i + 1] if i + 1 < len(text) else ""
        if any(is_han(c) for c in inner if c not in "()") or (is_han(before) and is_han(after)):
            edits += [Edit(rule, start, start + 1, "(", table["("]), Edit(rule, i, i + 1, ")", table[")"])]
    return [] if stack else edits


def _quotes(text: str, protect) -> list[Edit]:
    conf = _config()[0]["quotes"]
    found = [m.start() for m in _QUOTE.finditer(text) if not _inside(protect, m.start())]
    if not found or len(found) % 2:
        return []
    edits = []
    for start, end in zip(found[::2], found[1::2]):
        if any(is_han(c) for c in text[start + 1 : end]):
            edits += [
                Edit(conf["rule"], start, start + 1, '"', conf["double"][0]),
                Edit(conf["rule"], end, end + 1, '"', conf["double"][1]),
            ]
    return edits


@functools.lru_cache(maxsize=1)
def _heading_forms() -> dict[tuple[int, str], dict]:
    """(level, number as written) → its fix (the first of fixes.yaml's headings that lists it)."""
    out: dict[tuple[int, str], dict] = {}
    for key, conf in _config()[0]["headings"].items():
        for variant in conf["from"]:
            out.setdefault((int(str(key).split("-")[0]), variant), conf)
    return out


def _heading(text: str) -> list[Edit]:
    offset = len(text) - len(text.lstrip(_STRIP))
    found = read_number(text[offset:] if offset else text)
    if not found:
        return []
    level, _value, number, variant = found
    conf = _heading_forms().get((level, variant))
    if conf is None:
        return []
    digits = re.sub(r"[()（）、.．，,]", "", number)
    want = conf["to"].replace("一" if level <= 2 else "1", digits, 1)
    return [Edit(conf["rule"], offset, offset + len(number), number, want)]


def _docnums(text: str) -> list[Edit]:
    conf = _config()[0]["docnum"]
    titles = _titles(text)
    edits = []
    for match in _DOCNUM.finditer(text):
        if _inside(titles, match.start()):
            continue
        for group, want, key in ((2, conf["brackets"]["open"], "brackets"), (4, conf["brackets"]["close"], "brackets")):
            if match.group(group) != want:
                edits.append(Edit(conf[key]["rule"], match.start(group), match.end(group), match.group(group), want))
        if match.group(5):
            edits.append(Edit(conf["di"]["rule"], match.start(5), match.end(5), "第", ""))
        digits = match.group(6)
        zeros = len(digits) - len(digits.lstrip("0０"))
        if zeros and zeros < len(digits):
            edits.append(Edit(conf["leading_zero"]["rule"], match.start(6), match.start(6) + zeros, digits[:zeros], ""))
    return edits


def _date(text: str) -> list[Edit]:
    rule = _config()[0]["date"]["rule"]
    offset = len(text) - len(text.lstrip(_STRIP))
    body = text.strip(_STRIP)
    padded = _PADDED.match(body)
    if padded:
        edits = [
            Edit(rule, offset + padded.start(g), offset + padded.end(g), padded.group(g), "")
            for g in (2, 4)
            if padded.group(g)
        ]
        return edits if _valid(padded.group(1), padded.group(3), padded.group(5)) else []
    if dates.form(body) in ("numeric", "chinese"):  # 2023.1.4, 2023．1．4, 2023-01-04, 二〇二三年一月四日
        date = dates.parse(body)
        if isinstance(date, dt.date):
            return [Edit(rule, offset, offset + len(body), body, cn_date(date))]
    return []


def _valid(year: str, month: str, day: str) -> bool:
    try:
        dt.date(to_int(year), to_int(month), to_int(day))
    except ValueError:
        return False
    return True


def _recipients(text: str) -> list[Edit]:
    conf = _config()[0]["recipients"]
    body = text.rstrip(_STRIP)
    if not body or body.endswith(conf["colon"]):
        return []
    if body[-1] in ":；;，,。.、":
        return [Edit(conf["rule"], len(body) - 1, len(body), body[-1], conf["colon"])]
    return [Edit(conf["rule"], len(body), len(body), "", conf["colon"])]
