"""Small .docx packages written as raw XML for reader tests (any namespace prefix, any markup)."""

from __future__ import annotations

import io
import zipfile

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAMESPACES = {
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
}
_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)
_DOC_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'styles" Target="styles.xml"/></Relationships>'
)


def p(text: str = "", style: str = "", runs: str | None = None, ppr: str = "", w: str = "w") -> str:
    """A paragraph: one run of `text` (or the given runs XML), an optional style id."""
    props = (f'<{w}:pStyle {w}:val="{style}"/>' if style else "") + ppr
    body = runs if runs is not None else (f"<{w}:r><{w}:t>{text}</{w}:t></{w}:r>" if text else "")
    return f"<{w}:p>" + (f"<{w}:pPr>{props}</{w}:pPr>" if props else "") + body + f"</{w}:p>"


def r(text: str, w: str = "w") -> str:
    """A run of text."""
    return f'<{w}:r><{w}:t xml:space="preserve">{text}</{w}:t></{w}:r>'


def table(rows: list[list[str]], w: str = "w") -> str:
    """A table; each cell is paragraph XML (or plain text, made a paragraph)."""

    def cell(content: str) -> str:
        inner = content if content.startswith(f"<{w}:") else p(content, w=w)
        return f'<{w}:tc><{w}:tcPr><{w}:tcW {w}:w="2000" {w}:type="dxa"/></{w}:tcPr>{inner}</{w}:tc>'

    body = "".join(f"<{w}:tr>" + "".join(cell(c) for c in row) + f"</{w}:tr>" for row in rows)
    return f'<{w}:tbl><{w}:tblPr><{w}:tblW {w}:w="0" {w}:type="auto"/></{w}:tblPr>{body}</{w}:tbl>'


def style(style_id: str, name: str, outline: int | None = None, w: str = "w") -> str:
    """A paragraph style definition."""
    ppr = f'<{w}:pPr><{w}:outlineLvl {w}:val="{outline}"/></{w}:pPr>' if outline is not None else ""
    return (
        f'<{w}:style {w}:type="paragraph" {w}:styleId="{style_id}"><{w}:name {w}:val="{name}"/>'
        f'<{w}:basedOn {w}:val="Normal"/>{ppr}</{w}:style>'
    )


def styles_xml(*styles: str, w: str = "w") -> str:
    """styles.xml with a default Normal style and the given styles."""
    normal = (
        f'<{w}:style {w}:type="paragraph" {w}:default="1" {w}:styleId="Normal"><{w}:name {w}:val="Normal"/></{w}:style>'
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><{w}:styles xmlns:{w}="{W_NS}">'
        + normal
        + "".join(styles)
        + f"</{w}:styles>"
    )


def docx(body: str, styles: str | None = None, w: str = "w", parts: dict[str, str] | None = None) -> bytes:
    """A .docx package whose document.xml has `body` (XML using prefix `w`)."""
    decls = f'xmlns:{w}="{W_NS}" ' + " ".join(f'xmlns:{k}="{v}"' for k, v in NAMESPACES.items() if k != w)
    sect = f'<{w}:sectPr><{w}:pgSz {w}:w="11906" {w}:h="16838"/></{w}:sectPr>'
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><{w}:document {decls}>'
        f"<{w}:body>{body}{sect}</{w}:body></{w}:document>"
    )
    members = {
        "[Content_Types].xml": _TYPES,
        "_rels/.rels": _RELS,
        "word/document.xml": document,
        "word/_rels/document.xml.rels": _DOC_RELS,
        "word/styles.xml": styles or styles_xml(w=w),
    }
    members.update(parts or {})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in members.items():
            package.writestr(name, content.encode("utf-8"))
    return out.getvalue()
