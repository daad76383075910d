"""`fazhi check` on the command line: exit codes, output formats, unreadable input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner
from conftest import EXAMPLES, MAOJIAN, SEEDS

from generator.cli import main

KAIFU_SEED = SEEDS / "kaifu-2022-report.txt"


def _run(*args):
    return CliRunner().invoke(main, ["check", *map(str, args)])


def test_seed_missing_part_three_exits_1_and_says_so():
    result = _run(KAIFU_SEED)
    assert result.exit_code == 1
    assert "error parts.missing 缺少第三部分" in result.output
    assert "3. 党政主要负责人履行第一责任人职责情况：缺少" in result.output


def test_clean_work_plan_exits_0_and_strict_counts_warnings(tmp_path):
    assert _run(MAOJIAN).exit_code == 0
    draft = tmp_path / "plan.txt"
    text = (SEEDS / "maojian-2024-workplan.txt").read_text(encoding="utf-8")
    owners = "(牵头单位:区发改局;责任单位:各乡镇街道、赛武当自然保护区管理局、东城经济开发区、区政府相关部门)"
    assert text.count(owners) == 1
    draft.write_text(text.replace(owners, ""), encoding="utf-8")
    assert _run(draft).exit_code == 0  # a missing owner is a warning…
    assert _run("--strict", draft).exit_code == 1  # …which --strict counts


def test_json_shape_is_the_documented_one():
    result = _run("--format", "json", KAIFU_SEED)
    data = json.loads(result.output)
    (entry,) = data["files"]
    assert set(entry) == {"path", "kind", "kind_reason", "unit", "year", "parts", "findings"}
    assert entry["kind"] == "annual-report"
    assert set(entry["parts"]) == {"1", "2", "3", "4", "5"}
    assert entry["parts"]["3"] == {"found": False, "heading": None, "line": None}
    assert entry["parts"]["1"]["found"] and entry["parts"]["1"]["line"] == 9
    assert all(set(f) == {"rule", "severity", "message", "line", "basis"} for f in entry["findings"])


def test_sarif_is_2_1_0_with_rules_and_locations():
    data = json.loads(_run("--format", "sarif", KAIFU_SEED).output)
    assert data["version"] == "2.1.0"
    run = data["runs"][0]
    rule_ids = {r["id"] for r in run["tool"]["driver"]["rules"]}
    assert "parts.missing" in rule_ids
    located = [r for r in run["results"] if r["ruleId"] == "parts.missing" and r["level"] == "error"]
    assert located[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 59


def test_unreadable_draft_exits_2_without_traceback_and_others_still_checked(tmp_path):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"this is not a zip file")
    good = tmp_path / "kaifu.txt"
    shutil.copy(KAIFU_SEED, good)
    result = _run(good, broken)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "parts.missing" in result.output  # the readable draft was still checked
    assert "broken.docx" in result.output


def test_unknown_profile_is_a_clear_error():
    result = _run("--profile", "nope", KAIFU_SEED)
    assert result.exit_code == 2
    assert "没有名为「nope」的检查规则集" in result.output


def test_complete_template_example_passes_strict_as_yaml_and_as_docx(tmp_path):
    """The starter example has all five parts: no errors or warnings, generated or read back."""
    spec = EXAMPLES / "template-county-2025.yaml"
    assert _run("--strict", spec).exit_code == 0
    out = tmp_path / "county.docx"
    assert CliRunner().invoke(main, ["render", str(spec), "-o", str(out)]).exit_code == 0
    result = _run("--strict", "--format", "json", out)
    assert result.exit_code == 0, result.output
    entry = json.loads(result.output)["files"][0]
    assert all(part["found"] for part in entry["parts"].values())
    assert {f["severity"] for f in entry["findings"]} <= {"info"}


def test_unreadable_draft_is_a_finding_in_json_and_sarif(tmp_path):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"this is not a zip file")
    good = tmp_path / "kaifu.txt"
    shutil.copy(KAIFU_SEED, good)
    result = _run("--format", "json", good, broken)
    assert result.exit_code == 2
    files = {Path(f["path"]).name: f for f in json.loads(result.stdout)["files"]}
    assert files["broken.docx"]["kind"] is None
    assert [f["rule"] for f in files["broken.docx"]["findings"]] == ["draft.unreadable"]
    assert files["kaifu.txt"]["kind"] == "annual-report"
    sarif = json.loads(_run("--format", "sarif", good, broken).stdout)
    run = sarif["runs"][0]
    assert any(r["ruleId"] == "draft.unreadable" for r in run["results"])
    assert run["invocations"][0]["executionSuccessful"] is False


def test_rules_command_lists_every_rule_with_examples():
    from generator.checks import RULES

    result = CliRunner().invoke(main, ["rules"])
    assert result.exit_code == 0
    for rule_id in RULES:
        assert rule_id in result.output
    assert "不通过：" in result.output
    data = json.loads(CliRunner().invoke(main, ["rules", "--format", "json"]).output)
    assert {r["id"] for r in data} == set(RULES)
    assert all(r["pass"] and r["fail"] for r in data)
    one = CliRunner().invoke(main, ["rules", "date.deadline"])
    assert one.exit_code == 0 and "4月1日" in one.output
    wrong = CliRunner().invoke(main, ["rules", "date.deadlin"])
    assert wrong.exit_code == 2 and "date.deadline" in wrong.output
