"""`--figures`: number-with-unit phrases of the body texts lifted into named `figures`.

「新增政务服务事项50项」 becomes 「新增政务服务事项{{ figures.新增政务服务事项 }}项」 with
figures.新增政务服务事项 = {value: 50, unit: 项, label: 新增政务服务事项}. The unit stays in the
text (as in the examples); names come from the label — the words before the number, Chinese
noun phrases end in the thing counted, so the last characters are kept — and a clash gets _2, _3
in order of appearance, so importing the same draft twice gives the same names.
"""

from __future__ import annotations

import re

from generator.lexicon import lazy, numbers
from generator.lexicon.chars import DIGITS
from generator.importer.head import Context

# What a figure is counted or measured in (the lexicon's units, longest first).
UNITS = numbers.COUNTS + numbers.MONEY + numbers.MEASURES + numbers.PERCENT
MAX_NAME = 16
_FIGURE = lazy(
    rf"(?<![{DIGITS}.])(?P<value>{numbers.NUMBER}(?:(?:万|亿)(?!元))?)(?P<about>余|多)?"
    rf"(?P<unit>{numbers.alternation(UNITS)})"
)
_BOUNDARY = lazy(r"[，。；：、！？（）“”《》\s]")
_CONNECTORS = lazy(r"(?:共计|共|累计|合计|全年|达到|达|为|约|超过|近|逾|了|的|有|计)+$")
_LEADING = lazy(r"^(?:今年以来|今年来|今年|全年|年内|其中|共计|累计|共|已)+")
# Body texts only: titles, headings, names and dates are not figures.
_TEXT_KEYS = {"opening", "text", "points", "numbered", "causes", "closing", "body"}


def lift(ctx: Context, data: dict) -> None:
    """Lift figures in every body text of `data`, in document order; adds data["figures"]."""
    figures: dict[str, dict] = {}
    _walk(data, figures)
    if figures:
        rebuilt = {}
        for key, value in data.items():
            rebuilt[key] = value
            if key == "title" or (key == "year" and "title" not in data):
                rebuilt["figures"] = figures
        rebuilt.setdefault("figures", figures)
        data.clear()
        data.update(rebuilt)
        ctx.comments.note(("figures",), f"由 --figures 从正文中提取（{len(figures)} 个），名称取自数字前的文字")
        ctx.guesses.append(f"正文中的 {len(figures)} 个数字写成了具名数字 figures")


def _walk(value, figures: dict, text: bool = False):
    if isinstance(value, dict):
        for key, item in value.items():
            value[key] = _walk(item, figures, key in _TEXT_KEYS or (text and key not in ("title", "heading")))
        return value
    if isinstance(value, list):
        value[:] = [_walk(item, figures, text) for item in value]
        return value
    if isinstance(value, str) and text and "{{" not in value:
        return _FIGURE.sub(lambda m: _replace(m, value, figures), value)
    return value


def _replace(match: re.Match, text: str, figures: dict) -> str:
    if _is_date_or_article(match, text):
        return match.group()
    label = _label(text, match)
    name = _name(label, figures)
    figures[name] = {"value": numbers.plain_number(match.group("value")), "unit": match.group("unit"), "label": label}
    return f"{{{{ figures.{name} }}}}{match.group('about') or ''}{match.group('unit')}"


def _is_date_or_article(match: re.Match, text: str) -> bool:
    """「2022年」「第3次」「1号」 are not counts."""
    before = text[: match.start()]
    return before.endswith(("第", "〔", "[")) or text[match.end() : match.end() + 1] in "号年月日"


def _label(text: str, match: re.Match) -> str:
    """The words before the number within its clause, without 「共」「达」…; else the clause with N for it."""
    start = max((m.end() for m in _BOUNDARY.finditer(text, 0, match.start())), default=0)
    before = _LEADING.sub("", _CONNECTORS.sub("", text[start : match.start()])).strip()
    if len(before) >= 2:
        return before
    end = _BOUNDARY.search(text, match.end())
    return (
        text[start : match.start()]
        + "N"
        + text[match.end() - len(match.group("unit")) : end.start() if end else len(text)]
    ).strip()


def _name(label: str, figures: dict) -> str:
    """A Jinja-safe name from the label's last characters; _2, _3 on a clash."""
    chars = "".join(c for c in label if ("a" + c).isidentifier() and not c.isdigit() and c != "N")
    base = chars[-MAX_NAME:] or "数字"
    name, n = base, 2
    while name in figures:
        name, n = f"{base}_{n}", n + 1
    return name
