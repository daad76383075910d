"""What drafting leaves behind: placeholders, empty sections, pasted-twice paragraphs."""

from __future__ import annotations

import bisect

from generator.lexicon import lazy
from generator.tree import Heading, Paragraph
from ..registry import Basis, rule

# The leading lookahead lets the engine skip ordinary text fast (4-5x on long drafts).
_PLACEHOLDER = lazy(
    r"(?=[Xx×＊*某TF待此【〔\[（＿_○□])(?:(?<![A-Za-z])[Xx]{2,}(?![A-Za-z])|[×＊*]{2,}|某某|TODO|FIXME|TBD|待补充|待完善|待填写|待核实|此处(填写|补充)"
    r"|【\s*】|〔\s*〕|\[\s*\]|（\s*）|[＿_]{2,}|○○|□□)"
)


@rule("leftover.placeholder", "warning", "不留占位符：XX、××、某某、TODO、待补充、【】、＿＿", basis=Basis())
def leftover_placeholder(doc, ctx):
    """起草时的占位符必须在发出前填上：XX、××、某某、TODO、待补充、待完善、空括号【】、下划线＿＿。

    通过：全年办理行政复议案件156件。
    不通过：全年办理行政复议案件XX件。
    """
    for unit in _placeholder_units(ctx.analysis):
        match = _PLACEHOLDER.search(unit.text)  # one finding per paragraph
        if match:
            context = unit.text[max(0, match.start() - 8) : match.end() + 8]
            yield ctx.finding(unit.line, f"有未填写的占位内容「{match.group(0)}」（「{context}」）")


# Where a placeholder can start: characters rare in a finished draft, and common ones only
# with what must follow them (「待」 of 有待提高 is no placeholder, 「待补充」 is).
_RARE = "Xx×＊*TF【〔[＿_○□"
# What follows each character: the set of next characters (tested without compiling a class of
# far-apart ideographs: half a millisecond of every start-up); for 「（」, 「）」 after any spaces.
_FOLLOWED = (("某", "某"), ("待", "补完填核"), ("此", "处"), ("（", ""))


def _followed(text: str, at: int, nexts: str) -> bool:
    """Whether the text at `at` is what `nexts` allows: one of its characters; "" for 「\\s*）」."""
    if nexts:
        return at < len(text) and text[at] in nexts
    while at < len(text) and text[at].isspace():
        at += 1
    return text.startswith("）", at)


def _never_followed(joined: str, char: str, nexts: str) -> bool:
    """Whether no `char` is followed by what `nexts` allows (the characters after each, found by
    one C-speed split: 「待」 and 「（」 are common, a Python loop over each is not needed)."""
    pieces = joined.split(char)
    after = {piece[:1] or char for piece in pieces[1:-1]}  # an empty piece: `char` twice
    after.add(pieces[-1][:1])
    if nexts:
        return after.isdisjoint(nexts)
    return "）" not in after and not any(c.isspace() for c in after)


def _placeholder_units(analysis) -> list:
    """The units that may hold a placeholder: a superset of those _PLACEHOLDER matches in."""
    joined, starts = analysis.joined
    found = set()
    for char in _RARE:
        found.update(analysis.unit_indices(char))
    for char, nexts in _FOLLOWED:
        if char == "（" and _never_followed(joined, char, nexts):
            continue  # 「（」 is common: one split beats a Python step for each (the others are rare)
        pos = joined.find(char)
        while pos >= 0:
            if _followed(joined, pos + 1, nexts):
                found.add(bisect.bisect_right(starts, pos) - 1)
            pos = joined.find(char, pos + 1)
    return [analysis.unit(k) for k in sorted(found)]


@rule("leftover.empty-section", "warning", "标题下应有内容", basis=Basis())
def leftover_empty_section(doc, ctx):
    """一个独立标题之后、同级或更高一级的下一个标题之前，应有正文或下级标题。
    段首标题（标题后接正文的「1.打造……。进一步……」）有正文，不算空。编号列出的一组句子
    （存在的不足下面「（一）……。」「（二）……。」，每条是以「。」或「；」结尾的完整句子，前后紧挨着
    同样形式的同级条目）是列举，不是没有内容的标题。

    通过：二、存在的不足 / （一）法治意识还不够牢。 / （二）执法水平有待提高。 / 三、下一步工作 / ……
    不通过：二、存在的不足 / 三、下一步工作（「存在的不足」下什么都没有）
    """
    for d in doc.all_documents():
        blocks = d.blocks
        for i, block in enumerate(blocks):
            if not isinstance(block, Heading) or (block.runin and block.body.strip()):
                continue
            following = blocks[i + 1] if i + 1 < len(blocks) else None
            if following is None or (isinstance(following, Heading) and following.level <= block.level):
                if _list_item(blocks, i):
                    continue
                yield ctx.finding(block.line, f"标题「{block.number}{block.title}」下没有内容")


def _sentence(block) -> bool:
    """A standalone numbered heading that is a complete sentence: 「（一）法治意识还不够牢。」."""
    return isinstance(block, Heading) and not block.runin and block.title.rstrip()[-1:] in ("。", "；", "！", "？")


def _list_item(blocks: list, i: int) -> bool:
    """A sentence numbered as a list item: its neighbour at the same level is a sentence too."""
    if not _sentence(blocks[i]):
        return False
    level = blocks[i].level
    return any(0 <= j < len(blocks) and _sentence(blocks[j]) and blocks[j].level == level for j in (i - 1, i + 1))


@rule("leftover.repeated-paragraph", "warning", "同一段文字不应出现两次", basis=Basis(), min_length=20)
def leftover_repeated_paragraph(doc, ctx):
    """同样的一段文字（去掉空白后至少 min_length 个字，默认20）出现两次，多半是复制粘贴的遗留。
    报告第二次出现的位置。

    通过：两段内容不同的正文
    不通过：同一段「深入推进“放管服”改革，……」出现两次
    """
    minimum = int(ctx.params.get("min_length", 20))
    seen: dict[str, int] = {}
    keys: dict[str, str] = {}  # per text, squeezed once: pasted-twice paragraphs are equal strings
    for d in doc.all_documents():
        for block in d.blocks:
            kind = type(block)
            if kind is Paragraph:
                text = block.text
            elif kind is Heading:
                text = block.body if block.runin else ""
            else:
                continue
            if len(text) < minimum:
                continue
            key = keys.get(text)
            if key is None:
                key = keys[text] = "".join(text.split())
            first = seen.get(key)
            if first is None:
                seen[key] = block.line
            elif len(key) >= minimum:
                yield ctx.finding(block.line, f"这段文字与第{first}行重复：「{key[:20]}…」")
