"""Word's automatic numbering (numbering.xml) as the text Word shows before a paragraph.

A clerk's heading 「一、依法全面履行政府职能」 is often typed as 「依法全面履行政府职能」 with a
w:numPr whose list level draws 「一、」 (numFmt chineseCounting, lvlText 「%1、」). The reader puts
the label Word would show in front of the text, so headings are recognised from their numbers.

As Word counts: one counter set per abstract list; a w:num with a start override (lvlOverride/
startOverride) restarts its levels where it is first used; numbering a level restarts the deeper
ones (unless their lvlRestart says otherwise); w:numId 0 switches numbering off; a paragraph style
may carry the numPr (style-linked lists); bullets and 「none」 levels give no label.
"""

from __future__ import annotations

from typing import overload

from generator.lexicon.numbers import cn_numeral
from generator.ooxml.vocab import W_NS

_Q = f"{{{W_NS}}}"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_HEAVENLY = "甲乙丙丁戊己庚辛壬癸"
_LEGAL = str.maketrans("一二三四五六七八九十百千", "壹贰叁肆伍陆柒捌玖拾佰仟")
_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


class _Level:
    """One w:lvl: how its counter starts, is written and restarts."""

    __slots__ = ("start", "fmt", "text", "restart", "legal")

    def __init__(
        self, start: int = 1, fmt: str = "decimal", text: str = "", restart: int | None = None, legal: bool = False
    ) -> None:
        self.start = start
        self.fmt = fmt
        self.text = text
        self.restart = restart  # lvlRestart: restarted after this (1-based) level; 0 never
        self.legal = legal  # isLgl: the levels it shows in Arabic digits


class _Num:
    """One w:num: its abstract numbering and what it overrides."""

    __slots__ = ("abstract", "starts", "levels")

    def __init__(self, abstract: str) -> None:
        self.abstract = abstract
        self.starts: dict[int, int] = {}  # startOverride by level
        self.levels: dict[int, _Level] = {}  # whole w:lvl overrides


def format_number(value: int, fmt: str) -> str:
    """A counter value in a w:numFmt, as Word writes it (decimal for formats not listed)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting"):
        return cn_numeral(value) if value > 0 else "〇"
    if fmt == "chineseLegalSimplified":
        return cn_numeral(value).translate(_LEGAL) if value > 0 else "零"
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(value))
    if fmt == "ideographTraditional" and 1 <= value <= 10:
        return _HEAVENLY[value - 1]
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _CIRCLED[value - 1] if 1 <= value <= 20 else str(value)
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return str(value).translate(_FULLWIDTH)
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt in ("lowerLetter", "upperLetter") and value > 0:
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman") and 0 < value < 4000:
        out, rest = "", value
        for size, name in _ROMAN:
            while rest >= size:
                out, rest = out + name, rest - size
        return out.upper() if fmt == "upperRoman" else out
    return str(value)


def _val(element, name: str) -> str | None:
    child = element.find(_Q + name)
    return None if child is None else child.get(_Q + "val")


@overload
def _int(value: str | None, default: int) -> int: ...
@overload
def _int(value: str | None, default: None) -> int | None: ...


def _int(value: str | None, default: int | None) -> int | None:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _level(lvl) -> _Level:
    restart = _int(_val(lvl, "lvlRestart"), None)
    legal = lvl.find(_Q + "isLgl")
    return _Level(
        _int(_val(lvl, "start"), 1),
        _val(lvl, "numFmt") or "decimal",
        _val(lvl, "lvlText") or "",
        restart,
        legal is not None and legal.get(_Q + "val", "1") not in ("0", "false", "off"),
    )


class Numbering:
    """The lists of one package, and the counters of one reading of its body (document order)."""

    def __init__(self, read=None, style_numpr=None) -> None:
        self.abstracts: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, _Num] = {}
        self._read = read  # () → numbering.xml's bytes or None; called on first need
        self.style_numpr = style_numpr  # style id → (numId, ilvl) or None, from the styles
        self.reset()

    @classmethod
    def of(cls, package, styles) -> Numbering:
        """A package's numbering, numbering.xml parsed only when a paragraph is numbered."""
        return cls(lambda: package.read("word/numbering.xml"), styles.numpr)

    def reset(self) -> None:
        """Counters back to the start (a second reading of the same body)."""
        self.counts: dict[str, dict[int, int]] = {}
        self.used: set[str] = set()

    def _parse(self, xml: bytes | None) -> None:
        if not xml:
            return
        from lxml import etree

        try:
            root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
        except etree.XMLSyntaxError:
            return  # numbering that cannot be read is no numbering: the text is still there
        for abstract in root.iter(_Q + "abstractNum"):
            levels = {_int(lvl.get(_Q + "ilvl"), 0): _level(lvl) for lvl in abstract.iter(_Q + "lvl")}
            self.abstracts[abstract.get(_Q + "abstractNumId", "")] = levels
        for num in root.iter(_Q + "num"):
            entry = _Num(_val(num, "abstractNumId") or "")
            for override in num.iter(_Q + "lvlOverride"):
                ilvl = _int(override.get(_Q + "ilvl"), 0)
                start = _val(override, "startOverride")
                if start is not None:
                    entry.starts[ilvl] = _int(start, 1)
                lvl = override.find(_Q + "lvl")
                if lvl is not None:
                    entry.levels[ilvl] = _level(lvl)
            self.nums[num.get(_Q + "numId", "")] = entry

    def label(self, num_id: str, ilvl: str, style: str = "") -> str:
        """The label Word shows before this paragraph ("" if none), counting it."""
        if not num_id and style and self.style_numpr is not None:
            linked = self.style_numpr(style)
            if linked:
                num_id, ilvl = linked[0], ilvl or linked[1]
        if not num_id or num_id == "0":
            return ""
        if self._read is not None:
            read, self._read = self._read, None
            self._parse(read())
        num = self.nums.get(num_id)
        if num is None:
            return ""
        level_no = _int(ilvl, 0) or 0
        levels = {**self.abstracts.get(num.abstract, {}), **num.levels}
        level = levels.get(level_no)
        if level is None:
            return ""
        counts = self.counts.setdefault(num.abstract, {})
        if num_id not in self.used:
            self.used.add(num_id)
            for ilvl_no, start in num.starts.items():
                counts[ilvl_no] = start - 1
        counts[level_no] = counts.get(level_no, level.start - 1) + 1
        for deeper, deep in levels.items():
            if deeper > level_no and (deep.restart is None or (deep.restart and deep.restart > level_no)):
                counts.pop(deeper, None)
        if level.fmt in ("bullet", "none"):
            return ""
        return _render(level, levels, counts)


def _render(level: _Level, levels: dict[int, _Level], counts: dict[int, int]) -> str:
    """lvlText with each %n replaced by level n-1's counter in its format."""
    out, text, i = [], level.text, 0
    while i < len(text):
        char = text[i]
        if char == "%" and i + 1 < len(text) and text[i + 1].isdigit():
            n = int(text[i + 1]) - 1
            other = levels.get(n, _Level())
            value = counts.get(n, other.start)
            out.append(str(value) if level.legal else format_number(value, other.fmt))
            i += 2
            continue
        out.append(char)
        i += 1
    return "".join(out)
