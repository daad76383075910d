"""read/guard.py: patterns compiled only when a text could match, on the built-in noise patterns (what a
pattern's every match must contain is lexicon/regex_subset.py's: tests/test_regex_subset.py)."""

from __future__ import annotations

import random
import re
from pathlib import Path

import yaml
from conftest import ROOT

from generator.lexicon.regex_subset import could_match, needs
from generator.read.guard import AnyOf, Guarded

NOISE = yaml.safe_load((ROOT / "generator/data/noise.yaml").read_text(encoding="utf-8"))
BUILT_IN = [str(p) for key in ("drop", "end", "field", "strip", "inline") for p in NOISE.get(key) or ()]


def _texts() -> list[str]:
    """Lines of the seeds (web copies with their noise) and of the fixtures."""
    lines: set[str] = set()
    for path in sorted((ROOT / "tests/fixtures").rglob("*.txt")):
        lines.update(line.strip() for line in path.read_text(encoding="utf-8", errors="replace").splitlines())
    lines.update(
        ("第 2 页 共 5 页", "第1页/3页", "【打印】 【关闭】", "【字体：大 中 小】", "【 字体 大中小】", "【字体:小】")
    )
    return sorted(line for line in lines if line)


def _random_texts(pattern: str, count: int) -> list[str]:
    """Short random texts of the pattern's own words and characters (so that some of them match)."""
    words = [w for w in re.split(r"\\[a-zA-Z]|[\\^$.*+?{}()|\[\],0-9]", pattern) if w]
    pieces = sorted(set(words) | {c for w in words for c in w} | set(" 0123456789：:|-"))
    rng = random.Random(pattern)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 6))) for _ in range(count)]


def test_a_text_that_matches_meets_the_requirements():
    """Over the fixtures' lines and random texts of each pattern's words: no match the guard would skip."""
    texts = _texts()
    tried = 0
    for pattern in BUILT_IN:
        compiled = re.compile(pattern)  # the built-in patterns compile (the reader compiles them lazily)
        requirements = needs(pattern)
        matching = [t for t in texts + _random_texts(pattern, 1500) if compiled.search(t)]
        tried += bool(matching)
        for text in matching:
            assert could_match(requirements, text), (pattern, text)
            assert Guarded(pattern).ready(text) is not None, (pattern, text)
    assert tried == len(BUILT_IN)  # each pattern was seen matching


def test_guarded_compiles_only_for_a_text_that_could_match():
    guarded = Guarded(r"^(上一篇|下一篇)\s*[:：]")
    assert guarded.search("法治政府建设：上一篇") is None and guarded.compiled is None
    assert guarded.search("上一篇：关于…") and guarded.compiled is not None
    unmatched = Guarded(r"^[-—]\s*\d+\s*(?=\S)")
    assert unmatched.sub("", "正文 - 1") == "正文 - 1" and unmatched.compiled is None
    assert Guarded(r"^[-—]\s*\d+\s*-\s*(?=\S)").sub("", "- 1 - 正文") == "正文"


def test_any_of_answers_as_the_patterns_do():
    patterns = [str(p) for p in NOISE["drop"]]
    compiled = [re.compile(p) for p in patterns]
    any_of = AnyOf(tuple(Guarded(p) for p in patterns))
    for text in _texts():
        assert any_of.search(text) == any(c.search(text) for c in compiled), text
    assert not AnyOf(())


def test_the_seeds_hold_noise(tmp_path: Path):
    """The corpus above is worth testing on: many of its lines are noise."""
    noisy = [t for t in _texts() if any(re.search(p, t) for p in NOISE["drop"])]
    assert len(noisy) > 20


def test_the_built_in_guards_come_from_the_snapshot_or_back_from_the_cache(tmp_path, monkeypatch):
    from generator import snapshot
    from generator.read import noise
    from generator.lexicon.regex_subset import guards, valid_guards

    monkeypatch.setenv("FAZHI_CACHE_DIR", str(tmp_path))
    fresh = {key: [guards(str(p)) for p in NOISE.get(key) or ()] for key in ("drop", "end", "field", "strip")}
    assert noise._built_in_guards(NOISE) == fresh  # as shipped: from generator/data/parsed.py
    assert not list(tmp_path.rglob("noise-*"))
    monkeypatch.setattr(snapshot, "derived", lambda *args: None)  # as when regex_subset.py was edited
    assert noise._built_in_guards(NOISE) == fresh  # built and stored
    assert list(tmp_path.rglob("noise-*"))
    assert noise._built_in_guards(NOISE) == fresh  # read back
    assert not valid_guards(((("x",),), "")) and not valid_guards((((),), "")) and valid_guards(((), ""))


def test_one_guard_over_joined_texts_never_misses_a_matching_text():
    """could_match_any over texts joined is True whenever a pattern matches one of them (any key)."""
    rng = random.Random(5)
    texts = _texts()
    for key in ("drop", "end", "field"):
        patterns = [str(p) for p in NOISE.get(key) or ()]
        compiled = [re.compile(p) for p in patterns]
        any_of = AnyOf(tuple(Guarded(p) for p in patterns))
        said_no = 0
        for _ in range(600):
            group = rng.sample(texts, rng.randint(1, 6))
            could = any_of.could_match_any("\n".join(group), frozenset(t[:1] for t in group))
            if any(c.search(t) for c in compiled for t in group):
                assert could, (key, group)
            said_no += not could
        assert said_no > 50  # the guard does spare work


def test_drop_noise_with_and_without_the_joined_guard(monkeypatch):
    """drop_noise gives the same lines whether or not the guard over all texts lets it skip the lines."""
    from generator.read.lines import Line
    from generator.read.noise import Noise, drop_noise, load_noise

    noise, rng = load_noise(), random.Random(7)
    texts = _texts()
    body = [t for t in texts if not any(re.search(str(p), t) for k in ("drop", "end", "field") for p in NOISE[k])]
    drafts = []
    for _ in range(300):
        picked = rng.sample(texts if rng.random() < 0.5 else body, rng.randint(1, 12))
        drafts.append([Line(t, i + 1, kind=rng.choice(["", "", "", "title"])) for i, t in enumerate(picked)])
    guarded = [drop_noise(lines, noise) for lines in drafts]
    monkeypatch.setattr(Noise, "could_be_in", lambda self, texts: True)
    plain = [drop_noise(lines, noise) for lines in drafts]
    assert guarded == plain
    assert sum(g == d for g, d in zip(guarded, drafts)) > 100 and sum(g != d for g, d in zip(guarded, drafts)) > 30
