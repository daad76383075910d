"""The agreement table of fazhi against the real corpus, per form and overall.

    python -m tests.corpus.report             # the tables by form and by kind (Markdown, for the README)
    python -m tests.corpus.report --details   # and every case that disagrees, with what was seen
    python -m tests.corpus.report --known     # rewrite known_failures.py from today's results

The table counts documents × forms; 「parts」 is the agreement of the five statutory parts
(check's parts against the labels, 5 per document), 「false findings」 the findings the labels say
must not appear, over all findings.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from .forms import FORMS, build
from .labels import KINDS, corpus, load
from .measure import METRICS, Outcome, measure

COLUMNS = ("kind", "unit", "year", "outline", "expected", "paragraphs", "headings40", "spec", "owners")
KNOWN_FILE = Path(__file__).with_name("known_failures.py")


def outcomes(folder: Path) -> list[Outcome]:
    """Every form of every document, built into `folder` and measured."""
    out = []
    for doc in corpus():
        for form in FORMS:
            out.append(measure(doc, form, build(doc, form, folder)))
    return out


def _row(name: str, group: list[Outcome]) -> str:
    cells = [name, str(len(group))]
    for metric in COLUMNS[:3]:
        cells.append(_pct(sum(o.scores[metric].ok for o in group), len(group)))
    cells.append(_pct(sum(o.parts_agree for o in group), 5 * len(group)))
    for metric in COLUMNS[3:]:
        scored = [o.scores[metric] for o in group if metric in o.scores]
        cells.append(_pct(sum(s.ok for s in scored), len(scored)))
    false, total = sum(len(o.false) for o in group), sum(len(o.findings) for o in group)
    cells.append(f"{false}/{total} ({100 * false / total:.1f} %)" if total else "0/0")
    return "| " + " | ".join(cells) + " |"


def _pct(n: int, total: int) -> str:
    return f"{100 * n / total:.0f} %" if total else "–"


def table(results: list[Outcome]) -> str:
    """Markdown: one row per form, then all forms."""
    head = (
        "| form | cases | kind | unit | year | parts | outline | expected findings | paragraphs kept "
        "| no heading > 40 | spec valid | plan owners | false findings |"
    )
    lines = [head, "|" + "---|" * 13]
    for form in FORMS:
        lines.append(_row(form, [o for o in results if o.form == form]))
    lines.append(_row("**all**", results))
    return "\n".join(lines)


def kinds_table(results: list[Outcome]) -> str:
    """Markdown: one row per kind of document, all forms together."""
    lines = table(results).splitlines()[:2]
    for kind in KINDS:
        group = [o for o in results if load(o.doc).kind == kind]
        lines.append(_row(kind, group))
    return "\n".join(lines).replace("| form |", "| kind |", 1)


def details(results: list[Outcome]) -> str:
    """Every disagreement: document, form, metric, what was seen."""
    return "\n".join(f"{o.doc} {o.form} {m}: {s.seen}" for o in results for m, s in o.scores.items() if not s.ok)


def known_source(results: list[Outcome]) -> str:
    """known_failures.py holding today's disagreements."""
    lines = [
        '"""Cases fazhi gets wrong today: (document, form, metric) → what it does instead.',
        "",
        "tests/test_corpus.py marks each case xfail(strict=True): a fix makes it pass (XPASS), which fails",
        "the run until its entry is removed here. Regenerate with `python -m tests.corpus.report --known`.",
        '"""',
        "",
        "KNOWN = {",
    ]
    for o in results:
        for metric in METRICS:
            score = o.scores.get(metric)
            if score and not score.ok:
                reason = score.seen.replace("\\", "\\\\").replace('"', "'").replace("\n", " ")[:160]
                lines.append(f'    ("{o.doc}", "{o.form}", "{metric}"): "{reason}",')
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    """Print the table (and details); --known rewrites the known-failures list."""
    with tempfile.TemporaryDirectory() as tmp:
        results = outcomes(Path(tmp))
    print(table(results))
    print()
    print(kinds_table(results))
    if "--details" in argv:
        print(details(results))
    if "--known" in argv:
        KNOWN_FILE.write_text(known_source(results), encoding="utf-8")
        print(f"wrote {KNOWN_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
