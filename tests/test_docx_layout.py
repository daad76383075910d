"""The .docx package: GB/T 9704 page, styles, footers, and the body's structure, read back as XML."""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import ALL_EXAMPLES, KAIFU, NS, Docx, copy_example, para_style, para_text, runs, w

STEMS = [p.stem for p in ALL_EXAMPLES]


def attr(el, name):
    return el.get(w(name))


# ---------------------------------------------------------------- page, settings, package


@pytest.mark.parametrize("stem", STEMS)
def test_page_size_margins_and_grid(rendered, layout, stem):
    sect = rendered[stem].document.find("w:body/w:sectPr", NS)
    pg_sz = sect.find("w:pgSz", NS)
    assert (int(attr(pg_sz, "w")), int(attr(pg_sz, "h"))) == (11906, 16838)  # A4 by the standard
    assert (int(attr(pg_sz, "w")), int(attr(pg_sz, "h"))) == (layout.page["width"], layout.page["height"])
    pg_mar = sect.find("w:pgMar", NS)
    for side in ("top", "bottom", "left", "right", "footer"):
        assert int(attr(pg_mar, side)) == layout.margins[side], side
    grid = sect.find("w:docGrid", NS)
    assert attr(grid, "type") == "lines"
    assert int(attr(grid, "linePitch")) == layout.line_pitch == 579


@pytest.mark.parametrize("stem", STEMS)
def test_settings_and_no_theme(rendered, stem):
    docx = rendered[stem]
    assert docx.xml("word/settings.xml").find("w:evenAndOddHeaders", NS) is not None
    assert not [n for n in docx.names if "theme" in n.lower()]
    assert "theme" not in docx.raw("[Content_Types].xml").lower()
    assert "theme" not in docx.raw("word/_rels/document.xml.rels").lower()
    # every relationship target exists in the package
    for target in re.findall(r'Target="([^"]+)"', docx.raw("word/_rels/document.xml.rels")):
        assert "word/" + target in docx.names, target


def _page_field(paragraph):
    """The text before the PAGE field, the field instruction, and the text after it."""
    before, instr, after, state = [], [], [], "before"
    for r in paragraph.findall("w:r", NS):
        fld = r.find("w:fldChar", NS)
        if fld is not None:
            kind = attr(fld, "fldCharType")
            state = {"begin": "instr", "separate": "result", "end": "after"}[kind]
            continue
        text = "".join(t.text or "" for t in r.findall("w:t", NS))
        if state == "before":
            before.append(text)
        elif state == "instr":
            instr.append("".join(t.text or "" for t in r.findall("w:instrText", NS)))
        elif state == "after":
            after.append(text)
    return "".join(before), "".join(instr).strip(), "".join(after)


@pytest.mark.parametrize("stem", STEMS)
def test_odd_and_even_footers_with_page_field(rendered, layout, stem):
    footers = rendered[stem].footers()
    assert set(footers) == {"default", "even"}
    # 4号 page number, one character (of its own size) in from the outer side
    one_char = layout.char * layout.sizes["page_number"] // layout.sizes["body"]
    for kind, side, indent_attr in (("default", "right", "right"), ("even", "left", "left")):
        (p,) = footers[kind].findall("w:p", NS)
        before, instr, after = _page_field(p)
        assert (before, instr, after) == ("— ", "PAGE", " —"), kind
        assert attr(p.find("w:pPr/w:jc", NS), "val") == side
        assert int(attr(p.find("w:pPr/w:ind", NS), indent_attr)) == one_char == 280


# ---------------------------------------------------------------- styles


def _rpr(docx, style_id):
    return docx.style(style_id).find("w:rPr", NS)


def _fonts(docx, style_id):
    rfonts = _rpr(docx, style_id).find("w:rFonts", NS)
    return attr(rfonts, "eastAsia"), attr(rfonts, "ascii")


def _size(docx, style_id):
    return int(attr(_rpr(docx, style_id).find("w:sz", NS), "val"))


def test_normal_style(rendered, layout):
    docx = rendered["kaifu-2022"]
    assert _fonts(docx, "Normal") == ("仿宋_GB2312", "Times New Roman")
    assert _fonts(docx, "Normal") == (layout.fonts("gb2312").body, layout.fonts("gb2312").latin)
    assert _size(docx, "Normal") == layout.sizes["body"] == 32
    ind = docx.style("Normal").find("w:pPr/w:ind", NS)
    assert attr(ind, "firstLineChars") == "200"
    # single line spacing, no space after: the grid alone gives 22 lines a page
    spacing = docx.style("Normal").find("w:pPr/w:spacing", NS)
    assert attr(spacing, "after") in (None, "0") and attr(spacing, "line") in (None, "240")


def test_no_theme_fonts_in_styles(rendered):
    raw = rendered["kaifu-2022"].raw("word/styles.xml")
    assert not re.search(r"w:\w*[tT]heme\w*=", raw), "theme font/colour attributes left in styles.xml"


def test_title_style(rendered, layout):
    docx = rendered["kaifu-2022"]
    assert _fonts(docx, "Title")[0] == "方正小标宋简体" == layout.fonts("gb2312").title
    assert _size(docx, "Title") == layout.sizes["title"] == 44
    assert attr(docx.style("Title").find("w:pPr/w:jc", NS), "val") == "center"


@pytest.mark.parametrize("level,font", [(1, "黑体"), (2, "楷体_GB2312"), (3, "仿宋_GB2312"), (4, "仿宋_GB2312")])
def test_heading_styles(rendered, layout, level, font):
    docx = rendered["kaifu-2022"]
    style = docx.style(f"Heading{level}")
    assert _fonts(docx, f"Heading{level}")[0] == font == layout.fonts("gb2312").heading(level)
    assert _size(docx, f"Heading{level}") == layout.sizes["body"]
    assert attr(style.find("w:pPr/w:outlineLvl", NS), "val") == str(level - 1)
    # run-in character styles: same font, no outline level (character styles have no pPr)
    runin = docx.style(f"FzRunIn{level}")
    assert attr(runin, "type") == "character"
    assert _fonts(docx, f"FzRunIn{level}")[0] == font
    assert runin.find("w:pPr", NS) is None


def test_gbk_font_profile(tmp_path, render_docx, layout):
    spec = copy_example(KAIFU, tmp_path)
    data = yaml.safe_load(spec.read_text(encoding="utf-8"))
    data["style"] = {"fonts": "gbk"}
    spec.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    docx = render_docx(spec)
    gbk = layout.fonts("gbk")
    assert _fonts(docx, "Normal")[0] == gbk.body == "仿宋"
    assert _fonts(docx, "Heading2")[0] == gbk.heading2 == "楷体"
    assert _fonts(docx, "FzRunIn3")[0] == gbk.heading3 == "仿宋"
    assert _fonts(docx, "Title")[0] == gbk.title
    assert "_GB2312" not in docx.raw("word/styles.xml")


def test_font_roles_by_use(rendered, layout):
    """签发人姓名, 「附件」 and the table header have fonts of their own role, not another role's."""
    docx = rendered["maojian-2024-plan-table"]
    fonts = layout.fonts("gb2312")
    assert _fonts(docx, "FzSignerName")[0] == fonts.signer_name == "楷体_GB2312"
    assert _fonts(docx, "FzAttachmentLabel")[0] == fonts.attachment_label
    assert _fonts(docx, "FzTableHeader")[0] == fonts.table_header


def test_city_layout_file_overrides_only_what_it_names(tmp_path):
    from generator.api import render_file
    from generator.render.build import Options

    city = tmp_path / "city-layout.yaml"
    city.write_text("fonts:\n  profiles:\n    gb2312: {body: 仿宋}\nmargins: {top: 2150}\n", encoding="utf-8")
    out = render_file(KAIFU, tmp_path / "kaifu.docx", "docx", Options(layout=str(city)))
    docx = Docx(out)
    assert _fonts(docx, "Normal")[0] == "仿宋"
    assert _fonts(docx, "Heading2")[0] == "楷体_GB2312"  # untouched roles keep the built-in fonts
    margins = docx.document.find("w:body/w:sectPr/w:pgMar", NS)
    assert margins.get(w("top")) == "2150" and margins.get(w("left")) == "1588"


@pytest.mark.parametrize(
    "text,line,needle",
    [
        ("margins: {topp: 2150}\n", 1, "top"),
        ("line_pitch: 二十九\n", 1, "整数"),
        ("page:\n  width: 11906\n  heigth: 16838\n", 3, "height"),
    ],
)
def test_city_layout_file_errors_are_located(tmp_path, text, line, needle):
    from generator.errors import FazhiError
    from generator.ooxml.layout import load_layout

    city = tmp_path / "bad-layout.yaml"
    city.write_text(text, encoding="utf-8")
    with pytest.raises(FazhiError) as caught:
        load_layout(str(city))
    (problem,) = caught.value.problems
    assert problem.line == line and needle in problem.message and problem.file == str(city)


# ---------------------------------------------------------------- schema order (Word rejects files otherwise)

# ECMA-376 sequences (transitional), only the children fazhi may write.
SCHEMA_ORDER = {
    "pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr "
    "shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN "
    "bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc "
    "textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange",
    "rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
    "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd "
    "fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath",
    "sectPr": "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders "
    "lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter "
    "docGrid printerSettings sectPrChange",
    "style": "name aliases basedOn next link autoRedefine hidden uiPriority semiHidden unhideWhenUsed qFormat "
    "locked personal personalCompose personalReply rsid pPr rPr tblPr trPr tcPr tblStylePr",
    "tblPr": "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
    "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription",
    "tcPr": "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText vAlign hideMark",
}


def _order_problems(root):
    problems = []
    for parent, names in SCHEMA_ORDER.items():
        rank = {n: i for i, n in enumerate(names.split())}
        for el in root.iter(w(parent)):
            children = [
                c.tag.split("}")[1] for c in el if isinstance(c.tag, str) and c.tag.startswith(f"{{{NS['w']}}}")
            ]
            ranks = [rank.get(c, -1) for c in children]
            if ranks != sorted(ranks) or -1 in ranks:
                style = el.get(w("styleId")) or ""
                problems.append(f"{parent} {style}: {children}")
    return problems


@pytest.mark.parametrize("stem", STEMS + ["maojian-2024-plan-table"])
@pytest.mark.parametrize("part", ["word/document.xml", "word/footer1.xml", "word/footer2.xml"])
def test_children_in_schema_order(rendered, stem, part):
    # e.g. w:jc after w:ind/w:spacing in w:pPr, w:docGrid last in w:sectPr.
    problems = _order_problems(rendered[stem].xml(part))
    assert not problems, "\n".join(problems[:10])


def test_styles_children_in_schema_order(rendered):
    """Regression: TableNormal once had w:tblPr before w:qFormat (CT_Style wants name … qFormat … pPr rPr
    tblPr); Word may then call the file damaged. The styles part is the same for every example of a profile."""
    problems = _order_problems(rendered["kaifu-2022"].styles)
    assert not problems, "\n".join(problems[:10])


def test_jc_comes_after_ind_and_spacing(rendered):
    """The specific rule Word is strictest about, checked on every pPr of every part."""
    for stem in STEMS:
        docx = rendered[stem]
        for part in ("word/document.xml", "word/styles.xml"):
            for ppr in docx.xml(part).iter(w("pPr")):
                tags = [c.tag.split("}")[1] for c in ppr]
                if "jc" in tags:
                    for earlier in ("ind", "spacing", "pStyle"):
                        if earlier in tags:
                            assert tags.index(earlier) < tags.index("jc"), (stem, part, tags)


# ---------------------------------------------------------------- body structure


def _standalone_headings(docx):
    return [(para_style(p), para_text(p)) for p in docx.body_paragraphs() if para_style(p).startswith("Heading")]


def test_kaifu_heading_sequence(rendered):
    headings = _standalone_headings(rendered["kaifu-2022"])
    assert headings == [
        ("Heading1", "一、主要举措和成效"),
        ("Heading2", "（一）依法全面履行政府职能"),
        ("Heading2", "（二）健全依法行政体制机制"),
        ("Heading2", "（三）严格规范公正文明执法"),
        ("Heading2", "（四）推进矛盾纠纷预防化解"),
        ("Heading2", "（五）夯实法治政府建设基础"),
        ("Heading1", "二、存在的不足"),
        ("Heading1", "三、下一步工作举措"),
    ]


def test_kaifu_runin_paragraphs(rendered):
    paragraphs = rendered["kaifu-2022"].body_paragraphs()
    runins = [runs(p) for p in paragraphs if runs(p) and runs(p)[0][0].startswith("FzRunIn")]
    assert len(runins) == 2 + 4 + 4 + 3 + 4  # items under （一）…（五）
    first = runins[0]
    assert first[0] == ("FzRunIn3", "1.打造一流法治化营商环境。")
    assert len(first) == 2 and first[1][0] == "" and first[1][1].startswith("进一步深化“放管服”改革")
    # numbering restarts under each （一）: the third section's first item is 1. again
    numbers = [r[0][1].split(".")[0] for r in runins]
    assert numbers == ["1", "2", "1", "2", "3", "4", "1", "2", "3", "4", "1", "2", "3", "1", "2", "3", "4"]
    # run-in paragraphs are body paragraphs: no heading style, no outline level
    for p in paragraphs:
        if runs(p) and runs(p)[0][0].startswith("FzRunIn"):
            assert para_style(p) == "Normal" and p.find("w:pPr/w:outlineLvl", NS) is None


def _effective_jc(docx, p):
    jc = p.find("w:pPr/w:jc", NS)
    if jc is not None:
        return attr(jc, "val")
    style = docx.style(para_style(p))
    while style is not None:
        jc = style.find("w:pPr/w:jc", NS)
        if jc is not None:
            return attr(jc, "val")
        based = style.find("w:basedOn", NS)
        style = docx.style(attr(based, "val")) if based is not None else None
    return None


def test_kaifu_recipients_signatures_date(rendered):
    docx = rendered["kaifu-2022"]
    paragraphs = docx.body_paragraphs()
    texts = [para_text(p) for p in paragraphs]
    assert texts[0] == "关于2022年度法治政府建设工作情况的报告" and para_style(paragraphs[0]) == "Title"
    assert para_style(paragraphs[1]) == "FzRecipients"
    assert texts[1] == "中共长沙市委、长沙市人民政府：" and texts[1].endswith("：")
    assert texts[-3:] == ["中共长沙市开福区委", "长沙市开福区人民政府", "2023年1月4日"]
    for p in paragraphs[-3:]:
        assert _effective_jc(docx, p) == "right"
    # the date is further from the right edge than the longest signature is (it sits under it)
    right = [int(attr(p.find("w:pPr/w:ind", NS), "right")) for p in paragraphs[-3:]]
    assert all(r > 0 for r in right)


def test_mudanjiang_doc_number_before_title(rendered, layout):
    docx = rendered["mudanjiang-2022"]
    paragraphs = docx.body_paragraphs()
    assert [para_style(p) for p in paragraphs[:3]] == ["FzDocNumber", "Title", "FzRecipients"]
    assert para_text(paragraphs[0]) == "牡政呈〔2023〕4号"
    assert para_text(paragraphs[1]) == "关于牡丹江市2022年度法治政府建设工作情况的报告"
    assert para_text(paragraphs[2]) == "省政府："
    # an upward document (呈): 发文字号 flush left, one character in (GB/T 9704 7.2.4)
    doc_number = paragraphs[0].find("w:pPr", NS)
    assert attr(doc_number.find("w:jc", NS), "val") == "left"
    assert int(attr(doc_number.find("w:ind", NS), "left")) == layout.char
    # level-2 run-in headings in 楷体 (FzRunIn2)
    first_runin = next(runs(p) for p in paragraphs if runs(p) and runs(p)[0][0])
    assert first_runin[0] == ("FzRunIn2", "（一）加强党的领导，完善法治政府建设推进机制。")
    assert [para_text(p) for p in paragraphs[-2:]] == ["牡丹江市人民政府", "2023年2月25日"]


def test_deleting_a_section_renumbers_the_rest(tmp_path, render_docx):
    spec = copy_example(KAIFU, tmp_path)
    data = yaml.safe_load(spec.read_text(encoding="utf-8"))
    del data["measures"]["sections"][0]  # drop （一）依法全面履行政府职能
    spec.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    headings = [t for s, t in _standalone_headings(render_docx(spec)) if s == "Heading2"]
    assert headings == [
        "（一）健全依法行政体制机制",
        "（二）严格规范公正文明执法",
        "（三）推进矛盾纠纷预防化解",
        "（四）夯实法治政府建设基础",
    ]


def test_python_docx_opens_every_example(rendered):
    import docx as python_docx

    for item in rendered.values():
        document = python_docx.Document(str(item.path))
        assert document.paragraphs[0].text or document.paragraphs[1].text
        section = document.sections[0]
        assert section.page_width.twips == 11906 and section.page_height.twips == 16838
