"""`check --fix` exits with the fixed file's verdict: 0 when every failing finding was fixed (the fixed
file is read and checked again), 1 when a finding no fix touches remains (known without a second check)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import ROOT

from generator.api import render_bytes
from generator.cli import main
from generator.spec.validate import load_spec


@pytest.fixture
def clean_text(tmp_path):
    text = render_bytes(load_spec(ROOT / "examples" / "template-county-2025.yaml"), "txt").decode("utf-8")
    assert "2025年，示例县" in text
    return tmp_path, text


def _fix(folder, text: str, *extra):
    draft = folder / "draft.txt"
    draft.write_text(text, encoding="utf-8")
    return CliRunner().invoke(main, ["check", str(draft), "--fix", "-o", str(folder / "fixed.txt"), *extra])


def test_only_fixable_warnings_fixed_under_strict_exits_0(clean_text):
    folder, text = clean_text
    result = _fix(folder, text.replace("2025年，示例县", "2025年,示例县", 1), "--strict")
    assert "punct.half-width" in result.output
    assert result.exit_code == 0, result.output
    assert "2025年，示例县" in (folder / "fixed.txt").read_text(encoding="utf-8")


def test_a_warning_no_fix_touches_keeps_exit_1(clean_text):
    folder, text = clean_text
    broken = text.replace("2025年，示例县", "2025年,示例县", 1).replace(
        "\n2026年2月10日\n", "\n", 1
    )  # no 成文日期 left
    assert broken != text.replace("2025年，示例县", "2025年,示例县", 1)
    result = _fix(folder, broken, "--strict")
    assert result.exit_code == 1, result.output
    assert _fix(folder, broken).exit_code == 0  # a warning fails only under --strict
