"""The draft reader: seeds (.txt with web noise), fazhi's own .docx read back, variants, bad input."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from conftest import ALL_EXAMPLES, KAIFU, MAOJIAN, MUDANJIANG, SEEDS

from generator import read as drafts
from generator.api import render_bytes
from generator.render.build import Options, build_tree
from generator.read import docx_package, docx_tokens, read_docx_bytes, read_draft, read_text
from generator.errors import DraftError
from generator.spec.validate import load_spec
from generator.write.text import to_text
from generator.tree import Heading, Paragraph, Table

KAIFU_TXT = SEEDS / "kaifu-2022-report.txt"
MUDANJIANG_TXT = SEEDS / "mudanjiang-2022-report.txt"
MAOJIAN_TXT = SEEDS / "maojian-2024-workplan.txt"
NOISE_WORDS = (
    "发布时间",
    "来源:",
    "字体大小",
    "作者:",
    "更新时间",
    "相关文档",
    "相关信息",
    "扫一扫",
    "分享到",
    "close.png",
    "打印",
    "版权所有",
    "ICP",
)


def headings(doc):
    return [(h.level, h.number, h.title, h.runin) for h in doc.headings()]


def all_texts(doc):
    for part in doc.all_documents():
        yield part.title
        yield part.recipients
        yield from part.signatures
        for block in part.blocks:
            if isinstance(block, Heading):
                yield block.title
                yield block.body
            elif isinstance(block, Paragraph):
                yield block.text


def shape(doc):
    """What must survive a round trip (line numbers aside)."""
    out = []
    for part in doc.all_documents():
        blocks = []
        for b in part.blocks:
            if isinstance(b, Heading):
                blocks.append(("H", b.level, b.title, b.runin, b.body))
            elif isinstance(b, Paragraph):
                blocks.append(("P", b.text))
            else:
                blocks.append(("T", b.rows))
        # 附件说明 is a paragraph once written; title lines are where the writer broke them
        blocks += [
            ("P", ("附件：" if i == 0 else "") + (f"{i + 1}." if len(part.annexes) > 1 else "") + name)
            for i, name in enumerate(part.annexes)
        ]
        out.append(
            {
                "title": part.title.replace("\n", ""),
                "doc_number": part.doc_number,
                "recipients": part.recipients,
                "signatures": part.signatures,
                "date": part.date,
                "notes": part.notes,
                "label": part.label,
                "blocks": blocks,
            }
        )
    return out


# ---------------------------------------------------------------- seeds


@pytest.fixture(scope="module")
def kaifu():
    return read_draft(KAIFU_TXT)


@pytest.fixture(scope="module")
def mudanjiang():
    return read_draft(MUDANJIANG_TXT)


@pytest.fixture(scope="module")
def maojian():
    return read_draft(MAOJIAN_TXT)


def test_kaifu_head_and_closing(kaifu):
    assert kaifu.source == "txt"
    assert kaifu.title == "关于2022年度法治政府建设工作情况的报告" and kaifu.title_line == 1
    assert kaifu.doc_number == ""
    assert kaifu.recipients == "中共长沙市委、长沙市人民政府" and kaifu.recipients_line == 5
    assert kaifu.signatures == ["中共长沙市开福区委", "长沙市开福区人民政府"] and kaifu.signature_line == 69
    assert kaifu.date == dt.date(2023, 1, 4) and kaifu.date_text == "2023年1月4日" and kaifu.date_line == 73
    assert kaifu.parts == [] and kaifu.notes == []


def test_kaifu_headings(kaifu):
    found = [(h.level, h.number, h.runin) for h in kaifu.headings()]
    expected = [(1, "一、", False)]
    for number, items in (("(一)", 2), ("(二)", 4), ("(三)", 4), ("(四)", 3), ("(五)", 4)):
        expected.append((2, number, False))
        expected += [(3, f"{n}.", True) for n in range(1, items + 1)]
    expected += [(1, "二、", False), (1, "三、", False)]
    assert found == expected
    titles = [h.title for h in kaifu.headings()]
    assert titles[:4] == ["主要举措和成效", "依法全面履行政府职能", "打造一流法治化营商环境", "全面推进政务公开"]
    assert titles[-2:] == ["存在的不足", "下一步工作举措"]
    first = next(h for h in kaifu.headings() if h.level == 3)
    assert first.body.startswith("进一步深化“放管服”改革") and first.line == 13
    # 一是… are paragraphs, and so is the opening 「2022年,…」
    texts = [b.text for b in kaifu.blocks if isinstance(b, Paragraph)]
    assert texts[0].startswith("2022年,在市委")
    assert [t[:2] for t in texts[-3:]] == ["一是", "二是", "三是"]


def test_mudanjiang(mudanjiang):
    doc = mudanjiang
    assert doc.title == "关于牡丹江市2022年度法治政府建设工作情况的报告"
    assert doc.doc_number == "牡政呈〔2023〕4号" and doc.doc_number_line == 5
    assert doc.recipients == "省政府" and doc.recipients_line == 6
    assert doc.signatures == ["牡丹江市人民政府"]
    assert doc.date == dt.date(2023, 2, 25) and doc.date_line == 25
    levels = [(h.level, h.number, h.runin) for h in doc.headings()]
    expected = [(1, "一、", False)]
    expected += [(2, f"({n})", n != "二") for n in "一二三四五六七八九"]
    expected += [(1, "二、", False), (1, "三、", False)]
    assert levels == expected
    titles = {h.number: h for h in doc.headings()}
    assert titles["(一)"].title == "加强党的领导,完善法治政府建设推进机制"
    assert titles["(一)"].body.startswith("市委、市政府深入学习领会")
    assert titles["(二)"].title == "健全政府机构职能体系,推动更好发挥政府作用。"
    # the heading the web page broke over two lines is joined
    assert titles["(三)"].title == "健全依法行政制度体系,加快推进政府治理规范化程序化法治化"
    assert titles["(三)"].body.startswith("严格履行立法程序") and titles["(三)"].line == 12
    assert [h.title for h in doc.headings() if h.level == 1] == ["主要工作进展情况", "存在的问题", "下步工作"]


def test_maojian_notice_and_work_points(maojian):
    notice = maojian
    assert notice.doc_number == "茅政办发〔2024〕7号" and notice.doc_number_line == 1
    assert notice.title == "茅箭区人民政府办公室\n关于印发2024年度茅箭区法治政府建设工作要点的\n通知"
    assert notice.title_line == 2
    assert notice.recipients.startswith("各乡镇、街道") and notice.recipients.endswith("区直相关单位")
    assert [type(b) for b in notice.blocks] == [Paragraph] and not list(notice.headings())
    assert notice.signatures == ["十堰市茅箭区人民政府办公室"] and notice.signature_line == 7
    assert notice.date == dt.date(2024, 4, 23) and notice.date_line == 8
    (points,) = notice.parts
    assert points.title == "2024年度茅箭区法治政府建设工作要点" and points.title_line == 9
    assert isinstance(points.blocks[0], Paragraph) and points.blocks[0].text.startswith("2024年是")
    level1 = [h for h in points.headings() if h.level == 1]
    assert [h.number for h in level1] == [f"{n}、" for n in "一二三四五六七"]
    assert not any(h.runin for h in level1)
    items = [h for h in points.headings() if h.level == 2]
    assert len(items) == 24 and all(h.runin for h in items)
    assert items[0].title == "持续完善政府职能" and items[0].body.startswith("深化行政体制改革")


@pytest.mark.parametrize("seed", [KAIFU_TXT, MUDANJIANG_TXT, MAOJIAN_TXT])
def test_no_noise_left(seed):
    doc = read_draft(seed)
    for text in all_texts(doc):
        assert not any(word in text for word in NOISE_WORDS), text


def test_seeds_match_examples_structure():
    """The seeds and the examples reproducing them give the same heading skeleton."""
    for seed, example in ((KAIFU_TXT, KAIFU), (MUDANJIANG_TXT, MUDANJIANG), (MAOJIAN_TXT, MAOJIAN)):
        read = read_draft(seed)
        built = build_tree(load_spec(example))
        for a, b in zip(read.all_documents(), built.all_documents()):
            assert [(h.level, h.runin) for h in a.headings()] == [(h.level, h.runin) for h in b.headings()]
            assert a.date == b.date and a.signatures == b.signatures


# ---------------------------------------------------------------- round trips


@pytest.fixture(scope="module", params=[p.stem for p in ALL_EXAMPLES])
def example(request):
    path = next(p for p in ALL_EXAMPLES if p.stem == request.param)
    spec = load_spec(path)
    return spec, build_tree(spec)


def test_docx_round_trip(example):
    spec, tree = example
    doc = read_docx_bytes(render_bytes(spec), "example.docx")
    assert doc.source == "docx"
    assert shape(doc) == shape(tree)
    assert doc.signer == tree.signer and doc.upward == tree.upward
    # line numbers: paragraphs in the body, 1-based and increasing
    lines = [b.line for part in doc.all_documents() for b in part.blocks]
    assert lines == sorted(lines) and lines[0] > doc.title_line > 0


def test_txt_round_trip(example):
    spec, tree = example
    doc = read_text(to_text(tree), "example.txt")
    assert shape(doc) == shape(tree)


def test_docx_lines_and_facts():
    spec = load_spec(KAIFU)
    doc = read_docx_bytes(render_bytes(spec), "kaifu.docx")
    assert (doc.title_line, doc.recipients_line) == (1, 2)
    assert doc.blocks[0].line == 3 and doc.blocks[1].line == 4
    facts = doc.facts
    assert (facts["page_width"], facts["page_height"]) == (11906, 16838)
    assert facts["margins"] == {"top": 2098, "bottom": 1984, "left": 1588, "right": 1474}
    assert facts["has_page_field"] is True and facts["odd_even"] is True
    assert (facts["body_font"], facts["body_size"]) == ("仿宋_GB2312", 32)
    assert (facts["title_font"], facts["title_size"]) == ("方正小标宋简体", 44)
    assert facts["heading_fonts"] == {1: "黑体", 2: "楷体_GB2312", 3: "仿宋_GB2312"}


def test_work_plan_with_task_table_round_trip():
    spec = load_spec(MAOJIAN)
    options = Options(table=True)
    tree = build_tree(spec, options)
    assert isinstance(tree.parts[-1].blocks[0], Table)
    assert shape(read_docx_bytes(render_bytes(spec, "docx", options))) == shape(tree)
    assert shape(read_text(to_text(tree))) == shape(tree)


def test_lxml_path_matches_fast_path(monkeypatch):
    """Documents the tokenizer does not take (text boxes, comments…) go through lxml: same tree."""
    data = render_bytes(load_spec(MAOJIAN))
    fast = read_docx_bytes(data)
    monkeypatch.setattr(docx_tokens, "fast_body", lambda raw, styles: None)
    slow = read_docx_bytes(data)
    assert shape(slow) == shape(fast)
    assert [h.line for h in slow.parts[0].headings()] == [h.line for h in fast.parts[0].headings()]
    assert slow.facts == fast.facts


def test_docx_with_comment_goes_through_lxml():
    data = render_bytes(load_spec(KAIFU))
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "word/document.xml":
                content = content.replace(b"<w:body>", b"<w:body><!-- a comment -->", 1)
            target.writestr(info.filename, content)
    assert shape(read_docx_bytes(out.getvalue())) == shape(build_tree(load_spec(KAIFU)))


def test_hand_written_docx(tmp_path):
    """Normal style everywhere, typed numbers, a heading style used once, a table, a note."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = docx.Document()
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run("关于2023年度法治政府建设情况的报告")
    run.font.size = Pt(22)
    run._element.get_or_add_rPr().get_or_add_rFonts().set(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia", "方正小标宋简体"
    )
    document.add_paragraph("")
    document.add_paragraph("市委、市政府：")
    document.add_paragraph("2023年，我区坚持以习近平新时代中国特色社会主义思想为指导。")
    document.add_heading("一、主要举措和成效", level=1)
    document.add_paragraph("（一）依法全面履行政府职能")
    document.add_paragraph("1、深化放管服改革。持续推进简政放权。")
    document.add_paragraph("1月20日，召开专题会议。")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "指标", "数值"
    table.cell(1, 0).text, table.cell(1, 1).text = "案件", "35"
    document.add_paragraph("二、存在的不足")
    document.add_paragraph("一是法治意识有待提高。")
    document.add_paragraph("某某区人民政府")
    document.add_paragraph("2024年1月5日")
    document.add_paragraph("（此件公开发布）")
    path = tmp_path / "draft.docx"
    document.save(path)
    doc = read_draft(path)
    assert doc.title == "关于2023年度法治政府建设情况的报告" and doc.title_line == 1
    assert doc.recipients == "市委、市政府" and doc.recipients_line == 3
    assert headings(doc) == [
        (1, "一、", "主要举措和成效", False),
        (2, "（一）", "依法全面履行政府职能", False),
        (3, "1、", "深化放管服改革", True),
        (1, "二、", "存在的不足", False),
    ]
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert tables[0].rows == [["指标", "数值"], ["案件", "35"]] and tables[0].line == 9
    assert [b.line for b in doc.blocks if isinstance(b, Heading)][-1] == 13  # 4 table paragraphs counted
    assert doc.signatures == ["某某区人民政府"] and doc.date == dt.date(2024, 1, 5)
    assert doc.notes == ["此件公开发布"]
    facts = doc.facts
    assert (facts["title_font"], facts["title_size"]) == ("方正小标宋简体", 44)
    assert facts["page_width"] and facts["margins"]["top"]
    assert facts["has_page_field"] is False
    assert 1 in facts["heading_fonts"]


# ---------------------------------------------------------------- variants

VARIANT = """\
首页 > 政务公开 > 法治政府建设
某某县人民政府关于2023年度法治政府建设情况的报告
发布日期：2024-01-20  浏览次数：35
某政发[2024]第3号
市人民政府：
2023年，我县坚持依法行政。1月20日，县政府召开常务会议。
一、主要举措和成效
(一)依法全面履行政府职能
1、深化放管服改革。持续推进简政放权，一、二季度各办结一批。
2．优化营商环境。出台措施12条。
（1）完善清单。梳理事项100项。
1.5亿元资金全部到位。
2022年，全县办理复议案件35件。
1月20日召开会议。
一是加强学习。二是完善制度。
二. 存在的不足
三、下一步工作安排
某某县人民政府
二〇二四年一月五日
（此件公开发布）
【打印】【关闭】
主办单位：某某县人民政府办公室  网站标识码：1234567890
"""


def test_variant_numbering_and_noise():
    doc = read_text(VARIANT, "variant.txt")
    assert doc.title == "某某县人民政府关于2023年度法治政府建设情况的报告"
    assert doc.doc_number == "某政发[2024]第3号" and doc.recipients == "市人民政府"
    assert headings(doc) == [
        (1, "一、", "主要举措和成效", False),
        (2, "(一)", "依法全面履行政府职能", False),
        (3, "1、", "深化放管服改革", True),
        (3, "2．", "优化营商环境", True),
        (4, "（1）", "完善清单", True),
        (1, "二.", "存在的不足", False),
        (1, "三、", "下一步工作安排", False),
    ]
    paragraphs = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert paragraphs == [
        "2023年，我县坚持依法行政。1月20日，县政府召开常务会议。",
        "1.5亿元资金全部到位。",
        "2022年，全县办理复议案件35件。",
        "1月20日召开会议。",
        "一是加强学习。二是完善制度。",
    ]
    assert doc.signatures == ["某某县人民政府"]
    assert doc.date == dt.date(2024, 1, 5) and doc.date_text == "二〇二四年一月五日"
    assert doc.notes == ["此件公开发布"] and doc.parts == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2023年1月4日", dt.date(2023, 1, 4)),
        ("２０２３年１月４日", dt.date(2023, 1, 4)),
        ("二〇二三年一月四日", dt.date(2023, 1, 4)),
        ("二〇二三年十二月三十一日", dt.date(2023, 12, 31)),
        ("2023-01-04", dt.date(2023, 1, 4)),
        ("2023.1.4", dt.date(2023, 1, 4)),
        ("2023/1/4", dt.date(2023, 1, 4)),
        ("2023年2月30日", None),
        ("2023年，我市", False),
        ("1月20日", False),
    ],
)
def test_dates(text, expected):
    assert drafts.parse_date(text) == expected


@pytest.mark.parametrize(
    "line",
    [
        "牡政呈〔2023〕4号",
        "牡政呈[2023]4号",
        "牡政呈【2023】4号",
        "牡政呈(2023)4号",
        "牡政呈（2023）4号",
        "牡政呈﹝2023﹞4号",
        "牡政呈〔2023〕第4号",
    ],
)
def test_doc_number_variants_kept_raw(line):
    doc = read_text(f"{line}\n关于某事的报告\n省政府:\n正文第一段。\n")
    assert doc.doc_number == line and doc.title == "关于某事的报告" and doc.recipients == "省政府"


def test_signer_on_doc_number_line():
    doc = read_text("牡政呈〔2023〕4号  签发人：张三\n关于某事的报告\n省政府：\n正文。\n")
    assert doc.doc_number == "牡政呈〔2023〕4号" and doc.signer == "张三" and doc.upward


def test_attachment_part():
    text = "关于某事的通知\n各单位：\n正文。\n某某办公室\n2024年3月1日\n附件\n任务清单\n一、任务一\n"
    doc = read_text(text)
    (part,) = doc.parts
    assert part.label == "附件" and part.title == "任务清单" and headings(part) == [(1, "一、", "任务一", False)]


def test_a_date_inside_the_body_is_a_paragraph():
    doc = read_text(
        "关于某事的报告\n省政府：\n正文。\n2023年5月1日\n当天召开了会议，部署工作。\n某某市人民政府\n2024年1月2日\n"
    )
    assert doc.date == dt.date(2024, 1, 2) and doc.signatures == ["某某市人民政府"]
    assert [b.text for b in doc.blocks] == ["正文。", "2023年5月1日", "当天召开了会议，部署工作。"]
    assert doc.parts == []


def test_encodings(tmp_path):
    text = KAIFU_TXT.read_text(encoding="utf-8")
    expected = shape(read_text(text))
    for encoding in ("gb18030", "utf-8-sig", "utf-16"):
        path = tmp_path / f"kaifu-{encoding}.txt"
        path.write_bytes(text.encode(encoding))
        assert shape(read_draft(path)) == expected, encoding


def test_crlf_and_indentation():
    doc = read_text(
        "\ufeff  关于某事的报告\r\n\r\n\u3000\u3000省政府：\r\n\u3000\u3000一、总体情况\r\n\u3000\u3000正文。\r\n"
    )
    assert doc.title == "关于某事的报告" and doc.recipients_line == 3
    assert headings(doc) == [(1, "一、", "总体情况", False)] and doc.blocks[0].line == 4


def test_custom_noise_file(tmp_path):
    noise = tmp_path / "noise.yaml"
    noise.write_text("drop:\n  - '^本站声明'\nend:\n  - '^【相关稿件】'\n", encoding="utf-8")
    text = "关于某事的报告\n本站声明：转载请注明出处\n省政府：\n正文。\n【相关稿件】\n关于另一事的报告\n"
    doc = read_text(text, "x.txt", noise=noise)
    assert doc.recipients == "省政府" and [b.text for b in doc.blocks] == ["正文。"] and doc.parts == []
    assert "本站声明" in "".join(all_texts(read_text(text)))  # not in the built-in list


def test_yaml_draft():
    from generator.api import read_any

    doc = read_any(MUDANJIANG)
    assert doc.source == "yaml" and shape(doc) == shape(build_tree(load_spec(MUDANJIANG)))


# ---------------------------------------------------------------- bad input


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in members.items():
            package.writestr(name, content)
    return out.getvalue()


def _raises(path_or_call, match: str):
    with pytest.raises(DraftError) as info:
        path_or_call()
    assert match in str(info.value)
    assert info.value.problems[0].file
    return info.value


def test_not_a_docx(tmp_path):
    path = tmp_path / "draft.docx"
    path.write_text("这不是 Word 文件", encoding="utf-8")
    _raises(lambda: read_draft(path), "不是 Word")
    _raises(lambda: read_docx_bytes(_zip({"word/other.xml": b"<x/>"}), "a.docx"), "没有 word/document.xml")


def test_damaged_docx(tmp_path):
    data = render_bytes(load_spec(KAIFU))
    _raises(lambda: read_docx_bytes(data[: len(data) // 2], "half.docx"), "损坏")
    # flip bytes inside document.xml's compressed data: CRC or inflate error
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + 200
    broken = data[:start] + bytes(b ^ 0xFF for b in data[start : start + 50]) + data[start + 50 :]
    _raises(lambda: read_docx_bytes(broken, "flipped.docx"), "损坏")
    bad_xml = _zip({"word/document.xml": b"<w:document xmlns:w='x'><w:body><w:p>"})
    _raises(lambda: read_docx_bytes(bad_xml, "bad.docx"), "损坏")
    _raises(lambda: read_docx_bytes(_member_at_the_end(data), "offset.docx"), "损坏")


def _member_at_the_end(data: bytes) -> bytes:
    """document.xml's entry pointing at a local-header signature in the last bytes of the file."""
    import struct

    end = data.rfind(b"PK\x05\x06")
    data = data[: end + 20] + struct.pack("<H", 4) + b"PK\x03\x04"  # a 4-byte zip comment
    entry = data.find(b"PK\x01\x02")
    while data[entry + 46 : entry + 46 + 17] != b"word/document.xml":
        entry = data.find(b"PK\x01\x02", entry + 4)
    return data[: entry + 42] + struct.pack("<L", len(data) - 4) + data[entry + 46 :]


def test_zip_bomb_refused(monkeypatch):
    data = render_bytes(load_spec(KAIFU))
    monkeypatch.setattr(docx_package, "MAX_XML_BYTES", 1000)
    _raises(lambda: read_docx_bytes(data, "bomb.docx"), "过大")


def test_too_large_file(tmp_path):
    path = tmp_path / "huge.docx"
    with open(path, "wb") as handle:
        handle.truncate(drafts.MAX_FILE_BYTES + 1)
    _raises(lambda: read_draft(path), "过大")
    _raises(lambda: read_docx_bytes(b"PK" + bytes(drafts.MAX_FILE_BYTES), "huge.docx"), "过大")


@pytest.mark.parametrize("suffix", [".rtf", ".odt", ""])  # .doc, .wps, .pdf: tests/test_import_formats.py
def test_unknown_extension(tmp_path, suffix):
    path = tmp_path / f"draft{suffix}"
    path.write_bytes(b"x")
    _raises(lambda: read_draft(path), "不支持")


def test_undecodable_and_binary_text(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_bytes(bytes([0x81, 0x20, 0xFF, 0xFE, 0x80]) * 10)
    _raises(lambda: read_draft(path), "编码")
    path.write_bytes(b"abc\x00\x00def")
    _raises(lambda: read_draft(path), "编码")


def test_empty_drafts(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    _raises(lambda: read_draft(path), "为空")
    path.write_text("\n  \n发布时间:2023-01-29 来源:某局 字体大小:\n扫一扫在手机打开\n", encoding="utf-8")
    _raises(lambda: read_draft(path), "为空")
    import docx

    docx_path = tmp_path / "empty.docx"
    docx.Document().save(docx_path)
    _raises(lambda: read_draft(docx_path), "为空")


def test_missing_file(tmp_path):
    _raises(lambda: read_draft(tmp_path / "nope.docx"), "找不到")


def test_long_heading_followed_by_a_short_paragraph_is_not_joined():
    """Only a heading broken mid-title is joined; a short paragraph of its own stays apart."""
    text = (
        "关于2022年度法治政府建设情况的报告\n市政府：\n现将有关情况报告如下：\n"
        "三、党政主要负责人履行推进法治建设第一责任人职责情况\n履职。\n"
        "四、2023年推进法治政府建设的主要安排\n安排。\n"
    )
    doc = read_text(text, "short.txt")
    titles = [h.title for h in doc.headings()]
    assert titles == ["党政主要负责人履行推进法治建设第一责任人职责情况", "2023年推进法治政府建设的主要安排"]
    assert [b.text for b in doc.blocks if isinstance(b, Paragraph)][-2:] == ["履职。", "安排。"]


def test_a_notice_with_its_header_reads_back_with_its_own_title(tmp_path):
    """The 版头 (red 发文机关标志「…文件」, 份号/密级) is not part of the title: check must not
    measure the mark as the title or call its line break a broken title."""
    import yaml as _yaml

    from generator.api import render_file
    from generator.checks import check_document

    data = _yaml.safe_load(MAOJIAN.read_text(encoding="utf-8"))
    data["notice"]["header"] = {"file": True, "secrecy": "秘密"}
    spec = tmp_path / "header.yaml"
    spec.write_text(_yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    doc = read_draft(render_file(spec, tmp_path / "header.docx"))
    assert doc.title.replace("\n", "") == "茅箭区人民政府办公室关于印发2024年度茅箭区法治政府建设工作要点的通知"
    assert doc.doc_number == "茅政办发〔2024〕7号"
    rules = {f.rule for f in check_document(doc).findings}
    assert not rules & {"layout.title-size", "layout.title-break"}, rules


def test_members_only_zipfile_can_read_are_read_through_it():
    """bzip2-compressed members (not deflate): the fast member reading hands them to zipfile."""
    data = render_bytes(load_spec(KAIFU))
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for info in source.infolist():
            package.writestr(info.filename, source.read(info.filename), compress_type=zipfile.ZIP_BZIP2)
    expected = read_docx_bytes(data)
    found = read_docx_bytes(out.getvalue(), "bzip2.docx")
    assert (found.title, [type(b) for b in found.blocks]) == (expected.title, [type(b) for b in expected.blocks])
