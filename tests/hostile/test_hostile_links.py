"""Symlink loops anywhere a path is given, and a batch's -o that names a file: refused with the
path named, no traceback, nothing of the user's changed, no empty folder left behind."""

from __future__ import annotations

import os

import pytest
from harness import ROOT, assert_refused, example, fazhi, listing

SEED = ROOT / "tests" / "fixtures" / "published" / "kaifu-2022-report.txt"
SPEC = "template-county-2025.yaml"


@pytest.fixture
def loops(tmp_path):
    """a → b → a, a folder holding a link to itself, a good draft and a spec."""
    os.symlink("b", tmp_path / "a")
    os.symlink("a", tmp_path / "b")
    os.symlink("a.txt", tmp_path / "b.txt")
    os.symlink("b.txt", tmp_path / "a.txt")
    os.symlink("c.yaml", tmp_path / "c.yaml")
    (tmp_path / "d").mkdir()
    os.symlink("../d", tmp_path / "d" / "self")
    (tmp_path / "d" / "k.txt").write_bytes(SEED.read_bytes())
    example(SPEC, tmp_path)
    return tmp_path


CASES = {
    "check": (["check", "a"], "a"),
    "check-txt": (["check", "a.txt", "d"], "a.txt"),
    "summary": (["check", "a.txt", "d", "--summary", "sum.csv"], "a.txt"),
    "summary-terminal": (["check", "a", "--summary"], "a"),
    "figures": (["figures", "c.yaml", SPEC], "c.yaml"),
    "import": (["import", "a.txt", "-o", "x.yaml"], "a.txt"),
    "render-spec": (["render", "c.yaml", "-o", "x.docx"], "c.yaml"),
    "render-draft": (["render", "a.txt", "-o", "x.docx"], "a.txt"),
    "render-batch": (["render", "c.yaml", SPEC, "-o", "out/"], "c.yaml"),
    "output": (["render", SPEC, "-o", "a"], "a"),
    "fix-output": (["check", "d/k.txt", "--fix", "-o", "b.txt"], "b.txt"),
    "layout": (["render", SPEC, "--layout", "c.yaml", "-o", "x.docx"], "c.yaml"),
    "profile": (["check", "d/k.txt", "--profile", "c.yaml"], "c.yaml"),
    "templates": (["render", SPEC, "--templates", "a", "-o", "x.docx"], "a"),
}


@pytest.mark.parametrize("args, where", CASES.values(), ids=CASES.keys())
def test_a_symlink_loop_is_refused_by_name(loops, args, where):
    links = {name: os.readlink(loops / name) for name in ("a", "b", "a.txt", "b.txt", "c.yaml")}
    run = fazhi(*args, cwd=loops)
    assert_refused(run, where=rf"{where}(:\d+)*: ")
    assert {name: os.readlink(loops / name) for name in links} == links  # the links are still links


def test_the_other_drafts_are_still_checked(loops):
    run = fazhi("check", "a.txt", "d", cwd=loops)
    assert "d/k.txt:59: error parts.missing" in run.out


@pytest.mark.parametrize("name", ["out.docx", "out.txt", "out.pdf"])
def test_a_batch_output_that_names_a_file_is_refused(tmp_path, name):
    specs = tmp_path / "specs"
    specs.mkdir()
    example(SPEC, specs)
    before = listing(tmp_path)
    run = fazhi("render", specs, "-o", tmp_path / name, cwd=tmp_path)
    assert_refused(run, "应为文件夹", where=rf"{name}: ")
    assert listing(tmp_path) == before


def test_a_batch_that_writes_nothing_leaves_no_folder(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("kind: annual-report\nyear: x\n", encoding="utf-8")
    run = fazhi("render", bad, tmp_path / "worse.yaml", "-o", tmp_path / "out", cwd=tmp_path)
    assert run.code == 2 and "Traceback" not in run.text
    assert not (tmp_path / "out").exists()
