"""The web form's library side: the form derived from the kinds' models, edits written into the YAML
with comments, quotes, styles and indentation kept, and `check --fix`'s fixer run on a spec."""

from __future__ import annotations

import difflib

import pytest
from conftest import ALL_EXAMPLES, KAIFU

from generator.api.spec_edit import (
    MAX_CACHED,
    MAX_CACHED_CHARS,
    cache_size,
    fix_spec,
    form_state,
    indentation,
    spec_fixes,
)
from generator.api.spec_form import form_of, label_of, option_labels
from generator.api.texts import load_spec_text
from generator.errors import SpecError
from generator.kinds import KINDS

TEMPLATE = KAIFU.parent / "template-county-2025.yaml"


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_field_of_every_kind_has_a_chinese_label_and_an_input(kind):
    form = option_labels(form_of(kind))
    groups = [form, *form["defs"].values()]
    fields = [f for g in groups for f in g["fields"]]
    assert fields and all(any("\u4e00" <= c <= "\u9fff" for c in f["label"]) for f in fields)
    known = {"text", "para", "bool", "int", "number", "date", "value", "enum", "list", "dict", "ref"}
    assert {f["node"]["t"] for f in fields} <= known
    refs = [f["node"]["name"] for f in fields if f["node"]["t"] == "ref"]
    assert all(name in form["defs"] for name in refs)


def test_the_statutory_parts_and_plan_tasks_are_groups_of_the_form():
    report = form_of("annual-report")
    keys = [f["key"] for f in report["fields"]]
    assert keys.index("measures") < keys.index("shortcomings") < keys.index("next_year") < keys.index("style")
    measures = next(f for f in report["fields"] if f["key"] == "measures")
    assert measures["label"] == "第一部分：上一年度推进法治政府建设的主要举措和成效"
    part = {f["key"]: f["node"] for f in report["defs"]["Part"]["fields"]}
    assert part["text"] == {"t": "para"} and part["points"] == {"t": "list", "item": {"t": "text"}}
    assert part["sections"] == {"t": "list", "item": {"t": "ref", "name": "Section"}}
    plan = form_of("work-plan")
    item = {f["key"]: f for f in plan["defs"]["Item"]["fields"]}
    assert item["lead"]["label"] == "牵头单位" and item["lead"]["node"]["t"] == "list"
    level = next(f for f in option_labels(report)["defs"]["Jurisdiction"]["fields"] if f["key"] == "level")
    assert ["county", "county 县"] in level["node"]["options"]
    assert label_of("署名机关（一个或多个；网上公开的文本可能没有）", "issuers") == "署名机关"


def test_a_form_edit_keeps_every_comment_quote_and_flow_style():
    text = TEMPLATE.read_text(encoding="utf-8")
    state = form_state(
        text,
        [
            {"path": ["measures", "sections", 0, "title"], "value": "依法全面履行政府职能和改革"},
            {"path": ["year"], "value": "2024", "as": "int"},
            {"path": ["date"], "value": "2025-02-01", "as": "date"},
            {"path": ["shortcomings", "points"], "value": ["甲", "乙", "丙"]},
            {"path": ["other", "points"], "append": "新要点"},
        ],
    )
    new = state["yaml"]
    old_lines, new_lines = text.splitlines(), new.splitlines()
    comments = [line[line.index("#") :] for line in old_lines if "#" in line]
    assert all(any(c in line for line in new_lines) for c in comments)
    assert "year: 2024                               # 报告的年度" in new  # the comment's column too
    assert '  appearance_rate: {value: 100, unit: "%", label: 行政机关负责人出庭应诉率}' in new
    assert "  points: [甲, 乙, 丙]" in new and "    - 新要点" in new
    assert "    - title: 依法全面履行政府职能和改革" in new and "date: 2025-02-01" in new
    removed = [line for line in difflib.ndiff(old_lines, new_lines) if line.startswith("- ")]
    assert len(removed) == 4  # year, title, points, date; nothing else changed
    spec = load_spec_text(new)
    assert spec.year == 2024 and spec.shortcomings.points == ["甲", "乙", "丙"]
    assert state["data"]["date"] == "2025-02-01" and state["kind"] == "annual-report"


@pytest.mark.parametrize("example", ALL_EXAMPLES, ids=lambda p: p.name)
def test_an_edit_changes_only_its_line_in_every_example(example):
    text = example.read_text(encoding="utf-8")
    state = form_state(text, [{"path": ["year"], "value": "2030", "as": "int"}])
    diff = [(a, b) for a, b in zip(text.splitlines(), state["yaml"].splitlines()) if a != b]
    assert len(text.splitlines()) == len(state["yaml"].splitlines()) and len(diff) == 1
    assert "2030" in diff[0][1]


def test_paragraphs_a_new_key_and_removal():
    text = "kind: annual-report\n# 开头\nyear: 2025\nleadership:\n  text: 一段\n"
    new = form_state(text, [{"path": ["leadership", "text"], "value": ["一段", "二段"]}])["yaml"]
    assert "  text: |-\n    一段\n    二段\n" in new  # a string stays a string: a literal block
    new = form_state(new, [{"path": ["other", "text"], "value": "无。"}])["yaml"]
    assert new.endswith("other:\n  text: 无。\n")
    new = form_state(new, [{"path": ["leadership"], "remove": True}])["yaml"]
    assert new == "kind: annual-report\n# 开头\nyear: 2025\nother:\n  text: 无。\n"


def test_the_text_is_refused_as_the_cli_refuses_it():
    with pytest.raises(SpecError) as error:
        form_state("year: [\n", [])
    assert error.value.problems[0].line
    with pytest.raises(SpecError):
        form_state("kind: annual-report\n", [{"path": ["measures", "sections", 3, "title"], "value": "x"}])


def test_the_indentation_is_the_texts_own():
    assert indentation("a:\n  - b\n") == (2, 4, 2)
    assert indentation("a:\n- b\nc:\n  d: 1\n") == (2, 2, 0)
    text = "kind: annual-report\nmeasures:\n    sections:\n    - title: 甲\n"
    assert form_state(text, [{"path": ["measures", "sections", 0, "title"], "value": "乙"}])["yaml"] == text.replace(
        "甲", "乙"
    )


def test_the_fixer_of_check_fix_runs_on_the_specs_strings_at_their_lines():
    text = TEMPLATE.read_text(encoding="utf-8").replace(
        "企业开办时间压缩至1个工作日。", "企业开办时间压缩至1个工作日(全市第一),于2025年1月5号实现。"
    )
    line = next(n for n, s in enumerate(text.splitlines(), 1) if "全市第一" in s)
    fixes = spec_fixes(text)
    assert {(f["line"], f["rule"]) for f in fixes} == {(line, "punct.half-width"), (line, "date.colloquial")}
    only = fix_spec(text, [(line, "date.colloquial")])
    assert "1月5日实现" in only["yaml"] and "(全市第一)," in only["yaml"] and len(only["fixes"]) == 1
    every = fix_spec(text)
    assert "工作日（全市第一），于2025年1月5日实现。" in every["yaml"]
    assert [a for a, b in zip(text.splitlines(), every["yaml"].splitlines()) if a != b] == [text.splitlines()[line - 1]]
    assert spec_fixes(every["yaml"]) == []


def test_the_parsed_documents_kept_are_bounded_in_number_and_size():
    text = TEMPLATE.read_text(encoding="utf-8")
    for n in range(MAX_CACHED + 5):
        form_state(text, [{"path": ["year"], "value": str(2000 + n), "as": "int"}])
    assert cache_size()[0] == MAX_CACHED
    big = text + "".join(f"# {'注释' * 40}\n" for _ in range(MAX_CACHED_CHARS // 80))
    form_state(big)
    count, chars = cache_size()
    assert chars <= MAX_CACHED_CHARS and count < MAX_CACHED


def _rewritten(text: str, edits: list[dict]) -> str:
    """What ruamel's writer gives for the same edits (the slow path the splice must agree with)."""
    import io

    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.preserve_quotes, yaml.width = True, 1_000_000
    mapping, sequence, offset = indentation(text)
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    doc = yaml.load(text)
    for edit in edits:
        node = doc
        for step in edit["path"][:-1]:
            node = node[step]
        node[edit["path"][-1]] = edit["value"]
    out = io.StringIO()
    yaml.dump(doc, out)
    return out.getvalue()


@pytest.mark.parametrize(
    "edit",
    [
        {"path": ["measures", "sections", 0, "title"], "value": "依法全面履行政府职能和深化改革"},
        {"path": ["measures", "sections", 0, "items", 1, "text"], "value": "短"},
        {"path": ["year"], "value": 20245},
        {"path": ["year"], "value": 7},
        {"path": ["note"], "value": "此件不公开"},
        {"path": ["shortcomings", "causes"], "value": "原因：一是……"},  # 「: 」-free colon: still plain
    ],
)
def test_a_keystroke_written_in_place_is_what_the_writer_would_write(edit):
    text = TEMPLATE.read_text(encoding="utf-8")
    typed = {**edit, "value": str(edit["value"]), **({"as": "int"} if isinstance(edit["value"], int) else {})}
    assert form_state(text, [typed])["yaml"] == _rewritten(text, [edit])


def test_keystrokes_after_a_structural_edit_land_on_the_right_line():
    text = TEMPLATE.read_text(encoding="utf-8")
    removed = form_state(text, [{"path": ["measures", "sections", 0], "remove": True}])["yaml"]
    typed = form_state(removed, [{"path": ["measures", "sections", 0, "title"], "value": "健全依法行政制度体系！"}])
    assert "    - title: 健全依法行政制度体系！\n      area: 三" in typed["yaml"]
    again = form_state(typed["yaml"], [{"path": ["measures", "sections", 0, "title"], "value": "甲: 乙"}])
    assert "    - title: '甲: 乙'\n" in again["yaml"]  # not plain any more: the writer quotes it
