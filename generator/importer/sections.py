"""A part's blocks as spec data: lead-in text, 「一是…」 points, numbered sentences, sections and items.

Every structure is taken only when the template writes it back to the very same paragraphs
(「一是…；二是…。」 joined as the template joins it, a point ending as `sentence` ends it), so a
guess never changes the text; what does not fit stays text.
"""

from __future__ import annotations


from generator.lexicon import headings
from generator.importer.emit import Paras
from generator.importer.head import Context
from generator.numbering import cn_numeral
from generator.tree import Heading, Paragraph, Table, sentence

MAX_LEVEL = 4
_POINT = headings.POINT
_NEXT_POINT = headings.NEXT_POINT
_SENTENCE_END = "。；"


def ordinal(n: int) -> str:
    return f"{cn_numeral(n)}是"


def clause(text: str) -> str:
    """As the template's `clause` filter: no closing 。；，."""
    return text.rstrip().rstrip("。；;，,")


def split_intro(blocks: list) -> tuple[list[str], list]:
    """The paragraphs before the first heading, and the rest."""
    index = 0
    while index < len(blocks) and isinstance(blocks[index], Paragraph):
        index += 1
    return [b.text for b in blocks[:index]], blocks[index:]


def separate_points(intro: list[str]) -> tuple[list[str], list[str], list[str]] | None:
    """(text, points, after) for a run of paragraphs 「一是…。」「二是…。」 (at least two)."""
    for start, text in enumerate(intro):
        if not text.startswith(ordinal(1)):
            continue
        points = []
        for offset, para in enumerate(intro[start:]):
            prefix = ordinal(offset + 1)
            point = para[len(prefix) :]
            point = point[:-1] if point.endswith("。") else point
            if not para.startswith(prefix) or not point or prefix + sentence(point) != para:
                break
            points.append(point)
        if len(points) >= 2:
            return intro[:start], points, intro[start + len(points) :]
        return None
    return None


def inline_points(intro: list[str]) -> tuple[list[str], list[str], list[str]] | None:
    """(text, points, after) for one paragraph 「…：一是…；二是…。」, as the template joins it."""
    for index, para in enumerate(intro):
        pos = para.find(ordinal(1))
        if pos < 0 or (pos == 0 and index > 0):
            continue
        lead, rest = para[:pos], para[pos:]
        pieces = _NEXT_POINT.split(rest)
        points = []
        for n, piece in enumerate(pieces, 1):
            if not piece.startswith(ordinal(n)):
                break
            points.append(clause(piece[len(ordinal(n)) :]))
        if len(points) < 2 or len(points) != len(pieces) or not all(points):
            continue
        joined = "".join(ordinal(n) + p + ("；" if n < len(points) else "。") for n, p in enumerate(points, 1))
        if lead + joined == para:
            return intro[:index] + ([lead] if lead else []), points, intro[index + 1 :]
    return None


def numbered_run(rest: list) -> tuple[list[str], list[str]] | None:
    """(sentences, paragraphs after) when `rest` is 「（一）…。」「（二）…。」 headings with nothing under them."""
    run = []
    for block in rest:
        if not isinstance(block, Heading):
            break
        if block.runin or not block.title.endswith(tuple(_SENTENCE_END)) or block.level != rest[0].level:
            return None
        run.append(block)
    after = rest[len(run) :]
    if len(run) < 2 or not all(isinstance(b, Paragraph) for b in after):
        return None
    sentences = [h.title[:-1] if h.title.endswith("。") else h.title for h in run]
    return sentences, [b.text for b in after]


def part_body(ctx: Context, blocks: list, path: tuple, causes: bool = False) -> dict:
    """A part's content (what follows its heading) as Part data without `heading`.

    The template writes text, points, numbered sentences, causes, sections, closing in that
    order: paragraphs left after the points are causes (part 2) or closing (no sections after).
    """
    intro, rest = split_intro(_without_tables(ctx, blocks))
    listed = numbered_run(rest) if rest else None
    data: dict = {}
    text = intro
    after: list[str] = []
    points: dict[str, object] = {}
    for finder in (inline_points, separate_points):
        found = finder(intro)
        if found and (not found[2] or causes or not rest) and not (found[2] and listed):
            text, points["points"], after = found
            if finder is inline_points:
                points["points_inline"] = True
            break
    if text:
        data["text"] = Paras(text)
    data.update(points)
    if listed:
        data["numbered"], tail = listed
        after, rest = after + tail, []
    if rest:
        data["sections"] = sections(ctx, rest, 2, path + ("sections",))
    if after:
        data["causes" if causes else "closing"] = Paras(after)
    return data


def _without_tables(ctx: Context, blocks: list) -> list:
    kept = []
    for block in blocks:
        if isinstance(block, Table):
            ctx.guesses.append(f"第{block.line}行的表格没有导入：年度报告的数据格式不含表格")
        else:
            kept.append(block)
    return kept


def sections(ctx: Context, blocks: list, level: int, path: tuple) -> list[dict]:
    """Each heading up to the next one of its level or higher, as a section written at `level`."""
    out: list[dict] = []
    index = 0
    while index < len(blocks):
        head = blocks[index]
        end = index + 1
        while end < len(blocks) and not (isinstance(blocks[end], Heading) and blocks[end].level <= head.level):
            end += 1
        out.append(_section(ctx, head, blocks[index + 1 : end], level, path + (len(out),)))
        index = end
    return out


def _section(ctx: Context, head: Heading, span: list, level: int, path: tuple) -> dict:
    if head.level != level and head.number:
        ctx.guesses.append(
            f"第{head.line}行「{head.number}{head.title[:12]}」按第{level}级标题排（序号改为第{level}级的形式）"
        )
    intro, rest = split_intro(span)
    data: dict = {"title": head.title}
    text = ([head.body] if head.runin and head.body else []) + intro
    if text:
        data["text"] = Paras(text)
    if rest:
        if level >= MAX_LEVEL:
            ctx.guesses.append(f"第{rest[0].line}行起的下级标题超过四级，按正文段落导入")
            data["text"] = Paras(text + [flat(b) for b in rest])
        else:
            data["items"] = sections(ctx, rest, level + 1, path + ("items",))
    data["_runin"] = (level, head.runin)
    return data


def flat(block) -> str:
    """A block as the paragraph a reader sees: number and title typed, body after 。."""
    if isinstance(block, Heading):
        return block.number + (sentence(block.title) + block.body if block.runin else block.title)
    if isinstance(block, Table):
        return "\t".join("\t".join(row) for row in block.rows)
    return block.text


def runin_style(parts: list[dict]) -> list[int]:
    """The levels most of whose headings run in (unseen levels as by default: only 3); then each
    section says `runin` only where it differs."""
    counts: dict[int, list[int]] = {}
    for section in _walk(parts):
        level, runin = section["_runin"]
        counts.setdefault(level, [0, 0])[runin] += 1
    levels = [
        level
        for level in range(1, MAX_LEVEL + 1)
        if (counts[level][1] > counts[level][0] if level in counts else level == 3)
    ]
    for section in _walk(parts):
        level, runin = section.pop("_runin")
        if runin != (level in levels):
            rest = {k: section.pop(k) for k in list(section) if k != "title"}
            section.update(runin=runin, **rest)
    return levels


def _walk(parts: list[dict]):
    for part in parts:
        for section in part.get("sections", []):
            yield from _walk_section(section)


def _walk_section(section: dict):
    yield section
    for item in section.get("items", []):
        yield from _walk_section(item)
