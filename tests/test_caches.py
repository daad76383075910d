"""What is kept between processes: compiled patterns (a pattern from the cache is the pattern
re.compile makes), built-in data files and compiled templates; a damaged or missing cache only costs time."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from conftest import ROOT

from generator import regexes

PATTERNS = [
    (r"(?P<label>[\u4e00-\u9fff]{2,})\s*(\d+(?:\.\d+)?)\s*(件|项)(?=[，。]|$)", 0),
    (r"^（[一二三四五六七八九十]+）", re.M),
    (r"仿宋|fang", re.I),
    (r"(?<=[\u4e00-\u9fff])20[0-9]{2}年度?(?=[，,])", 0),
    (r".*[，。；：]", re.S),
]
TEXT = "全年办理行政复议案件135件，\n（二）仿宋FANG 2023年度，共3项。"


def _fresh_process_state(monkeypatch) -> None:
    """What a new process starts with: nothing loaded, nothing new, nothing made."""
    monkeypatch.setattr(regexes, "_stored", None)
    monkeypatch.setattr(regexes, "_fresh", {})
    monkeypatch.setattr(regexes, "_made", {})


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("FAZHI_CACHE_DIR", str(tmp_path))
    _fresh_process_state(monkeypatch)
    return tmp_path


def test_a_stored_pattern_is_the_one_re_compile_makes(cache, monkeypatch):
    first = [regexes.compile(p, f) for p, f in PATTERNS]
    regexes._store()
    assert list(cache.glob("regex-*")), "the entries were not stored"
    _fresh_process_state(monkeypatch)
    with monkeypatch.context() as patch:
        patch.setattr(re, "compile", lambda *a: pytest.fail("compiled again instead of read from the cache"))
        again = [regexes.compile(p, f) for p, f in PATTERNS]
    for (pattern, flags), made, stored in zip(PATTERNS, first, again):
        expected = re.compile(pattern, flags)
        assert stored == expected  # a Pattern's equality compares its flags and engine code
        assert stored.groupindex == expected.groupindex and stored.groups == expected.groups
        assert [m.groups() for m in stored.finditer(TEXT)] == [m.groups() for m in expected.finditer(TEXT)]
        assert made == expected


def test_a_damaged_cache_falls_back_to_compiling(cache, monkeypatch):
    regexes.compile(*PATTERNS[0])
    regexes._store()
    (stored,) = cache.glob("regex-*")
    stored.write_bytes(b"\x00not marshal data")
    _fresh_process_state(monkeypatch)
    assert regexes.compile(*PATTERNS[0]) == re.compile(*PATTERNS[0])


def test_a_damaged_entry_is_not_trusted(cache, monkeypatch):
    pattern, flags = PATTERNS[0]
    regexes.compile(pattern, flags)
    entry = list(regexes._fresh[(pattern, flags)])
    entry[1] = b"\xff" * len(entry[1])  # engine code that is not code
    monkeypatch.setattr(regexes, "_stored", {(pattern, flags): tuple(entry)})
    monkeypatch.setattr(regexes, "_made", {})
    assert regexes.compile(pattern, flags) == re.compile(pattern, flags)


def test_no_cache_folder_still_compiles(monkeypatch):
    monkeypatch.setenv("FAZHI_CACHE_DIR", "")
    _fresh_process_state(monkeypatch)
    assert regexes.compile(*PATTERNS[1]) == re.compile(*PATTERNS[1])
    regexes._store()  # nowhere to store: not an error


def test_a_second_check_process_compiles_none_of_the_rules_patterns(tmp_path):
    """The point of the cache, seen from outside: `fazhi check` reads every rule pattern from it."""
    from generator.api import render_file

    draft = render_file(ROOT / "examples" / "kaifu-2022.yaml", tmp_path / "k.docx")
    probe = ("import re, sys, generator.regexes as r\n"
             "from generator.cli import main\n"
             "try: main(sys.argv[1:])\n"
             "except SystemExit: pass\n"
             "print(len(r._fresh))")
    env = dict(os.environ, FAZHI_CACHE_DIR=str(tmp_path / "cache"))
    counts = [subprocess.run([sys.executable, "-c", probe, "check", str(draft)], capture_output=True, text=True,
                             env=env, cwd=ROOT).stdout.split()[-1] for _ in range(2)]
    assert int(counts[0]) > 50 and counts[1] == "0"


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


def test_a_built_in_profile_keeps_its_marks_through_the_cache(cache):
    from generator.resources import PROFILES, load_marked
    from generator.spec.loading import load_yaml

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


def test_patterns_made_from_data_are_not_stored(cache, monkeypatch):
    regexes.compile(r"<odd:p\b", keep=False)
    regexes.compile(r"<w:p\b")
    assert list(regexes._fresh) == [(r"<w:p\b", 0)]
