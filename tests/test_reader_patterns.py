"""Drafts from other jurisdictions: the patterns that tripped the reader and the checks (issue 11).

Each pattern has a made-up draft that shows it, as .txt and as .docx where it applies; the
.docx files are written as raw XML here (rawdocx) so every markup variant is exact.
"""

from __future__ import annotations

import json

import pytest
from conftest import SEEDS
from rawdocx import W_NS, docx, p, r, style, styles_xml, table

from generator.api import read_any
from generator.checks import check_document
from generator.checks.report import to_json, to_text
from generator.read import docx_tokens, read_docx_bytes, read_draft, read_text
from generator.tree import Document, Heading, Paragraph, Table

HEAD = "关于2023年度法治政府建设情况的报告"


def headings(doc):
    return [(h.level, h.number, h.title) for d in doc.all_documents() for h in d.headings()]


def findings(doc, rule: str):
    return [f for f in check_document(doc).findings if f.rule == rule]


# ---------------------------------------------------------------- reader bugs found during the split


def test_heading_style_found_with_another_namespace_prefix_and_not_lost_for_the_next_draft():
    """styles.xml with prefix ns0: the first lookup of a non-fazhi style gets its hint, and so
    does every later draft made from the same template (the hint is cached per styles.xml)."""
    styles = styles_xml(
        style("MyTitle1", "heading 1", w="ns0"), style("Part", "Body Part", outline=0, w="ns0"), w="ns0"
    )
    body = (
        p(HEAD, w="ns0")
        + p("市人民政府：", w="ns0")
        + p("主要举措和成效", style="MyTitle1", w="ns0")
        + p("全面推行告知承诺制。", w="ns0")
        + p("存在的不足", style="Part", w="ns0")
        + p("法治意识不牢。", w="ns0")
    )
    for _ in range(2):
        doc = read_docx_bytes(docx(body, styles, w="ns0"))
        assert headings(doc) == [(1, "", "主要举措和成效"), (1, "", "存在的不足")]


def test_half_width_recipients_colon_in_a_docx_main_document_is_reported():
    body = p(HEAD) + p("市人民政府:") + p("2023年，我区坚持依法行政。")
    doc = read_docx_bytes(docx(body))
    assert doc.recipients == "市人民政府" and doc.facts["recipients_colon"] == ":"
    assert doc.facts["page_width"] == 11906  # the layout facts are there too
    found = findings(doc, "punct.recipients-colon")
    assert [f.line for f in found] == [2] and "半角冒号" in found[0].message
    good = read_docx_bytes(docx(p(HEAD) + p("市人民政府：") + p("2023年，我区坚持依法行政。")))
    assert findings(good, "punct.recipients-colon") == []


# ---------------------------------------------------------------- .docx: tables, text boxes, content controls


OPENING = p(HEAD) + p("市人民政府：") + p("2023年，我区坚持依法行政。现将有关情况报告如下：")


def both_paths(data: bytes, monkeypatch) -> Document:
    """The tree the tokenizer reads, checked against the lxml path's (same blocks, same lines)."""
    fast = read_docx_bytes(data)
    with monkeypatch.context() as patch:
        patch.setattr(docx_tokens, "fast_body", lambda raw, styles: None)
        slow = read_docx_bytes(data)
    assert blocks(slow) == blocks(fast)
    return fast


def blocks(doc):
    out = []
    for d in doc.all_documents():
        for b in d.blocks:
            if isinstance(b, Heading):
                out.append(("H", b.level, b.number, b.title, b.body, b.line))
            elif isinstance(b, Paragraph):
                out.append(("P", b.text, b.line))
            else:
                out.append(("T", b.rows, b.line))
    return out


def test_heading_in_a_one_cell_table_is_a_heading(monkeypatch):
    body = (
        OPENING
        + table([["一、主要举措和成效"]])
        + p("全面推行告知承诺制。")
        + table([[p("二、存在的不足") + p("法治意识不牢。")]])
        + p("三、下一步工作")
        + p("继续推进。")
    )
    doc = both_paths(docx(body), monkeypatch)
    assert headings(doc) == [(1, "一、", "主要举措和成效"), (1, "二、", "存在的不足"), (1, "三、", "下一步工作")]
    assert [b.line for b in doc.headings()] == [4, 6, 8]
    assert not any(isinstance(b, Table) for b in doc.blocks)
    assert check_document(doc).parts["2"]["line"] == 6


def test_heading_in_the_first_row_of_a_layout_table(monkeypatch):
    merged = p("二、存在的不足", ppr="")
    rows = [[merged], ["法治意识不牢。", "执法水平不高。"], ["监督不够。", "队伍不强。"]]
    body = (
        OPENING + p("一、主要举措和成效") + p("全面推行告知承诺制。") + table(rows) + p("三、下一步工作") + p("继续。")
    )
    doc = both_paths(docx(body), monkeypatch)
    assert headings(doc) == [(1, "一、", "主要举措和成效"), (1, "二、", "存在的不足"), (1, "三、", "下一步工作")]
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert tables[0].rows == [["法治意识不牢。", "执法水平不高。"], ["监督不够。", "队伍不强。"]]
    assert tables[0].line == 7  # the heading row's paragraph is line 6


def test_a_data_table_stays_a_table(monkeypatch):
    rows = [["指标", "数值"], ["一、行政复议", "35件"]]
    doc = both_paths(
        docx(OPENING + p("一、主要举措和成效") + table(rows) + p("二、存在的不足") + p("不牢。")), monkeypatch
    )
    assert [b.rows for b in doc.blocks if isinstance(b, Table)] == [rows]
    assert headings(doc) == [(1, "一、", "主要举措和成效"), (1, "二、", "存在的不足")]


def _text_box(paragraphs: str) -> str:
    """A Word 2010 text box: the DrawingML Choice and the VML Fallback, both holding the text."""
    return (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic>'
        "<a:graphicData><wps:wsp><wps:txbx><w:txbxContent>" + paragraphs + "</w:txbxContent></wps:txbx>"
        "</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict>"
        "<v:shape><v:textbox><w:txbxContent>" + paragraphs + "</w:txbxContent></v:textbox></v:shape>"
        "</w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )


def test_heading_in_a_text_box_is_read_once():
    body = (
        OPENING
        + p(runs=_text_box(p("一、主要举措和成效")))
        + p("全面推行告知承诺制。")
        + p(runs=r("文字") + _text_box(p("二、存在的不足")))
        + p("法治意识不牢。")
    )
    doc = read_docx_bytes(docx(body))
    assert headings(doc) == [(1, "一、", "主要举措和成效"), (1, "二、", "存在的不足")]
    texts = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert texts.count("文字") == 1 and "法治意识不牢。" in texts
    lines = {h.title: h.line for h in doc.headings()}
    assert lines == {"主要举措和成效": 5, "存在的不足": 8}  # after the anchoring paragraph (4 and 7)


def test_heading_in_a_content_control(monkeypatch):
    block_sdt = (
        '<w:sdt><w:sdtPr><w:alias w:val="标题"/><w:tag w:val="part1"/></w:sdtPr><w:sdtContent>'
        + p("一、主要举措和成效")
        + "</w:sdtContent></w:sdt>"
    )
    run_sdt = (
        '<w:sdt><w:sdtPr><w:rPr><w:rStyle w:val="Strong"/></w:rPr></w:sdtPr><w:sdtContent>'
        + r("二、存在的不足")
        + "</w:sdtContent></w:sdt>"
    )
    body = OPENING + block_sdt + p("全面推行告知承诺制。") + p(runs=run_sdt) + p("法治意识不牢。")
    doc = both_paths(docx(body), monkeypatch)
    assert headings(doc) == [(1, "一、", "主要举措和成效"), (1, "二、", "存在的不足")]


# ---------------------------------------------------------------- .docx: tracked changes, comments, notes, headers


def test_deleted_text_is_not_part_of_the_draft_inserted_text_is(monkeypatch):
    deleted = (
        '<w:del w:id="1" w:author="张三" w:date="2024-01-05T10:00:00Z"><w:r><w:delText>{}</w:delText></w:r></w:del>'
    )
    inserted = '<w:ins w:id="2" w:author="张三" w:date="2024-01-05T10:00:00Z">{}</w:ins>'
    moved = '<w:moveFrom w:id="3" w:author="张三"><w:r><w:t>{}</w:t></w:r></w:moveFrom>'
    body = (
        OPENING
        + p(runs=deleted.format("一、工作开展情况") + inserted.format(r("一、主要举措和成效")))
        + p(runs=r("全面推行") + moved.format("（此句已移走）") + r("告知承诺制。"))
        + p(runs=r("二、存在的") + deleted.format("问题") + inserted.format(r("不足")))
    )
    doc = both_paths(docx(body), monkeypatch)
    assert headings(doc) == [(1, "一、", "主要举措和成效"), (1, "二、", "存在的不足")]
    assert [b.text for b in doc.blocks if isinstance(b, Paragraph)][-1] == "全面推行告知承诺制。"
    assert "问题" not in str(blocks(doc)) and "工作开展情况" not in str(blocks(doc))


def test_deleted_paragraph_mark_joins_the_next_paragraph_and_old_properties_are_ignored(monkeypatch):
    mark = '<w:rPr><w:del w:id="4" w:author="张三" w:date="2024-01-05T10:00:00Z"/></w:rPr>'
    change = '<w:pPrChange w:id="5" w:author="张三"><w:pPr><w:pStyle w:val="Heading1"/></w:pPr></w:pPrChange>'
    body = (
        OPENING
        + p("一、主要举措和成效")
        + p("全面推行告知", ppr=mark)
        + p("承诺制。")
        + p("持续推进简政放权。", ppr=change)
    )
    doc = both_paths(docx(body), monkeypatch)
    assert blocks(doc)[2:] == [("P", "全面推行告知承诺制。", 5), ("P", "持续推进简政放权。", 7)]


def test_a_deleted_table_row_is_not_read(monkeypatch):
    row_mark = '<w:trPr><w:del w:id="6" w:author="张三"/></w:trPr>'
    tbl = table([["指标", "数值"], ["案件", "35"], ["旧指标", "0"]])
    tbl = tbl.replace(
        '<w:tr><w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr><w:p><w:r><w:t>旧指标',
        "<w:tr>" + row_mark + '<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr><w:p><w:r><w:t>旧指标',
    )
    doc = both_paths(docx(OPENING + p("一、主要举措和成效") + tbl), monkeypatch)
    assert [b.rows for b in doc.blocks if isinstance(b, Table)] == [[["指标", "数值"], ["案件", "35"]]]


def test_comments_footnotes_and_headers_are_not_body_text(monkeypatch):
    comment = (
        '<w:commentRangeStart w:id="0"/>' + r("全面推行告知承诺制。") + '<w:commentRangeEnd w:id="0"/>'
        '<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="0"/></w:r>'
    )
    footnote = (
        r("法治意识不牢")
        + '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r>'
        + r("。")
    )
    parts = {
        "word/comments.xml": f'<w:comments xmlns:w="{W_NS}"><w:comment w:id="0" w:author="李四">'
        + p("二、这里要改")
        + "</w:comment></w:comments>",
        "word/footnotes.xml": f'<w:footnotes xmlns:w="{W_NS}"><w:footnote w:id="1">'
        + p("三、脚注里的文字")
        + "</w:footnote></w:footnotes>",
        "word/header1.xml": f'<w:hdr xmlns:w="{W_NS}">' + p("四、页眉文字") + "</w:hdr>",
    }
    body = OPENING + p("一、主要举措和成效") + p(runs=comment) + p("二、存在的不足") + p(runs=footnote)
    doc = both_paths(docx(body, parts=parts), monkeypatch)
    assert headings(doc) == [(1, "一、", "主要举措和成效"), (1, "二、", "存在的不足")]
    texts = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert texts[-2:] == ["全面推行告知承诺制。", "法治意识不牢。"]
    assert not any(word in str(blocks(doc)) for word in ("这里要改", "脚注", "页眉"))


# ---------------------------------------------------------------- lost paragraph breaks


RUN_ON = (
    "2023年，我区坚持依法行政。现将有关情况报告如下：一、主要举措和成效（一）依法全面履行政府职能"
    "1.深化放管服改革。持续推进简政放权，一、二季度各办结一批。2.优化营商环境。出台措施12条，1.5亿元资金到位。"
    "（二）严格规范公正文明执法。全面推行三项制度，取得实效。二、存在的问题和不足（一）思想认识还不到位。"
    "个别部门重视不够。（二）执法水平有待提高。三、下一步工作安排2024年，我们将继续推进依法行政。"
)
RUN_ON_HEADINGS = [
    (1, "一、", "主要举措和成效"),
    (2, "（一）", "依法全面履行政府职能"),
    (3, "1.", "深化放管服改革"),
    (3, "2.", "优化营商环境"),
    (2, "（二）", "严格规范公正文明执法"),
    (1, "二、", "存在的问题和不足"),
    (2, "（一）", "思想认识还不到位"),
    (2, "（二）", "执法水平有待提高。"),
    (1, "三、", "下一步工作安排"),
]


def test_a_body_on_one_line_is_split_at_its_heading_numbers_txt():
    doc = read_text(f"{HEAD}\n市人民政府：\n{RUN_ON}\n某某区人民政府\n2024年1月5日\n", "web.txt")
    assert headings(doc) == RUN_ON_HEADINGS
    assert {b.line for b in doc.blocks} == {3} and doc.facts["paragraphs_rebuilt"] == [3]
    assert doc.signatures == ["某某区人民政府"]
    body = [b for b in doc.blocks if isinstance(b, Heading) and b.runin]
    assert body[0].body == "持续推进简政放权，一、二季度各办结一批。"  # 「一、二季度」 is not a heading
    result = check_document(doc)
    assert [f.line for f in result.findings if f.rule == "draft.paragraphs-rebuilt"] == [3]
    assert all(part["found"] for key, part in result.parts.items() if key in "124")


def test_a_body_in_one_paragraph_is_split_at_its_heading_numbers_docx():
    doc = read_docx_bytes(docx(p(HEAD) + p("市人民政府：") + p(RUN_ON) + p("某某区人民政府") + p("2024年1月5日")))
    assert headings(doc) == RUN_ON_HEADINGS and doc.facts["paragraphs_rebuilt"] == [3]
    assert len(findings(doc, "draft.paragraphs-rebuilt")) == 1


def test_headings_run_on_after_a_full_stop_in_separate_lines():
    text = (
        f"{HEAD}\n一、主要举措和成效\n（一）深化改革。全面推行告知承诺制，取得实效。二、存在的问题和不足（一）思想认识"
        "还不到位。个别部门重视不够。\n（二）执法水平有待提高。执法不够规范。\n三、下一步工作\n继续推进。\n"
    )
    doc = read_text(text)
    assert headings(doc) == [
        (1, "一、", "主要举措和成效"),
        (2, "（一）", "深化改革"),
        (1, "二、", "存在的问题和不足"),
        (2, "（一）", "思想认识还不到位"),
        (2, "（二）", "执法水平有待提高"),
        (1, "三、", "下一步工作"),
    ]
    assert doc.facts["paragraphs_rebuilt"] == [3]


def test_numbers_that_do_not_continue_the_numbering_are_not_split():
    text = (
        f"{HEAD}\n一、主要举措和成效\n全面推行告知承诺制。二、三季度各办结一批。（三）项规定已落实。2.5万人受益。\n"
        "二、存在的不足\n思想认识还不到位。\n"
    )
    doc = read_text(text)
    assert headings(doc) == [(1, "一、", "主要举措和成效"), (1, "二、", "存在的不足")]
    assert "paragraphs_rebuilt" not in doc.facts


def test_published_reports_need_no_reparagraphing():
    for seed in sorted(SEEDS.glob("*.txt")):
        assert "paragraphs_rebuilt" not in read_draft(seed).facts, seed.name


# ---------------------------------------------------------------- the kind from the whole document


COMBINED = """某某县人民政府关于2022年法治政府建设情况暨2023年工作要点的报告
市人民政府：
2022年，我县坚持依法行政。现将2022年法治政府建设情况和2023年工作要点报告如下：
一、2022年法治政府建设主要举措和成效
全面推行告知承诺制。
二、存在的问题和不足
法治意识还不够牢。
三、党政主要负责人履行推进法治建设第一责任人职责情况
县长带头述法。
四、2023年工作要点
（一）深化放管服改革。继续推进简政放权。
某某县人民政府
2023年2月1日
附件
2023年某某县法治政府建设工作要点
一、健全制度
（一）完善职能。深化改革。（牵头单位：县司法局）
"""


def _combined_docx() -> bytes:
    body = ""
    for number, line in enumerate(COMBINED.splitlines(), 1):
        body += p(line, style="Title" if number in (1, 15) else "")
    return docx(body)


@pytest.mark.parametrize("source", ["txt", "docx"])
def test_a_report_combined_with_next_years_work_points_is_a_report(source):
    doc = read_text(COMBINED, "combined.txt") if source == "txt" else read_docx_bytes(_combined_docx())
    result = check_document(doc)
    assert result.kind == "annual-report"
    assert "标题以「报告」结尾" in result.kind_reason and "现将……报告如下" in result.kind_reason
    assert "「工作要点」只是报告的一部分" in result.kind_reason
    assert [key for key, part in result.parts.items() if part["found"]] == ["1", "2", "3", "4"]
    assert "按年度报告检查：标题以「报告」结尾" in to_text([("combined.txt", result)])
    entry = json.loads(to_json([("combined.txt", result)]))["files"][0]
    assert entry["kind"] == "annual-report" and entry["kind_reason"] == result.kind_reason


def test_a_report_without_a_title_is_told_by_its_opening_and_part_headings():
    text = COMBINED.split("\n", 1)[1].replace("市人民政府：\n", "")
    result = check_document(read_text(text))
    assert result.kind == "annual-report"
    assert result.kind_reason == "开头写「现将……报告如下」；有4个法定部分的标题"


def test_work_points_and_their_notice_are_a_work_plan():
    plan = "2024年度某区法治政府建设工作要点\n一、健全制度\n（一）完善职能。深化改革。（牵头单位：区司法局）\n"
    result = check_document(read_text(plan))
    assert (result.kind, result.kind_reason) == ("work-plan", "标题含「工作要点」")
    notice = (
        "某区人民政府办公室关于印发《2024年度某区法治政府建设工作要点》的通知\n各乡镇：\n现印发给你们。\n"
        "某区人民政府办公室\n2024年3月1日\n" + plan
    )
    result = check_document(read_text(notice))
    assert (result.kind, result.kind_reason) == ("work-plan", "标题是印发工作要点的通知")


def test_a_profile_given_on_the_command_line_says_so():
    result = check_document(read_text(COMBINED), "work-plan")
    assert result.kind == "work-plan"
    assert result.kind_reason.startswith(
        "按 --profile「work-plan」指定为工作要点（自动识别为年度报告：标题以「报告」结尾"
    )


# ---------------------------------------------------------------- parts: nested, out of order; numbered sentences

NESTED = [
    HEAD,
    "市人民政府：",
    "一、主要举措和成效",
    "（一）加强党的领导",
    "1.深化理论学习。全区上下认真学习。",
    "2.严格履行推进法治建设第一责任人职责。区委书记带头述法。",
    "（二）深化放管服改革。全面推行告知承诺制。",
    "二、存在的不足",
    "法治意识还不够牢。",
    "三、下一步工作",
    "继续推进依法行政。",
    "某某区人民政府",
    "2024年1月5日",
]
OUT_OF_ORDER = [
    HEAD,
    "市人民政府：",
    "一、主要举措和成效",
    "全面推行告知承诺制。",
    "二、党政主要负责人履行推进法治建设第一责任人职责情况",
    "主要负责人带头述法。",
    "三、存在的不足和原因",
    "法治意识还不够牢。",
    "四、2024年工作安排",
    "2024年，我们将继续推进依法行政。",
    "某某区人民政府",
    "2024年1月5日",
]
SHORTCOMINGS = [
    HEAD,
    "一、主要举措和成效",
    "全面推行告知承诺制。",
    "二、存在的不足",
    "（一）法治意识还不够牢。",
    "（二）执法水平有待提高，个别执法人员程序意识不强。",
    "（三）监督手段还不多。",
    "三、下一步工作",
    "四、其他需要报告的情况",
    "无。",
]


def _draft(lines: list[str], source: str):
    if source == "txt":
        return read_text("\n".join(lines) + "\n", "draft.txt")
    return read_docx_bytes(docx("".join(p(line) for line in lines)))


@pytest.mark.parametrize("source", ["txt", "docx"])
def test_part_three_only_as_an_item_of_part_one_is_found_and_flagged_nested(source):
    result = check_document(_draft(NESTED, source))
    assert result.parts["3"] == {"found": True, "heading": "严格履行推进法治建设第一责任人职责", "line": 6}
    nested = [f for f in result.findings if f.rule == "parts.nested"]
    assert [(f.line, f.severity) for f in nested] == [(6, "warning")]
    assert "「一、主要举措和成效」下的小标题" in nested[0].message
    assert not any(f.rule == "parts.order" for f in result.findings)


@pytest.mark.parametrize("source", ["txt", "docx"])
def test_part_three_before_part_two_gets_the_order_notice(source):
    result = check_document(_draft(OUT_OF_ORDER, source))
    order = [f for f in result.findings if f.rule == "parts.order"]
    assert [(f.line, f.severity) for f in order] == [(5, "info")]
    assert "第三部分" in order[0].message and "第二部分之前" in order[0].message
    assert not any(f.rule == "parts.nested" for f in result.findings)


@pytest.mark.parametrize("source", ["txt", "docx"])
def test_numbered_sentences_are_list_items_not_empty_sections(source):
    result = check_document(_draft(SHORTCOMINGS, source))
    empty = [f.line for f in result.findings if f.rule == "leftover.empty-section"]
    assert empty == [8]  # only 「三、下一步工作」, with nothing under it


# ---------------------------------------------------------------- findings on a YAML spec: the YAML lines


SPEC = """\
kind: annual-report
jurisdiction: {name: 示例区, level: district}
year: 2023
recipients: [[市人民政府]]
measures:
  sections:
    - title: 依法全面履行政府职能
      items:
        - title: 深化放管服改革
          text: 全面推行告知承诺制，新增政务服务事项XX项。
shortcomings:
  heading: 存在的不足
  text: |
    法治意识还不够牢,执法水平有待提高。
    执法监督的手段还不多。
next_year:
  heading: 下一步工作安排
  text: 2024年，我们将继续推进依法行政。
issuers: [示例区人民政府]
date: 2025-01-05
"""


def _line(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def test_findings_on_a_yaml_spec_point_at_the_yaml_line_of_the_field(tmp_path):
    path = tmp_path / "spec.yaml"
    path.write_text(SPEC, encoding="utf-8")
    result = check_document(read_any(path))
    lines = {f.rule: f.line for f in result.findings}
    assert lines["leftover.placeholder"] == _line(SPEC, "XX项")
    assert lines["punct.half-width"] == _line(SPEC, "  text: |")
    assert lines["date.year-mismatch"] == _line(SPEC, "date:")
    missing = {f.message[:4]: f.line for f in result.findings if f.rule == "parts.missing"}
    assert missing == {
        "缺少第三": _line(SPEC, "  heading: 下一步工作安排"),  # part 3 belongs before part 4
        "缺少第五": _line(SPEC, "  text: 2024年"),
    }  # part 5 at the end
    assert result.parts["1"]["line"] == _line(SPEC, "measures:")  # the default heading: its part's field
    assert result.parts["2"]["line"] == _line(SPEC, "  heading: 存在的不足")
    assert f"spec.yaml:{_line(SPEC, 'XX项')}: warning leftover.placeholder" in to_text([("spec.yaml", result)])
