"""Raw WordprocessingML helpers: the only module that spells XML by hand.

The body is built as strings (fast: no object per run); styles and parts as small XML texts
that python-docx's package then carries.
"""

from __future__ import annotations


from generator.lexicon import lazy
from generator.ooxml.vocab import BUILTIN_STYLES, DEFAULT_STYLES, NSDECLS, R_NS, W_NS  # noqa: F401


def esc(text: str) -> str:
    """Escape text for an XML text node or attribute."""
    # str.replace scans at C speed; str.translate looks each character of Chinese text up in a
    # dict, 100× slower (7 ms of a 200-page render).
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if '"' in text:
        text = text.replace('"', "&quot;")
    return text


def run(text: str, rstyle: str = "", rpr: str = "") -> str:
    """A run with text; an optional character style and extra run properties."""
    props = (f'<w:rStyle w:val="{rstyle}"/>' if rstyle else "") + rpr
    props = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{esc(text)}</w:t></w:r>'


# Quotes, dashes and the ellipsis are shared by Latin and Chinese text: Word follows w:hint, but
# LibreOffice gives them the script of the character before, so after a digit or a Latin letter
# (「“1131”」) they would be Latin, and at the start of a paragraph too (no character before: 牡丹江
# page 2 set a paragraph's opening 「“」 in Liberation Serif). Only there do they get a run of their
# own (elsewhere a run of its own would cost LibreOffice half a point per mark and the line its 28th
# character).
_SHARED = lazy(r"(?:^|(?<=[\x21-\x7e]))[“”‘’—…]+")


def runs(text: str, rstyle: str, cjk_style: str) -> str:
    """Runs of a text, shared punctuation in runs of `cjk_style` (the Chinese font)."""
    if not _SHARED.search(text):
        return run(text, rstyle)
    out, start = [], 0
    for match in _SHARED.finditer(text):
        if match.start() > start:
            out.append(run(text[start : match.start()], rstyle))
        out.append(run(match.group(), cjk_style))
        start = match.end()
    if start < len(text):
        out.append(run(text[start:], rstyle))
    return "".join(out)


BREAK = "<w:r><w:br/></w:r>"
TAB = "<w:r><w:tab/></w:r>"


# CT_PPr children must come in schema order or Word reports the file as damaged.
_PPR_ORDER = {
    name: i
    for i, name in enumerate(
        "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd "
        "tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
        "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc "
        "textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr".split()
    )
}
_ELEMENT = lazy(r"<w:(\w+)[^>]*/>|<w:(\w+)[^>]*>.*?</w:\2>")


def ordered_ppr(ppr: str) -> str:
    """Paragraph properties sorted into schema order."""
    parts = [(m.group(1) or m.group(2), m.group(0)) for m in _ELEMENT.finditer(ppr)]
    return "".join(text for _, text in sorted(parts, key=lambda p: _PPR_ORDER[p[0]]))


# The spacer style's properties (1 pt high, off the grid) said directly: LibreOffice does not apply
# paragraph styles inside a DrawingML text box (the 版记's box).
SPACER_PPR = (
    '<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
    '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>'
)


def para(runs: str, style: str = "", ppr: str = "") -> str:
    """A paragraph with a style id and extra paragraph properties."""
    props = (f'<w:pStyle w:val="{style}"/>' if style else "") + (ordered_ppr(ppr) if ppr else "")
    return f"<w:p><w:pPr>{props}</w:pPr>{runs}</w:p>" if props else f"<w:p>{runs}</w:p>"


def ind(
    left: int = 0, right: int = 0, first_chars: int | None = None, first: int | None = None, hanging: int | None = None
) -> str:
    """Paragraph indentation in twips (and first-line indent in hundredths of a character)."""
    attrs = f' w:left="{left}" w:right="{right}"'
    if hanging is not None:
        attrs += f' w:hanging="{hanging}"'
    if first is not None:
        attrs += f' w:firstLine="{first}"'
    if first_chars is not None:
        attrs += f' w:firstLineChars="{first_chars}"'
    return f"<w:ind{attrs}/>"


def spacing(before: int = 0, after: int = 0, line: int | None = None, exact: bool = False) -> str:
    """Paragraph spacing in twips; line spacing single unless given."""
    rule = "exact" if exact else "auto"
    return f'<w:spacing w:before="{before}" w:after="{after}" w:line="{line or 240}" w:lineRule="{rule}"/>'


def rfonts(east_asia: str, latin: str) -> str:
    """Fonts for Chinese (w:eastAsia) and Latin/digits; no theme fonts, CJK hint for shared characters."""
    return (
        f'<w:rFonts w:ascii="{esc(latin)}" w:hAnsi="{esc(latin)}" w:eastAsia="{esc(east_asia)}" '
        f'w:cs="{esc(latin)}" w:hint="eastAsia"/>'
    )


def rpr(east_asia: str, latin: str, size: int, bold: bool = False, condense: int = 0, color: str = "000000") -> str:
    """Run properties for a style: fonts, size in half-points, bold, colour, character spacing."""
    props = rfonts(east_asia, latin)
    props += "<w:b/><w:bCs/>" if bold else '<w:b w:val="0"/><w:bCs w:val="0"/>'
    props += f'<w:color w:val="{color}"/>'
    if condense:
        props += f'<w:spacing w:val="{condense}"/>'
    props += f'<w:kern w:val="0"/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
    return props


def style(
    kind: str,
    style_id: str,
    name: str,
    ppr: str = "",
    rpr_: str = "",
    based_on: str = "Normal",
    next_: str = "",
    extra: str = "",
    table_pr: str = "",
) -> str:
    """A w:style element (children in schema order: name … qFormat, pPr, rPr, tblPr)."""
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    nxt = f'<w:next w:val="{next_}"/>' if next_ else ""
    ppr = f"<w:pPr>{ordered_ppr(ppr)}</w:pPr>" if ppr else ""
    rpr_ = f"<w:rPr>{rpr_}</w:rPr>" if rpr_ else ""
    default = ' w:default="1"' if style_id in DEFAULT_STYLES else ""
    return (
        f'<w:style w:type="{kind}"{default} w:customStyle="{0 if style_id in BUILTIN_STYLES else 1}" '
        f'w:styleId="{style_id}"><w:name w:val="{esc(name)}"/>{based}{nxt}{extra}'
        f"<w:qFormat/>{ppr}{rpr_}{table_pr}</w:style>"
    )


def styles_part(doc_defaults: str, styles: list[str]) -> str:
    """The whole word/styles.xml."""
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles {NSDECLS}>'
        f"<w:docDefaults>{doc_defaults}</w:docDefaults>{''.join(styles)}</w:styles>"
    )


def page_field_runs(prefix: str = "— ", suffix: str = " —") -> str:
    """「— N —」 with N a PAGE field (complex field: Word, WPS and LibreOffice update it)."""
    return (
        run(prefix) + '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + run("1")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        + run(suffix)
    )


def border(side: str, size: int, color: str = "000000", space: int = 1) -> str:
    """A single border line; size in eighths of a point, space in points."""
    if not size:
        return f'<w:{side} w:val="nil"/>'
    return f'<w:{side} w:val="single" w:sz="{size}" w:space="{space}" w:color="{color}"/>'


def table(rows_xml: str, widths: list[int], cell_margin: int = 85) -> str:
    """A table with single borders and fixed column widths (twips)."""
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:left w:w="{cell_margin}" w:type="dxa"/><w:right w:w="{cell_margin}" w:type="dxa"/></w:tblCellMar>'
        f'<w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{rows_xml}</w:tbl>'
    )


def table_row(cells: list[str], widths: list[int], header: bool) -> str:
    """A table row of cell paragraphs; a header row repeats on every page and never splits."""
    trpr = "<w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if header else "") + "</w:trPr>"
    tcs = "".join(
        f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>{c}</w:tc>'
        for c, w in zip(cells, widths)
    )
    return f"<w:tr>{trpr}{tcs}</w:tr>"


def rule_table(rows: list[tuple[str, int, int, int]], width: int) -> str:
    """A one-column table whose rows are separated by rules only: (cell XML, top rule, bottom rule,
    minimum height in twips) per row; rules in eighths of a point, as wide as the table."""
    trs = []
    for cell, top, bottom, height in rows:
        borders = (
            border("top", top, space=0) + border("left", 0) + border("bottom", bottom, space=0) + border("right", 0)
        )
        trs.append(
            f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{height}" w:hRule="atLeast"/></w:trPr>'
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:tcBorders>{borders}</w:tcBorders>'
            f'<w:vAlign w:val="center"/></w:tcPr>{cell}</w:tc></w:tr>'
        )
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{width}" w:type="dxa"/><w:jc w:val="center"/><w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
        '<w:right w:w="0" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr>'
        f'<w:tblGrid><w:gridCol w:w="{width}"/></w:tblGrid>{"".join(trs)}</w:tbl>'
    )


def sect_pr(
    footers: dict[str, str], size: tuple[int, int], margins: dict, line_pitch: int | None, start: str = "nextPage"
) -> str:
    """Section properties: footer references by type, page size (landscape when wider than high),
    margins, the line grid (none without a pitch); `start` nextPage or evenPage (a blank page is
    inserted when needed)."""
    refs = "".join(f'<w:footerReference w:type="{kind}" r:id="{rid}"/>' for kind, rid in footers.items())
    width, height = size
    orient = ' w:orient="landscape"' if width > height else ""
    kind = f'<w:type w:val="{start}"/>' if start != "nextPage" else ""
    return (
        f'<w:sectPr>{refs}{kind}<w:pgSz w:w="{width}" w:h="{height}"{orient}/>'
        f'<w:pgMar w:top="{margins["top"]}" w:right="{margins["right"]}" w:bottom="{margins["bottom"]}" '
        f'w:left="{margins["left"]}" w:header="{margins["header"]}" w:footer="{margins["footer"]}" w:gutter="0"/>'
        '<w:cols w:space="720"/>'
        + (f'<w:docGrid w:type="lines" w:linePitch="{line_pitch}"/>' if line_pitch else "")
        + "</w:sectPr>"
    )


def footer_part(paragraphs: str) -> str:
    """A footer part holding the given paragraphs (an empty paragraph when none)."""
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr {NSDECLS}>{paragraphs or "<w:p/>"}</w:ftr>'


# What Word and WPS need to substitute a missing face sensibly: the usual alternative on a
# Chinese Windows and the PANOSE class (serif 宋/仿宋/楷 vs sans 黑), GB2312 charset for CJK faces.
FONT_FACES = {
    "仿宋_GB2312": ("仿宋", "02010609030101010101"),
    "楷体_GB2312": ("楷体", "02010609030101010101"),
    "方正小标宋简体": ("宋体", "02010600030101010101"),
    "方正小标宋_GBK": ("宋体", "02010600030101010101"),
    "仿宋": ("FangSong", "02010609060101010101"),
    "楷体": ("KaiTi", "02010609060101010101"),
    "黑体": ("SimHei", "02010609060101010101"),
    "宋体": ("SimSun", "02010600030101010101"),
    "Times New Roman": ("", "02020603050405020304"),
}


def font_table(fonts: list[str]) -> str:
    """word/fontTable.xml naming every font used: CJK ones with the GB2312 charset, each known face
    with its usual alternative (w:altName) and PANOSE so a machine without it substitutes alike."""
    entries = []
    for name in fonts:
        cjk = any(ord(ch) > 0x2E80 for ch in name)
        charset = "86" if cjk else "00"
        family = "modern" if cjk else "roman"
        alt, panose = FONT_FACES.get(name, ("", ""))
        extra = (f'<w:altName w:val="{esc(alt)}"/>' if alt else "") + (
            f'<w:panose1 w:val="{panose}"/>' if panose else ""
        )
        entries.append(
            f'<w:font w:name="{esc(name)}">{extra}<w:charset w:val="{charset}"/>'
            f'<w:family w:val="{family}"/><w:pitch w:val="{"fixed" if cjk else "variable"}"/></w:font>'
        )
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts {NSDECLS}>{"".join(entries)}</w:fonts>'


def core_properties(title: str, creator: str, created_iso: str) -> str:
    """docProps/core.xml: title, author (the issuer), creation and modification time."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{esc(title)}</dc:title><dc:creator>{esc(creator)}</dc:creator>"
        f"<cp:lastModifiedBy>{esc(creator)}</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{created_iso}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{created_iso}</dcterms:modified>'
        "</cp:coreProperties>"
    )


def app_properties() -> str:
    """docProps/app.xml naming fazhi as the application (no template, no Word version)."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        "<Application>fazhi</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
        "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
        "</Properties>"
    )


EMU_PER_TWIP = 635
_DRAWING_NS = (
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
)


def text_box(
    content: str,
    width: int,
    height: int,
    h_align: str | int,
    v_align: str | int,
    box_id: int,
    name: str,
    vertical: bool = False,
    wrap: bool = True,
) -> str:
    """A run holding a borderless text box (DrawingML shape) of width × height twips, aligned to the
    margins (h_align left/center/right, or twips from the page's left edge; v_align top/center/bottom,
    or twips below the top of the paragraph holding it), text wrapping above and below;
    without `wrap` text runs under it; `vertical` turns its text 90° clockwise (vert="vert"), e.g. a page number read from the side."""
    cx, cy = width * EMU_PER_TWIP, height * EMU_PER_TWIP
    vert = "vert" if vertical else "horz"
    return (
        f'<w:r><w:drawing {_DRAWING_NS}><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" '
        f'relativeHeight="{251659264 + box_id}" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        + (
            f'<wp:positionH relativeFrom="page"><wp:posOffset>{h_align * EMU_PER_TWIP}</wp:posOffset></wp:positionH>'
            if isinstance(h_align, int)
            else f'<wp:positionH relativeFrom="margin"><wp:align>{h_align}</wp:align></wp:positionH>'
        )
        + (
            f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>{v_align * EMU_PER_TWIP}</wp:posOffset></wp:positionV>'
            if isinstance(v_align, int)
            else f'<wp:positionV relativeFrom="margin"><wp:align>{v_align}</wp:align></wp:positionV>'
        )
        + f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        + ("<wp:wrapTopAndBottom/>" if wrap else "<wp:wrapNone/>")
        + f'<wp:docPr id="{box_id}" name="{esc(name)}"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr>'
        f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>'
        f"<wps:txbx><w:txbxContent>{content}</w:txbxContent></wps:txbx>"
        f'<wps:bodyPr rot="0" vert="{vert}" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="b" anchorCtr="0">'
        "<a:noAutofit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"
    )
