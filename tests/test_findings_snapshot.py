"""What `check` finds stays what tests/fixtures/findings-snapshot.json says, unless meant to change
(then: `python tests/findings_snapshot.py --update`, and the diff names the entries that changed)."""

from __future__ import annotations

import findings_snapshot
from corpus import forms, labels


def test_findings_are_those_of_the_snapshot():
    now, then = findings_snapshot.collect(), findings_snapshot.stored()
    changed = sorted(name for name in now.keys() | then.keys() if now.get(name) != then.get(name))
    shown = "\n".join(f"{name}:\n  was {then.get(name)}\n  now {now.get(name)}" for name in changed[:10])
    assert not changed, (
        f"{len(changed)} entries changed (`python tests/findings_snapshot.py --update` if meant):\n{shown}"
    )


def test_the_snapshot_covers_every_kind_of_input():
    names = findings_snapshot.stored()
    for prefix in ("rules/", "tests/fixtures/real/", "tests/fixtures/published/", "examples/", "corpus/"):
        assert any(name.startswith(prefix) for name in names), prefix
    assert any(name.endswith(".yaml.docx") for name in names)
    corpus = [name for name in names if name.startswith("corpus/")]
    assert len(corpus) == len(labels.ids()) * len(forms.FORMS) and all("tree" in names[n] for n in corpus)
