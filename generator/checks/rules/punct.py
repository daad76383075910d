"""Punctuation: full-width ，；：（） in Chinese text; 主送 ends with a full-width colon."""

from __future__ import annotations


from generator.lexicon import lazy
from generator.lexicon.chars import HALF_TO_FULL
from ..analysis import is_cjk
from ..registry import Basis, GBT15834, GBT9704, rule

_FULL = HALF_TO_FULL
_MARKS = lazy(r"[,;:()?!]")


def _offences(text: str) -> list[tuple[int, str]]:
    """Half-width marks used as Chinese punctuation: (index, char).

    A comma, semicolon, colon, ? or ! right after a Chinese character; an opening parenthesis next
    to Chinese text on either side; a closing one likewise. Not flagged: 9:30, 1,000, 2.4, Latin
    text (「Hello, world」), and marks between digits or Latin letters.
    """
    out = []
    for found in _MARKS.finditer(text):
        i, char = found.start(), found.group()
        before = text[i - 1] if i else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        if before.isascii() and before.isalnum() and after.isascii() and after.isalnum():
            continue
        if char in ",;:?!":
            if is_cjk(before):
                out.append((i, char))
        elif char == "(":
            if is_cjk(after) or (is_cjk(before) and not (after.isascii() and after.isalpha())):
                out.append((i, char))
        elif char == ")":
            if is_cjk(before) or (is_cjk(after) and not (before.isascii() and before.isalpha())):
                out.append((i, char))
    return out


def _context(text: str, index: int) -> str:
    return text[max(0, index - 6) : index + 7].replace("\n", " ")


@rule(
    "punct.half-width",
    "warning",
    "中文里用全角标点 ，；：（），不用半角 ,;:()",
    basis=Basis(
        GBT15834,
        "5.1.1、5.1.3",
        "应",
        "句号、逗号、顿号、分号、冒号均置于相应文字之后，占一个字位置；引号、括号、书名号中的两部分……各占一个字位置",
    ),
)
def punct_half_width(doc, ctx):
    """中文句子里的逗号、分号、冒号、括号等用全角（，；：（）），不用半角（,;:()）。
    数字和西文里的半角符号不算（9:30、1,000、2.4万、Hello, world）。每段报告一次：行号、
    出现次数、第一处的字符和上下文。
    从网页复制的 .txt（网页复制常把全文的，：；（）变成半角）里这是复制造成的，不逐处报告，
    只给一条 info；只要文件里还有全角的这些标点，就逐处报告。

    通过：2022年，我市坚持依法行政（见附件）。
    不通过：2022年,我市坚持依法行政(见附件)。
    """
    total, hits = 0, []
    for unit in ctx.analysis.units_with(",;:()?!"):  # units with any ASCII mark
        found = _offences(unit.text)
        if found:
            total += len(found)
            hits.append((unit, found))
    if not hits:
        return
    if ctx.web_copy:
        yield ctx.finding(
            None,
            f"全文的逗号、冒号、分号、括号均为半角（{total}处），判断为从网页复制所致，"
            f"未逐处报告；正式文稿应使用全角标点",
            "info",
        )
        return
    for unit, found in hits:
        index, char = found[0]
        chars = "".join(sorted({c for _, c in found}, key=list(_FULL).index))
        more = f"等{len(found)}处" if len(found) > 1 else ""
        yield ctx.finding(
            unit.line,
            f"中文里用了半角标点「{char}」{more}（第{index + 1}字，"
            f"「{_context(unit.text, index)}」），应改为全角"
            f"「{''.join(_FULL[c] for c in chars)}」",
        )


@rule(
    "punct.recipients-colon",
    "warning",
    "主送机关后用全角冒号「：」",
    basis=Basis(GBT9704, "7.3.2", "应", "最后一个机关名称后标全角冒号"),
)
def punct_recipients_colon(doc, ctx):
    """GB/T 9704-2012 7.3.2：主送机关名称之间用顿号或逗号，最后一个机关名称后标全角冒号。
    草稿里主送行以半角「:」（或其他符号，如「；」「，」）结尾时报告。生成的文档由排版程序加冒号
    （树里不存冒号），不检查；读草稿时主送行按原样保存冒号。
    从网页复制的 .txt 里半角冒号是复制造成的，不报告（见 punct.half-width 的 info）。

    通过：中共长沙市委、长沙市人民政府：
    不通过：中共长沙市委、长沙市人民政府:
    """
    if not doc.source:
        return
    colon = (doc.facts or {}).get("recipients_colon")  # the reader may keep the colon here
    for d in doc.all_documents():
        text = d.recipients.rstrip()
        if d is doc and colon is not None and text and not text.endswith(("：", ":")):
            text += colon
        if not text or text.endswith("："):
            continue
        if text.endswith(":"):
            if not ctx.web_copy:
                yield ctx.finding(d.recipients_line, f"主送「{text}」末尾用了半角冒号，应为全角「：」")
        elif text[-1] in "；;，,。.、":
            yield ctx.finding(d.recipients_line, f"主送「{text}」末尾应为全角冒号「：」，不是「{text[-1]}」")
