"""Peer-style cases (tests/fixtures/peers/cases.yaml): the defects the open 公文 checkers' own test
drafts carry, in drafts of our own; fazhi must find ≥ 95 % of them and raise nothing a careful
reader would strike out. And the peer table (`fazhi rules --peers`) names only real rules."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.api.check import check_files
from generator.checks import RULES
from generator.checks.peers import peer_classes

CASES = yaml.safe_load((Path(__file__).parent / "fixtures" / "peers" / "cases.yaml").read_text("utf-8"))


def _findings(case: dict, tmp_path: Path) -> set[tuple[str, int | None]]:
    path = tmp_path / f"{case['id']}.txt"
    path.write_text(case["text"], "utf-8")
    results, unreadable = check_files([path], profile="format")
    assert not unreadable
    ((_, result),) = results
    return {(f.rule, f.line) for f in result.findings}


def _expected(case: dict, key: str = "expect") -> set[tuple[str, int | None]]:
    return {(e["rule"], e["line"]) for e in case.get(key) or []}


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_no_false_findings(case, tmp_path):
    found = _findings(case, tmp_path)
    assert found - _expected(case) - _expected(case, "allow") == set()


def test_defects_found(tmp_path):
    """≥ 95 % of the expected findings over all cases (each case's misses are listed)."""
    total, missed = 0, {}
    for case in CASES:
        expected = _expected(case)
        total += len(expected)
        lost = expected - _findings(case, tmp_path)
        if lost:
            missed[case["id"]] = sorted(lost)
    found = total - sum(len(v) for v in missed.values())
    assert found / total >= 0.95, missed


def test_peer_table_names_real_rules():
    classes = peer_classes()
    assert len(classes) >= 40
    for peer in classes:
        assert set(peer.covered) <= set(RULES), peer
        assert peer.covered or peer.why_not or peer.differs, peer


def test_every_new_class_rule_has_a_case():
    """Every rule the peer table cites for a covered class is exercised by some peer case."""
    cited = {rule for c in CASES for rule, _ in _expected(c)}
    for rule in (
        "numbers.full-width-digit",
        "numbers.range-tilde",
        "date.colloquial",
        "punct.doubled",
        "title.punct",
        "annex.punct",
        "annex.number",
        "imprint.cc-punct",
        "imprint.date-format",
    ):
        assert rule in cited, rule
