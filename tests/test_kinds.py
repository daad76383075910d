"""The KINDS table: a third kind (department-report) works end to end from its folder and row."""

from __future__ import annotations

import json

from click.testing import CliRunner
from conftest import EXAMPLES

from generator.api import read_any, render_file
from generator.checks import check_document
from generator.cli import main
from generator.errors import SpecError
from generator.kinds import KINDS, recognise
from generator.read import read_draft
from generator.spec.validate import load_spec

DEPARTMENT = EXAMPLES / "department-county-2025.yaml"


def test_every_kind_has_its_folder_model_template_and_profile():
    from generator.resources import templates_dir

    for kind in KINDS.values():
        assert kind.directory.is_dir(), kind.name
        assert kind.model.model_fields["kind"].annotation.__args__ == (kind.name,)
        assert (templates_dir() / kind.template).is_file(), kind.template
        assert kind.profile_path.is_file(), kind.name


def test_schema_command_offers_every_kind():
    for name in KINDS:
        result = CliRunner().invoke(main, ["schema", name])
        assert result.exit_code == 0, result.output
        schema = json.loads(result.output)
        assert schema["properties"]["kind"]["const"] == name
    assert "government" in json.loads(CliRunner().invoke(main, ["schema", "department-report"]).output)["properties"]


def test_department_report_renders_reads_back_and_checks(tmp_path):
    out = render_file(DEPARTMENT, tmp_path / "dep.docx")
    doc = read_draft(out)
    assert doc.title.replace("\n", "") == "示例县司法局关于2025年度法治政府建设情况的报告"
    assert doc.signatures == ["示例县司法局"]
    assert "在县委、县政府的坚强领导下" in doc.blocks[0].text  # the kind's own default opening
    for tree in (doc, read_any(DEPARTMENT)):
        result = check_document(tree)
        assert result.kind == "department-report"
        assert all(part["found"] for part in result.parts.values())
        assert {f.severity for f in result.findings} <= {"info"}, result.findings


def test_department_report_gets_the_annual_report_rules(tmp_path):
    """Family rules run: a missing part 3 is an error in a department report too."""
    text = DEPARTMENT.read_text(encoding="utf-8")
    start = text.index("leadership:")
    end = text.index("next_year:")
    spec = tmp_path / "dep.yaml"
    spec.write_text(text[:start] + text[end:], encoding="utf-8")
    result = check_document(read_any(spec))
    assert result.kind == "department-report"
    assert [(f.rule, f.severity) for f in result.findings if f.rule == "parts.missing"] == [("parts.missing", "error")]


def test_department_report_needs_a_department_as_issuer(tmp_path):
    spec = tmp_path / "dep.yaml"
    spec.write_text(
        DEPARTMENT.read_text(encoding="utf-8").replace("level: department", "level: county"), encoding="utf-8"
    )
    try:
        load_spec(spec)
    except SpecError as exc:
        (problem,) = exc.problems
        assert problem.field == "jurisdiction.level" and problem.line == 4 and "department" in problem.message
    else:
        raise AssertionError("a county as issuer of a department report was accepted")


def test_recognise_kinds_from_titles():
    assert recognise("2024年度茅箭区法治政府建设工作要点") == "work-plan"
    assert (
        recognise("关于印发《2024年度茅箭区法治政府建设工作要点》的通知 2024年度茅箭区法治政府建设工作要点")
        == "work-plan"
    )
    assert recognise("关于2022年度法治政府建设情况暨2023年工作要点的报告") == "annual-report"
    assert recognise("长沙市开福区司法局关于2022年度法治政府建设情况的报告") == "department-report"
    assert recognise("关于2022年度法治政府建设情况的报告", "长沙市开福区市场监督管理局") == "department-report"
    assert recognise("关于2022年度法治政府建设情况的报告", "长沙市开福区人民政府") == "annual-report"
