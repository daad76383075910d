"""The .docx base package is kept in the user's cache: python-docx runs only the first time."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import zipfile

from conftest import KAIFU, ROOT

from generator import cache
from generator.write import base

RENDER = (
    "import sys; from generator.api import render_file; render_file(sys.argv[1], sys.argv[2]); "
    "print('docx' in sys.modules)"
)


def render_in_process(out, cache_dir) -> bool:
    """Render kaifu in a fresh interpreter; True when python-docx was imported."""
    env = dict(os.environ, FAZHI_CACHE_DIR=str(cache_dir))
    result = subprocess.run(
        [sys.executable, "-c", RENDER, str(KAIFU), str(out)], capture_output=True, text=True, cwd=ROOT, env=env
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip() == "True"


def parts(path) -> dict[str, bytes]:
    """The package's parts, less what is fresh in every document: core properties, the document id."""
    with zipfile.ZipFile(path) as package:
        found = {name: package.read(name) for name in package.namelist() if name != "docProps/core.xml"}
    found["word/settings.xml"] = re.sub(rb'w14:docId w14:val="[0-9A-F]+"', b"", found["word/settings.xml"])
    return found


def test_second_process_uses_the_cache_and_writes_the_same_package(tmp_path):
    folder = tmp_path / "cache"
    assert render_in_process(tmp_path / "first.docx", folder) is True
    assert len(list(folder.glob("base-*"))) == 1  # beside it: compiled patterns, templates, data files
    assert render_in_process(tmp_path / "second.docx", folder) is False
    assert parts(tmp_path / "first.docx") == parts(tmp_path / "second.docx")


def test_no_cache_folder_still_renders(tmp_path):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    assert render_in_process(tmp_path / "a.docx", blocked) is True  # cache unusable: built every time
    assert render_in_process(tmp_path / "b.docx", blocked) is True
    assert parts(tmp_path / "a.docx") == parts(tmp_path / "b.docx")


def test_damaged_entry_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("FAZHI_CACHE_DIR", str(tmp_path))
    calls = []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
    parts = (buffer.getvalue(), "<head>", "<settings/>", {"default": "rId1"})

    def build():
        calls.append(1)
        return parts

    assert base.cached("gb2312", False, None, build) == parts
    assert base.cached("gb2312", False, None, build) and len(calls) == 1
    (entry,) = tmp_path.glob("base-*")
    entry.write_bytes(entry.read_bytes()[:-2])  # truncated: the checksum no longer matches
    assert base.cached("gb2312", False, None, build) == parts
    assert len(calls) == 2


def test_key_follows_layout_file_and_options(tmp_path, monkeypatch):
    layout = tmp_path / "city.yaml"
    layout.write_text("margins: {top: 2155}\n", encoding="utf-8")
    first = base._key("gb2312", False, str(layout))
    assert first != base._key("gbk", False, str(layout)) != base._key("gb2312", True, str(layout))
    assert first != base._key("gb2312", False, None)
    layout.write_text("margins: {top: 2200}\n", encoding="utf-8")
    assert base._key("gb2312", False, str(layout)) != first
    assert base._key("gb2312", False, str(tmp_path / "missing.yaml")) is None


def test_cache_can_be_switched_off(monkeypatch, tmp_path):
    monkeypatch.setenv("FAZHI_CACHE_DIR", "")
    assert cache.cache_dir() is None
    cache.write("base", "k", b"x")
    assert cache.read("base", "k") is None
    monkeypatch.delenv("FAZHI_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "fazhi"


def test_old_entries_are_pruned(monkeypatch, tmp_path):
    monkeypatch.setenv("FAZHI_CACHE_DIR", str(tmp_path))
    for index in range(cache.KEEP + 5):
        cache.write("base", f"k{index}", b"x")
        os.utime(tmp_path / f"base-k{index}", (index, index))
    kept = sorted(p.name for p in tmp_path.iterdir())
    assert len(kept) == cache.KEEP and "base-k0" not in kept and f"base-k{cache.KEEP + 4}" in kept
