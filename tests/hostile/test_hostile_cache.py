"""The user cache never costs the user anything: the pruner removes only what fazhi wrote, a
relative XDG_CACHE_HOME is ignored, root never leaves a folder in a user's home, an entry whose
checksum holds but whose content is wrong is rebuilt, and nothing in the cache is unpickled."""

from __future__ import annotations

import hashlib
import os
import pickle
import zlib

import pytest
from harness import EXAMPLES, example, fazhi, listing

from generator import cache

PREFIXES = ("data-", "base-", "regex-", "marked-")
SPEC = "template-county-2025.yaml"
DRAFT = EXAMPLES.parent / "tests" / "fixtures" / "published" / "kaifu-2022-report.txt"


def _user_files(folder):
    """320 files of a user's that look like cache entries by name (and a few by their first bytes)."""
    files = {}
    for index in range(320):
        prefix = PREFIXES[index % 4]
        key = hashlib.sha256(str(index).encode()).hexdigest()[: (8, 32, 64)[index % 3]]
        body = f"报表第{index}份\n".encode() if index % 5 else zlib.crc32(b"x").to_bytes(4, "little") + b"x"
        path = folder / f"{prefix}{key}"
        path.write_bytes(body)
        os.utime(path, (index, index))  # older than anything fazhi writes
        files[path.name] = body
    return files


@pytest.mark.parametrize("command", ["render", "check", "many-entries"])
def test_the_pruner_never_removes_a_users_file(tmp_path, monkeypatch, command):
    files = _user_files(tmp_path)
    if command == "many-entries":  # far more entries than any kind keeps: every prune runs
        monkeypatch.setenv("FAZHI_CACHE_DIR", str(tmp_path))
        for index in range(200):
            for kind in ("data", "base", "regex", "marked"):
                cache.write(kind, f"{index:08x}", b"entry")
        assert len([p for p in tmp_path.glob("data-*") if p.read_bytes().startswith(cache.MARK)]) == cache.KEEP
    else:
        args = (
            ["render", example(SPEC, tmp_path), "-o", tmp_path / "out.docx"]
            if command == "render"
            else ["check", DRAFT]
        )
        run = fazhi(*args, cwd=tmp_path, env={"FAZHI_CACHE_DIR": str(tmp_path)})
        assert run.code in (0, 1), run.text
    for name, body in files.items():
        assert (tmp_path / name).read_bytes() == body, name


def test_a_relative_xdg_cache_home_is_ignored(tmp_path, monkeypatch):
    home = tmp_path / "home"
    work = tmp_path / "work"
    home.mkdir()
    work.mkdir()
    monkeypatch.delenv("FAZHI_CACHE_DIR", raising=False)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    assert cache.cache_dir() == home / ".cache" / "fazhi"
    spec = example(SPEC, work)
    before = listing(work)
    run = fazhi(
        "render",
        spec,
        "-o",
        tmp_path / "out.docx",
        cwd=work,
        env={"HOME": str(home), "XDG_CACHE_HOME": "relative/cache", "FAZHI_CACHE_DIR": None},
    )
    assert run.code == 0, run.text
    assert listing(work) == before  # nothing written into the current folder
    assert list((home / ".cache" / "fazhi").glob("base-*"))


def test_a_run_as_another_user_creates_no_folder_in_the_users_home(tmp_path, monkeypatch):
    """`sudo -E fazhi …`: root with the user's HOME. Simulated by an effective uid that does not own
    the home folder: no ~/.cache is made, and the user's later runs are cached as before."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.delenv("FAZHI_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(home))
    real = os.geteuid()
    monkeypatch.setattr(os, "geteuid", lambda: real + 4242)
    cache.write("data", "00000000", b"x")
    assert not (home / ".cache").exists()
    monkeypatch.setattr(os, "geteuid", lambda: real)
    cache.write("data", "00000000", b"x")
    assert cache.read("data", "00000000") == b"x"


def _valid_entry(data: bytes) -> bytes:
    return cache.MARK + zlib.crc32(data).to_bytes(4, "little") + data


@pytest.mark.parametrize(
    "content",
    [
        b"fazhi-base-2\n{}\nnot a zip",
        b'fazhi-base-2\n{"head": 1, "settings": [], "footers": 3}\nPK\x03\x04',
        b'fazhi-base-2\n{"head": "", "settings": "", "footers": {}}\nPK\x05\x06' + bytes(18),
    ],
    ids=["missing-keys", "wrong-types", "empty-zip"],
)
def test_an_entry_with_a_valid_checksum_and_wrong_content_is_rebuilt(tmp_path, content):
    spec = example(SPEC, tmp_path)
    first = fazhi("render", spec, "-o", tmp_path / "a.docx", cwd=tmp_path, env={"FAZHI_CACHE_DIR": str(tmp_path)})
    assert first.code == 0, first.text
    (entry,) = tmp_path.glob("base-*")
    entry.write_bytes(_valid_entry(content))
    second = fazhi("render", spec, "-o", tmp_path / "b.docx", cwd=tmp_path, env={"FAZHI_CACHE_DIR": str(tmp_path)})
    assert second.code == 0, second.text
    assert "Traceback" not in second.text
    assert (tmp_path / "b.docx").stat().st_size > 5000
    assert entry.read_bytes() != _valid_entry(content)  # rebuilt and stored again


class _Planted:
    def __reduce__(self):
        return (open, ("/tmp/fazhi-planted-ran", "w"))


def test_nothing_in_the_cache_is_unpickled_or_run(tmp_path):
    """The template cache is gone: a planted pickle in the old jinja/ folder (made writable by others)
    is never loaded, and everything fazhi keeps is a marked entry or LibreOffice's profile."""
    from generator.render import jinja

    marker = "/tmp/fazhi-planted-ran"
    if os.path.exists(marker):
        os.unlink(marker)
    planted = tmp_path / "jinja"
    planted.mkdir()
    planted.chmod(0o777)
    for index in range(8):
        (planted / f"template-{index:08x}-{index:040x}.cache").write_bytes(pickle.dumps(_Planted()))
    assert jinja.environment().bytecode_cache is None
    spec = example(SPEC, tmp_path)
    run = fazhi("render", spec, "-o", tmp_path / "out.docx", cwd=tmp_path, env={"FAZHI_CACHE_DIR": str(tmp_path)})
    assert run.code == 0, run.text
    assert not os.path.exists(marker)
    for path in tmp_path.iterdir():
        if path.name.startswith(("data-", "marked-", "base-")):
            assert path.read_bytes().startswith(cache.MARK), path


@pytest.mark.parametrize(
    "kind, value",
    [("marked", (1, 2)), ("marked", "text"), ("data", 5)],
    ids=["marked-pair", "marked-string", "data-number"],
)
def test_a_data_entry_with_a_valid_checksum_and_the_wrong_shape_is_parsed_again(tmp_path, monkeypatch, kind, value):
    import marshal

    from generator import resources, snapshot

    monkeypatch.setenv("FAZHI_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(snapshot, "_entry", lambda path, contents: None)  # a changed built-in file is cached
    path = resources.PROFILES / "format.yaml"
    expected = resources.load_marked(path).data if kind == "marked" else resources.read_data(path)
    (entry,) = tmp_path.glob(f"{kind}-*")
    stamp, _ = marshal.loads(cache.read(kind, entry.name.split("-", 1)[1]))
    entry.write_bytes(_valid_entry(marshal.dumps((stamp, value))))
    again = resources.load_marked(path).data if kind == "marked" else resources.read_data(path)
    assert again == expected
