"""The findings snapshot: what `check` finds on every rule case, fixture, example and corpus form.

tests/test_findings_snapshot.py compares the findings of today's code with the stored ones
(tests/fixtures/findings-snapshot.json), so a change made for speed or for sharing code cannot
change what a clerk is told without showing up. Each entry keeps the findings' rule, line and
severity as text and a digest of the whole findings (messages included); corpus forms also keep a
digest of the text the reader rebuilt. After a change that means to alter findings, write it again:

    python tests/findings_snapshot.py --update

and read the diff of the JSON file: it names every entry whose findings changed.
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
from pathlib import Path

import yaml

from conftest import EXAMPLES, ROOT
from corpus import forms, labels
from test_checks import CASES, build

SNAPSHOT = Path(__file__).resolve().parent / "fixtures" / "findings-snapshot.json"


def _digest(value) -> str:
    return hashlib.sha1(json.dumps(value, ensure_ascii=False).encode("utf-8")).hexdigest()[:12]


def _entry(result, tree_text: str | None = None) -> dict:
    findings = [[f.rule, f.line, f.severity, f.message] for f in result.findings]
    entry = {
        "found": [f"{rule}@{line} {severity}" for rule, line, severity, _ in findings],
        "digest": _digest(findings),
    }
    if tree_text is not None:
        entry["tree"] = _digest(tree_text)
    return entry


def _rule_cases():
    """(name, findings) of every pass and fail case in tests/rules."""
    from generator.checks import check_document

    for path in sorted(CASES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for kind in ("pass", "fail"):
            for case in data.get(kind) or []:
                doc = build(case["text"], case.get("source", "docx"), case.get("facts"))
                result = check_document(doc, case.get("profile", data.get("profile")), case.get("report_year"))
                yield f"rules/{path.stem}/{kind}/{case['name']}", _entry(result)


def _files():
    """Fixture texts and the examples (as YAML and rendered to .docx)."""
    from generator.api import render_bytes
    from generator.api.check import read_any
    from generator.checks import check_document
    from generator.read import read_docx_bytes
    from generator.spec.validate import load_spec

    fixtures = ROOT / "tests" / "fixtures"
    for path in sorted(fixtures.rglob("*.txt")) + sorted(EXAMPLES.glob("*.yaml")):
        yield path.relative_to(ROOT).as_posix(), _entry(check_document(read_any(path)))
    for path in sorted(EXAMPLES.glob("*.yaml")):
        doc = read_docx_bytes(render_bytes(load_spec(path)))
        yield path.relative_to(ROOT).as_posix() + ".docx", _entry(check_document(doc))


def _corpus_forms():
    """Every corpus document in every form a clerk hands in, with the text the reader rebuilt."""
    from generator.checks import check_document
    from generator.read import read_draft
    from generator.write.text import to_text

    with tempfile.TemporaryDirectory() as temp:
        for doc_id in labels.ids():
            doc = labels.load(doc_id)
            for form in forms.FORMS:
                read = read_draft(forms.build(doc, form, Path(temp)))
                yield f"corpus/{doc_id}.{form}", _entry(check_document(read), to_text(read))


def collect() -> dict[str, dict]:
    """Today's snapshot."""
    out: dict[str, dict] = {}
    for source in (_rule_cases(), _files(), _corpus_forms()):
        out.update(source)
    return out


def stored() -> dict[str, dict]:
    """The snapshot in tests/fixtures."""
    return json.loads(SNAPSHOT.read_text(encoding="utf-8"))


def write(snapshot: dict[str, dict]) -> None:
    """Store the snapshot: one entry a line, so that a diff names the entries that changed."""
    lines = [f"{json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}" for k, v in snapshot.items()]
    SNAPSHOT.write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit("usage: python tests/findings_snapshot.py --update")
    write(collect())
    print(f"wrote {SNAPSHOT.relative_to(ROOT)}")
