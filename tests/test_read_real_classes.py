"""Issue 19: small cases of each class of real drafts read wrong (kind, unit, year, 主送)."""

from __future__ import annotations

import pytest

from generator.batch.summary import unit_of
from generator.checks import check_document
from generator.importer import import_document
from generator.read import read_text

REPORT_BODY = """一、主要举措和成效
（一）依法全面履行政府职能。深化放管服改革，新增事项50项。
二、存在的不足和原因
法治意识还需加强。
三、{next}年工作安排
继续推进法治政府建设。
"""


def _doc(head: str, body: str = REPORT_BODY, next_year: int = 2024):
    return read_text(head + "\n" + body.format(next=next_year), "draft.txt")


@pytest.mark.parametrize(
    "title, kind",
    [
        ("2024年度法治政府建设重点工作安排", "work-plan"),
        ("示例区人民政府办公室关于印发2024年法治政府建设工作安排的通知", "work-plan"),
        ("2024年度示例县法治政府建设工作计划", "work-plan"),
        ("示例县2024年法治政府建设工作要点", "work-plan"),
        ("示例县关于2023年度法治政府建设情况暨2024年工作要点的报告", "annual-report"),
    ],
)
def test_plans_by_any_name(title, kind):
    plan_body = "一、总体要求\n坚持以习近平法治思想为指导。\n二、重点任务\n（一）完善制度。（牵头单位：区司法局）\n"
    doc = read_text(title + "\n" + (plan_body if kind == "work-plan" else REPORT_BODY.format(next=2024)), "x.txt")
    assert check_document(doc).kind == kind


def test_plan_title_after_an_untitled_notice():
    text = (
        "各乡镇人民政府，各街道办事处：\n《示例县2024年法治政府建设工作要点》已经县政府同意，现印发给你们，请认真贯彻执行。\n"
        "示例县人民政府办公室\n2024年3月1日\n示例县2024年法治政府建设工作要点\n一、总体要求\n坚持依法行政。\n"
        "二、重点任务\n（一）完善制度。（牵头单位：县司法局）\n"
    )
    result = check_document(read_text(text, "x.txt"))
    assert result.kind == "work-plan"
    assert result.report_year == 2024


def test_notice_without_title_line():
    text = (
        "现将《2024年示例区法治政府建设工作安排》印发给你们，请认真贯彻执行。\n一、总体要求\n坚持依法行政。\n"
        "二、重点任务\n（一）完善制度。（牵头单位：区司法局）\n"
    )
    result = check_document(read_text(text, "x.txt"))
    assert result.kind == "work-plan" and "印发给你们" in result.kind_reason


@pytest.mark.parametrize(
    "head, unit, name",
    [
        ("示例市司法局关于2023年度法治政府建设情况的报告\n2023年，市司法局坚持依法行政。", "示例市司法局", "市司法局"),
        (
            "示例区经济发展局2023年法治政府建设工作报告",
            "示例区经济发展局",
            "示例区经济发展局",
        ),  # never called 「区经济发展局」
        ("社会事业局2023年度法治政府建设情况报告", "社会事业局", "社会事业局"),
        (
            "关于2023年度法治政府建设情况的报告\n2023年，自然资源与生态环境局坚持以习近平法治思想为指导，依法履职。",
            "自然资源与生态环境局",
            "自然资源与生态环境局",
        ),
    ],
)
def test_departments(head, unit, name):
    doc = _doc(head)
    assert check_document(doc).kind == "department-report"
    assert unit_of(doc) == unit
    imported = import_document(_doc(head))
    assert imported.data["jurisdiction"]["name"] == name and imported.data["jurisdiction"]["level"] == "department"


@pytest.mark.parametrize(
    "head, name, level",
    [
        ("示例经济技术开发区管委会2023年法治政府建设情况报告", "示例经济技术开发区", "zone"),
        ("示例高新区2023年度法治政府建设工作报告", "示例高新区", "zone"),
        ("中国（湖南）自由贸易试验区长沙片区2023年法治政府建设报告", "长沙片区", "zone"),
        ("北城街街道办事处2023年法治政府建设年度报告", "北城街街道", "street"),
        ("三都镇2023年法治政府建设年度报告", "三都镇", "township"),
        ("鲤城区人民政府金龙街道办事处关于2023年度法治政府建设情况的报告", "金龙街道", "street"),
        ("2023年静海区法治政府建设情况报告", "静海区", "district"),
        ("高新区(新市区)人民政府2023年法治政府建设工作报告", "高新区(新市区)", "zone"),
        ("中共黄湾镇委员会黄湾镇人民政府关于报送2023年度法治政府建设的报告", "黄湾镇", "township"),
    ],
)
def test_units(head, name, level):
    jurisdiction = import_document(_doc(head)).data["jurisdiction"]
    assert (jurisdiction["name"], jurisdiction["level"]) == (name, level)


def test_unit_in_the_opening_and_from_our_county():
    doc = _doc("2023年，在市委、市政府的坚强领导下，山海关区政府坚决贯彻落实上级部署，现将有关情况报告如下：")
    assert import_document(doc).data["jurisdiction"]["name"] == "山海关区"
    doc = _doc(
        "2023年，我县认真落实中央部署。现将有关工作报告如下：",
        REPORT_BODY.replace("继续推进", "举办开阳县中青年干部培训班，继续推进"),
    )
    assert import_document(doc).data["jurisdiction"]["name"] == "开阳县"


@pytest.mark.parametrize(
    "head, body_year, year",
    [
        (
            "今天是:2019年10月31日 星期三\n工作报告\n2020年静海区法治政府建设情况报告\n来源:司法局\n2020年静海区法治政府建设情况报告",
            2021,
            2020,
        ),
        ("2022年，省司法厅坚持以习近平法治思想为指导，扎实推进依法行政。", 2023, 2022),
        # a report on 2019 dated December 2019, whose next-year part names 2020
        ("关于法治政府建设情况的报告\n今年来，我区扎实推进依法行政。", 2020, 2019),
    ],
)
def test_year(head, body_year, year):
    text = head + "\n" + REPORT_BODY.format(next=body_year) + "示例区人民政府\n2019年12月20日\n"
    assert check_document(read_text(text, "x.txt")).report_year == year


@pytest.mark.parametrize(
    "opening",
    [
        "现将有关情况报告如下：",
        "根据市委依法治市办要求，将我局有关工作情况总结如下：",
        "现将我区2023年度法治政府建设工作情况汇报如下:",
    ],
)
def test_opening_sentence_is_no_recipient(opening):
    doc = _doc("示例区人民政府关于2023年度法治政府建设情况的报告\n" + opening)
    assert doc.recipients == ""
    assert doc.blocks[0].text == opening


@pytest.mark.parametrize(
    "recipients",
    ["市委、市政府：", "各乡镇人民政府，各街道办事处，区政府各工作部门：", "中共海宁市委、海宁市人民政府:"],
)
def test_real_recipients_kept(recipients):
    doc = _doc("示例区人民政府关于2023年度法治政府建设情况的报告\n" + recipients)
    assert doc.recipients == recipients[:-1]


def test_annex_note_items_are_no_headings():
    """The lead's reading bug 1: a 附件说明's numbered items are the annex list, kept as written."""
    from generator.tree import Heading

    text = (
        "示例县人民政府关于2025年度法治政府建设情况的报告\n市人民政府：\n一、主要举措和成效\n深化改革。\n"
        "附件：1、2025年度行政复议案件统计表。\n2、行政执法案卷评查结果表。\n示例县人民政府\n2026年3月1日\n"
    )
    doc = read_text(text, "x.txt")
    assert doc.annexes == ["2025年度行政复议案件统计表", "行政执法案卷评查结果表"]
    assert doc.annex_source == [(5, "附件：1、2025年度行政复议案件统计表。"), (6, "2、行政执法案卷评查结果表。")]
    assert [b.title for b in doc.blocks if isinstance(b, Heading)] == ["主要举措和成效"]
    assert doc.signatures == ["示例县人民政府"]
    rules = {f.rule for f in check_document(doc, "format").findings}
    assert not rules & {"leftover.empty-section", "numbering.dot", "numbering.gap", "numbering.skip-level"}


@pytest.mark.parametrize("title", ["示例县人民政府关于2025年度法治政府建设情况的报告", "关于印发工作要点的通知。"])
def test_half_width_colon_recipient(title):
    """The lead's reading bug 2: 「示例县人民政府:」 is the 主送, also under a title ending in 「。」."""
    doc = read_text(f"{title}\n示例市人民政府:\n现将有关情况报告如下。\n", "x.txt")
    assert doc.recipients == "示例市人民政府"


@pytest.mark.parametrize(
    "title", ["示例县人民政府令", "示例县人民政府关于禁止燃放烟花爆竹的通告", "示例县人民政府公告"]
)
def test_orders_and_notices_to_the_public_need_no_recipient(title):
    """The lead's reading bug 3: a 令, 公告 or 通告 has no 主送."""
    doc = read_text(
        f"{title}\n现将有关事项公告如下。\n一、总体要求\n依法办事。\n示例县人民政府\n2026年3月1日\n", "x.txt"
    )
    messages = [f.message for f in check_document(doc).findings if f.rule == "head.missing"]
    assert not any("主送" in m for m in messages)
