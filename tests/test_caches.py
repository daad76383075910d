"""What is kept between processes: built-in data files and compiled templates; a damaged or missing
cache only costs time. Patterns are compiled with plain `re` on first use and never stored."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from conftest import ROOT

from generator.lexicon import lazy

PATTERN = (r"(?P<label>[\u4e00-\u9fff]{2,})\s*(\d+(?:\.\d+)?)\s*(件|项)(?=[，。]|$)", 0)
TEXT = "全年办理行政复议案件135件，\n（二）仿宋FANG 2023年度，共3项。"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("FAZHI_CACHE_DIR", str(tmp_path))
    return tmp_path


def test_a_lazy_pattern_compiles_on_first_use_and_answers_as_re_compile(monkeypatch):
    pattern = lazy(*PATTERN)
    with monkeypatch.context() as patch:
        patch.setattr(re, "compile", lambda *a: pytest.fail("compiled before use"))
        assert pattern.pattern == PATTERN[0]
    expected = re.compile(*PATTERN)
    assert [m.groups() for m in pattern.finditer(TEXT)] == [m.groups() for m in expected.finditer(TEXT)]
    assert pattern.sub("X", TEXT) == expected.sub("X", TEXT)
    assert pattern.groupindex == expected.groupindex and pattern.groups == expected.groups


def test_a_check_process_stores_no_pattern_and_uses_no_private_re_module(tmp_path):
    """Patterns are not cached between processes (regexes.py's store relied on _sre, re._parser
    and re._compiler); the cache holds data files and templates only."""
    draft = tmp_path / "k.docx"
    env = dict(os.environ, FAZHI_CACHE_DIR=str(tmp_path / "cache"))
    for args in (["render", str(ROOT / "examples" / "kaifu-2022.yaml"), "-o", str(draft)], ["check", str(draft)]):
        code = "import sys; from generator.cli import main; main(sys.argv[1:])"
        done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, cwd=ROOT)
        assert done.returncode in (0, 1), done.stderr
    assert list((tmp_path / "cache").glob("*")), "nothing cached: the test would prove nothing"
    assert not list((tmp_path / "cache").glob("regex-*"))
    private = [
        p
        for p in (ROOT / "generator").rglob("*.py")
        if re.search(r"\b(_sre|re\._parser|re\._compiler|sre_compile|sre_parse)\b", p.read_text(encoding="utf-8"))
    ]
    assert private == []


# ---------------------------------------------------------------- data files and templates


def test_a_data_file_is_read_from_the_cache_until_it_changes(cache, monkeypatch):
    from generator import resources

    data = cache / "words.yaml"
    data.write_text("words: [法治, 政府]\n", encoding="utf-8")
    assert resources.read_data(data) == {"words": ["法治", "政府"]}
    with monkeypatch.context() as patch:
        patch.setattr(resources, "parse_yaml", lambda text: pytest.fail("parsed again"))
        assert resources.read_data(data) == {"words": ["法治", "政府"]}
    data.write_text("words: [法治, 政府, 建设]\n", encoding="utf-8")  # another size: parsed again
    assert resources.read_data(data) == {"words": ["法治", "政府", "建设"]}


def test_a_damaged_data_entry_is_parsed_again(cache):
    from generator import resources

    data = cache / "words.yaml"
    data.write_text("a: 1\n", encoding="utf-8")
    resources.read_data(data)
    for entry in cache.glob("data-*"):
        entry.write_bytes(b"\xffdamaged")
    assert resources.read_data(data) == {"a": 1}


def test_a_built_in_profile_as_shipped_comes_from_the_snapshot(cache):
    from generator.resources import PROFILES, load_marked, read_data
    from generator.spec.loading import load_yaml

    path = next(PROFILES.glob("*.yaml"))
    loaded, parsed = load_marked(path), load_yaml(path)
    assert (loaded.data, loaded.marks, loaded.file) == (parsed.data, parsed.marks, parsed.file)
    assert read_data(path) == parsed.data
    assert not list(cache.iterdir()), "a file as shipped needs no cache entry"


def test_a_changed_built_in_profile_keeps_its_marks_through_the_cache(cache, monkeypatch):
    from generator import snapshot
    from generator.resources import PROFILES, load_marked
    from generator.spec.loading import load_yaml

    monkeypatch.setattr(snapshot, "_entry", lambda path, contents: None)  # as when the file was edited
    path = next(PROFILES.glob("*.yaml"))
    first, second, parsed = load_marked(path), load_marked(path), load_yaml(path)
    assert list(cache.glob("marked-*"))
    for loaded in (first, second):
        assert (loaded.data, loaded.marks, loaded.file) == (parsed.data, parsed.marks, parsed.file)


def test_a_user_profile_is_never_cached(cache, tmp_path):
    from generator.resources import load_marked

    mine = tmp_path / "mine.yaml"
    mine.write_text("name: mine\nrules:\n  parts.missing: {}\n", encoding="utf-8")
    assert load_marked(mine).marks[("rules", "parts.missing")] == (3, 3)
    assert not list(cache.glob("marked-*"))


# ---------------------------------------------------------------- the folder and its entries


def test_a_folder_others_can_write_to_is_not_used(tmp_path, monkeypatch):
    from generator import cache

    shared = tmp_path / "shared"
    shared.mkdir()
    monkeypatch.setenv("FAZHI_CACHE_DIR", str(shared))
    assert cache.cache_dir() == shared
    shared.chmod(0o777)
    assert cache.cache_dir() is None  # a planted entry would become code: no cache at all
    shared.chmod(0o700)
    fresh = tmp_path / "fresh" / "fazhi"
    monkeypatch.setenv("FAZHI_CACHE_DIR", str(fresh))
    cache.write("data", "k", b"x")
    assert fresh.stat().st_mode & 0o777 == 0o700


def test_an_entry_whose_checksum_fails_is_not_read(cache):
    from generator import cache as store

    store.write("data", "k", b"plain data")
    assert store.read("data", "k") == b"plain data"
    (entry,) = cache.glob("data-k")
    raw = bytearray(entry.read_bytes())
    raw[-1] ^= 1  # one bit flipped
    entry.write_bytes(bytes(raw))
    assert store.read("data", "k") is None
