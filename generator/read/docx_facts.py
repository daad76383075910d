"""The layout facts checks read from a .docx: page size, margins, page field, odd/even
headers, and the fonts and sizes of the body, the title and the headings."""

from __future__ import annotations

from typing import Any
from collections.abc import Callable

from generator.lexicon import lazy
from generator.read.docx_body import Body, paragraph_starts
from generator.read.docx_package import FALSE, Package, to_int
from generator.read.docx_paragraphs import alignment, direct_ppr, first_line_chars
from generator.read.docx_styles import Styles
from generator.read.lines import Line
from generator.read.xml_text import attr, content, elements, qualified, start_tag
from generator.tree import Document, Heading, Paragraph

_PAGE_FIELD = lazy(rb'(?:instr\s*=\s*["\']\s*PAGE\b|instrText[^>]*>\s*PAGE\b)')
_EVEN_ODD = lazy(rb'<(?:\w+:)?evenAndOddHeaders\b(?:[^>]*?val\s*=\s*["\'](\w+)["\'])?[^>]*>')
_MAX_PART_FACTS = 256
_PART_FACTS: dict[tuple, Any] = {}


def empty_facts() -> dict:
    """The facts of a .docx nothing could be learnt from."""
    return {
        "page_width": None,
        "page_height": None,
        "margins": None,
        "has_page_field": False,
        "odd_even": None,
        "body_font": None,
        "body_size": None,
        "title_font": None,
        "title_size": None,
        "heading_fonts": {},
        "heading_indents": {},
        "heading_aligns": {},
    }


def facts(doc: Document, lines: list[Line], package: Package, styles: Styles, body: Body) -> dict:
    """Layout facts for the checks; anything missing is None.

    page_width, page_height and margins {top, bottom, left, right} in twips from the last
    w:sectPr; has_page_field: a PAGE field in a footer part (fldSimple or instrText);
    odd_even: settings evenAndOddHeaders; body_font / body_size: the default paragraph
    style's (Normal) East-Asian font and size in half-points, resolving docDefaults (and
    theme fonts); title_font / title_size: the title paragraph's first run (direct
    formatting, else its character style, paragraph style, docDefaults); heading_fonts:
    {level: East-Asian font} of the first heading of each level set in a heading style
    or a fazhi run-in style ({} when none is).
    """
    result = empty_facts()
    if body.sect:  # a template's sectPr recurs across its drafts
        width, height, margins = styles.remembered(
            ("page", body.sect, body.prefix), _page_facts, body.sect, body.prefix
        )
        result["page_width"], result["page_height"] = width, height
        result["margins"] = dict(margins) if margins is not None else None
    footers = [n for n in package.names if n.startswith("word/footer") and n.endswith(".xml")]
    result["has_page_field"] = any(_part_fact(package, n, _page_field) for n in footers)
    if "word/settings.xml" in package.infos:
        result["odd_even"] = _part_fact(package, "word/settings.xml", _odd_even)
    result.update(_font_facts(doc, {ln.line: ln for ln in lines}, styles, body))
    return result


def _page_facts(sect: str, prefix: str) -> tuple[int | None, int | None, tuple | None]:
    """page_width, page_height and margins (as (side, twips) pairs), those the last w:sectPr gives."""
    width = height = margins = None
    size = start_tag(sect, "pgSz", prefix)
    if size is not None:
        width, height = to_int(attr(size, "w", prefix)), to_int(attr(size, "h", prefix))
    margin = start_tag(sect, "pgMar", prefix)
    if margin is not None:
        margins = tuple((side, to_int(attr(margin, side, prefix))) for side in ("top", "bottom", "left", "right"))
    return width, height, margins


def _font_facts(doc: Document, by_line: dict[int, Line], styles: Styles, body: Body) -> dict:
    """body_font, body_size, title_font, title_size (if there is a title) and heading_fonts."""
    runs = _FirstRuns(body)
    prefix = body.prefix
    normal = styles.normal()
    out: dict = dict(zip(("body_font", "body_size"), styles.run_props(None, prefix, normal)))
    out.update(_body_runs(doc, by_line, styles, runs, prefix, normal))
    title_line = by_line.get(doc.title_line) if doc.title_line else None
    if title_line is not None:
        props = styles.run_props(runs.rpr(title_line.line), prefix, title_line.style or normal)
        out["title_font"], out["title_size"] = props
    out.update(_heading_facts(doc, by_line, styles, runs, prefix, normal))
    return out


def _heading_facts(
    doc: Document, by_line: dict[int, Line], styles: Styles, runs: _FirstRuns, prefix: str, normal: str
) -> dict:
    """heading_fonts, heading_indents (first line, in characters) and heading_aligns (w:jc) of the
    first standalone heading of each level, as Word applies them. Fonts also for run-in headings and
    headings in a heading style; indents and alignment only where the XML is at hand (fast path)."""
    fonts: dict[int, str | int | None] = {}
    indents: dict[int, float | None] = {}
    aligns: dict[int, str | None] = {}
    for part in doc.all_documents():
        for heading in part.blocks:
            if type(heading) is not Heading or heading.level in fonts:
                continue
            line = by_line.get(heading.line)
            if line is None:
                continue
            style = line.style or normal
            fonts[heading.level], size = styles.run_props(runs.rpr(line.line), prefix, style)
            ppr = runs.ppr(line.line) if not heading.runin else None
            if ppr is not None:
                indents[heading.level], aligns[heading.level] = styles.remembered(
                    ("heading ppr", ppr, prefix, style, size), _ppr_facts, styles, ppr, prefix, style, size
                )
    return {
        "heading_fonts": dict(sorted(fonts.items())),
        "heading_indents": dict(sorted(indents.items())),
        "heading_aligns": dict(sorted(aligns.items())),
    }


def _ppr_facts(styles: Styles, ppr: str, prefix: str, style: str, size: Any) -> tuple[float | None, str | None]:
    """(first-line indent in characters, alignment) of a paragraph with this pPr, style and font size."""
    assert not isinstance(size, str)  # a "size" is half-points: an int or None
    return first_line_chars(styles, ppr, prefix, style, size), alignment(styles, ppr, prefix, style)


MAX_BODY_SAMPLE = 60  # body paragraphs whose runs say what the body font is


def _body_runs(
    doc: Document, by_line: dict[int, Line], styles: Styles, runs: _FirstRuns, prefix: str, normal: str
) -> dict:
    """body_font / body_size as Word shows the body's text: each body paragraph's first run resolved
    (run → character style → paragraph style → docDefaults → theme), the most text winning.

    Clerks set fonts run by run and leave Normal at Word's 宋体 11 pt: the style alone would
    misreport every such draft. {} when no body paragraph is found (the style then stands)."""
    fonts: dict = {}
    sizes: dict = {}
    seen = 0
    for part in doc.all_documents():
        for block in part.blocks:
            if type(block) is not Paragraph or seen >= MAX_BODY_SAMPLE:
                continue
            line = by_line.get(block.line)
            if line is None:
                continue
            seen += 1
            font, size = styles.run_props(runs.rpr(line.line), prefix, line.style or normal)
            weight = len(block.text)
            if font is not None:
                fonts[font] = fonts.get(font, 0) + weight
            if size is not None:
                sizes[size] = sizes.get(size, 0) + weight
    out = {}
    if fonts:
        out["body_font"] = max(fonts, key=fonts.__getitem__)
    if sizes:
        out["body_size"] = max(sizes, key=sizes.__getitem__)
    return out


def _inner(element: str) -> str:
    """The content of an element's XML text (the lxml path keeps whole w:pPr elements)."""
    start, end = element.find(">"), element.rfind("</")
    return element[start + 1 : end] if 0 <= start < end else ""


class _FirstRuns:
    """A paragraph's pPr and the rPr of its first run holding text, by paragraph number."""

    def __init__(self, body: Body):
        self.body = body
        self._starts: list[int] = list(body.starts)  # offsets of the w:p start tags found so far
        prefix = body.prefix
        self._p_close = f"</{qualified(prefix, 'p')}>"
        self._t_open = "<" + qualified(prefix, "t")
        self._r_close = len(f"</{qualified(prefix, 'r')}>")

    def _span(self, number: int) -> tuple[int, int] | None:
        """Where paragraph `number` starts in the body's XML and where its w:p ends (None if not found)."""
        xml = self.body.xml
        starts = paragraph_starts(xml, self.body.prefix, self._starts, number)
        if len(starts) < number:
            return None
        start = starts[number - 1]
        close = xml.find(self._p_close, start)
        return start, close if close >= 0 else len(xml)

    def ppr(self, number: int) -> str | None:
        """The paragraph's own pPr XML ("" if none); None when the body's XML is not at hand."""
        body = self.body
        if not body.xml:
            return _inner(body.pprs.get(number, "")) if body.runs or body.pprs else None
        span = self._span(number)
        return direct_ppr(body.xml, span[0], body.prefix, span[1]) if span else None

    def rpr(self, number: int) -> str | None:
        """The rPr content of the run (None if it has none, or there is no such run)."""
        body = self.body
        if number in body.runs:
            return content(body.runs[number], "rPr", body.prefix)
        span = self._span(number) if body.xml else None
        if span is None:
            return None
        xml, prefix = body.xml, body.prefix
        for at, inner, end in elements(xml, "r", prefix, span[0], span[1]):
            if _has_start_tag(xml, self._t_open, inner, end):
                return content(xml, "rPr", prefix, at, end + self._r_close)
        return None


def _has_start_tag(xml: str, opening: str, start: int, stop: int) -> bool:
    """Does `opening` (e.g. "<w:t") occur in xml[start:stop] followed by a space or ">" (`<w:t[\\s>]`)?"""
    at = xml.find(opening, start, stop)
    while at >= 0:
        after = at + len(opening)
        if after < stop and (xml[after] == ">" or xml[after].isspace()):
            return True
        at = xml.find(opening, at + 1, stop)
    return False


def _part_fact(package: Package, name: str, function: Callable[[bytes], Any]) -> Any:
    """function(part bytes), remembered by the part's CRC and size."""
    info = package.infos[name]
    key = (function.__name__, info.CRC, info.file_size)
    if key not in _PART_FACTS:
        if len(_PART_FACTS) >= _MAX_PART_FACTS:
            _PART_FACTS.pop(next(iter(_PART_FACTS)))
        _PART_FACTS[key] = function(package.read(name) or b"")
    return _PART_FACTS[key]


def _page_field(data: bytes) -> bool:
    return bool(_PAGE_FIELD.search(data))


def _odd_even(data: bytes) -> bool:
    match = _EVEN_ODD.search(data)
    return match is not None and (match.group(1) or b"1").decode().lower() not in FALSE
