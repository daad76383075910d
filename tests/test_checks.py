"""Checks: every rule's pass/fail cases (tests/rules/<rule-id>.yaml), the seeds with planted
defects, generated examples against their own profile, and the report formats."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import SEEDS
from generator import read as _drafts
from generator.checks import RULES, available_profiles, check_document, load_profile
from generator.checks.report import to_json, to_sarif, to_text
from generator.tree import Document

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).resolve().parent / "rules"
EXAMPLES = ROOT / "examples"


def build(text: str, source: str = "docx", facts: dict | None = None) -> Document:
    """Draft text through the real reader, marked as coming from `source` with layout `facts`."""
    doc = _drafts.read_text(text, "case.txt")
    for part in doc.all_documents():
        part.source = source
    kept = {k: v for k, v in doc.facts.items() if k in ("recipients_colon", "paragraphs_rebuilt", "control_chars")}
    doc.facts = {**kept, **(facts or {})} if source == "docx" else kept
    return doc


def read_case(case: dict) -> Document:
    """A case's draft text through the real reader, with the case's source ("docx" by default:
    full-width text as from Word) and layout facts."""
    return build(case["text"], case.get("source", "docx"), case.get("facts"))


# ---------------------------------------------------------------- rule cases as data


def _case_files():
    return sorted(CASES.glob("*.yaml"))


def _cases():
    for path in _case_files():
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        rule_id = data.get("rule", path.stem)
        for kind in ("pass", "fail"):
            for i, case in enumerate(data.get(kind) or []):
                if isinstance(case, str):
                    case = {"text": case}
                name = case.get("name") or i  # unnamed cases fail test_every_case_is_named
                yield pytest.param(rule_id, kind, case, data.get("profile"), id=f"{rule_id}-{kind}-{name}")


def test_every_case_is_named():
    """Every case is a mapping whose `name` (a kebab-case slug saying what it shows) is unique in its file."""
    for path in _case_files():
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        seen = set()
        for kind in ("pass", "fail"):
            for i, case in enumerate(data.get(kind) or []):
                where = f"{path.name} {kind}[{i}]"
                assert isinstance(case, dict), f"{where}: a mapping with name and text"
                name = case.get("name")
                assert isinstance(name, str) and name.strip(), f"{where}: no name"
                assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", name), f"{where}: name {name!r} is not kebab-case"
                assert name not in seen, f"{where}: name {name!r} used twice"
                seen.add(name)


def test_every_rule_has_cases():
    have = {p.stem for p in _case_files()}
    assert set(RULES) - have == set(), "rules without tests/rules/<id>.yaml"
    assert have - set(RULES) == set(), "case files for unknown rules"


def test_every_rule_is_documented():
    for rule in RULES.values():
        assert rule.severity in ("error", "warning", "info")
        assert "通过" in rule.doc and "不通过" in rule.doc, rule.id


@pytest.mark.parametrize("rule_id,kind,case,profile", list(_cases()))
def test_rule_case(rule_id, kind, case, profile, tmp_path):
    doc = read_case(case)
    result = check_document(doc, case.get("profile", profile), case.get("report_year"))
    mine = [f for f in result.findings if f.rule == rule_id]
    if kind == "pass":
        assert mine == [], mine
        return
    assert mine, f"{rule_id} found nothing; all findings: {result.findings}"
    if "line" in case:
        assert case["line"] in [f.line for f in mine], mine
    if "severity" in case:
        assert {f.severity for f in mine} == {case["severity"]}, mine
    if "count" in case:
        assert len(mine) == case["count"], mine
    if "message" in case:
        assert any(case["message"] in f.message for f in mine), mine


# ---------------------------------------------------------------- profiles


def test_profiles():
    assert set(available_profiles()) >= {"annual-report", "work-plan", "format"}
    annual = load_profile("annual-report")
    assert "numbering.gap" in annual.rules  # included from format
    assert annual.rules["date.deadline"] == {"month": 4, "day": 1}


def test_profile_override(tmp_path):
    custom = tmp_path / "province.yaml"
    custom.write_text(
        "name: province\ninclude: [annual-report]\nrules:\n"
        "  date.deadline: {month: 3, day: 1, severity: error}\n"
        "  parts.missing: {part_severity: {'5': info}}\n"
        "  coverage.areas: false\n",
        encoding="utf-8",
    )
    doc = build(MINI_REPORT.replace("2023年1月4日", "2023年3月8日"))
    result = check_document(doc, str(custom))
    rules = {(f.rule, f.severity) for f in result.findings}
    assert ("date.deadline", "error") in rules
    assert ("parts.missing", "info") in rules  # part 5
    assert not any(f.rule == "coverage.areas" for f in result.findings)


def test_unknown_rule_in_profile(tmp_path):
    from generator.checks import ProfileError

    bad = tmp_path / "bad.yaml"
    bad.write_text("rules:\n  numbering.gapp: {}\n", encoding="utf-8")
    with pytest.raises(ProfileError, match="numbering.gap"):
        check_document(build(MINI_REPORT), str(bad))


MINI_REPORT = """关于2022年度法治政府建设情况的报告
市人民政府：
2022年，我区坚持依法行政。
一、主要举措和成效
（一）深化放管服改革。全面推行告知承诺制。
二、存在的不足和原因
法治意识还不够牢。
三、党政主要负责人履行推进法治建设第一责任人职责情况
主要负责人带头述法。
四、2023年工作安排
2023年，我们将继续推进依法行政。
长沙市开福区人民政府
2023年1月4日
"""


def test_auto_kind_and_parts():
    result = check_document(build(MINI_REPORT))
    assert result.kind == "annual-report"
    assert result.parts["3"]["found"] and result.parts["3"]["line"] == 8
    assert [f.rule for f in result.findings if f.severity == "error"] == []
    assert [(f.rule, f.severity) for f in result.findings if f.rule == "parts.missing"] == [
        ("parts.missing", "warning")
    ]


# ---------------------------------------------------------------- seeds


def read_seed(name: str, tmp_path: Path, replace: tuple[str, str] | None = None) -> tuple[Document, str]:
    text = (SEEDS / name).read_text(encoding="utf-8")
    if replace:
        assert replace[0] in text, replace
        text = text.replace(replace[0], replace[1], 1)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return _drafts.read_draft(path), text


def line_of(text: str, needle: str) -> int:
    for n, line in enumerate(text.split("\n"), start=1):
        if needle in line:
            return n
    raise AssertionError(needle)


@pytest.mark.parametrize("name", ["kaifu-2022-report.txt", "mudanjiang-2022-report.txt"])
def test_seed_reports_lack_part_3_only(name, tmp_path):
    doc, text = read_seed(name, tmp_path)
    result = check_document(doc)
    assert result.kind == "annual-report"
    missing = [f for f in result.findings if f.rule == "parts.missing" and f.severity == "error"]
    assert len(missing) == 1 and "第三部分" in missing[0].message, missing
    for key in "124":
        assert result.parts[key]["found"], (key, result.parts)
    assert not result.parts["3"]["found"]
    assert result.report_year == 2022
    errors = [f for f in result.findings if f.severity == "error"]
    assert errors == missing, errors


def test_seed_kaifu_parts_lines(tmp_path):
    doc, text = read_seed("kaifu-2022-report.txt", tmp_path)
    result = check_document(doc)
    assert result.parts["1"]["line"] == line_of(text, "一、主要举措和成效")
    assert result.parts["2"]["line"] == line_of(text, "二、存在的不足")
    assert result.parts["4"]["line"] == line_of(text, "三、下一步工作举措")


def test_seed_workplan_is_clean(tmp_path):
    doc, _ = read_seed("maojian-2024-workplan.txt", tmp_path)
    result = check_document(doc)
    assert result.kind == "work-plan"
    assert [f for f in result.findings if f.severity == "error"] == []
    assert not any(f.rule == "plan.owner" for f in result.findings)


def test_seed_web_copy_punctuation_is_one_info(tmp_path):
    doc, _ = read_seed("kaifu-2022-report.txt", tmp_path)
    result = check_document(doc)
    punct = [
        f
        for f in result.findings
        if f.rule in ("punct.half-width", "numbering.bracket-width", "punct.recipients-colon")
    ]
    assert punct and all(f.severity == "info" and f.line is None for f in punct), punct
    assert len([f for f in punct if f.rule == "punct.half-width"]) == 1


MUTATIONS = [
    # (seed, old, new, rule, severity, line needle in the mutated text)
    (
        "kaifu-2022-report.txt",
        "(三)严格规范公正文明执法",
        "(四)严格规范公正文明执法",
        "numbering.gap",
        "warning",
        "(四)严格规范公正文明执法",
    ),
    (
        "mudanjiang-2022-report.txt",
        "牡政呈〔2023〕4号",
        "牡政呈[2023]4号",
        "docnum.brackets",
        "warning",
        "牡政呈[2023]4号",
    ),
    ("mudanjiang-2022-report.txt", "2023年2月25日", "2023年5月8日", "date.deadline", "warning", "2023年5月8日"),
    (
        "kaifu-2022-report.txt",
        "新增“一件事一次办”政务服务事项50项",
        "新增“一件事一次办”政务服务事项XX项",
        "leftover.placeholder",
        "warning",
        "政务服务事项XX项",
    ),
    ("kaifu-2022-report.txt", "2023年1月4日", "2023年01月04日", "date.format", "warning", "2023年01月04日"),
    (
        "mudanjiang-2022-report.txt",
        "牡政呈〔2023〕4号",
        "牡政呈〔2023〕第4号",
        "docnum.di",
        "warning",
        "牡政呈〔2023〕第4号",
    ),
    (
        "maojian-2024-workplan.txt",
        "(牵头单位:区政府办、区委编办、区行政审批局;责任单位:各乡镇街道、赛武当自然保护区管理局、东城经济开发区、区政府相关部门)",
        "",
        "plan.owner",
        "warning",
        "(一)持续完善政府职能",
    ),
    (
        "kaifu-2022-report.txt",
        "2.全面推进政务公开。",
        "2、全面推进政务公开。",
        "numbering.dot",
        "warning",
        "2、全面推进政务公开",
    ),
]


@pytest.mark.parametrize("seed,old,new,rule_id,severity,needle", MUTATIONS, ids=[m[3] for m in MUTATIONS])
def test_seed_mutations(seed, old, new, rule_id, severity, needle, tmp_path):
    text = (SEEDS / seed).read_text(encoding="utf-8")
    if old not in text:
        raise AssertionError(f"fixture text changed: {old}")
    doc, mutated = read_seed(seed, tmp_path, (old, new))
    result = check_document(doc)
    mine = [f for f in result.findings if f.rule == rule_id]
    assert mine, result.findings
    assert mine[0].severity == severity
    assert line_of(mutated, needle) in [f.line for f in mine], mine
    baseline, _ = read_seed(seed, tmp_path)
    assert not [f for f in check_document(baseline).findings if f.rule == rule_id and f.severity != "info"]


def test_seed_removed_part(tmp_path):
    text = (SEEDS / "kaifu-2022-report.txt").read_text(encoding="utf-8")
    start, end = text.index("二、存在的不足"), text.index("三、下一步工作举措")
    mutated = text[:start] + text[end:].replace("三、下一步工作举措", "二、下一步工作举措", 1)
    path = tmp_path / "kaifu.txt"
    path.write_text(mutated, encoding="utf-8")
    doc = _drafts.read_draft(path)
    result = check_document(doc)
    missing = [f for f in result.findings if f.rule == "parts.missing" and f.severity == "error"]
    assert {m.message[:5] for m in missing} == {"缺少第二部", "缺少第三部"}
    assert all(m.line == line_of(mutated, "二、下一步工作举措") for m in missing)
    assert not result.parts["2"]["found"]


def test_seed_part_4_wrong_year(tmp_path):
    doc, mutated = read_seed("kaifu-2022-report.txt", tmp_path, ("因此,2023年开福区", "因此,2024年开福区"))
    result = check_document(doc)
    mine = [f for f in result.findings if f.rule == "date.year-mismatch"]
    assert [f.line for f in mine] == [line_of(mutated, "因此,2024年开福区")]


# ---------------------------------------------------------------- generated examples


def _render(name: str):
    from generator.api import render_bytes
    from generator.spec.validate import load_spec

    return render_bytes(load_spec(EXAMPLES / name), "docx")


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_generated_examples_pass_their_profile(name, tmp_path):
    from generator.render.build import Options, build_tree
    from generator.spec.validate import load_spec

    trees = [build_tree(load_spec(EXAMPLES / name), Options())]
    path = tmp_path / (Path(name).stem + ".docx")
    path.write_bytes(_render(name))
    trees.append(_drafts.read_draft(path))
    for tree in trees:
        result = check_document(tree)
        errors = [f for f in result.findings if f.severity == "error"]
        if result.kind == "work-plan":
            assert errors == [], errors
            assert not [f for f in result.findings if f.severity == "warning"], result.findings
        else:
            assert all(f.rule == "parts.missing" and "第三部分" in f.message for f in errors), errors
            layout = [
                f
                for f in result.findings
                if f.rule.startswith(("layout.", "numbering.", "punct.", "docnum.", "leftover.", "date."))
            ]
            # The published mudanjiang report (牡政呈, upward) shows no 签发人: a true finding.
            layout = [f for f in layout if not (f.rule == "docnum.signer" and name == "mudanjiang-2022.yaml")]
            assert layout == [], layout


# ---------------------------------------------------------------- report formats


def _results():
    return [
        ("a.txt", check_document(build(MINI_REPORT.replace("2023年1月4日", "2023年01月04日")))),
        (
            "b.txt",
            check_document(build("2024年度某区法治政府建设工作要点\n一、健全制度\n（一）完善职能。深化改革。\n")),
        ),
    ]


def test_text_report():
    text = to_text(_results())
    assert "a.txt:13: warning date.format" in text
    assert "五个法定部分" in text and "缺少" in text
    assert "b.txt:3: warning plan.owner" in text


def test_json_report():
    data = json.loads(to_json(_results()))
    assert list(data) == ["files"]
    first = data["files"][0]
    assert set(first) == {"path", "kind", "kind_reason", "unit", "year", "parts", "findings"}
    assert set(first["parts"]) == {"1", "2", "3", "4", "5"}
    assert set(first["parts"]["1"]) == {"found", "heading", "line"}
    assert set(first["findings"][0]) == {"rule", "severity", "message", "line", "basis"}
    assert data["files"][1]["kind"] == "work-plan"


def test_sarif_report():
    log = json.loads(to_sarif(_results()))
    assert log["version"] == "2.1.0"
    driver = log["runs"][0]["tool"]["driver"]
    assert {r["id"] for r in driver["rules"]} == set(RULES) | {"draft.unreadable"}
    rule = driver["rules"][0]
    assert set(rule) >= {"id", "shortDescription", "fullDescription", "defaultConfiguration"}
    result = log["runs"][0]["results"][0]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "a.txt"
    assert any("region" in r["locations"][0]["physicalLocation"] for r in log["runs"][0]["results"])
    assert {r["level"] for r in log["runs"][0]["results"]} <= {"error", "warning", "note"}


def _profile_problem(tmp_path, text: str):
    from generator.checks import ProfileError

    path = tmp_path / "city.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        check_document(build(MINI_REPORT), str(path))
    (problem,) = caught.value.problems
    return problem


def test_misspelt_rule_parameter_is_located_with_did_you_mean(tmp_path):
    problem = _profile_problem(tmp_path, "include: [annual-report]\nrules:\n  date.deadline: {mounth: 3, day: 1}\n")
    assert problem.line == 3 and "「mounth」" in problem.message and "month" in problem.message


def test_rule_parameter_of_the_wrong_type(tmp_path):
    problem = _profile_problem(tmp_path, "rules:\n  leftover.repeated-paragraph: {min_length: 二十}\n")
    assert problem.line == 2 and "整数" in problem.message


def test_unknown_rule_names_its_line(tmp_path):
    problem = _profile_problem(tmp_path, "name: my\nrules:\n  parts.missing: {}\n  no.such-rule: {}\n")
    assert problem.line == 4 and "未知的规则「no.such-rule」" in problem.message


def test_bad_severity_and_unknown_profile_key(tmp_path):
    assert "severity" in _profile_problem(tmp_path, "rules:\n  numbering.dot: {severity: fatal}\n").message
    assert _profile_problem(tmp_path, "name: x\nrule:\n  numbering.dot: false\n").line == 2


def test_profile_severity_override_wins_over_part_severities(tmp_path):
    path = tmp_path / "strict.yaml"
    path.write_text("include: [annual-report]\nrules:\n  parts.missing: {severity: info}\n", encoding="utf-8")
    result = check_document(build(MINI_REPORT), str(path))
    assert {f.severity for f in result.findings if f.rule == "parts.missing"} == {"info"}


def test_every_rule_has_a_basis_and_only_shall_rules_are_errors():
    from generator.checks.registry import STRENGTHS

    for rule in RULES.values():
        assert rule.basis.strength in STRENGTHS, rule.id
        if rule.severity == "error":
            assert rule.basis.strength == "应" and rule.basis.source, rule.id
        if rule.basis.source:
            assert rule.basis.quote, f"{rule.id}: a rule citing a source quotes the words it rests on"


def test_basis_is_shown_in_text_json_and_sarif():
    results = _results()
    assert "（依据：GB/T 9704-2012 7.3.5.4，应）" in to_text(results)
    finding = json.loads(to_json(results))["files"][0]["findings"][0]
    assert finding["basis"] == str(RULES[finding["rule"]].basis)
    sarif_rule = next(
        r for r in json.loads(to_sarif(results))["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "docnum.di"
    )
    assert sarif_rule["properties"]["clause"] == "7.2.4" and sarif_rule["properties"]["strength"] == "应"


def test_basis_articles_of_the_regulation_and_clauses_of_gbt9704():
    """The five parts are listed in 第二十五条, publication by 1 April is 第二十四条 (issue-10 note);
    GB/T 9704-2012 counts page size in 5.1, margins in 5.2.1, fonts and sizes in 5.2.2."""
    assert RULES["parts.missing"].basis.clause == "第二十五条"
    assert RULES["date.deadline"].basis.clause == "第二十四条"
    assert "4月1日" in RULES["date.deadline"].basis.quote
    clauses = {
        rule_id: RULES[rule_id].basis.clause
        for rule_id in (
            "layout.page",
            "layout.margins",
            "layout.body-font",
            "layout.body-size",
            "date.format",
            "docnum.brackets",
            "punct.recipients-colon",
            "layout.page-number",
        )
    }
    assert clauses == {
        "layout.page": "5.1",
        "layout.margins": "5.2.1",
        "layout.body-font": "5.2.2",
        "layout.body-size": "5.2.2",
        "date.format": "7.3.5.4",
        "docnum.brackets": "7.2.4",
        "punct.recipients-colon": "7.3.2",
        "layout.page-number": "7.5",
    }
