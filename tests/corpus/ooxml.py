"""A .docx package written as raw OOXML, the way Word saves a clerk's draft (no python-docx, no reader).

Parts: document, styles (docDefaults as given), settings, a theme (Word resolves its fonts there),
and when asked numbering and comments. Deterministic: fixed dates, ids in document order.
"""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

from tests.rawdocx import NAMESPACES as _OTHERS, W_NS as W

NAMESPACES = {"w": W, **_OTHERS}
DATE = "2024-01-05T09:30:00Z"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT = "application/vnd.openxmlformats-officedocument"
# Word's own defaults for a new document (Chinese UI): theme fonts, 11 pt («五号» is 10.5; the brief's 11).
WORD_DEFAULTS = (
    '<w:rFonts w:asciiTheme="minorHAnsi" w:eastAsiaTheme="minorEastAsia" w:hAnsiTheme="minorHAnsi" '
    'w:cstheme="minorBidi"/><w:kern w:val="2"/><w:sz w:val="22"/><w:szCs w:val="24"/>'
    '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
)
# A clerk's template: 仿宋_GB2312 三号 for everything by default.
GB_DEFAULTS = (
    '<w:rFonts w:ascii="Times New Roman" w:eastAsia="仿宋_GB2312" w:hAnsi="Times New Roman"/>'
    '<w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/>'
)
SECT = (
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
    '<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587" w:header="851" w:footer="992" w:gutter="0"/>'
    '<w:docGrid w:type="lines" w:linePitch="579"/></w:sectPr>'
)


def t(text: str) -> str:
    """A w:t element keeping spaces."""
    return f'<w:t xml:space="preserve">{escape(text)}</w:t>'


def run(text: str, font: str = "", size: int = 0, bold: bool = False, hint: bool = False) -> str:
    """A run; `font` sets ascii/hAnsi/eastAsia the way Word's font box does for Chinese text."""
    props = ""
    if font:
        props += (
            f'<w:rFonts w:ascii="{font}" w:eastAsia="{font}" w:hAnsi="{font}"'
            + (' w:hint="eastAsia"' if hint else "")
            + "/>"
        )
    if bold:
        props += "<w:b/><w:bCs/>"
    if size:
        props += f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
    return "<w:r>" + (f"<w:rPr>{props}</w:rPr>" if props else "") + t(text) + "</w:r>"


def ins(runs: str, rid: int) -> str:
    """Runs inserted with tracked changes on."""
    return f'<w:ins w:id="{rid}" w:author="王科员" w:date="{DATE}">{runs}</w:ins>'


def deleted(text: str, rid: int, font: str = "") -> str:
    """Text deleted with tracked changes on."""
    props = f'<w:rPr><w:rFonts w:ascii="{font}" w:eastAsia="{font}" w:hAnsi="{font}"/></w:rPr>' if font else ""
    return (
        f'<w:del w:id="{rid}" w:author="王科员" w:date="{DATE}"><w:r>{props}'
        f'<w:delText xml:space="preserve">{escape(text)}</w:delText></w:r></w:del>'
    )


def para(
    runs: str, jc: str = "", indent: bool = True, num: tuple[int, int] | None = None, mark_deleted: int | None = None
) -> str:
    """A paragraph: pPr children in schema order (numPr, spacing, ind, jc, rPr)."""
    props = ""
    if num:
        props += f'<w:numPr><w:ilvl w:val="{num[0]}"/><w:numId w:val="{num[1]}"/></w:numPr>'
    props += '<w:spacing w:line="579" w:lineRule="exact"/>'
    if indent and not jc:
        props += '<w:ind w:firstLine="640"/>'
    if jc:
        props += f'<w:jc w:val="{jc}"/>'
    if mark_deleted is not None:
        props += f'<w:rPr><w:del w:id="{mark_deleted}" w:author="王科员" w:date="{DATE}"/></w:rPr>'
    return f"<w:p><w:pPr>{props}</w:pPr>{runs}</w:p>"


def box_table(paragraph: str) -> str:
    """A one-cell table used as a heading box."""
    return (
        '<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblBorders>'
        '<w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
        '<w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
        'w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid><w:gridCol w:w="8845"/></w:tblGrid>'
        f'<w:tr><w:tc><w:tcPr><w:tcW w:w="8845" w:type="dxa"/></w:tcPr>{paragraph}</w:tc></w:tr></w:tbl>'
    )


def text_box(paragraph: str, shape_id: int) -> str:
    """An anchor paragraph holding a text box, as Word saves it: DrawingML with a VML fallback."""
    extent = 'cx="5616000" cy="396000"'
    drawing = (
        f'<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent {extent}/>'
        f'<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="{shape_id}" name="文本框 {shape_id}"/>'
        "<wp:cNvGraphicFramePr/><a:graphic><a:graphicData "
        'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
        '<wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/>'
        f'<a:ext {extent}/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>'
        f"<wps:txbx><w:txbxContent>{paragraph}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>"
        "</a:graphicData></a:graphic></wp:inline></w:drawing>"
    )
    fallback = (
        f'<w:pict><v:shape id="文本框{shape_id}" type="#_x0000_t202" style="width:442.2pt;height:31.2pt">'
        f"<v:textbox><w:txbxContent>{paragraph}</w:txbxContent></v:textbox></v:shape></w:pict>"
    )
    return (
        f'<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps">{drawing}</mc:Choice>'
        f"<mc:Fallback>{fallback}</mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )


def numbering_xml(continuing: frozenset[int] = frozenset()) -> str:
    """One multilevel list as clerks set it up: 一、 （一） 1. （1）, no tab after the number; the levels
    `continuing` (ilvl) go on counting across higher headings (lvlRestart 0), as their typed numbers did."""
    levels = [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3."), ("decimal", "（%4）")]
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        + ('<w:lvlRestart w:val="0"/>' if i in continuing else "")
        + f'<w:suff w:val="nothing"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr></w:lvl>'
        for i, (fmt, text) in enumerate(levels)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="{W}">'
        f'<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    )


def comments_xml(comments: list[str]) -> str:
    """Comments in id order."""
    body = "".join(
        f'<w:comment w:id="{i}" w:author="李审核" w:date="{DATE}" w:initials="李">'
        f"<w:p><w:r>{t(text)}</w:r></w:p></w:comment>"
        for i, text in enumerate(comments)
    )
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w="{W}">{body}</w:comments>'


def styles_xml(defaults: str) -> str:
    """docDefaults as given and a plain Normal style (no heading styles: clerks rarely use them)."""
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="{W}">'
        f"<w:docDefaults><w:rPrDefault><w:rPr>{defaults}</w:rPr></w:rPrDefault>"
        '<w:pPrDefault><w:pPr><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>'
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
        '<w:qFormat/><w:pPr><w:widowControl w:val="0"/></w:pPr></w:style>'
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>'
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
        '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr></w:style></w:styles>"
    )


def _fill_styles() -> str:
    solid = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    return f"<a:fillStyleLst>{solid * 3}</a:fillStyleLst>"


def theme_xml() -> str:
    """Office's theme reduced to what the schema wants; minor East Asian font 等线 as in Word 2016+."""
    colors = "".join(
        f'<a:{name}><a:srgbClr val="{value}"/></a:{name}>'
        for name, value in (
            ("accent1", "4472C4"),
            ("accent2", "ED7D31"),
            ("accent3", "A5A5A5"),
            ("accent4", "FFC000"),
            ("accent5", "5B9BD5"),
            ("accent6", "70AD47"),
            ("hlink", "0563C1"),
            ("folHlink", "954F72"),
        )
    )
    line = '<a:ln w="6350"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln>'
    fonts = (
        '<a:majorFont><a:latin typeface="Calibri Light"/><a:ea typeface="等线 Light"/><a:cs typeface=""/>'
        '</a:majorFont><a:minorFont><a:latin typeface="Calibri"/><a:ea typeface="等线"/><a:cs typeface=""/>'
        "</a:minorFont>"
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<a:theme xmlns:a="{NAMESPACES["a"]}" name="Office 主题"><a:themeElements>'
        '<a:clrScheme name="Office"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1>'
        '<a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1><a:dk2><a:srgbClr val="44546A"/></a:dk2>'
        f'<a:lt2><a:srgbClr val="E7E6E6"/></a:lt2>{colors}</a:clrScheme>'
        f'<a:fontScheme name="Office">{fonts}</a:fontScheme>'
        f'<a:fmtScheme name="Office">{_fill_styles()}<a:lnStyleLst>{line * 3}</a:lnStyleLst>'
        "<a:effectStyleLst>" + "<a:effectStyle><a:effectLst/></a:effectStyle>" * 3 + "</a:effectStyleLst>"
        f"<a:bgFillStyleLst>{_fill_styles()[len('<a:fillStyleLst>') : -len('</a:fillStyleLst>')]}</a:bgFillStyleLst>"
        "</a:fmtScheme></a:themeElements></a:theme>"
    )


def package(
    body: str,
    defaults: str = GB_DEFAULTS,
    numbering: bool = False,
    comments: list[str] | None = None,
    continuing: frozenset[int] = frozenset(),
) -> bytes:
    """The whole .docx: body XML (w: and the drawing prefixes), styles, settings, theme, optional parts."""
    parts = {
        "styles": ("styles.xml", f"{CT}.wordprocessingml.styles+xml", styles_xml(defaults)),
        "settings": (
            "settings.xml",
            f"{CT}.wordprocessingml.settings+xml",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:settings xmlns:w="{W}">'
            '<w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/>'
            "</w:settings>",
        ),
        "theme": ("theme/theme1.xml", f"{CT}.theme+xml", theme_xml()),
    }
    if numbering:
        parts["numbering"] = ("numbering.xml", f"{CT}.wordprocessingml.numbering+xml", numbering_xml(continuing))
    if comments:
        parts["comments"] = ("comments.xml", f"{CT}.wordprocessingml.comments+xml", comments_xml(comments))
    decls = " ".join(f'xmlns:{k}="{v}"' for k, v in NAMESPACES.items())
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {decls}>'
        f"<w:body>{body}{SECT}</w:body></w:document>"
    )
    types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/word/document.xml" ContentType="{CT}.wordprocessingml.document.main+xml"/>'
        + "".join(f'<Override PartName="/word/{name}" ContentType="{ctype}"/>' for name, ctype, _ in parts.values())
        + "</Types>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(
            f'<Relationship Id="rId{i}" Type="{REL}/{key}" Target="{name}"/>'
            for i, (key, (name, _, _)) in enumerate(parts.items(), 1)
        )
        + "</Relationships>"
    )
    root_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    members = {
        "[Content_Types].xml": types,
        "_rels/.rels": root_rels,
        "word/document.xml": document,
        "word/_rels/document.xml.rels": rels,
    }
    members.update({f"word/{name}": xml for name, _, xml in parts.values()})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as docx:
        for name, content in members.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 5, 9, 30, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            docx.writestr(info, content.encode("utf-8"))
    return out.getvalue()
