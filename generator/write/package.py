"""The .docx package around the body: styles, footers, settings, properties, section properties.

python-docx builds it once per style profile (styles, section, odd/even footers, settings); the
extra footer part (empty, for the 版记 page) and the per-document parts (document.xml, core and
app properties, settings with a fresh document id) are added as strings.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import io
import re
import secrets
import zipfile
from dataclasses import dataclass

from generator.ooxml import xml as x
from generator.ooxml.layout import Fonts, Layout, load_layout
from generator.ooxml.vocab import STYLES as S

_FOOTER_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"
_FOOTER_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"
EMPTY_FOOTER = "rIdFzEmpty"  # the 版记 page and the blank page before it carry no page number (7.5)
# Landscape table pages: the page number stands where the portrait pages have it (GB/T 9704 §8).
LANDSCAPE_FOOTERS = {
    "default": ("rIdFzLandOdd", "footerFzLandOdd.xml"),
    "even": ("rIdFzLandEven", "footerFzLandEven.xml"),
}


@dataclass(frozen=True)
class StyleOptions:
    """What changes the styles part: font profile and bold level-3 headings."""

    fonts: str = "gb2312"
    heading3_bold: bool = False
    layout_path: str | None = None


@dataclass(frozen=True)
class Base:
    zip_bytes: bytes  # every part except document.xml, settings.xml and core.xml
    document_head: str  # <w:document …><w:body>
    settings: str  # word/settings.xml with a {doc_id} placeholder
    footers: dict  # the body's footer references: type -> relationship id


def sections(base: Base, layout: Layout) -> dict[str, str]:
    """Section properties by use: body (portrait), landscape (a wide attachment), imprint (版记)."""
    size = (layout.page["width"], layout.page["height"])
    m = layout.margins
    # A landscape page is the portrait page turned: its top is the portrait left edge (订口).
    turned = dict(m, top=m["left"], right=m["top"], bottom=m["right"], left=m["bottom"])
    empty = {"default": EMPTY_FOOTER, "even": EMPTY_FOOTER}
    landscape = {kind: rid for kind, (rid, _) in LANDSCAPE_FOOTERS.items()}
    return {
        "body": x.sect_pr(base.footers, size, m, layout.line_pitch),
        "landscape": x.sect_pr(landscape, size[::-1], turned, layout.line_pitch),
        # No line grid on the 版记 page: the spacer's exact height must not be rounded to grid lines.
        "imprint": x.sect_pr(empty, size, m, None, start="evenPage"),
    }


def assemble(base: Base, document_xml: str, title: str, author: str) -> bytes:
    """The whole package: the base parts and this document's own."""
    now = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    buffer = io.BytesIO(base.zip_bytes)
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        package.writestr("word/document.xml", document_xml)
        # small parts are stored, not deflated: compressing them costs more time than it saves bytes
        package.writestr(
            "word/settings.xml", base.settings.replace("{doc_id}", f"{secrets.randbits(31):08X}"), zipfile.ZIP_STORED
        )
        package.writestr("docProps/core.xml", x.core_properties(title, author, now), zipfile.ZIP_STORED)
    return buffer.getvalue()


@functools.lru_cache(maxsize=8)
def base_package(options: StyleOptions) -> Base:
    """The package of a style profile: from the user's cache, else built with python-docx."""
    from generator.write.base import cached

    parts = cached(
        options.fonts,
        options.heading3_bold,
        options.layout_path,
        lambda: dataclasses.astuple(_build_base_package(options)),
    )
    return Base(*parts)


def _build_base_package(options: StyleOptions) -> Base:
    """Build the package with python-docx."""
    import docx
    from docx.oxml import parse_xml
    from docx.shared import Twips

    from generator.write import styles as _styles

    layout = load_layout(options.layout_path)
    fonts = layout.fonts(options.fonts)
    document = docx.Document()
    _drop_extra_parts(document)
    styles_xml = _styles.styles_xml(layout, fonts, options.heading3_bold).encode("utf-8")
    document.part._styles_part._element = parse_xml(styles_xml)
    section = document.sections[0]
    section.page_width, section.page_height = Twips(layout.page["width"]), Twips(layout.page["height"])
    document.settings.odd_and_even_pages_header_footer = True
    _set_footer(section.footer, "right", layout)
    _set_footer(section.even_page_footer, "left", layout)
    _tune_settings(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return _split_package(buffer.getvalue(), fonts, layout)


def _drop_extra_parts(document) -> None:
    """Remove parts of python-docx's default template that a report does not use."""
    drop = ("stylesWithEffects", "theme", "customXml", "numbering", "webSettings")
    part = document.part
    for rel_id, rel in list(part.rels.items()):
        if any(name in rel.reltype for name in drop):
            part.drop_rel(rel_id)
    package_rels = document.part.package.rels
    for rel_id, rel in list(package_rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            package_rels.pop(rel_id)


def _set_footer(footer, side: str, layout: Layout) -> None:
    """A footer holding 「— N —」, one character in from its side."""
    from docx.oxml import parse_xml

    footer.is_linked_to_previous = False
    element = footer._element
    for child in list(element):
        element.remove(child)
    one = layout.positions["page_number_indent"] * layout.sizes["page_number"] * 10  # half-points → twips
    indent = x.ind(right=one) if side == "right" else x.ind(left=one)
    paragraph = x.para(x.page_field_runs(), S.footer, f'<w:jc w:val="{side}"/>' + indent)
    element.append(parse_xml(paragraph.replace("<w:p>", f"<w:p {x.NSDECLS}>", 1)))


def _tune_settings(document) -> None:
    """Settings: no revision ids or template link; Chinese as the East-Asian language."""
    settings = document.settings.element
    for child in list(settings):
        if child.tag.endswith("}rsids") or child.tag.endswith("}attachedTemplate"):
            settings.remove(child)
        elif child.tag.endswith("}themeFontLang"):
            child.set(f"{{{x.W_NS}}}eastAsia", "zh-CN")


def _settings_template(settings: str) -> str:
    """Word 2013+ layout (not 兼容模式) and a placeholder for a fresh document id."""
    settings = settings.replace(
        'w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="14"',
        'w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"',
    )
    return re.sub(r'<w14:docId w14:val="[0-9A-Fa-f]+"/>', '<w14:docId w14:val="{doc_id}"/>', settings)


def _landscape_footer(layout: Layout, side: str) -> str:
    """A landscape page's footer: 「— N —」 in a text box turned 90° in the left margin (the portrait
    page's foot), 7 mm outside the text block, one character from its end: odd pages at the bottom
    (the portrait right), even pages at the top (the portrait left)."""
    one = layout.positions["page_number_indent"] * layout.sizes["page_number"] * 10
    line = layout.sizes["page_number"] * 15  # the number's line, across the box
    centre = layout.margins["bottom"] - PAGE_NUMBER_BELOW_BLOCK
    indent = x.ind(right=one) if side == "right" else x.ind(left=one)
    number = x.para(
        x.page_field_runs(), S.footer, f'<w:jc w:val="{side}"/>' + indent + x.spacing(line=line, exact=True)
    )
    height = layout.page["width"] - layout.margins["left"] - layout.margins["right"]  # the turned block's height
    box = x.text_box(
        number, line, height, centre - line // 2, "top", 2 if side == "right" else 3, "页码", vertical=True, wrap=False
    )
    return x.footer_part(x.para(box, S.footer))


PAGE_NUMBER_BELOW_BLOCK = 397  # 7 mm: the page number's line centre under the text block (7.5)


def _split_package(data: bytes, fonts: Fonts, layout: Layout) -> Base:
    """Cut the saved package into a reusable zip and the document.xml envelope; add the extra footers."""
    source = zipfile.ZipFile(io.BytesIO(data))
    document_xml = source.read("word/document.xml").decode("utf-8")
    body_start = document_xml.index("<w:body>") + len("<w:body>")
    sect = document_xml[document_xml.index("<w:sectPr") :]
    footers = dict(re.findall(r'<w:footerReference w:type="(\w+)" r:id="(\w+)"/>', sect))
    used_fonts = list(dict.fromkeys(fonts))
    out = io.BytesIO()
    skip = ("word/document.xml", "word/settings.xml", "docProps/core.xml")
    extra = {"footerFzEmpty.xml": (EMPTY_FOOTER, x.footer_part(""))}
    for kind, (rid, name) in LANDSCAPE_FOOTERS.items():
        extra[name] = (rid, _landscape_footer(layout, "right" if kind == "default" else "left"))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename in skip:
                continue
            content = source.read(info.filename)
            if info.filename == "docProps/app.xml":
                content = x.app_properties().encode("utf-8")
            elif info.filename == "word/fontTable.xml":
                content = x.font_table(used_fonts).encode("utf-8")
            elif info.filename == "[Content_Types].xml":
                content = content.replace(
                    b"</Types>",
                    "".join(
                        f'<Override PartName="/word/{name}" ContentType="{_FOOTER_TYPE}"/>' for name in extra
                    ).encode()
                    + b"</Types>",
                )
            elif info.filename == "word/_rels/document.xml.rels":
                content = content.replace(
                    b"</Relationships>",
                    "".join(
                        f'<Relationship Id="{rid}" Type="{_FOOTER_REL}" Target="{name}"/>'
                        for name, (rid, _) in extra.items()
                    ).encode()
                    + b"</Relationships>",
                )
            target.writestr(info.filename, content)
        for name, (_, part) in extra.items():
            target.writestr(f"word/{name}", part)
    settings = _settings_template(source.read("word/settings.xml").decode("utf-8"))
    return Base(out.getvalue(), document_xml[:body_start], settings, footers)
