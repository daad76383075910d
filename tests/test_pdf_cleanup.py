"""`--format pdf` leaves nothing behind: interrupted (Ctrl-C, SIGTERM) or timed out, LibreOffice's whole
process group is ended and every temporary folder removed; a batch is one LibreOffice process.

Needs `soffice`: skipped when missing, a failure on CI (CI=true).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from conftest import need_tool, KAIFU, ROOT

from generator.errors import FazhiError
from generator import office
from generator.write import pdf

pytestmark = pytest.mark.libreoffice


def need_soffice() -> None:
    need_tool("soffice")


def marked(mark: str) -> list[int]:
    """Live (not zombie) processes whose environment holds the mark."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes()
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if f"FAZHI_TEST_MARK={mark}".encode() in environ and state != "Z" and int(entry.name) != os.getpid():
            found.append(int(entry.name))
    return found


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


@pytest.mark.parametrize("sig, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)], ids=["SIGINT", "SIGTERM"])
def test_interrupted_pdf_leaves_no_process_and_no_folder(tmp_path, sig, code):
    need_soffice()
    mark, temp, out = uuid.uuid4().hex, tmp_path / "tmp", tmp_path / "out"
    temp.mkdir()
    out.mkdir()
    env = dict(os.environ, FAZHI_TEST_MARK=mark, TMPDIR=str(temp), FAZHI_CACHE_DIR=str(tmp_path / "cache"))
    fazhi = subprocess.Popen(
        [sys.executable, "-m", "generator", "render", str(KAIFU), "--format", "pdf", "-o", str(out / "k.pdf")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        # wait for LibreOffice itself (a child process carrying the mark), not just for fazhi
        assert wait_for(lambda: set(marked(mark)) - {fazhi.pid}, 60), "LibreOffice never started"
        fazhi.send_signal(sig)
        output, _ = fazhi.communicate(timeout=30)
    finally:
        if fazhi.poll() is None:
            fazhi.kill()
    assert fazhi.returncode == code, output.decode()
    assert b"Traceback" not in output
    assert wait_for(lambda: not marked(mark), 10), f"LibreOffice still running: {marked(mark)}"
    assert list(temp.iterdir()) == [], "temporary folders left behind"
    assert list(out.iterdir()) == [], "a partial or temporary output left behind"


def test_timeout_ends_the_group_and_removes_folders(tmp_path, monkeypatch):
    need_soffice()
    mark = uuid.uuid4().hex
    monkeypatch.setenv("FAZHI_TEST_MARK", mark)
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    docx = tmp_path / "k.docx"
    docx.write_bytes(b"not read: the timeout comes first")
    with pytest.raises(FazhiError) as info:
        pdf.docx_to_pdf([docx], tmp_path / "out", timeout=0.3)
    assert "超时" in str(info.value)
    assert wait_for(lambda: not marked(mark), 10)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["k.docx", "out"]


def test_batch_is_one_process_and_the_profile_is_kept(tmp_path, monkeypatch):
    need_soffice()
    from generator.api import render_bytes
    from generator.spec.validate import load_spec

    monkeypatch.setenv("FAZHI_CACHE_DIR", str(tmp_path / "cache"))
    data = render_bytes(load_spec(KAIFU))
    docs = []
    for name in ("a", "b"):
        docs.append(tmp_path / f"{name}.docx")
        docs[-1].write_bytes(data)
    started = []
    real = subprocess.Popen

    def counting(*args, **kwargs):
        started.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(subprocess, "Popen", counting)
    pdfs = pdf.docx_to_pdf(docs, tmp_path / "out")
    assert [p.name for p in pdfs] == ["a.pdf", "b.pdf"] and all(p.read_bytes()[:5] == b"%PDF-" for p in pdfs)
    assert len(started) == 1
    assert (tmp_path / "cache" / "libreoffice" / "user").is_dir()


def test_profile_in_use_means_a_temporary_one(tmp_path, monkeypatch):
    monkeypatch.setenv("FAZHI_CACHE_DIR", str(tmp_path / "cache"))
    with office._profile(tmp_path / "scratch-1") as (first, kept_first):
        (tmp_path / "scratch-2").mkdir()
        with office._profile(tmp_path / "scratch-2") as (second, kept_second):
            assert kept_first and not kept_second
            assert first == tmp_path / "cache" / "libreoffice"
            assert second.parent == tmp_path / "scratch-2"
    with office._profile(tmp_path / "scratch-1") as (again, kept):
        assert kept and again == first


def test_stale_libreoffice_lock_is_removed(tmp_path, monkeypatch):
    monkeypatch.setenv("FAZHI_CACHE_DIR", str(tmp_path))
    stale = tmp_path / "libreoffice" / "user" / ".lock"
    stale.parent.mkdir(parents=True)
    stale.write_text("a killed run's lock")
    with office._profile(tmp_path / "scratch") as (_, kept):
        assert kept and not stale.exists()


def test_missing_libreoffice_is_a_chinese_error(monkeypatch, tmp_path):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(FazhiError) as info:
        pdf.docx_to_pdf([tmp_path / "k.docx"], tmp_path)
    assert "未安装 LibreOffice" in str(info.value)


def test_a_pdf_batch_is_converted_by_one_libreoffice(tmp_path, monkeypatch):
    need_soffice()
    from conftest import MUDANJIANG

    from generator.api import render_specs

    started = []
    real = subprocess.Popen
    monkeypatch.setattr(subprocess, "Popen", lambda *a, **k: started.append(a[0]) or real(*a, **k))
    written, problems = render_specs([KAIFU, MUDANJIANG], tmp_path, "pdf", jobs=1)
    assert problems == []
    assert sorted(p.name for p in written) == ["kaifu-2022.pdf", "mudanjiang-2022.pdf"]
    assert all(p.read_bytes()[:5] == b"%PDF-" for p in written)
    assert len(started) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kaifu-2022.pdf", "mudanjiang-2022.pdf"]
