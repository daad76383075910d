"""Odd paths and odd command lines: FIFOs never block, devices never exhaust memory, every path is
reported as what it is, one bad path never stops the others, click's errors are Chinese, a folder
given with -o is a folder, and an interrupted write leaves no temporary file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from harness import ROOT, as_user, assert_refused, example, fazhi, give_away, listing, unprivileged_folder

SEED = ROOT / "tests" / "fixtures" / "published" / "kaifu-2022-report.txt"
SPEC = "template-county-2025.yaml"


@pytest.fixture
def odd(tmp_path):
    """A folder of odd paths: a FIFO, /dev/zero behind a symlink, a folder, a missing file."""
    os.mkfifo(tmp_path / "pipe.txt")
    os.mkfifo(tmp_path / "pipe.yaml")
    os.symlink("/dev/zero", tmp_path / "zero.txt")
    os.symlink("/dev/zero", tmp_path / "zero.yaml")
    (tmp_path / "folder.docx").mkdir()
    (tmp_path / "good.txt").write_bytes(SEED.read_bytes())
    return tmp_path


@pytest.mark.parametrize(
    "name, fragment",
    [
        ("pipe.txt", "命名管道"),
        ("pipe.yaml", "命名管道"),
        ("zero.txt", "设备文件"),
        ("zero.yaml", "设备文件"),
        ("folder.docx", "这是一个文件夹"),
        ("missing.docx", "找不到草稿文件"),
    ],
    ids=["fifo", "fifo-yaml", "dev-zero", "dev-zero-yaml", "folder", "missing"],
)
def test_check_reports_an_odd_path_as_what_it_is_and_checks_the_others(odd, name, fragment):
    before = listing(odd)
    run = fazhi("check", odd / name, odd / "good.txt", cwd=odd)
    assert_refused(run, fragment, where=rf"{name}: ")
    assert "good.txt:59: error parts.missing" in run.out  # the readable draft was still checked
    assert listing(odd) == before


def test_one_unreadable_file_among_many_does_not_stop_the_others():
    """Run as an unprivileged user (nobody under root, as in CI), so the 000 file is really unreadable."""
    odd = unprivileged_folder()
    os.mkfifo(odd / "pipe.txt")
    (odd / "folder.docx").mkdir()
    (odd / "good.txt").write_bytes(SEED.read_bytes())
    locked = odd / "locked.txt"
    locked.write_bytes(SEED.read_bytes())
    give_away(*odd.iterdir())
    locked.chmod(0)
    run = as_user("check", odd / "good.txt", locked, odd / "folder.docx", odd / "pipe.txt", cwd=odd)
    assert_refused(run, "没有读取草稿文件的权限", "这是一个文件夹", "命名管道", where=r"locked\.txt: ", seconds=60)
    assert "good.txt:59: error parts.missing" in run.out


def test_an_output_folder_without_write_permission_keeps_the_old_file():
    """As an unprivileged user: the refusal names the file, and the previous output stays as it was."""
    folder = unprivileged_folder()
    spec = example(SPEC, folder)
    locked = folder / "locked"
    locked.mkdir()
    out = locked / "k.docx"
    out.write_bytes(b"the previous output")
    give_away(spec, locked, out)
    locked.chmod(0o500)
    run = as_user("render", spec, "-o", out, cwd=folder)
    assert_refused(run, "没有写入权限", str(out), seconds=60)
    assert out.read_bytes() == b"the previous output"
    assert [p.name for p in locked.iterdir()] == ["k.docx"]


@pytest.mark.parametrize(
    "name, fragment",
    [
        ("pipe.yaml", "命名管道"),
        ("zero.yaml", "设备文件"),
        ("folder.docx", "这是一个文件夹"),
        ("missing.yaml", "找不到文件"),
    ],
    ids=["fifo", "dev-zero", "folder", "missing"],
)
def test_render_reports_an_odd_spec_path(odd, name, fragment):
    before = listing(odd)
    assert_refused(fazhi("render", odd / name, cwd=odd), fragment, where=rf"{name}: ")
    assert listing(odd) == before


def test_layout_and_profile_files_that_are_fifos(odd):
    assert_refused(
        fazhi("render", example(SPEC, odd), "--layout", odd / "pipe.yaml", "-o", odd / "x.docx", cwd=odd),
        "命名管道",
        where=r"pipe\.yaml: ",
    )
    assert_refused(
        fazhi("check", odd / "good.txt", "--profile", odd / "pipe.yaml", cwd=odd), "命名管道", where=r"pipe\.yaml: "
    )
    assert not (odd / "x.docx").exists()


@pytest.mark.parametrize(
    "text, fragment, where",
    [
        ("name: x\ninclude: [annual-report, nope]\n", "没有名为「nope」的检查规则集", "2:26"),
        ("name: x\nrules: [parts.missing]\n", "rules 应是", "2:1"),
        ("name: x\ninclude: 5\n", "include 应是", "2:1"),
        ("name: x\nrules:\n  no.such-rule: {}\n", "未知的规则「no.such-rule」", "3:3"),
        ("name: x\nrules:\n  date.deadline: {mounth: 3}\n", "是否想写「month」", "3:19"),
    ],
    ids=["unknown-include", "rules-not-a-mapping", "include-not-a-list", "unknown-rule", "unknown-parameter"],
)
def test_profile_errors_name_the_line(tmp_path, text, fragment, where):
    (tmp_path / "my.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "good.txt").write_bytes(SEED.read_bytes())
    run = fazhi("check", "--profile", "my.yaml", "good.txt", cwd=tmp_path)
    assert_refused(run, fragment, where=rf"my\.yaml:{where}: ")


@pytest.mark.parametrize(
    "args, fragments",
    [
        (["render"], ["缺少参数「SPEC…」", "用法：fazhi render"]),
        (["check"], ["请给出要检查的草稿文件或文件夹"]),
        (["render", SPEC, "--format", "doc"], ["选项「--format」的值无效", "是否想写「docx」"]),
        (["check", "x.txt", "--format", "xml"], ["应为 text、json、sarif 之一"]),
        (["schema", "report"], ["参数「KIND」的值无效"]),
        (["rendr", SPEC], ["没有命令「rendr」", "是否想写「render」"]),
        (["render", SPEC, "--colour"], ["没有选项「--colour」"]),
        (["render", SPEC, "-o"], ["选项「-o」后面缺少值"]),
        (["rules", "date.format", "extra"], ["多余的参数：extra"]),
    ],
    ids=[
        "missing-spec",
        "missing-files",
        "bad-format",
        "bad-check-format",
        "bad-kind",
        "unknown-command",
        "unknown-option",
        "option-without-value",
        "extra-argument",
    ],
)
def test_click_errors_are_chinese(tmp_path, args, fragments):
    example(SPEC, tmp_path)
    before = listing(tmp_path)
    assert_refused(fazhi(*args, cwd=tmp_path), *fragments)
    assert listing(tmp_path) == before


def test_output_folder_with_a_trailing_slash_is_created(tmp_path):
    spec = example(SPEC, tmp_path)
    run = fazhi("render", spec, "-o", "reports/2025/", "--format", "txt", cwd=tmp_path)
    assert run.code == 0, run.text
    assert (tmp_path / "reports" / "2025" / "template-county-2025.txt").is_file()
    assert fazhi("render", spec, "-o", "reports", cwd=tmp_path).code == 0  # an existing folder, no slash
    assert (tmp_path / "reports" / "template-county-2025.docx").is_file()


def test_output_folder_is_not_left_behind_when_rendering_fails(tmp_path):
    spec = example(SPEC, tmp_path, ("year: 2025", "year: 二〇二五"))
    before = listing(tmp_path)
    assert_refused(fazhi("render", spec, "-o", "reports/", cwd=tmp_path), "应为整数")
    templates = tmp_path / "tpl"
    templates.mkdir()
    (templates / "annual-report.j2").write_text("{{ nosuch }}", encoding="utf-8")
    spec = example(SPEC, tmp_path)
    before = listing(tmp_path)
    assert_refused(fazhi("render", spec, "-o", "new/", "--templates", templates, cwd=tmp_path), "未定义")
    assert listing(tmp_path) == before


def test_output_folder_that_is_a_file_is_refused(tmp_path):
    spec = example(SPEC, tmp_path)
    (tmp_path / "reports").write_text("not a folder", encoding="utf-8")
    before = listing(tmp_path)
    assert_refused(
        fazhi("render", spec, "-o", "reports/", cwd=tmp_path), "无法创建输出文件夹：已有同名文件", where=r"reports: "
    )
    assert listing(tmp_path) == before


# The child stops inside the write (fsync), with the temporary file on disk, and says so.
SLOW_WRITE = """
import os, sys, time
def slow_fsync(fd):
    print("WRITING", flush=True)
    time.sleep(60)
os.fsync = slow_fsync
from generator.cli import main
sys.argv[0] = "fazhi"
main()
"""


@pytest.mark.parametrize(
    "signum, code", [(signal.SIGTERM, 128 + signal.SIGTERM), (signal.SIGINT, 130)], ids=["SIGTERM", "SIGINT"]
)
def test_interrupted_write_leaves_no_temporary_file(tmp_path, signum, code):
    spec = example(SPEC, tmp_path)
    out = tmp_path / "out.docx"
    out.write_bytes(b"previous output")
    before = listing(tmp_path)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    child = subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITE, "render", str(spec), "-o", str(out)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    try:
        assert child.stdout.readline().strip() == "WRITING"
        assert any(p.name.startswith(".out.docx.") for p in tmp_path.iterdir())  # the temporary file exists
        time.sleep(0.1)
        child.send_signal(signum)
        _, err = child.communicate(timeout=20)
    finally:
        child.kill()
    assert child.returncode == code, err
    assert "已中断" in err and "Traceback" not in err, err
    assert listing(tmp_path) == before, "the temporary file was left behind"
    assert out.read_bytes() == b"previous output"


def test_interrupted_library_write_leaves_no_temporary_file(tmp_path):
    """write_atomic on its own (no CLI handler installed): SIGTERM still removes the temporary file."""
    out = tmp_path / "out.txt"
    code = SLOW_WRITE.split("from generator.cli")[0] + (
        f"from generator.write.atomic import write_atomic\nwrite_atomic({str(out)!r}, b'data')\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout.readline().strip() == "WRITING"
        child.send_signal(signal.SIGTERM)
        _, err = child.communicate(timeout=20)
    finally:
        child.kill()
    assert "Interrupted" in err  # unwound through Python, not killed on the spot
    assert listing(tmp_path) == set(), "the temporary file was left behind"


def test_draft_size_limit_applies_while_reading(tmp_path, monkeypatch):
    """A draft whose reported size lies (a /proc file says 0 bytes): only a bounded read catches it.
    read_draft reads through safe_io.read_regular_file, which counts bytes as they come."""
    from generator.errors import DraftError
    from generator.read import read_draft

    if not os.path.exists("/proc/self/smaps"):
        pytest.skip("no /proc")
    monkeypatch.setattr(sys.modules[read_draft.__module__], "MAX_FILE_BYTES", 1000)
    os.symlink("/proc/self/smaps", tmp_path / "smaps.txt")
    with pytest.raises(DraftError, match="过大"):
        read_draft(tmp_path / "smaps.txt")
