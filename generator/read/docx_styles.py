"""styles.xml (and the theme) for the reader: style XML by id, role hints, run properties.

styles.xml is kept as text and single styles are cut out of it when asked for: a draft uses
a handful of its styles. What is derived from it is shared between packages whose styles and
theme parts have the same CRC and size, so drafts made from one template read them once.
"""

from __future__ import annotations

import re
from typing import Any
from collections.abc import Callable, Iterator

from generator.lexicon import lazy
from generator.ooxml.vocab import ROLE_OF_STYLE
from generator.read.docx_package import Package, namespace_prefix, q, to_int
from generator.read.xml_text import attr, attr_values, content, qualified, tag_attr

_HEADING_NAME = lazy(r"^(?:heading|标题)\s*([1-4])$")
_MAX_SHEETS = 32
_MAX_VALUES = 4096  # answers kept per sheet (runs' rPr vary from draft to draft)
_THEME_FONT = {kind: lazy(rf"<(?:\w+:)?{kind}Font>(.*?)</(?:\w+:)?{kind}Font>", re.S) for kind in ("major", "minor")}
_HANS_FACE = lazy(r'<(?:\w+:)?font\s+script="Hans"\s+typeface="([^"]+)"')
_EA_FACE = lazy(r'<(?:\w+:)?ea\s+typeface="([^"]*)"')


class _Sheet:
    """What one styles.xml and theme give; shared by the packages that have them."""

    __slots__ = ("xml", "prefix", "default_pstyle", "default_rpr", "styles", "hints", "values")

    def __init__(self) -> None:
        self.xml = ""
        self.prefix = ""
        self.default_pstyle = ""
        self.default_rpr: str | None = None
        self.styles: dict[str, str | None] = {}  # style id → inner XML
        self.hints: dict[str, tuple[str, int]] = {}
        self.values: dict[Any, Any] = {}  # (style id, what) → value; "theme"


_SHEETS: dict[tuple, _Sheet] = {}


class Styles:
    """A package's styles, loaded on first need."""

    def __init__(self, package: Package):
        self.package = package
        # Before styles.xml is loaded, fazhi's own style ids are answered without it; the hints
        # found so far are kept here and merged into the shared sheet on load.
        self._sheet = _Sheet()
        self._loaded = False

    def hint(self, style_id: str) -> tuple[str, int]:
        """(role, heading level) from fazhi's style ids, Word's heading/title names or outline levels."""
        hint = self._sheet.hints.get(style_id)
        if hint is not None:
            return hint
        hint = ROLE_OF_STYLE.get(style_id)
        if hint is None:
            hint = ("", 0)
            self._load()  # styles.xml's own namespace prefix is needed
            prefix = self._sheet.prefix
            for inner in self.chain(style_id):
                name = (tag_attr(inner, "name", "val", prefix) or "").strip().lower()
                heading = _HEADING_NAME.match(name)
                if heading:
                    hint = ("heading", int(heading.group(1)))
                    break
                if name in ("title", "标题"):
                    hint = ("title", 0)
                    break
                outline = tag_attr(inner, "outlineLvl", "val", prefix)
                if outline and outline.isdigit() and int(outline) < 4:
                    hint = ("heading", int(outline) + 1)
                    break
        self._sheet.hints[style_id] = hint
        return hint

    def normal(self) -> str:
        """The default paragraph style's id ("Normal" if none is marked default and it exists)."""
        self._load()
        return self._sheet.default_pstyle or ("Normal" if self.style("Normal") is not None else "")

    def style(self, style_id: str) -> str | None:
        """The inner XML of one w:style, by id."""
        if style_id in self._sheet.styles:
            return self._sheet.styles[style_id]
        self._load()
        sheet = self._sheet
        text, w = sheet.xml, q(sheet.prefix)
        inner = None
        for quote in "\"'":
            pos = text.find(f"{w}styleId={quote}{style_id}{quote}")
            if pos >= 0:
                start = text.find(">", pos) + 1
                end = text.find(f"</{w}style>", start)
                if start > 0 and end > 0:
                    inner = text[start:end]
                break
        sheet.styles[style_id] = inner
        return inner

    def prefix(self) -> str:
        """The namespace prefix styles.xml uses."""
        self._load()
        return self._sheet.prefix

    def xml(self) -> str:
        """styles.xml as text ("" when the package has none)."""
        self._load()
        return self._sheet.xml

    def chain(self, style_id: str) -> Iterator[str]:
        """A style's XML, then its basedOn ancestors'."""
        seen = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            inner = self.style(style_id)
            if inner is None:
                return
            yield inner
            style_id = tag_attr(inner, "basedOn", "val", self._sheet.prefix) or ""

    def ppr_chain(self, style_id: str) -> tuple[str, ...]:
        """The pPr XML of a paragraph style, of its basedOn ancestors, then pPrDefault's (those present)."""
        self._load()
        key = (style_id, "ppr chain")
        values = self._sheet.values
        if key not in values:
            prefix = self._sheet.prefix
            found = [content(inner, "pPr", prefix) for inner in self.chain(style_id)] if style_id else []
            found.append(content(self._sheet.xml, "pPrDefault", prefix))
            values[key] = tuple(block for block in found if block is not None)
        return values[key]

    def numpr(self, style_id: str) -> tuple[str, str] | None:
        """(numId, ilvl) of a style-linked list: the style's numPr, else its basedOn ancestors'."""
        key = (style_id, "numpr")
        values = self._sheet.values
        if key in values:
            return values[key]
        self._load()
        found = None
        prefix = self._sheet.prefix
        for inner in self.chain(style_id):
            block = content(inner, "numPr", prefix)
            if block is not None:
                num_id, ilvl = tag_attr(block, "numId", "val", prefix), tag_attr(block, "ilvl", "val", prefix)
                if num_id is not None:
                    found = (num_id, "0" if ilvl is None else ilvl)
                    break
        values[key] = found
        return found

    def remembered(self, key: tuple, compute: Callable[..., Any], *args: Any) -> Any:
        """compute(*args), kept in the shared sheet under `key` (a template's XML recurs across its drafts)."""
        self._load()
        values = self._sheet.values
        if key in values:
            return values[key]
        value = compute(*args)
        if len(values) < _MAX_VALUES:
            values[key] = value
        return value

    def run_props(self, rpr: str | None, run_prefix: str, pstyle: str) -> tuple[Any, Any]:
        """A run's East-Asian font and size (half-points) from its rPr: direct, character style,
        paragraph style, defaults. Kept per (rPr, prefix, paragraph style): the answer depends on them alone."""
        return self.remembered(("props", rpr, run_prefix, pstyle), self._run_props, rpr, run_prefix, pstyle)

    def _run_props(self, rpr: str | None, run_prefix: str, pstyle: str) -> tuple[Any, Any]:
        return self._prop(rpr, run_prefix, pstyle, "font"), self._prop(rpr, run_prefix, pstyle, "size")

    def _prop(self, rpr: str | None, run_prefix: str, pstyle: str, what: str) -> str | int | None:
        if rpr is not None:
            value = self._rpr_value(rpr, what, run_prefix)
            if value is not None:
                return value
            rstyle = tag_attr(rpr, "rStyle", "val", run_prefix)
            if rstyle is not None:
                value = self._style_value(rstyle, what)
                if value is not None:
                    return value
        value = self._style_value(pstyle, what) if pstyle else None
        if value is None and self._sheet.default_rpr is not None:
            value = self._rpr_value(self._sheet.default_rpr, what, self._sheet.prefix)
        return value

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        infos = self.package.infos
        key = tuple(
            (info.CRC, info.file_size) if info else None
            for info in (infos.get("word/styles.xml"), infos.get(self.package.theme_name()))
        )
        shared = _SHEETS.get(key)
        if shared is None:
            shared = _parse_sheet(self.package)
            if len(_SHEETS) >= _MAX_SHEETS:
                _SHEETS.pop(next(iter(_SHEETS)))
            _SHEETS[key] = shared
        shared.hints.update(self._sheet.hints)
        self._sheet = shared

    def _style_value(self, style_id: str, what: str):
        values = self._sheet.values
        key = (style_id, what)
        if key not in values:
            values[key] = self._style_value_uncached(style_id, what)
        return values[key]

    def _style_value_uncached(self, style_id: str, what: str):
        for inner in self.chain(style_id):
            rpr = content(inner, "rPr", self._sheet.prefix)
            if rpr is not None:
                value = self._rpr_value(rpr, what, self._sheet.prefix)
                if value is not None:
                    return value
        return None

    def _rpr_value(self, rpr: str, what: str, prefix: str) -> str | int | None:
        if what == "size":
            return to_int(tag_attr(rpr, "sz", "val", prefix))
        theme = tag_attr(rpr, "rFonts", "eastAsiaTheme", prefix, space=False)  # Word prefers the theme font
        if theme is not None:
            values = self._sheet.values
            if "theme" not in values:
                values["theme"] = _theme_fonts(self.package)
            found = values["theme"].get(theme)
            if found:
                return found
        return tag_attr(rpr, "rFonts", "eastAsia", prefix, space=False) or None


def _parse_sheet(package: Package) -> _Sheet:
    sheet = _Sheet()
    data = package.read("word/styles.xml")
    if not data:
        return sheet
    text = sheet.xml = data.decode("utf-8", "replace")
    sheet.prefix = prefix = namespace_prefix(text, 4096) or ""
    sheet.default_pstyle = _default_pstyle(text, prefix)
    default = content(text, "rPrDefault", prefix)
    if default is not None:
        sheet.default_rpr = content(default, "rPr", prefix)
    return sheet


def _default_pstyle(text: str, prefix: str) -> str:
    """The styleId of the first w:style with type paragraph and default 1/true/on ("" if none): the
    start tag `<w:style\\b(?=[^>]*w:type\\s*=\\s*["']paragraph)(?=[^>]*w:default\\s*=\\s*["'](?:1|true|on))[^>]*>`."""
    opening = "<" + qualified(prefix, "style")
    at = text.find(opening)
    while at >= 0:
        after = at + len(opening)
        stop = text.find(">", after)
        if after < len(text) and not text[after].isalnum() and text[after] != "_" and stop >= 0:
            types = attr_values(text, "type", prefix, after, stop)
            defaults = attr_values(text, "default", prefix, after, stop)
            if any(t.startswith("paragraph") for t in types) and any(
                d.startswith(("1", "true", "on")) for d in defaults
            ):
                return attr(text[at : stop + 1], "styleId", prefix) or ""
        at = text.find(opening, at + 1)
    return ""


def _theme_fonts(package: Package) -> dict[str, str]:
    """minorEastAsia / majorEastAsia → typeface (the Hans script font, else a:ea)."""
    name = package.theme_name()
    data = package.read(name) if name else None
    fonts: dict[str, str] = {}
    if not data:
        return fonts
    text = data.decode("utf-8", "replace")
    for kind in ("major", "minor"):
        block = _THEME_FONT[kind].search(text)
        if not block:
            continue
        hans = _HANS_FACE.search(block.group(1))
        ea = _EA_FACE.search(block.group(1))
        face = (hans.group(1) if hans else "") or (ea.group(1) if ea else "")
        if face:
            fonts[f"{kind}EastAsia"] = face
    return fonts
