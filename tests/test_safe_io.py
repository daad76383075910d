"""Reading user-named files: regular files only, the size limit applied while reading; the YAML
guard passes ordinary specs (anchors included) untouched and refuses only what is dangerous."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from conftest import ALL_EXAMPLES, EXAMPLES

from generator.errors import FazhiError, SpecError
from generator.safe_io import read_regular_file
from generator.spec.loading import load_yaml_text
from generator.spec.validate import validate
from generator.spec.yaml_guard import prescan


def refusal(path, limit=1000) -> str:
    with pytest.raises(FazhiError) as caught:
        read_regular_file(path, limit)
    (problem,) = caught.value.problems
    assert problem.file == str(path)
    return problem.message


def test_regular_file_up_to_the_limit(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 1000)
    assert read_regular_file(path, 1000) == b"x" * 1000
    assert "过大（超过 999 字节）" in refusal(path, 999)


def test_limit_applies_while_reading_not_by_the_reported_size():
    """/proc files are regular with st_size 0 and any length: only reading can tell."""
    path = Path("/proc/self/smaps")
    if not path.exists():
        pytest.skip("no /proc")
    assert os.stat(path).st_size == 0
    assert "过大" in refusal(path, 100)


def test_fifo_is_refused_without_blocking(tmp_path):
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    result = []
    worker = threading.Thread(target=lambda: result.append(refusal(path)), daemon=True)
    worker.start()
    worker.join(5)
    assert result and "命名管道" in result[0], "reading a FIFO blocked"


def test_device_folder_missing_and_nul(tmp_path):
    os.symlink("/dev/zero", tmp_path / "zero")
    assert "设备文件" in refusal(tmp_path / "zero")
    assert "这是一个文件夹" in refusal(tmp_path)
    assert "找不到文件" in refusal(tmp_path / "missing")
    os.symlink(tmp_path / "loop", tmp_path / "loop")
    assert "循环" in refusal(tmp_path / "loop")
    with pytest.raises(FazhiError, match="空字符"):
        read_regular_file(str(tmp_path / "a\x00b"), 10)


def test_error_class_is_the_callers(tmp_path):
    with pytest.raises(SpecError):
        read_regular_file(tmp_path, 10, error=SpecError)


@pytest.mark.parametrize("spec", ALL_EXAMPLES + [EXAMPLES / "template-county-2025.yaml"], ids=lambda p: p.stem)
def test_examples_pass_the_guard(spec):
    prescan(spec.read_text(encoding="utf-8"), spec.name)


def test_ordinary_anchors_and_aliases_still_work():
    text = (EXAMPLES / "template-county-2025.yaml").read_text(encoding="utf-8")
    text = text.replace("issuers: [", "issuers: [&issuer ", 1)
    assert "&issuer" in text
    text += "imprint: {printer: *issuer}\n"
    spec = validate(load_yaml_text(text, "spec.yaml"))
    assert spec.imprint.printer == spec.issuers[0]


def test_nesting_just_under_the_limit_is_accepted():
    load_yaml_text("a: " + "[" * 90 + "]" * 90, "deep.yaml")


def test_unreadable_file_is_said_so_before_anything_opens_it(tmp_path, monkeypatch):
    """(As root every file is readable; the permission answer is simulated.)"""
    from generator.safe_io import check_regular_file

    path = tmp_path / "a.txt"
    path.write_text("x", encoding="utf-8")
    monkeypatch.setattr(os, "access", lambda p, mode: False)
    with pytest.raises(FazhiError, match="没有读取草稿文件的权限"):
        check_regular_file(path, what="草稿文件")


def _no_event_scan(monkeypatch):
    from generator.spec import yaml_guard

    monkeypatch.setattr(yaml_guard, "_scan_events", lambda text, name: pytest.fail("the event stream was read"))


def test_a_long_report_with_references_and_ampersands_is_not_scanned_event_by_event(monkeypatch):
    """The cheap bounds rule out bombs and deep nesting: a 1,000-reference report costs no event scan."""
    _no_event_scan(monkeypatch)
    body = "".join(f"  - 办理案件{{{{ figures.n{i} }}}}件，R&D 投入增长（注*）。\n" for i in range(1000))
    prescan("kind: annual-report\nmeasures:\n" + body, "spec.yaml")


@pytest.mark.parametrize(
    "text",
    [
        "a: {{ figures.x }}\nb: " + "[" * 97 + "]" * 97,  # a reference beside deep flow nesting
        "a: &x [1]\nb: *x\n",  # an anchor and an alias
        "a: [&x 1, *x]\n",
        "a:\u2028- &x 1\u2028- *x\n",  # YAML line breaks other than \n
        "\u2028".join(" " * i + "k:" for i in range(120)),  # deep indentation after \u2028 breaks
        "l0:\n\ufeff&l0 [lol]\nl1:\n\ufeff&l1 [*l0, *l0]\n",  # libyaml skips a BOM at a line's start
        "x:\n\ufeff" + "- " * 900 + "v\n",
    ],
)
def test_what_the_cheap_bounds_cannot_rule_out_is_scanned(monkeypatch, text):
    from generator.spec import yaml_guard

    scanned = []
    monkeypatch.setattr(yaml_guard, "_scan_events", lambda text, name: scanned.append(name))
    prescan(text, "spec.yaml")
    assert scanned == ["spec.yaml"]


def test_unwinding_outside_the_main_thread_changes_nothing():
    import signal
    import threading

    from generator.signals import unwinding

    before, seen = signal.getsignal(signal.SIGTERM), []

    def work():
        with unwinding():
            seen.append(signal.getsignal(signal.SIGTERM))

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert seen == [before] and signal.getsignal(signal.SIGTERM) == before
