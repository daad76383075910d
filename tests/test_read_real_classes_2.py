"""Issue 19, second round: classes of real drafts still read wrong (run-on headings, generic part names…)."""

from __future__ import annotations

import pytest

from generator.checks import check_document
from generator.importer import import_document
from generator.read import read_text
from generator.read.title_end import title_end
from generator.tree import Heading

HEAD = "示例县2023年法治政府建设情况报告\n一、2023年主要举措和成效\n（一）加强组织领导\n"


def _rules(text: str) -> list[str]:
    return [f"{f.rule}:{f.message}" for f in check_document(read_text(text, "x.txt")).findings]


@pytest.mark.parametrize(
    "item, nested",
    [
        ("1.加强党对法治政府建设的领导。县委常委会研究部署法治政府建设工作。", False),
        ("1.加强党对法治政府建设的领导。县长带头履行推进法治建设第一责任人职责。", True),
        ("1.党政主要负责人履行推进法治建设第一责任人职责。县长主持召开会议。", True),
    ],
)
def test_generic_party_leadership_item_is_part_3_only_when_its_text_says_so(item, nested):
    rules = _rules(HEAD + item + "\n")
    assert any(r.startswith("parts.nested") for r in rules) is nested
    assert any(r.startswith("parts.missing") and "第三部分" in r for r in rules) is not nested


@pytest.mark.parametrize(
    "first, implicit",
    [
        ("深入学习宣传贯彻习近平法治思想的情况", False),  # an extra lead part (DESIGN 2.1), not part 1
        ("学习贯彻党的二十大精神", False),
        ("全面践行习近平法治思想，统筹推进法治政府建设", True),  # a themed part 1
    ],
)
def test_extra_lead_part_is_not_the_implicit_part_1(first, implicit):
    text = f"示例县2023年法治政府建设情况报告\n一、{first}\n（一）学习情况\n全年学习12次。\n二、学\n"
    rules = _rules(text)
    missing_1 = any(r.startswith("parts.missing") and "第一部分" in r for r in rules)
    assert missing_1 is not implicit


# -- run-on pages: where a heading ends when no punctuation mark says so

PAGE_HEAD = "当前位置：首页 > 政务公开 发布时间：2025-02-28 来源：本网 【字体：大 中 小】 示例区教育局2024年法治政府建设情况报告"
OPENING = "2024年，示例区教育局坚持依法治教，现将有关情况报告如下：一、2024年推进法治政府建设的主要举措和成效"


MORE = "（九）其他工作。全年组织法治培训12次，覆盖干部职工300余人次，依法行政水平进一步提高。" * 2


def _page(body: str) -> str:
    """A page of more than 200 characters on one line (what a run-on page is)."""
    return PAGE_HEAD + OPENING + body + MORE + " 【打印本页】 分享到：微信 微博\n"


def _headings(body: str) -> list[tuple[int, str]]:
    doc = read_text(_page(body), "page.txt")
    return [(b.level, b.title) for b in doc.blocks if isinstance(b, Heading)]


@pytest.mark.parametrize(
    "body, title",
    [
        # parallel clauses of the same length, nothing marks the end: B as long as A
        (
            "（一）依法全面履行政府职能，推进重点领域攻坚改革政务服务办建立事项清单管理机制，全面梳理服务事项。",
            "依法全面履行政府职能，推进重点领域攻坚改革",
        ),
        # the body opens with the draft's own name
        (
            "（一）主要举措加强组织领导，完善工作机制示例区教育局成立了由局长任组长的领导小组，统筹推进。",
            "主要举措加强组织领导，完善工作机制",
        ),
        # the body opens with a sentence opener (「积极开展」 is one phrase: cut before 积极)
        (
            "（一）强化法治宣传教育，提升法治意识积极开展法治宣传教育活动，通过讲座等形式宣传。",
            "强化法治宣传教育，提升法治意识",
        ),
        (
            "（一）深学笃行习近平法治思想，筑牢法治建设思想根基坚持把学习贯彻习近平法治思想作为首要任务，构建体系。",
            "深学笃行习近平法治思想，筑牢法治建设思想根基",
        ),
        # 「A，B。」 within 40 characters is a run-in heading: left alone
        (
            "（一）全面落实普法责任制，围绕关键少数推动法律进机关。深入学习贯彻习近平法治思想，推进学法。",
            "全面落实普法责任制，围绕关键少数推动法律进机关",
        ),
    ],
)
def test_runon_two_clause_heading_ends_where_its_body_begins(body, title):
    assert (2, title) in _headings(body)


def test_title_end_finds_nothing_without_a_comma():
    assert title_end("深入推进政府职能转变深化行政审批体制改革互联网政务服务能力进一步提升") == 0
    assert title_end("推进依法行政，化解矛盾纠纷我局积极运用法治思维解决矛盾，") == len("推进依法行政，化解矛盾纠纷")


@pytest.mark.parametrize(
    "body, titles",
    [
        # a year that opens the body: 「基本情况2020年是…」
        ("二、基本情况2024年是法治政府建设示范创建之年，也是关键一年。", ["基本情况"]),
        # part 3 named late in its heading, ended by 「职责情况」
        (
            "二、区政府主要负责同志履行推进法治建设第一责任人职责情况深入贯彻落实中央决策部署，严格执行规定。",
            ["区政府主要负责同志履行推进法治建设第一责任人职责情况"],
        ),
    ],
)
def test_runon_part_heading_cut_before_its_body(body, titles):
    found = [t for level, t in _headings("（一）加强组织领导。成立领导小组。" + body) if level == 1]
    assert found[1:] == titles


def test_runon_plan_part_names_cut_before_their_body():
    page = (
        "示例市创建法治政府建设示范市实施方案 为深入推进法治政府建设，制定本方案。一、总体要求坚持以习近平新时代中国特色社会主义思想为指导，"
        "全面贯彻党的二十大精神。二、主要创建任务主要围绕指标体系10项一级指标、34项二级指标开展创建。\n"
    )
    doc = read_text(page, "page.txt")
    assert [b.title for b in doc.blocks if isinstance(b, Heading)] == ["总体要求", "主要创建任务"]


def test_runon_unnumbered_title_before_its_first_sub_heading():
    body = (
        "（一）加强组织领导。成立领导小组，统筹推进各项工作。"
        "主要工作（一）党政主要负责人履行推进法治建设第一责任人职责。区长主持召开常务会议，研究法治政府建设。"
    )
    doc = read_text(_page(body), "page.txt")
    texts = [getattr(b, "text", None) or b.title for b in doc.blocks]
    assert "主要工作" in texts
    assert "党政主要负责人履行推进法治建设第一责任人职责" in texts


# -- a department that names no sender: its 党组 and 我局 say so

UNNAMED = (
    "一、全面加强党对法治建设的领导\n建立健全法治建设组织领导体系。切实发挥党组在推进落实法治建设中的领导核心作用。"
    "2021年，党组召开8次会议研究解决法治建设具体事项。\n二、全面落实普法责任制\n深入开展青少年法治宣传教育。\n"
)


@pytest.mark.parametrize(
    "text, kind",
    [
        (UNNAMED, "department-report"),
        (UNNAMED.replace("党组", "区政府党组"), "annual-report"),  # the government's 党组
        (UNNAMED.replace("党组", "基层党组织"), "annual-report"),  # party organisations are everywhere
        (UNNAMED.replace("切实发挥党组", "切实发挥局党组"), "department-report"),
    ],
)
def test_unnamed_department_by_its_party_group(text, kind):
    result = check_document(read_text(text, "x.txt"))
    assert result.kind == kind
    if kind == "department-report":
        assert "党组" in result.kind_reason and result.unit in ("", None)


def test_unnamed_department_imports_as_a_department():
    imported = import_document(read_text(UNNAMED, "x.txt"))
    assert imported.kind == "department-report"
    assert imported.data["jurisdiction"]["level"] == "department"
    assert not imported.problems


# -- plan owners on a line of their own are kept as the author wrote them

PLAN = "示例县2024年法治政府建设工作安排\n一、总体要求\n坚持以习近平法治思想为指导。\n二、重点任务\n{items}"


def _rendered(spec) -> str:
    from generator.render.build import Options, build_tree
    from generator.write.text import to_text

    return to_text(build_tree(spec, Options()))


def test_owner_line_kept_as_written():
    line = "责任单位：县政府办公室、县司法局，各乡镇人民政府按职责分工分别负责。"
    other = "责任单位：县司法局。"
    draft = PLAN.format(
        items=f"（一）完善政府职能。深化改革，优化服务。\n{line}\n（二）规范执法。严格执法。\n{other}\n"
    )
    imported = import_document(read_text(draft, "plan.txt"))
    assert not imported.problems, imported.problems
    task = imported.data["parts"][1]["items"][0]
    assert task["owners_line"] == line and task["text"] == "深化改革，优化服务。"
    assert task["responsible"] == ["县政府办公室", "县司法局", "各乡镇人民政府"]
    rendered = _rendered(imported.spec)
    assert line in rendered and other in rendered and "（责任单位" not in rendered
    assert imported.agreement.complete, imported.agreement.differences


def test_owners_in_parentheses_stay_in_parentheses():
    draft = PLAN.format(items="（一）完善政府职能。深化改革，优化服务。（牵头单位：县政府办；责任单位：各乡镇）\n")
    imported = import_document(read_text(draft, "plan.txt"))
    task = imported.data["parts"][1]["items"][0]
    assert "owners_line" not in task
    assert "优化服务。（牵头单位：县政府办；责任单位：各乡镇）" in _rendered(imported.spec)


def test_heading_not_joined_with_a_point_on_the_next_line():
    text = (
        "示例市司法局2022年法治政府建设情况报告\n一、2022年法治政府建设情况\n"
        "（一）稳中求变，多点开花，谱写“法治城市示范”建设新篇章\n一是强力推进落实落地。全年完成任务266项。\n"
    )
    doc = read_text(text, "x.txt")
    headings = [b.title for b in doc.blocks if isinstance(b, Heading)]
    assert headings[-1] == "稳中求变，多点开花，谱写“法治城市示范”建设新篇章"
    assert doc.blocks[-1].text.startswith("一是强力推进")


def test_owner_sentence_closing_the_item_kept_as_written():
    draft = PLAN.format(items="（一）完善政府职能。深化改革，优化服务。牵头单位：县政府办；责任单位：县司法局。\n")
    task = import_document(read_text(draft, "plan.txt")).data["parts"][1]["items"][0]
    assert task["owners_line"] == "牵头单位：县政府办；责任单位：县司法局。"
    assert task["lead"] == ["县政府办"] and task["text"] == "深化改革，优化服务。"


def test_runon_notice_date_without_signature_before_the_plan_title():
    page = (
        "当前位置：首页 > 政务公开 发布时间：2020-03-15 来源：本网 【字体：大 中 小】 "
        "示政办〔2020〕20号示例县人民政府办公室关于印发示例县2020年度法治政府建设工作安排的通知"
        "各乡镇人民政府,各街道办事处:《示例县2020年度法治政府建设工作安排》已经县政府同意,现印发给你们,请认真贯彻执行。"
        "2020年7月8日示例县2020年度法治政府建设工作安排2020年是全面建成小康社会和“十三五”规划收官之年,全县要坚持依法行政。"
        "一、依法全面履行政府职能(一)为推动经济高质量发展提供法治保障。坚持稳中快进工作总基调,加强规范性文件备案审查。"
        "责任单位:县政府办公室、县司法局。 【打印本页】\n"
    )
    doc = read_text(page, "page.txt")
    notice, plan = list(doc.all_documents())[:2]
    assert notice.doc_number == "示政办〔2020〕20号" and notice.date_text == "2020年7月8日"
    assert plan.title == "示例县2020年度法治政府建设工作安排"
    rules = [f.message for f in check_document(doc).findings if f.rule == "head.missing"]
    assert not any("成文日期" in m for m in rules)


def test_runon_items_numbered_on_across_sections():
    body = (
        "（一）加强组织领导1.加强党的领导。区委常委会研究部署法治政府建设工作。2.强化考核评价。开展专项督查。"
        "（二）依法全面履行政府职能3.深化行政审批制度改革。梳理各类事项清单，实行动态管理。"
    )
    headings = _headings(body)
    assert (2, "依法全面履行政府职能") in headings and (3, "深化行政审批制度改革") in headings
    rules = {f.rule for f in check_document(read_text(_page(body), "page.txt")).findings}
    assert "numbering.restart" in rules


def test_party_groups_in_general_do_not_make_a_department():
    text = UNNAMED.replace("党组", "各部门党委（党组）") + "（一）完善制度。（牵头单位：县司法局）\n"
    result = check_document(read_text(text, "x.txt"))
    assert result.kind == "work-plan"


@pytest.mark.parametrize(
    "items, owners",
    [
        # units with a parenthesis of their own, joined by 等 and 和, and a remark after 负责
        (
            "（一）贯彻落实学法清单制度，常态化开展会前学法。组织开展巡回宣讲活动。"
            "〔司法厅等省直各部门（单位）和市（州）人民政府按职责分工负责，以下均需各市（州）人民政府落实，不再列出〕",
            ["司法厅", "省直各部门（单位）", "市（州）人民政府"],
        ),
        # a task that is one long sentence and its owners
        (
            "（一）抓好全国第三批法治政府建设示范创建实地评估，抓实全国第四批法治政府建设示范创建准备，"
            "探索建立创建候选地区和示范项目培育储备机制。（司法厅负责）",
            ["司法厅"],
        ),
    ],
)
def test_owners_in_a_duty_bracket(items, owners):
    draft = PLAN.format(items=items + "\n")
    imported = import_document(read_text(draft, "plan.txt"))
    assert not imported.problems, imported.problems
    task = imported.data["parts"][1]["items"][0]
    assert task["responsible"] == owners
    rendered = _rendered(imported.spec)
    bracket = items[items.rindex("。") + 1 :]
    assert bracket in rendered and "责任单位：" not in rendered  # kept as written
    assert not any(f.rule == "plan.owner" for f in check_document(read_text(draft, "plan.txt")).findings)


def test_a_responsible_list_keeps_its_and():
    draft = PLAN.format(items="（一）完善制度。深化改革。（责任单位：区司法局、各街道和区政府相关部门）\n")
    task = import_document(read_text(draft, "plan.txt")).data["parts"][1]["items"][0]
    assert task["responsible"] == ["区司法局", "各街道和区政府相关部门"]


UNTITLED_NOTICE = (
    "海政办发〔2023〕8号\n各乡镇人民政府、海城街道办，政府各部门：\n"
    "现将《示例县法治政府建设2023年工作要点》印发你们，请结合实际，抓好贯彻落实。\n{signature}2023年3月9日\n"
    "示例县法治政府建设2023年工作要点\n为全面深入推进依法行政，制定本要点。\n一、扎实推进依法行政\n"
    "（一）深入推进简政放权。全面推行行政审批服务。（牵头单位：县司法局）\n"
)


def test_notice_without_title_line_kept_by_import():
    imported = import_document(read_text(UNTITLED_NOTICE.format(signature="示例县人民政府办公室\n"), "plan.txt"))
    assert not imported.problems, imported.problems
    notice = imported.data["notice"]
    assert notice["doc_number"] == "海政办发〔2023〕8号" and notice["signature"] == "示例县人民政府办公室"
    assert "印发你们" in notice["body"][0] and "title" not in notice


@pytest.mark.parametrize("signature, missing", [("示例县人民政府办公室\n", False), ("", True)])
def test_untitled_notice_without_signature_is_reported(signature, missing):
    rules = _rules(UNTITLED_NOTICE.format(signature=signature))
    assert any(r.startswith("head.missing") and "署名" in r for r in rules) is missing


def test_leading_group_notice_with_bullet_chrome_and_a_lost_date():
    text = (
        "• 005307554/2023-00051\n  • 示例市司法局\n  • 2023-08-14\n•通知\n•示例法政〔2023〕1号\n"
        "示例市法治政府建设领导小组关于印发示例市2023年度法治政府建设工作安排的通知\n"
        "各乡镇人民政府，街道办事处，市人民政府各部门：\n"
        "现将《示例市2023年度法治政府建设工作安排》印发给你们，请结合实际，认真贯彻执行。\n2023814\n"
        "示例2023年度法治政府建设工作安排\n2023年是关键之年，全市要坚持依法行政。\n"
        "一、深入学习贯彻习近平法治思想\n（一）加强学习。组织专题学习。（牵头单位：市司法局）\n"
    )
    doc = read_text(text, "plan.txt")
    notice, plan = list(doc.all_documents())[:2]
    assert notice.title.startswith("示例市法治政府建设领导小组关于印发") and "•" not in notice.title
    assert plan.title == "示例2023年度法治政府建设工作安排"
    imported = import_document(read_text(text, "plan.txt"))
    assert imported.data["jurisdiction"]["name"] == "示例市"
    assert imported.data["notice"]["recipients"][0] == ["各乡镇人民政府"]


ONE_LEVEL = (
    "示例省2022年度法治政府建设重点工作安排\n2022年是关键之年，全省要坚持依法行政。\n"
    "一、深入学习贯彻习近平法治思想。深入学习领会重大意义，推动入脑入心。〔省直各部门（单位），各市（州）人民政府按职责分工负责〕\n"
    "二、从严执行依法决策规定。严格执行重大行政决策程序，规范决策。\n"
)


def test_one_level_plan_tasks_keep_text_and_owners():
    imported = import_document(read_text(ONE_LEVEL, "plan.txt"))
    assert not imported.problems, imported.problems
    first, second = imported.data["parts"]
    assert first["items"][0]["responsible"] == ["省直各部门（单位）", "各市（州）人民政府"]
    assert first["items"][0]["text"] == "深入学习领会重大意义，推动入脑入心。"
    assert second["runin"] is True and list(second["text"]) == ["严格执行重大行政决策程序，规范决策。"]
    rendered = _rendered(imported.spec)
    assert "一、深入学习贯彻习近平法治思想。深入学习领会重大意义，推动入脑入心。〔省直各部门" in rendered
    assert "二、从严执行依法决策规定。严格执行重大行政决策程序" in rendered


def test_runon_heading_after_a_closing_owner_bracket():
    page = "当前位置：首页 > 政务公开 【字体：大 中 小】 " + ONE_LEVEL.replace("\n", "") + MORE + "\n"
    titles = [b.title for b in read_text(page, "p.txt").blocks if isinstance(b, Heading)]
    assert titles[:2] == ["深入学习贯彻习近平法治思想", "从严执行依法决策规定"]


def test_owners_with_roles_in_hexagonal_brackets_and_a_placeholder_county():
    text = (
        "XX 县 2022 年法治政府建设工作计划\n为深入推进依法行政，制定本计划。\n一、持续推进学习宣传贯彻习近平法治思想\n"
        "1.推动学习宣传贯彻习近平法治思想走深走实。将习近平法治思想纳入学习内容。\n"
        "〔牵头单位:县政府办公室、县司法局;责任单位:县政府各部门,各镇人民政府(街道办事处)〕\n"
    )
    imported = import_document(read_text(text, "plan.txt"))
    assert not imported.problems, imported.problems
    assert imported.data["jurisdiction"]["name"] == "XX县"
    task = imported.data["parts"][0]["items"][0]
    assert task["lead"] == ["县政府办公室", "县司法局"]
    assert task["responsible"] == ["县政府各部门", "各镇人民政府(街道办事处)"]


def test_catalogue_fields_one_per_line_are_chrome():
    text = (
        "| 字号: |\n用微信扫描二维码\n分享至好友和朋友圈\n×\n索 引 号:\n640501001/2022-00153\n文  号:\n卫政办发〔2022〕24号\n"
        "发布机构:\n示例市人民政府办公室\n生成日期:\n2022年03月30日\n标  题:\n示例市人民政府办公室关于印发2022年示例市法治政府建设工作要点的通知\n"
        "示例市人民政府办公室关于印发2022年示例市法治政府建设工作要点的通知\n卫政办发〔2022〕24号\n各县（区）人民政府，市政府各部门：\n"
        "《2022年示例市法治政府建设工作要点》已经市人民政府常务会议研究通过，现印发给你们，请结合实际，抓好落实。\n"
        "示例市人民政府办公室\n2022年3月29日\n2022年示例市法治政府建设工作要点\n一、总体要求\n坚持依法行政。\n"
    )
    doc = read_text(text, "plan.txt")
    notice = next(doc.all_documents())
    assert notice.title.startswith("示例市人民政府办公室关于印发") and notice.date_text == "2022年3月29日"
    assert check_document(doc).kind == "work-plan"


def test_one_clause_heading_cut_at_the_body_opener():
    rest = "深入学习贯彻习近平法治思想坚持以习近平法治思想为推进法治政府建设的根本遵循和行动指南。把学习作为政治任务。"
    assert rest[: title_end(rest)] == "深入学习贯彻习近平法治思想"
    short = "深入推进政府职能转变深化行政审批体制改革。互联网政务服务能力进一步提升。"
    assert title_end(short) == 0  # a run-in sentence within 40 characters is left as it is


def test_two_clause_heading_with_a_long_second_clause_ends_at_the_subject():
    rest = "深入学习贯彻党的二十大精神，深刻领会新时代推进法治中国建设战略部署的情况我局党政主要负责人组织召开会议，学习宣传。"
    assert rest[: title_end(rest)] == "深入学习贯彻党的二十大精神，深刻领会新时代推进法治中国建设战略部署的情况"


def test_runon_part_title_then_its_first_item_numbered_anew():
    body = "一、2022年法治政府建设主要措施一、强化领导责任，夯实法治政府建设基础留下街道党工委高度重视法治政府建设，持续完善机制。"
    head = PAGE_HEAD.replace("示例区教育局2024年法治政府建设情况报告", "留下街道2022年法治政府建设工作报告")
    page = head + "2022年，留下街道坚持依法行政，现将有关情况报告如下：" + body + MORE + "\n"
    headings = [(b.level, b.title) for b in read_text(page, "p.txt").blocks if isinstance(b, Heading)]
    assert headings[:2] == [(1, "2022年法治政府建设主要措施"), (1, "强化领导责任，夯实法治政府建设基础")]


def test_sharing_site_lead_in_and_pdf_page_number_before_the_title():
    text = (
        "下面是小编为大家整理的县2022年法治政府建设工作计划,供大家参考。\n- 1 - XX 县 2022 年法治政府建设工作计划\n"
        "为深入推进依法行政，制定本计划。\n一、持续推进学习宣传贯彻习近平法治思想\n"
        "1.推动学习走深走实。将习近平法治思想纳入学习内容。（牵头单位：县司法局）\n- 2 -\n"
    )
    doc = read_text(text, "plan.txt")
    assert doc.title == "XX县2022年法治政府建设工作计划"  # spaces between CJK and figures dropped
    result = check_document(doc)
    assert result.kind == "work-plan" and result.report_year == 2022


def test_runon_pdf_copy_title_broken_at_spaces_is_kept():
    """A PDF copy run on: spaces inside the title and first sentence put them in the page's head."""
    body = "持续优化法治营商环境,确保各项任务稳步推进。一、持续推进学习宣传贯彻习近平法治思想。" * 4
    page = (
        "当前位置：首页 > 政务公开 发布时间：2022-03-15 - 1 - XX 县 2022 年法治政府建设工作计划为深入推进依法行政,"
        f"加快建设法治政府,确保《XX 县法治政府建设实施方案(2021-2025 年)》{body}"
    )
    doc = read_text(page, "x.txt")
    assert doc.title == "XX县2022年法治政府建设工作计划"
    assert doc.blocks[0].text.startswith("为深入推进依法行政")
