"""The `fazhi` command through click's CliRunner: outputs, and every error class → exit 2, located, no traceback."""

from __future__ import annotations

import json
import os
import re

from click.testing import CliRunner
from conftest import GOLDEN, KAIFU, MAOJIAN, Docx, copy_example, para_text

from generator.cli import main

CJK = re.compile(r"[\u4e00-\u9fff]")


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


# ---------------------------------------------------------------- success


def test_render_default_output_beside_input(tmp_path):
    spec = copy_example(KAIFU, tmp_path)
    result = invoke("render", spec)
    assert result.exit_code == 0, result.output
    out = tmp_path / "kaifu-2022.docx"
    assert out.is_file()
    assert str(out) in result.output
    assert para_text(Docx(out).body_paragraphs()[0]) == "关于2022年度法治政府建设工作情况的报告"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kaifu-2022.docx", "kaifu-2022.yaml"]  # no temp files


def test_output_file_mode_follows_umask(tmp_path):
    """BUG (generator/output.py write_atomic): tempfile.mkstemp creates the file 0600 and os.replace keeps
    that, so a report rendered into a shared folder is unreadable by colleagues. Expected: 0666 & ~umask
    (or the mode of the file being replaced)."""
    umask = os.umask(0o022)
    try:
        out = tmp_path / "k.txt"
        assert invoke("render", KAIFU, "--format", "txt", "-o", out).exit_code == 0
        assert out.stat().st_mode & 0o777 == 0o644
    finally:
        os.umask(umask)


def test_render_output_option(tmp_path):
    out = tmp_path / "sub" / "报告.docx"
    out.parent.mkdir()
    result = invoke("render", KAIFU, "-o", out)
    assert result.exit_code == 0, result.output
    assert Docx(out).names  # a readable zip


def test_render_txt(tmp_path):
    out = tmp_path / "k.txt"
    result = invoke("render", KAIFU, "--format", "txt", "-o", out)
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == (GOLDEN / "kaifu-2022.txt").read_text(encoding="utf-8")


def test_render_txt_default_path(tmp_path):
    spec = copy_example(MAOJIAN, tmp_path)
    assert invoke("render", spec, "--format", "txt").exit_code == 0
    assert (tmp_path / "maojian-2024-plan.txt").read_text(encoding="utf-8").startswith("茅政办发〔2024〕7号\n")


def test_schema_prints_json_with_chinese_descriptions():
    for kind in ("annual-report", "work-plan"):
        result = invoke("schema", kind)
        assert result.exit_code == 0
        schema = json.loads(result.output)
        descriptions = [m for m in re.findall(r'"description": "([^"]*)"', result.output)]
        assert schema.get("properties") and descriptions
        assert all(CJK.search(d) for d in descriptions), [d for d in descriptions if not CJK.search(d)][:5]
    assert "recipients" in json.loads(invoke("schema").output)["properties"]


# ---------------------------------------------------------------- errors

EXISTING = b"previous output, must survive"


def edited(tmp_path, old: str, new: str, source=KAIFU):
    """A copy of an example with one textual edit (line numbers stay put)."""
    text = source.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    spec = tmp_path / "spec.yaml"
    spec.write_text(text.replace(old, new, 1), encoding="utf-8")
    return spec


def line_of(spec, needle: str) -> int:
    return next(i for i, line in enumerate(spec.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def assert_input_error(result, *fragments):
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert CJK.search(result.output)
    for fragment in fragments:
        assert fragment in result.output, (fragment, result.output)


def run_with_existing_output(tmp_path, spec, *extra):
    out = tmp_path / "out.docx"
    out.write_bytes(EXISTING)
    before = set(tmp_path.iterdir())
    result = invoke("render", spec, "-o", out, *extra)
    assert out.read_bytes() == EXISTING, "an existing output file was overwritten or destroyed"
    assert set(tmp_path.iterdir()) == before, "a stray output or temp file was left behind"
    return result


def test_yaml_syntax_error(tmp_path):
    spec = edited(tmp_path, "year: 2022", "year: [2022")
    result = run_with_existing_output(tmp_path, spec)
    assert_input_error(result, "YAML")
    assert re.search(r"spec\.yaml:\d+:\d+", result.output)


def test_unknown_key_did_you_mean(tmp_path):
    spec = edited(tmp_path, "\nrecipients:", "\nrecipents:")
    line = line_of(spec, "recipents:")
    result = run_with_existing_output(tmp_path, spec)
    assert_input_error(result, f"spec.yaml:{line}:1", "recipents", "是否想写「recipients」")


def test_wrong_type(tmp_path):
    spec = edited(tmp_path, "year: 2022", "year: 二〇二二")
    line = line_of(spec, "year: 二〇二二")
    result = run_with_existing_output(tmp_path, spec)
    assert_input_error(result, f"spec.yaml:{line}:", "应为整数", "二〇二二")
    assert re.search(rf"spec\.yaml:{line}:\d+", result.output)


def test_missing_required_field(tmp_path):
    text = KAIFU.read_text(encoding="utf-8")
    start, end = text.index("\nmeasures:"), text.index("\nshortcomings:")
    spec = tmp_path / "spec.yaml"
    spec.write_text(text[:start] + text[end:], encoding="utf-8")
    result = run_with_existing_output(tmp_path, spec)
    assert_input_error(result, "缺少必填字段「measures」")
    assert re.search(r"spec\.yaml:\d+:\d+", result.output)


def test_undefined_figure(tmp_path):
    spec = edited(tmp_path, "{{ figures.new_services }}", "{{ figures.nope }}")
    line = line_of(spec, "figures.nope")
    result = run_with_existing_output(tmp_path, spec)
    assert_input_error(result, f"spec.yaml:{line}:", "nope")
    assert re.search(rf"spec\.yaml:{line}:\d+", result.output)


def test_control_character(tmp_path):
    # A YAML escape "\x01" in a double-quoted scalar: Word cannot store U+0001.
    title = "title: 关于2022年度法治政府建设工作情况的报告"
    spec = edited(tmp_path, title, 'title: "关于2022年度\\x01法治政府建设工作情况的报告"')
    line = line_of(spec, "\\x01")
    result = run_with_existing_output(tmp_path, spec)
    assert_input_error(result, f"spec.yaml:{line}:", "U+0001")


def test_output_folder_missing(tmp_path):
    out = tmp_path / "missing" / "k.docx"
    result = invoke("render", KAIFU, "-o", out)
    assert_input_error(result, "输出目录不存在", str(out))
    assert not (tmp_path / "missing").exists()


def test_bad_template(tmp_path):
    templates = tmp_path / "tpl"
    templates.mkdir()
    (templates / "annual-report.j2").write_text("第一行\n{{ nosuch_variable }}\n", encoding="utf-8")
    result = run_with_existing_output(tmp_path, KAIFU, "--templates", templates)
    assert_input_error(result, "annual-report.j2:2", "nosuch_variable", "未定义")


def test_output_same_as_input_is_refused(tmp_path):
    """BUG (generator/api.py render_file): `-o` naming the spec itself overwrites the YAML with .docx bytes,
    destroying the user's only source. Expected: exit 2 with a located Chinese message, spec untouched."""
    spec = copy_example(KAIFU, tmp_path)
    before = spec.read_bytes()
    result = invoke("render", spec, "-o", spec)
    assert spec.read_bytes() == before, "the input spec was overwritten by the output"
    assert_input_error(result, str(spec))


def test_table_option_rejected_for_reports(tmp_path):
    result = run_with_existing_output(tmp_path, KAIFU, "--table")
    assert_input_error(result, "--table")


def test_example_copies_unchanged_by_errors(tmp_path):
    """The copy helper itself: an error run must not touch the input spec."""
    spec = edited(tmp_path, "year: 2022", "year: 二〇二二")
    before = spec.read_bytes()
    invoke("render", spec)
    assert spec.read_bytes() == before
    assert not (tmp_path / "spec.docx").exists()


def test_unknown_key_inside_a_list_item_has_did_you_mean(tmp_path):
    spec = edited(tmp_path, "      items:", "      itmes:")
    line = line_of(spec, "itmes:")
    result = run_with_existing_output(tmp_path, spec)
    assert_input_error(result, f"spec.yaml:{line}:", "是否想写「items」", "measures.sections[0].itmes")
