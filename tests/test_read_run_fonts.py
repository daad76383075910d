"""Issue 19.7: fonts set run by run (Normal left at 宋体 11 pt) are the body font, as Word shows it."""

from __future__ import annotations

from generator.checks import check_document
from generator.read import read_docx_bytes
from rawdocx import W_NS, docx, p

_THEME = (
    '<?xml version="1.0" encoding="UTF-8"?><a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
    '<a:themeElements><a:fontScheme name="x"><a:majorFont><a:latin typeface="Calibri Light"/>'
    '<a:ea typeface=""/><a:font script="Hans" typeface="等线 Light"/></a:majorFont>'
    '<a:minorFont><a:latin typeface="Calibri"/><a:ea typeface=""/><a:font script="Hans" typeface="等线"/>'
    "</a:minorFont></a:fontScheme></a:themeElements></a:theme>"
)


def _styles(rpr_default: str) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="{W_NS}">'
        f"<w:docDefaults><w:rPrDefault><w:rPr>{rpr_default}</w:rPr></w:rPrDefault></w:docDefaults>"
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
        '<w:style w:type="character" w:styleId="Kai"><w:name w:val="kai"/>'
        '<w:rPr><w:rFonts w:eastAsia="楷体_GB2312"/></w:rPr></w:style></w:styles>'
    )


def _run(
    text: str,
    fonts: str = '<w:rFonts w:ascii="仿宋_GB2312" w:hAnsi="仿宋_GB2312" w:eastAsia="仿宋_GB2312" w:hint="eastAsia"/>',
    size: int | None = 32,
) -> str:
    sz = f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>' if size else ""
    return f"<w:r><w:rPr>{fonts}{sz}</w:rPr><w:t>{text}</w:t></w:r>"


def _body(run=_run) -> str:
    heading = (
        '<w:r><w:rPr><w:rFonts w:ascii="黑体" w:eastAsia="黑体" w:hint="eastAsia"/><w:sz w:val="32"/></w:rPr>'
        "<w:t>一、主要举措和成效</w:t></w:r>"
    )
    return (
        p(runs=_run("关于2023年度法治政府建设情况的报告", '<w:rFonts w:eastAsia="方正小标宋简体"/>', 44))
        + p(runs=heading)
        + p(runs=run("2023年，我区认真贯彻落实上级决策部署。") + run("全年办理案件120件。"))
        + p(runs=run("全面推进严格规范公正文明执法，执法质量稳步提高。"))
    )


def _facts(body: str, default: str = '<w:rFonts w:eastAsia="宋体"/><w:sz w:val="22"/>', theme: bool = False):
    parts = {"word/theme/theme1.xml": _THEME} if theme else {}
    return read_docx_bytes(docx(body, _styles(default), parts=parts), "runs.docx").facts


def test_run_by_run_fonts_are_the_body_font():
    facts = _facts(_body())
    assert facts["body_font"] == "仿宋_GB2312"
    assert facts["body_size"] == 32


def test_no_false_font_findings_on_run_formatted_draft():
    doc = read_docx_bytes(docx(_body(), _styles('<w:rFonts w:eastAsia="宋体"/><w:sz w:val="22"/>')), "runs.docx")
    rules = {f.rule for f in check_document(doc).findings}
    assert "layout.body-font" not in rules
    assert "layout.body-size" not in rules


def test_character_style_then_theme():
    def kai(text):
        return f'<w:r><w:rPr><w:rStyle w:val="Kai"/></w:rPr><w:t>{text}</w:t></w:r>'

    assert _facts(_body(kai))["body_font"] == "楷体_GB2312"

    def plain(text):
        return f"<w:r><w:t>{text}</w:t></w:r>"

    # nothing on the runs: docDefaults' theme font, as Word resolves minorEastAsia
    facts = _facts(_body(plain), '<w:rFonts w:eastAsiaTheme="minorEastAsia"/>', theme=True)
    assert facts["body_font"] == "等线"


def test_song_body_still_reported():
    def song(text):
        return _run(text, '<w:rFonts w:eastAsia="宋体"/>', 24)

    doc = read_docx_bytes(docx(_body(song), _styles("")), "song.docx")
    found = {f.rule: f.message for f in check_document(doc).findings}
    assert "宋体" in found["layout.body-font"]
    assert "12磅" in found["layout.body-size"]


def _repage(data: bytes, width: int) -> bytes:
    """The package with another page width, and margins, in its sectPr."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for name in old.namelist():
            content = old.read(name)
            if name == "word/document.xml":
                margins = b'<w:pgMar w:top="2098" w:bottom="1984" w:left="1588" w:right="1474"/></w:sectPr>'
                content = content.replace(b'w:w="11906"', f'w:w="{width}"'.encode()).replace(b"</w:sectPr>", margins)
            new.writestr(name, content)
    return out.getvalue()


def test_what_a_template_shares_is_kept_per_xml_not_per_draft():
    """Drafts of one styles.xml with other heading pPr or page sizes each get their own facts, warm or cold."""
    from generator.read import docx_styles

    def draft(ppr: str, width: int) -> bytes:
        heading = p(runs="<w:r><w:t>一、主要举措和成效</w:t></w:r>", ppr=ppr)
        body = (
            p(runs=_run("关于2023年度法治政府建设情况的报告"))
            + heading
            + p(runs=_run("全面推进严格规范公正文明执法。"))
        )
        return _repage(docx(body, _styles('<w:rFonts w:eastAsia="宋体"/><w:sz w:val="32"/>')), width)

    drafts = [
        draft('<w:ind w:firstLineChars="200"/><w:jc w:val="both"/>', 11906),
        draft('<w:jc w:val="center"/>', 11000),
        draft('<w:ind w:left="640"/>', 11906),
    ]
    expected = [({1: 2.0}, {1: "both"}, 11906), ({1: None}, {1: "center"}, 11000), ({1: 2.0}, {1: None}, 11906)]

    def seen(data: bytes) -> tuple:
        facts = read_docx_bytes(data, "x.docx").facts
        return facts["heading_indents"], facts["heading_aligns"], facts["page_width"]

    for _ in range(2):  # the second time from what the shared sheet kept
        assert [seen(d) for d in drafts] == expected
    docx_styles._SHEETS.clear()
    assert [seen(d) for d in reversed(drafts)] == expected[::-1]
    one, two = (read_docx_bytes(drafts[0], "x.docx").facts for _ in range(2))
    assert one["margins"] == two["margins"] == {"top": 2098, "bottom": 1984, "left": 1588, "right": 1474}
    assert one["margins"] is not two["margins"]
