"""The OFD writer and reader on pages built by hand (the model's records, placed here, not by the line model)."""

from __future__ import annotations

import io
import zipfile

import pytest
from fontTools.ttLib import TTFont

from generator.errors import DraftError
from generator.ooxml.layout import load_layout
from generator.paging.model import Line, Page, Rule
from generator.read import read_draft
from generator.read.ofd import expand_deltas, ofd_text, page_lines
from generator.write.ofd import DocInfo, write_ofd
from generator.write.ofd.content import delta_x
from generator.write.ofd.fonts import open_font, subset
from tests.ofd_structure import problems


FONTS = load_layout().fonts("gb2312")
EM = 16 * 25.4 / 72 - 0.25 * 25.4 / 72  # a condensed 三号 cell: 28 to a 156 mm line


def line(x, y, text, role="body", size=16.0, color="000000"):
    return Line(x, y, text, role, size, [EM * size / 16 if ord(c) > 0x7F else EM * size / 32 for c in text], color)


def body_page(number, texts, landscape=False):
    """A page of body lines: the first of each paragraph indented two characters."""
    width, height = (297.0, 210.0) if landscape else (210.0, 297.0)
    lines, y = [], 44.0
    for paragraph in texts:
        for k, piece in enumerate(_broken(paragraph)):
            lines.append(line(28 + (2 * EM if k == 0 else 0), y, piece))
            y += 10.2
    page_number = line(150 if number % 2 else 35, height - 25.2, f"— {number} —", "page_number", 14)
    return Page(number, landscape, width, height, lines, [], page_number)


def _broken(paragraph: str) -> list[str]:
    """A paragraph cut into lines of at most 156 mm, the first indented two characters."""
    pieces, room, current = [], 156 - 2 * EM, ""
    for ch in paragraph:
        advance = line(0, 0, ch).advances_mm[0]
        if room < advance - 1e-6:
            pieces.append(current)
            current, room = "", 156.0
        current += ch
        room -= advance
    return pieces + [current]


PARAS = [
    "2022年，开福区坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，全面推进法治政府建设。",
    "一、主要举措和成效",
    "（一）依法全面履行政府职能。持续深化“放管服”改革，新增“一件事一次办”事项50项。",
]


def sample(embed=False, warn=None) -> bytes:
    red = Page(
        1,
        False,
        210,
        297,
        [line(40, 60, "长沙市开福区人民政府文件", "issuer_mark", 36, "FF0000"), line(28 + 2 * EM, 120, PARAS[0][:26])],
        [Rule(28, 100, 184, 100, 0.53, "FF0000")],
        line(150, 271.8, "— 1 —", "page_number", 14),
    )
    return write_ofd(
        [red, body_page(2, PARAS), body_page(3, ["附件"], landscape=True)],
        FONTS,
        DocInfo("关于2022年度法治政府建设工作情况的报告", "开福区"),
        embed,
        warn,
    )


def test_package_parts_are_sound_and_complete():
    data = sample()
    assert problems(data) == []
    package = zipfile.ZipFile(io.BytesIO(data))
    assert {"OFD.xml", "Doc_0/Document.xml", "Doc_0/PublicRes.xml", "Doc_0/Pages/Page_2/Content.xml"} <= set(
        package.namelist()
    )
    assert not any("Sign" in name for name in package.namelist())  # left for a 签章 system to add
    document = package.read("Doc_0/Document.xml").decode()
    assert "<ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox>" in document
    landscape = package.read("Doc_0/Pages/Page_2/Content.xml").decode()
    assert "<ofd:Area><ofd:PhysicalBox>0 0 297 210</ofd:PhysicalBox></ofd:Area>" in landscape
    first = package.read("Doc_0/Pages/Page_0/Content.xml").decode()
    assert first.count('<ofd:FillColor Value="255 0 0"/>') == 1 and '<ofd:StrokeColor Value="255 0 0"/>' in first
    fonts = package.read("Doc_0/PublicRes.xml").decode()
    for name, family in (("仿宋_GB2312", "仿宋"), ("方正小标宋简体", "宋体"), ("Times New Roman", "Times New Roman")):
        assert f'FontName="{name}" FamilyName="{family}"' in fonts


def test_structure_checks_catch_broken_packages():
    data = sample()

    def broken(member, old, new):
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
            for info in source.infolist():
                body = source.read(info)
                target.writestr(info, body.replace(old, new) if info.filename == member else body)
        return problems(out.getvalue())

    assert any("DeltaX" in p for p in broken("Doc_0/Pages/Page_1/Content.xml", b'DeltaX="g 25', b'DeltaX="g 24'))
    assert any("undeclared font" in p for p in broken("Doc_0/PublicRes.xml", b'<ofd:Font ID="', b'<ofd:Font ID="9'))
    assert any(
        "MaxUnitID" in p
        for p in broken("Doc_0/Document.xml", b"<ofd:MaxUnitID>", b"<ofd:MaxUnitID>1"[:-1] + b"<!---->")
    )
    assert any("missing" in p for p in broken("OFD.xml", b"Doc_0/Document.xml", b"Doc_0/Doc.xml"))
    assert any(
        "outside the page" in p for p in broken("Doc_0/Pages/Page_0/Content.xml", b'Boundary="40 ', b'Boundary="200 ')
    )


def test_delta_x_abbreviates_runs_and_reads_back():
    values = [5.5, 5.5, 5.5, 2.8, 2.8, 5.5]
    assert delta_x(values) == "g 3 5.5 2.8 2.8 5.5"
    assert expand_deltas(delta_x(values)) == values


def test_no_text_code_starts_with_a_space():
    """「— 2 —」: the space before the number stays with the dash (readers may strip a leading space)."""
    from generator.write.ofd.fonts import runs

    assert runs("— 14 —") == [(0, 2, False), (2, 5, True), (5, 6, False)]
    assert runs("全年 APP 120件") == [(0, 3, False), (3, 10, True), (10, 11, False)]
    content = zipfile.ZipFile(io.BytesIO(sample())).read("Doc_0/Pages/Page_1/Content.xml").decode()
    assert "— " in content and '"> ' not in content


def test_reader_returns_each_page_lines_and_paragraphs():
    data = sample()
    pages = page_lines(data, "x.ofd")
    assert [p[0].text for p in pages] == ["长沙市开福区人民政府文件", _broken(PARAS[0])[0], "附件"]
    assert "".join(line.text for line in pages[1][:-1]) == "".join(PARAS)
    text = ofd_text(data, "x.ofd")
    assert PARAS[0] in text.splitlines() and PARAS[2] in text.splitlines()
    assert "— 2 —" not in text


def test_read_draft_takes_an_ofd(tmp_path):
    draft = tmp_path / "稿.ofd"
    draft.write_bytes(sample())
    doc = read_draft(draft)
    assert doc.source == "ofd"
    assert any(getattr(b, "title", "") == "主要举措和成效" for b in doc.blocks)


@pytest.mark.parametrize("data, message", [(b"not a zip", "不是 OFD 文件"), (b"PK\x03\x04broken", "已损坏")])
def test_reader_refuses_what_is_not_an_ofd(data, message):
    with pytest.raises(DraftError) as caught:
        ofd_text(data, "bad.ofd")
    assert message in caught.value.problems[0].message


def test_reader_refuses_a_package_without_text():
    page = Page(1, False, 210, 297, [], [Rule(28, 100, 184, 100, 0.5)], None)
    with pytest.raises(DraftError) as caught:
        ofd_text(write_ofd([page], FONTS), "scan.ofd")
    assert "没有文字层" in caught.value.problems[0].message


def test_embedded_fonts_are_subsets_that_keep_their_licence():
    told = []
    data = sample(embed=True, warn=told.append)
    assert problems(data) == []
    package = zipfile.ZipFile(io.BytesIO(data))
    files = [n for n in package.namelist() if n.startswith("Doc_0/Res/")]
    assert files and not told
    for name in files:
        font = TTFont(io.BytesIO(package.read(name)))
        cmap = set(chr(c) for c in font.getBestCmap())
        licence = " ".join(filter(None, (font["name"].getDebugName(i) for i in (13, 14))))
        assert len(cmap) < 200 and licence and "glyf" in font and "CFF " not in font
    body = next(
        TTFont(io.BytesIO(package.read(n)))
        for n in files
        if "年" in set(chr(c) for c in TTFont(io.BytesIO(package.read(n))).getBestCmap())
    )
    assert "习" in {chr(c) for c in body.getBestCmap()}


def test_a_font_that_forbids_embedding_is_not_embedded(tmp_path):
    path, index, _ = open_font("Times New Roman")
    font = TTFont(path, fontNumber=index)
    font["OS/2"].fsType = 0x0002
    restricted = tmp_path / "restricted.ttf"
    font.save(restricted)
    assert subset(str(restricted), 0, set("2022")) is None
    assert subset(path, index, set("2022")) is not None


def _package(files: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for name, text in files.items():
            package.writestr(name, text)
    return out.getvalue()


def test_reader_takes_other_producers_conventions():
    """Absolute locations, a CTM scaling the text, one TextCode per character without DeltaX, text in a
    PageBlock, lines given bottom first: what other OFD writers do."""
    ns = 'xmlns:ofd="http://www.ofdspec.org/2016"'
    page = (
        f'<ofd:Page {ns}><ofd:Content><ofd:Layer ID="5"><ofd:PageBlock ID="6">'
        '<ofd:TextObject ID="7" Boundary="28 60 160 10" Font="3" Size="1" CTM="5.6 0 0 5.6 0 0">'
        '<ofd:TextCode X="0" Y="1">二</ofd:TextCode><ofd:TextCode X="1" Y="1">行</ofd:TextCode></ofd:TextObject>'
        '</ofd:PageBlock><ofd:TextObject ID="8" Boundary="39 40 160 10" Font="3" Size="5.6">'
        '<ofd:TextCode X="0" Y="5" DeltaX="5.6 5.6">第一行</ofd:TextCode></ofd:TextObject>'
        "</ofd:Layer></ofd:Content></ofd:Page>"
    )
    data = _package(
        {
            "OFD.xml": f'<ofd:OFD {ns} Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>x</ofd:DocID>'
            "</ofd:DocInfo><ofd:DocRoot>/Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
            "Doc_0/Document.xml": f"<ofd:Document {ns}><ofd:CommonData><ofd:MaxUnitID>9</ofd:MaxUnitID><ofd:PageArea>"
            "<ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData>"
            '<ofd:Pages><ofd:Page ID="1" BaseLoc="/Doc_0/Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>',
            "Doc_0/Pages/Page_0/Content.xml": page,
        }
    )
    (lines,) = page_lines(data, "other.ofd")
    assert [(line.text, round(line.left, 1), round(line.y, 1)) for line in lines] == [
        ("第一行", 39.0, 45.0),
        ("二行", 28.0, 65.6),
    ]
    assert lines[1].size == pytest.approx(5.6)


def test_reader_refuses_an_oversized_member(monkeypatch):
    import generator.read.ofd as reader

    monkeypatch.setattr(reader, "MAX_MEMBER_BYTES", 100)
    with pytest.raises(DraftError) as caught:
        ofd_text(sample(), "big.ofd")
    assert "过大" in caught.value.problems[0].message


@pytest.mark.parametrize("number, toward", [(4, "top"), (5, "bottom")])
def test_a_landscape_page_number_is_turned_to_the_portrait_foot(number, toward):
    """As the .docx prints it: along the left edge, read downward, even pages at the top (the portrait
    left), odd at the bottom (the portrait right), the baseline as far from the edge as from a foot."""
    footer = line(0, 0, f"— {number} —", "page_number", 14)
    width = sum(footer.advances_mm)
    x = 297 - 26 - 4.94 - width if number % 2 else 28 + 4.94
    page = Page(
        number,
        True,
        297,
        210,
        [line(35, 40, "附件", "attachment_label")],
        [],
        footer._replace(x_mm=x, baseline_mm=210 - 25.2),
    )
    data = write_ofd([page], FONTS)
    assert problems(data) == []
    content = zipfile.ZipFile(io.BytesIO(data)).read("Doc_0/Pages/Page_0/Content.xml").decode()
    assert content.count('CTM="0 1 -1 0 ') == 3  # 「—」, 「 N 」 and 「—」 in their own fonts
    (lines,) = page_lines(data, "turned.ofd")
    turned = lines[-1]
    assert turned.text == f"— {number} —" and turned.left == pytest.approx(25.2)
    start = 28 + 4.94 if toward == "top" else 210 - 26 - 4.94 - width
    assert turned.y == pytest.approx(start, abs=0.01)


def test_a_hostile_delta_x_run_is_expanded_only_as_far_as_the_text_needs():
    assert expand_deltas("g 999999999 5.5 1", 3) == [5.5, 5.5, 5.5]
    assert expand_deltas("1 g 2 3 4", 10) == [1.0, 3.0, 3.0, 4.0]
    data = write_ofd([body_page(1, ["一二三"])], FONTS)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            body = source.read(info)
            if info.filename.endswith("Content.xml"):
                body = body.replace(b'DeltaX="5.', b'DeltaX="g 999999999 5.', 1)
                assert b"g 999999999" in body
            target.writestr(info, body)
    (lines,) = page_lines(out.getvalue(), "hostile.ofd")
    assert lines[0].text == "一二三"
