"""Characters a Word file cannot hold, in a .txt draft: every re-laid-out document is well-formed
XML (Word opens it), and the clerk is told at which line the characters were."""

from __future__ import annotations

import zipfile
from xml.etree import ElementTree

import pytest
from harness import ROOT, fazhi

SEED = ROOT / "tests" / "fixtures" / "published" / "kaifu-2022-report.txt"
CHARS = {
    "vt": "\x0b",
    "ff": "\x0c",
    "soh": "\x01",
    "esc": "\x1b",
    "bs": "\x08",
    "us": "\x1f",
    "fffe": "\ufffe",
    "ffff": "\uffff",
    "mixed": "\x0b\x1b\x0c\x02",
}
LINE = 12


def _draft(folder, chars: str):
    lines = SEED.read_text(encoding="utf-8").split("\n")
    middle = len(lines[LINE - 1]) // 2
    lines[LINE - 1] = lines[LINE - 1][:middle] + chars + lines[LINE - 1][middle:]
    path = folder / "draft.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.mark.parametrize("chars", CHARS.values(), ids=CHARS.keys())
def test_a_re_laid_out_draft_is_well_formed_and_the_line_is_named(tmp_path, chars):
    draft = _draft(tmp_path, chars)
    run = fazhi("render", draft, "-o", tmp_path / "out.docx", cwd=tmp_path)
    assert run.code == 0, run.text
    assert f"draft.txt:{LINE}: 第{LINE}行含有 Word 文件不能容纳的字符" in run.text
    with zipfile.ZipFile(tmp_path / "out.docx") as package:
        for name in package.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                ElementTree.fromstring(package.read(name))  # raises on an illegal character


@pytest.mark.parametrize("chars", CHARS.values(), ids=CHARS.keys())
def test_check_reports_the_characters_at_their_line(tmp_path, chars):
    run = fazhi("check", _draft(tmp_path, chars), cwd=tmp_path)
    assert run.code == 1, run.text
    assert f"draft.txt:{LINE}: warning draft.control-chars" in run.out


def test_import_writes_a_spec_without_them(tmp_path):
    run = fazhi("import", _draft(tmp_path, "\x0b\x01"), "-o", tmp_path / "spec.yaml", cwd=tmp_path)
    assert run.code == 0, run.text
    text = (tmp_path / "spec.yaml").read_text(encoding="utf-8")
    assert "\x0b" not in text and "\x01" not in text
