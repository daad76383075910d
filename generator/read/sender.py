"""Who sends a draft: the reporting body's name, its level and whether it is a department.

Read, in this order, from the title (「X关于…」「关于X2023年…」「X2023年度…」「2023年X法治…」), the
last signature and the opening sentence (「2022年，省司法厅坚持……」). The vocabulary (place
endings and levels, organ words, department endings) is data: generator/data/units.yaml.
`check` (the summary's 单位 column, JSON `unit`), `import` (jurisdiction) and kind recognition
(a department's report) all ask here.
"""

# Annotations are evaluated (no `from __future__ import annotations`): typing.NamedTuple compiles each
# string annotation at class creation (a ForwardRef), a cost every start would pay.

import functools
import re
from typing import NamedTuple

from generator.lexicon import dates, lazy
from generator.lexicon.chars import HAN, all_han, is_han
from generator.read.guard import Guarded
from generator.resources import DATA, load_data
from generator.tree import Document, Paragraph

_YEAR = rf"(?:{dates.YEAR}|{dates.CN_YEAR})\s*年度?"


_JOINT = Guarded(r"^(中共\S*?(?:委员会|委))(?=[^、，,\s]\S*政府$)")
_OFFICE = Guarded(r"((?:人民)?政府)(?:办公室|办公厅)$")
_OWN_GOVERNMENT = Guarded(r"^[省市县区州旗](?:人民)?政府$")
_LEVEL_OF_FIRST = {"省": "province", "市": "city", "州": "city", "县": "county", "旗": "county", "区": "district"}
MIN_DEPARTMENT_SIGNS = 2
_OURS = lazy(r"(?:我|本|全)(县|区|市|镇|乡|街道|旗)")
# 「XX县」「××区」: the placeholder of a template or a redacted copy names a place too
_IN_NAME = "（）()XＸ×"


class Sender(NamedTuple):
    """The body a draft comes from."""

    full: str  # as written, without 中共 and the organ words: 「长沙市开福区」「广东省司法厅」
    name: str  # the spec's short name: 「开福区」「省司法厅」
    level: str  # province city county district township street zone department
    department: bool
    where: str  # 标题, 落款 or 开头
    written: str = ""  # as the draft writes it: 「长沙市天心区坡子街街道办事处」「中共抚州市委 抚州市人民政府」


@functools.lru_cache(maxsize=1)
def _vocabulary() -> dict:
    data = load_data(DATA / "units.yaml")
    suffixes = "|".join(re.escape(s) for s, _ in data["places"])
    # 「广州市」 is one unit, not 「广州」+「市」: an ending right before another ending is part of the name
    # Matched within a run of ideographs and brackets only (_units): the pattern itself needs no CJK class,
    # which would cost 2.5 ms of every start-up to compile.
    unit = rf".{{1,14}}?(?:{suffixes})(?![市县区旗州盟])(?:[（(][^（）()]{{1,12}}[）)])?"
    # Guarded: compiled only for a text holding what the pattern needs (most names and titles do not).
    return {
        "levels": [(s, level) for s, level in data["places"]],
        "unit": lazy(unit),
        "organs": tuple(data["organs"]),
        "department": Guarded(data["departments"]),
        "department_signs": lazy(data["department_signs"]),
        "not_place": lazy(data["not_places"]),
        "not_department": Guarded(data["not_departments"]),
        "titles": (
            Guarded(r"^(?P<who>[^关]{2,40}?)关于"),
            Guarded(rf"^关于(?:印发)?(?P<who>[^\d《“]{{2,30}}?){_YEAR}"),
            Guarded(rf"^(?P<who>[^\d《“]{{2,30}}?){_YEAR}"),
            Guarded(rf"{_YEAR}(?P<who>[^\d《“]{{2,30}}?)(?:法治|依法行政|推进|工作)"),
        ),
        "report_as": Guarded(rf"现将(?P<who>[^，,。；：\d]{{2,20}}?){_YEAR}"),
        "opening": Guarded(
            rf"^(?:{dates.YEAR}年(?:度|以来)?|近年来|今年以来)[，,](?:在[^，,。]{{2,30}}?领导下[，,])?"
            rf"(?P<who>[^，,。；：]{{2,30}}?)(?:{data['opening_verbs']})"
        ),
    }


def _without_end_organ(who: str, organs: tuple[str, ...]) -> str:
    """The name without the organ word it ends with, the longest one (as `(?:organs)$` removed it)."""
    if not who.endswith(organs):  # the usual name: one C call
        return who
    ends = [organ for organ in organs if who.endswith(organ)]
    return who[: -len(max(ends, key=len))] if ends else who


def _without_inner_organs(who: str, organs: tuple[str, ...]) -> str:
    """The name without organ words right after 区县市旗镇乡 that more text follows (as
    `(?<=[区县市旗镇乡])(?:organs)(?=.)` removed them: the first organ in order that fits)."""
    if not any(map(who.__contains__, organs)):  # the usual name: no organ word to remove
        return who
    kept, i, last = [], 1, 0
    while i < len(who):
        if who[i - 1] in "区县市旗镇乡":
            end = next(
                (
                    i + len(o)
                    for o in organs
                    if who.startswith(o, i) and who[i + len(o) : i + len(o) + 1] not in ("", "\n")
                ),
                0,
            )
            if end:
                kept.append(who[last:i])
                i = last = end
                continue
        i += 1
    return "".join(kept) + who[last:]


def is_department(who: str) -> bool:
    """Does the name end like a government department (and not like a government or Party committee)?"""
    v = _vocabulary()
    return bool(v["department"].search(who)) and not v["not_department"].search(who)


def place_of(text: str) -> str:
    """The place a name starts with: 「长沙市开福区人民政府」→「长沙市开福区」 ("" if none)."""
    text = _clean(text)
    run, unit, end = text[: _run_end(text, 0)], _vocabulary()["unit"], 0
    while match := unit.match(run, end):  # units one after another: (?:unit)+
        end = match.end()
    return text[:end]


def _units(text: str) -> list[str]:
    """Every place unit in `text` («长沙市», «开福区»), left to right."""
    found, start, unit = [], 0, _vocabulary()["unit"]
    while start < len(text):
        end = _run_end(text, start)
        found += unit.findall(text, start, end)
        start = end + 1
    return found


def _run_end(text: str, start: int) -> int:
    """Where the run of ideographs, brackets （）() and placeholders XＸ× that starts at `start` ends."""
    if all_han(text[start:]):  # the usual name, ideographs to its end: min and max in C
        return len(text)
    end = start
    while end < len(text) and (is_han(text[end]) or text[end] in _IN_NAME):
        end += 1
    return end


def level_of(place: str) -> str | None:
    """The level a place name's ending says (a name in brackets after it aside: 「高新区（新市区）」)."""
    if ")" in place or "）" in place:  # the pattern needs one: not compiled for most names
        place = re.sub(r"[（(][^（）()]*[）)]$", "", place)
    for suffix, level in _vocabulary()["levels"]:
        if place.endswith(suffix):
            return level
    return None


def _clean(text: str) -> str:
    text = "".join(text.split())  # no whitespace (str.split's is re's \\s)
    text = text[2:] if text.startswith("中共") else text[5:] if text.startswith("中国共产党") else text
    if "委" in text:  # 「黄湾镇委员会黄湾镇人民政府」
        text = re.sub(r"(?<=[区县市旗镇乡])(?:党?委员会|党委|委)(?=\S)", "", text)
    return text


def _once(text: str) -> str:
    """A place named twice (「黄湾镇委员会黄湾镇人民政府」 without the organ words) once."""
    half = len(text) // 2
    return text[:half] if len(text) % 2 == 0 and text[:half] == text[half:] else text


def _organ(who: str) -> tuple[str, bool] | None:
    """(the name without organ words, is a department) if `who` names a body, else None."""
    v = _vocabulary()
    who = _clean(who).strip("，,、 ")
    if not who or len(who) > 40 or who[0] in "我本全该各":
        return None
    if is_department(who):
        return who, True
    if _OWN_GOVERNMENT.search(who):
        return who, False  # 「省政府」: the province, named as itself
    bare = _once(_without_inner_organs(_without_end_organ(who, v["organs"]) or who, v["organs"]))
    place = place_of(bare)
    if place and len(place) >= len(bare) - 2:
        return place, False
    return None


def sender(doc: Document) -> Sender | None:
    """The sending body from the titles, else the last signature, else the opening sentence."""
    found = _found(doc)
    if found and found.department and found.name != found.full and found.name not in _text(doc).replace(found.full, ""):
        found = found._replace(name=found.full)  # 「市教育局」 only when the draft calls itself so
    return found


def department_sign(doc: Document) -> str:
    """A draft that names no sender but speaks as a department (「党组召开…」「我局」): the words, else ""."""
    found = _vocabulary()["department_signs"].findall(_text(doc))
    return "、".join(dict.fromkeys(found)) if len(found) >= MIN_DEPARTMENT_SIGNS else ""


def _text(doc: Document) -> str:
    return "\n".join(
        getattr(b, "text", "") or getattr(b, "title", "") + getattr(b, "body", "")
        for d in doc.all_documents()
        for b in d.blocks
    )


def _found(doc: Document) -> Sender | None:
    v = _vocabulary()
    titles = [d.title.replace("\n", "").strip() for d in doc.all_documents() if d.title]
    for title in titles:
        for pattern in v["titles"]:
            match = pattern.search(title)
            found = match and _organ(match.group("who"))
            if found:
                return _sender(*found, "标题", match.group("who"))
    signatures = [s for d in doc.all_documents() for s in d.signatures]
    for signature in reversed(signatures):
        found = _organ(signature)
        if found:
            return _sender(*found, "落款", signature)
    for d in doc.all_documents():
        first = next((b for b in d.blocks[:3] if type(b) is Paragraph), None)
        for pattern in ("opening", "report_as"):
            match = v[pattern].search(first.text) if first else None
            found = match and _organ(match.group("who"))
            if found and match:  # found implies match; says so to the checker
                return _sender(*found, "开头", match.group("who"))
    return _ours(doc)


def _ours(doc: Document) -> Sender | None:
    """「我县」「本区」 in the opening: the place of that level the text names most."""
    v = _vocabulary()
    body = next((d for d in doc.all_documents() if d.blocks), doc)
    first = next((b for b in body.blocks[:3] if type(b) is Paragraph), None)
    match = first and _OURS.search(first.text)
    if not match:
        return None
    suffix = match.group(1)
    counts: dict[str, int] = {}
    # a place named in passing: the two characters before the ending (most 县/区 names have two)
    pattern = lazy(rf"[{HAN}]{{2}}{suffix}(?![级域城直属内外委政])")
    for block in body.blocks:
        text = getattr(block, "text", "") or getattr(block, "title", "") + getattr(block, "body", "")
        for place in pattern.findall(text):
            if not any(c in "我本全各该此每分省市县区镇乡" for c in place[:2]) and not v["not_place"].search(place):
                counts[place] = counts.get(place, 0) + 1
    if not counts:
        return None
    return _sender(max(counts, key=counts.__getitem__), False, f"正文（开头写「{match.group(0)}」）")


def _sender(full: str, department: bool, where: str, written: str = "") -> Sender:
    """The Sender of a body found `where`; `written` as the draft has it (default: `full`), a
    government office's name read as its government's (a plan's notice is the office's)."""
    written = _OFFICE.sub(r"\1", written.strip(" \u3000\n，,、") or full)
    written = _JOINT.sub(r"\1、", written, count=1)  # 「中共抚州市委抚州市人民政府」: two issuers
    return _named(full, department, where)._replace(written=written)


def _named(full: str, department: bool, where: str) -> Sender:
    if department:
        place = place_of(full)
        units = _units(place) if place else []
        suffix = (
            level_of(units[-1]) and next(s for s, _ in _vocabulary()["levels"] if units[-1].endswith(s))
            if units
            else ""
        )
        tail = full[len(place) :]
        name = (suffix + tail) if len(place) > 2 and suffix and tail else full  # 「市市场监管局」 is short already
        return Sender(full, name, "department", True, where)
    units = _units(full)
    name = units[-1] if units else full
    level = level_of(name) or _LEVEL_OF_FIRST.get(full[:1], "county")
    return Sender(full, name, level, False, where)
