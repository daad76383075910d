"""References in spec text ({{ figures.x }}, {{ year }}, …): a grammar of our own, never Jinja.

Spec text is data. The only `{{ … }}` a clerk needs is a reference to a named figure, one of its
attributes, the year or the jurisdiction's name; anything else (filters, calls, arithmetic,
literals, `{% … %}` statements) is refused with its position in the string, so a spec can
neither run code nor exhaust memory.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, NamedTuple

from generator.lexicon import lazy
from generator.errors import close_matches

# Figure attributes a clerk may ask for; change/percent/previous are the year-over-year helpers.
FIGURE_ATTRIBUTES = ("full", "value", "unit", "label", "change", "percent", "previous")
JURISDICTION_ATTRIBUTES = ("name", "full_name")
ALLOWED = (
    "{{ figures.名称 }}、{{ figures.名称.full }}（或 value、unit、label、change、percent、previous）、"
    "{{ year }}、{{ jurisdiction.name }}、{{ jurisdiction.full_name }}"
)

_TAG = lazy(r"\{\{(.*?)\}\}|\{\{|\{%|\{#", re.S)
_IDENTIFIER = lazy(r"[^\W\d]\w*\Z")
_SHOWN = 40  # characters of a refused expression repeated in the message


class Ref(NamedTuple):
    """One reference: ("figures", name, attr), ("year", None, None) or ("jurisdiction", attr, None)."""

    root: str
    name: str | None
    attr: str | None
    start: int  # offset of its "{{" in the string
    source: str  # the whole tag as written


class RefError(Exception):
    """A refused or unresolvable reference, at an offset in the string."""

    def __init__(self, message: str, start: int, source: str):
        super().__init__(message)
        self.message, self.start, self.source = message, start, source


@dataclass(frozen=True)
class Context:
    """What references resolve against."""

    figures: dict
    year: int
    jurisdiction: Any


def parse(text: str) -> list[str | Ref]:
    """Literal pieces and references, in order; RefError for the first refused tag."""
    pieces: list[str | Ref] = []
    position = 0
    for match in _TAG.finditer(text):
        if match.start() > position:
            pieces.append(text[position : match.start()])
        pieces.append(_reference(match, text))
        position = match.end()
    if position < len(text):
        pieces.append(text[position:])
    return pieces


def _reference(match: re.Match, text: str) -> Ref:
    source, start = match.group(), match.start()
    if source == "{%":
        raise RefError(
            "文字中不能使用 {% %} 语句（循环、条件、赋值等）：文字是数据，需要时请改用自定义模板（--templates）",
            start,
            _until(text, start, "%}"),
        )
    if source == "{#":
        raise RefError("文字中不能使用 {# #} 注释；YAML 中的注释请以 # 开头写在行尾", start, _until(text, start, "#}"))
    inner = match.group(1)
    if inner is None:
        raise RefError("「{{」没有对应的「}}」；如果这里是引用，请补上「}}」", start, "{{")
    parts = [part.strip() for part in inner.split(".")]
    if all(_IDENTIFIER.match(part) for part in parts):
        return _dotted(parts, start, source)
    raise RefError(f"文字中的「{_short(source)}」不被允许（{_what(inner)}）；文字中只能写 {ALLOWED}", start, source)


def _dotted(parts: list[str], start: int, source: str) -> Ref:
    """A dotted name that is one of the allowed references; RefError saying why not otherwise."""
    root, rest = parts[0], parts[1:]
    if root == "year" and not rest:
        return Ref("year", None, None, start, source)
    if root == "jurisdiction" and len(rest) == 1:
        if rest[0] in JURISDICTION_ATTRIBUTES:
            return Ref("jurisdiction", rest[0], None, start, source)
        raise RefError(f"jurisdiction 只能引用 name（简称）或 full_name（全称），不能引用「{rest[0]}」", start, source)
    if root == "figures" and len(rest) in (1, 2):
        attr = rest[1] if len(rest) == 2 else None
        if attr is not None and attr not in FIGURE_ATTRIBUTES:
            raise RefError(
                f"数字没有「{attr}」这一项{_did_you_mean(attr, FIGURE_ATTRIBUTES)}可写：{'、'.join(FIGURE_ATTRIBUTES)}",
                start,
                source,
            )
        return Ref("figures", rest[0], attr, start, source)
    if root == "figures" and not rest:
        raise RefError("请写出数字的名称，如 {{ figures.名称 }}", start, source)
    if root == "jurisdiction" and not rest:
        raise RefError("请写 {{ jurisdiction.name }}（简称）或 {{ jurisdiction.full_name }}（全称）", start, source)
    roots = ("figures", "year", "jurisdiction")
    why = "写法不对。" if root in roots else f"「{_short(root)}」不是可引用的名称{_did_you_mean(root, roots)}"
    raise RefError(f"文字中的「{_short(source)}」不能引用：{why}文字中只能写 {ALLOWED}", start, source)


def _what(inner: str) -> str:
    """What kind of expression was written, in a clerk's words."""
    if "|" in inner:
        return "不能使用过滤器「|」"
    if "(" in inner:
        return "不能调用函数"
    if "[" in inner:
        return "不能使用下标「[ ]」"
    if re.search(r"['\"]", inner):
        return "不能写字符串"
    if re.search(r"[-+*/%<>=~]|\d", inner):
        return "不能写运算或数字"
    if not inner.strip():
        return "{{ }} 中是空的"
    return "不是可引用的名称"


def expand(text: str, context: Context) -> str:
    """The text with every reference replaced by its value; RefError for a bad one."""
    out = []
    for piece in parse(text):
        out.append(piece if isinstance(piece, str) else resolve(piece, context))
    return "".join(out)


def resolve(ref: Ref, context: Context) -> str:
    """The text one reference stands for."""
    if ref.root == "year":
        return str(context.year)
    if ref.root == "jurisdiction":
        jurisdiction = context.jurisdiction
        # a missing full name means "same as the short name" (the model's own rule)
        return (jurisdiction.full_name or jurisdiction.name) if ref.name == "full_name" else jurisdiction.name
    figure = context.figures.get(ref.name)
    if figure is None:
        raise RefError(_unknown_figure(ref.name or "", context.figures), ref.start, ref.source)
    if ref.attr is None:
        return str(figure)
    try:
        value = getattr(figure, ref.attr)
    except AttributeError:
        raise RefError(
            f"数字「{ref.name}」没有「{ref.attr}」这一项（所用版本尚不支持，或未填写）", ref.start, ref.source
        ) from None
    except (ValueError, TypeError, ArithmeticError) as exc:
        raise RefError(f"数字「{ref.name}」的「{ref.attr}」无法得出：{exc}", ref.start, ref.source) from None
    if value is None:
        raise RefError(f"数字「{ref.name}」的「{ref.attr}」没有值，请在 figures 中填写", ref.start, ref.source)
    return str(value)


def _unknown_figure(name: str, figures: dict) -> str:
    message = f"文字引用了未定义的数字「{name}」"
    close = close_matches(name, list(figures))
    if close:
        return message + f"，是否想写「{close[0]}」？"
    if figures:
        known = sorted(figures)
        more = f" 等 {len(known)} 个" if len(known) > 10 else ""
        return message + f"；已定义的数字：{'、'.join(known[:10])}{more}"
    return message + "；请在 figures 中定义它"


def _did_you_mean(word: str, choices) -> str:
    """「，是否想写「x」？」 for a close match, else a full stop: the next sentence follows either way."""
    close = close_matches(word, list(choices))
    return f"，是否想写「{close[0]}」？" if close else "。"


def _until(text: str, start: int, end: str) -> str:
    stop = text.find(end, start)
    return text[start : stop + len(end)] if stop >= 0 else text[start : start + 2]


def _short(text: str) -> str:
    return text if len(text) <= _SHOWN else text[:_SHOWN] + "…"
