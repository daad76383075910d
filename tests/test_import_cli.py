"""`fazhi import`, `fazhi import --next-year`, `fazhi render DRAFT`, --figures and the YAML writer."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
import yaml
from click.testing import CliRunner
from conftest import EXAMPLES, KAIFU, MAOJIAN, SEEDS, Docx, para_text, render_text

from generator.cli import main
from generator.importer.emit import Comments, Paras, emit
from generator.spec.loading import load_yaml_text
from generator.spec.validate import load_spec, validate

KAIFU_TXT = SEEDS / "kaifu-2022-report.txt"


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_import_writes_a_valid_spec_beside_the_draft(tmp_path):
    draft = tmp_path / "kaifu.txt"
    shutil.copyfile(KAIFU_TXT, draft)
    result = invoke("import", draft)
    assert result.exit_code == 0, result.output
    out = tmp_path / "kaifu.yaml"
    assert f"已写出：{out}" in result.output and "原文 36 段" in result.output and "一致 36 段" in result.output
    assert "推断自落款" in result.output
    spec = load_spec(out)
    assert spec.jurisdiction.full_name == "长沙市开福区" and spec.date == dt.date(2023, 1, 4)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kaifu.txt", "kaifu.yaml"]  # no temp files


def test_import_kind_option_and_unreadable_draft(tmp_path):
    out = tmp_path / "plan.yaml"
    result = invoke("import", SEEDS / "maojian-2024-workplan.txt", "-o", out, "--kind", "work-plan")
    assert result.exit_code == 0, result.output
    assert load_spec(out).kind == "work-plan"
    missing = invoke("import", tmp_path / "nope.docx")
    assert missing.exit_code == 2 and "找不到草稿文件" in missing.output and "Traceback" not in missing.output


def test_import_of_a_plan_without_owners_renders_and_check_says_so(tmp_path):
    """Issue 19.10: import never writes a spec render refuses; a task without owners is the part's
    text (said in the guesses), and `check` of the spec still asks for the owners."""
    draft = tmp_path / "plan.txt"
    draft.write_text(
        "2025年度示例县法治政府建设工作要点\n一、健全政府治理体系\n（一）完善政府职能。深化改革。\n", encoding="utf-8"
    )
    result = invoke("import", draft)
    assert result.exit_code == 0, result.output
    assert "没有写责任单位，作为本部分正文导入" in result.output
    assert invoke("render", tmp_path / "plan.yaml").exit_code == 0
    checked = invoke("check", tmp_path / "plan.yaml")
    assert "plan.owner" in checked.output


def test_render_a_draft_in_one_step(tmp_path):
    draft = tmp_path / "草稿.txt"
    shutil.copyfile(KAIFU_TXT, draft)
    result = invoke("render", draft)
    assert result.exit_code == 0, result.output
    out = tmp_path / "草稿-排版.docx"
    assert f"已生成：{out}" in result.output and "推断" in result.output
    paragraphs = [para_text(p) for p in Docx(out).body_paragraphs()]
    assert paragraphs[0] == "关于2022年度法治政府建设工作情况的报告"
    assert "（一）依法全面履行政府职能" in paragraphs
    text = tmp_path / "草稿.txt.out.txt"
    assert invoke("render", draft, "--format", "txt", "-o", text).exit_code == 0
    assert text.read_text(encoding="utf-8") == render_text(KAIFU).replace(
        render_text(KAIFU).split("\n", 1)[0], "关于2022年度法治政府建设工作情况的报告"
    )


def test_render_a_draft_never_overwrites_it(tmp_path):
    draft = tmp_path / "d.txt"
    shutil.copyfile(KAIFU_TXT, draft)
    result = invoke("render", draft, "--format", "txt", "-o", draft)
    assert result.exit_code == 2 and "相同" in result.output
    assert draft.read_bytes() == KAIFU_TXT.read_bytes()


def test_render_a_work_plan_draft_with_its_task_table(tmp_path, rendered):
    source = tmp_path / "plan.docx"
    source.write_bytes((rendered["maojian-2024-plan-table"].path).read_bytes())
    out = tmp_path / "clean.docx"
    assert invoke("render", source, "-o", out).exit_code == 0
    texts = [para_text(p) for p in Docx(out).body_paragraphs()]
    assert "2024年度茅箭区法治政府建设工作要点任务分工表" in texts


def test_next_year(tmp_path):
    last = tmp_path / "kaifu-2022.yaml"
    shutil.copyfile(KAIFU, last)
    result = invoke("import", "--next-year", last)
    assert result.exit_code == 0, result.output
    new = tmp_path / "kaifu-2023.yaml"
    text = new.read_text(encoding="utf-8")
    spec = load_spec(new)
    assert spec.year == 2023 and spec.date is None and spec.title == "关于2023年度法治政府建设工作情况的报告"
    assert "# date: 2023-01-04" in text
    measures = text.index("\nmeasures:")
    assert "去年（2022年度）报告的下一年度安排" in text[measures : measures + 400]
    assert "  # 一是进一步理顺思路" in text
    # everything else is last year's file as it was: its comments and the {{ figures }} references
    assert "# 二、存在的不足（第二部分）" in text and "{{ figures.new_services }}" in text
    assert spec.measures.sections[0].items[0].text == load_spec(KAIFU).measures.sections[0].items[0].text


def test_next_year_of_a_plan_and_flow_mappings(tmp_path):
    for example in (MAOJIAN, EXAMPLES / "department-county-2025.yaml"):
        last = tmp_path / example.name
        shutil.copyfile(example, last)
        out = tmp_path / f"next-{example.name}"
        assert invoke("import", "--next-year", last, "-o", out).exit_code == 0
        spec = load_spec(out)
        assert spec.year == load_spec(example).year + 1
        if spec.kind == "work-plan":
            assert spec.notice.date is None and spec.notice.doc_number is None
            from generator.api import build_tree

            assert "2025年度茅箭区" in build_tree(spec).title.replace("\n", "")  # the notice's default title
        else:
            assert spec.imprint.print_date is None and spec.imprint.printer == "示例县司法局办公室"


def test_next_year_of_an_invalid_spec_is_located(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(KAIFU.read_text(encoding="utf-8").replace("level: district", "level: planet"), encoding="utf-8")
    result = invoke("import", "--next-year", bad)
    assert result.exit_code == 2 and "bad.yaml:" in result.output and "planet" in result.output


# ---------------------------------------------------------------- --figures


def test_figures_lifted_and_rendered_back(tmp_path):
    out = tmp_path / "k.yaml"
    result = invoke("import", KAIFU_TXT, "-o", out, "--figures")
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    figures = data["figures"]
    assert figures["政务服务事项"] == {"value": 50, "unit": "项", "label": "政务服务事项"}
    assert figures["兑现扶持资金"]["value"] == 4400 and figures["兑现扶持资金"]["unit"] == "万元"
    assert figures["通过政府网站主动公开信息"]["value"] == "2.4万"
    first = data["measures"]["sections"][0]["items"][0]["text"]
    assert "{{ figures.政务服务事项 }}项" in first and "2022年" not in str(figures)
    assert "一致 36 段" in result.output  # the figures print back the very text


def test_figure_names_are_stable():
    from generator.importer import import_document
    from generator.read import read_draft

    first, second = (import_document(read_draft(KAIFU_TXT), figures=True).data["figures"] for _ in range(2))
    assert list(first) == list(second) and len(first) == len(set(first)) > 40


# ---------------------------------------------------------------- the YAML writer

ODD = [
    "yes",
    "no",
    "null",
    "~",
    "2023-01-04",
    "12",
    "1.5",
    "- 条",
    "a: b",
    "#号",
    "{{ figures.x }}项",
    "[x]",
    "“引号”开头",
    "",
    " 前面有空格",
    '反斜杠\\和"引号"',
    "tab\t里",
    "@开头",
    "|竖线",
    "%百分",
    "！感叹",
    "a #b",
    "末尾冒号:",
    "控制\x07字符",
    "中 文",
    "行\n分隔",
    "长" * 80,
    "中 文" * 20,
    "true",
    "0o17",
    "0x1F",
    ".inf",
]


@pytest.mark.parametrize("text", ODD)
def test_emitted_strings_read_back_exactly(text):
    back = yaml.safe_load(emit({"k": text, "list": [text], "deep": {"m": [{"title": text}]}}))
    assert back == {"k": text, "list": [text], "deep": {"m": [{"title": text}]}}


def test_emitted_yaml_loads_through_the_spec_loader_unchanged():
    """The spec loader drops a folded line break between Chinese characters; the writer never folds one."""
    values = [text for text in ODD if "\x07" not in text]  # the loader refuses what Word cannot hold
    data = {"kind": "annual-report", "values": values, "texts": Paras(["第一段。", "第二段" * 30])}
    loaded = load_yaml_text(emit(data), "x.yaml").data
    assert loaded["values"] == values
    assert [t for t in loaded["texts"].splitlines() if t] == list(data["texts"])


def test_comments_and_blocks():
    comments = Comments(head=["导入自 a.docx"])
    comments.note(("year",), "推断自标题")
    comments.before(("measures", "sections"), "去年的安排：")
    text = emit(
        {
            "year": 2022,
            "measures": {"sections": [{"title": "甲", "text": "长" * 40}]},
            "recipients": [["中共某市委", "某市人民政府"]],
        },
        comments,
    )
    assert text.splitlines()[:2] == ["# 导入自 a.docx", "year: 2022  # 推断自标题"]
    assert "  # 去年的安排：\n  sections:\n    - title: 甲\n      text: >-\n        " + "长" * 40 in text
    assert "  - [中共某市委, 某市人民政府]" in text


def test_a_validated_import_is_the_written_file():
    from generator.importer import import_document
    from generator.read import read_draft

    result = import_document(read_draft(SEEDS / "mudanjiang-2022-report.txt"))
    assert validate(load_yaml_text(result.yaml(), "m.yaml")).model_dump() == result.spec.model_dump()


def test_import_of_a_spec_and_next_year_of_a_draft_say_what_to_do(tmp_path):
    spec = invoke("import", KAIFU, "-o", tmp_path / "x.yaml")
    assert spec.exit_code == 2 and "--next-year" in spec.output
    draft = invoke("import", "--next-year", KAIFU_TXT, "-o", tmp_path / "y.yaml")
    assert draft.exit_code == 2 and "fazhi import" in draft.output
    assert not list(tmp_path.iterdir())
