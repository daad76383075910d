"""A 附件说明 in a draft (GB/T 9704-2012 7.3.4): 「附件：1.…」 and the numbered lines under it.

Its items are names of attachments, never headings: 「附件：1、2025年度行政复议案件统计表。」 then
「2、行政执法案卷评查结果表。」 give Document.annexes (the names, cleaned) and annex_source (each line
as written, with its line number, for rules about its punctuation).
"""

from __future__ import annotations

from generator.lexicon.headings import ANNEX_ITEM as _ITEM, ANNEX_NOTE as _NOTE


def annex_note(lines: list, index: int):
    """(names, [(line, text)], index after) of a 附件说明 starting at `index`, or None."""
    first = lines[index].text
    match = _NOTE.match(first)
    if not match:
        return None
    names = [_name(match.group("rest"))]
    source = [(lines[index].line, first)]
    index += 1
    while index < len(lines) and not lines[index].kind and lines[index].table is None:
        item = _ITEM.match(lines[index].text)
        if not item or len(lines[index].text) > 60:
            break
        names.append(_name(item.group("name")))
        source.append((lines[index].line, lines[index].text))
        index += 1
    return names, source, index


def _name(text: str) -> str:
    """An attachment's name without its number and closing punctuation."""
    item = _ITEM.match(text)
    if item and item.group("number").strip()[-1:] in ".．、":
        text = item.group("name")
    return text.strip().rstrip("。.；;，,")
