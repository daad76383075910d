"""Issue 19.9–19.11: plan owners after the item, import never writes a spec render refuses, the
author's part order kept."""

from __future__ import annotations

import pytest

from generator.checks import check_document
from generator.importer import import_document
from generator.read import read_text
from generator.write.text import to_text

PLAN = "示例县2024年法治政府建设工作安排\n一、总体要求\n坚持以习近平法治思想为指导。\n二、重点任务\n{items}"


@pytest.mark.parametrize(
    "item, lead, responsible",
    [
        ("（一）完善政府职能。深化改革，优化服务。\n责任单位：县政府办、县司法局", [], ["县政府办", "县司法局"]),
        ("（一）完善政府职能。深化改革，优化服务。〔县政府办、县司法局按职责分工负责〕", [], ["县政府办", "县司法局"]),
        ("（一）完善政府职能。深化改革，优化服务。（牵头单位：县政府办；责任单位：各乡镇）", ["县政府办"], ["各乡镇"]),
        (
            "（一）完善政府职能。深化改革，优化服务。牵头部门：县政府办；责任部门：县司法局。",
            ["县政府办"],
            ["县司法局"],
        ),
    ],
)
def test_owners_after_the_item(item, lead, responsible):
    imported = import_document(read_text(PLAN.format(items=item), "plan.txt"))
    assert not imported.problems, imported.problems
    parts = imported.data["parts"]
    assert parts[0]["title"] == "总体要求" and list(parts[0]["text"]) == ["坚持以习近平法治思想为指导。"]
    task = parts[1]["items"][0]
    assert task.get("lead", []) == lead and task.get("responsible", []) == responsible
    assert task["text"] == "深化改革，优化服务。"


def test_unowned_tasks_and_an_excerpt_still_render():
    text = (
        "示例区人民政府办公室关于印发2024年法治政府建设工作要点的通知\n各镇街：\n"
        "《2024年法治政府建设工作要点》已经区政府同意，现印发给你们。\n示例区人民政府办公室\n2024年3月1日\n"
        "2024年法治政府建设工作要点\n2024年是关键之年，全区要坚持依法行政。\n"
    )
    imported = import_document(read_text(text, "plan.txt"))
    assert imported.kind == "work-plan" and not imported.problems and imported.spec is not None


def test_author_order_kept():
    text = (
        "示例区人民政府关于2023年度法治政府建设情况的报告\n2023年，示例区扎实推进依法行政。现将有关情况报告如下：\n"
        "一、党政主要负责人履行推进法治建设第一责任人职责情况\n区委书记、区长带头学法。\n"
        "二、主要举措和成效\n深化改革。\n三、存在的不足和原因\n意识不强。\n四、2024年工作安排\n继续推进。\n"
    )
    imported = import_document(read_text(text, "r.txt"))
    assert imported.data["order"] == ["leadership", "measures", "shortcomings", "next_year"]
    assert imported.agreement.complete, imported.agreement.differences
    rendered = to_text(_tree(imported.spec))
    assert rendered.index("第一责任人") < rendered.index("主要举措和成效")
    findings = {f.rule for f in check_document(read_text(rendered, "again.txt")).findings}
    assert "parts.order" in findings


def _tree(spec):
    from generator.render.build import Options, build_tree

    return build_tree(spec, Options())


PLAN_DRAFT = (
    "示例县2024年法治政府建设\n一、总体要求\n坚持以习近平法治思想为指导。\n二、重点任务\n"
    "（一）完善政府职能。深化改革，优化服务。（牵头单位：县政府办；责任单位：各乡镇）\n"
)


def _cli(*args):
    from click.testing import CliRunner

    from generator.cli import main

    return CliRunner().invoke(main, [str(a) for a in args])


def test_kind_reason_in_every_output_and_manual_override(tmp_path):
    draft = tmp_path / "plan.txt"
    draft.write_text(PLAN_DRAFT, encoding="utf-8")
    text = _cli("check", draft)
    assert "按工作要点检查：1项任务后写有牵头单位或责任单位" in text.output
    import json

    data = json.loads(_cli("check", draft, "--format", "json", "--profile", "annual-report").output)
    assert data["files"][0]["kind"] == "annual-report"
    assert data["files"][0]["kind_reason"].startswith(
        "按 --profile「annual-report」指定为年度报告（自动识别为工作要点："
    )
    summary = tmp_path / "s.csv"
    _cli("check", draft, "--summary", summary)
    assert "1项任务后写有牵头单位或责任单位" in summary.read_text(encoding="utf-8-sig")
    rendered = _cli("render", draft, "--kind", "annual-report", "-o", tmp_path / "r.docx")
    assert rendered.exit_code == 0, rendered.output
    assert "按 --kind 指定为年度报告（自动识别为工作要点：" in rendered.output
    auto = _cli("render", draft, "-o", tmp_path / "p.docx")
    assert "按工作要点导入：1项任务后写有牵头单位或责任单位" in auto.output
    spec = _cli("render", tmp_path / "nope.yaml", "--kind", "work-plan")
    assert spec.exit_code == 2 and "--kind 只用于排版草稿" in spec.output
