"""A whole web page on one line: its chrome dropped, its head (title, 主送) and closings cut apart.

Some sites deliver the page body as one line, chrome included: 「当前位置：首页 > 政务公开 发布时间：
2024-02-28 来源：本网 【字体：大 中 小】 示例区2023年法治政府建设报告2023年，示例区坚持……【打印本页】
分享到：微信 微博 QQ空间」. The chrome written inline (noise.yaml `inline`) is removed; the short
whitespace-separated pieces before the text are page chrome unless one ends like a title; a title
glued to its opening (「…建设年度报告2023年，…」), a 主送 glued to the first sentence and a
notice's 署名 and date glued between two documents are cut into lines of their own. Headings
running on inside the text are split later (reflow).
"""

from __future__ import annotations

import functools
import re

from generator.lexicon import dates, lazy
from generator.resources import NOISE, read_data

MIN_RUNON = 200  # a line this long may be a whole page
MAX_HEAD_PIECE = 80  # a whitespace-separated piece before the text at most this long is chrome or a title

_TITLE_END = r"(?:报告|工作要点|要点|工作安排|安排|实施方案|方案|工作计划|计划|通知|意见)"
_NEXT = (
    rf"(?={dates.YEAR}年|各|中共|为|根据|按照|近年来|今年以来|现将|《|[(（]{dates.YEAR}"
    r"|[^，,。；;的、]{2,30}?(?:委|政府|局|厅|办)[、，,:：]"
    r"|[^，,。；;的、]{2,20}?(?:局|厅|委|政府|办|区|县|市|镇|乡|街道)(?:在|坚持|以|认真|深入|全面|紧紧|始终|围绕|按照|聚焦))"
)
_GLUED_TITLE = lazy(
    rf"^(?P<title>(?:[^，,。；;：:！？!?《]|《[^》]{{1,60}}》){{6,90}}?{_TITLE_END}(?:[(（][^（）()]{{2,20}}[）)])?)"
    + _NEXT
)
_ISSUER = lazy(r"^(?:中共)?[^:：>＞»›|｜【】\d]{2,20}?(?:委|委员会|政府|办公室|办公厅|局|厅|管委会|办事处)$")
# a piece of page chrome: a label, a breadcrumb mark, a finished sentence, or no word at all (「- 1 -」)
_CHROME_PIECE = lazy(r"[:：>＞»›|｜【】。]|^[^\w]+$")
_HEAD_TITLE = lazy(rf"{_TITLE_END}(?:[(（][^（）()]{{2,20}}[）)])?$")
_GLUED_RECIPIENTS = lazy(r"^(?P<recipients>[^。；;！？!?：:]{2,120}?[:：])(?=\S)")
_GLUED_CLOSING = lazy(
    r"(?<=[。！？])(?P<signature>[^，,。；;：:！？\s]{2,30}?(?:政府|办公室|办公厅|委员会|局|厅|委"
    r"|办事处|管委会|街道|镇|乡))\s*"
    rf"(?P<date>{dates.WRITTEN_IN})(?![，,、起至前后以在召印出])\s*"
    r"(?P<note>[(（]此件[^）)]{0,12}[）)])?"
)

# A notice without a 署名 line (a seal only): its date glued between its text and the next title.
_GLUED_DATE = lazy(
    rf"(?<=[。！？])(?P<signature>)(?P<date>{dates.WRITTEN_IN})\s*(?P<note>[(（]此件[^）)]{{0,12}}[）)])?"
)


@functools.lru_cache(maxsize=1)
def _inline() -> tuple[re.Pattern, ...]:
    return tuple(lazy(p) for p in read_data(NOISE).get("inline") or ())


def split_runon(text: str, recipients_like) -> list[str]:
    """The pieces of a run-on page line (the line itself when it is not one)."""
    if len(text) < MIN_RUNON:
        return [text]
    chrome = False
    for pattern in _inline():
        text, count = pattern.subn(" ", text)
        chrome = chrome or bool(count)
    segments = [s for s in re.split(r"[ \t\u3000\xa0]+", text) if s]
    head: list[str] = []
    while len(segments) > 1 and len(segments[0]) <= MAX_HEAD_PIECE:
        head.append(segments.pop(0))
    if head and not chrome and not _HEAD_TITLE.search(head[0]):
        segments, head = head + segments, []  # no chrome, no title first: spaces inside a paragraph
    body = " ".join(segments)
    glued = bool(_GLUED_TITLE.match(body))
    if head and not glued and not any(_HEAD_TITLE.search(piece) for piece in head):
        head, body, glued = _title_broken_at_spaces(head, body)
    return _head_pieces(head, glued, recipients_like) + _body_pieces(body, recipients_like)


def _title_broken_at_spaces(head: list[str], body: str) -> tuple[list[str], str, bool]:
    """A copy of a PDF has spaces inside its text, so its title and first sentence fall into the head
    (「XX 县 2022 年法治政府建设工作计划为深入推进…」): the head's last pieces after its chrome joined back
    onto the body when they begin a title glued to its text."""
    start = len(head)
    while start > 0 and not _CHROME_PIECE.search(head[start - 1]):
        start -= 1
    for k in range(start, len(head)):
        joined = " ".join(head[k:] + [body])
        if _GLUED_TITLE.match(joined):
            return head[:k], joined, True
    return head, body, False


def _head_pieces(head: list[str], glued_title: bool, recipients_like) -> list[str]:
    """The head pieces worth keeping: the last title-like run of them (a title broken at spaces:
    「中共抚州市委 抚州市人民政府 关于印发《…》的通知」) and a 主送 after it; none when the text
    carries its own title."""
    if glued_title:
        return _issuers(head)
    ends = [i for i, piece in enumerate(head) if _HEAD_TITLE.search(piece)]
    if not ends:
        return []
    end = ends[-1]
    start = end
    while start > 0 and not re.search(r"[:：>＞»›|｜【】]", head[start - 1]) and len(head[start - 1]) >= 4:
        start -= 1
    after = [piece for piece in head[end + 1 :] if recipients_like(piece)]
    return [" ".join(head[start : end + 1])] + after[:1]


def _issuers(head: list[str]) -> list[str]:
    """The organ names right before a title glued to the text (「中共抚州市委 抚州市人民政府 关于印发…」)."""
    out: list[str] = []
    for piece in reversed(head):
        if not _ISSUER.match(piece):
            break
        out.insert(0, piece)
    return out


def _body_pieces(body: str, recipients_like) -> list[str]:
    """The text cut where a head or a closing is glued on: title, 主送, text, 署名, date, next title…"""
    pieces: list[str] = []
    rest = body
    while rest:
        title = _GLUED_TITLE.match(rest)
        if title:
            pieces.append(title.group("title"))
            rest = rest[title.end() :]
        recipients = _GLUED_RECIPIENTS.match(rest)
        if recipients and recipients_like(recipients.group("recipients")):
            pieces.append(recipients.group("recipients"))
            rest = rest[recipients.end() :]
        closing = _closing(rest)
        if not closing:
            pieces.append(rest)
            break
        pieces.append(rest[: closing.start()])
        pieces.extend(p for p in (closing.group("signature"), closing.group("date"), closing.group("note")) if p)
        rest = rest[closing.end() :].strip()
    return [p.strip() for p in pieces if p and p.strip()]


def _closing(rest: str) -> re.Match | None:
    """The first 署名 + date glued on, or a date alone right before the next document's title."""
    found = _GLUED_CLOSING.search(rest)
    for dated in _GLUED_DATE.finditer(rest, 0, found.start() if found else len(rest)):
        if _GLUED_TITLE.match(rest[dated.end() :]):
            return dated
    return found
