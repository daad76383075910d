"""The real corpus: each published text as found and its hand labels, read into paragraphs by role.

The roles come from the labels alone (chrome lines, title lines, the numbered-heading outline), never
from fazhi's reader: the forms built from them are independent of the code under test.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

REAL = Path(__file__).resolve().parent.parent / "fixtures" / "real"
KINDS = ("annual-report", "department-report", "work-plan")
LEVELS = ("province", "city", "county", "district", "township", "street", "zone", "department")


@dataclass(frozen=True)
class Para:
    """One paragraph of the found text: its text (stripped) and role."""

    text: str
    role: str  # chrome | title | docnum | recipients | closing | body | heading
    level: int = 0  # heading level 1-4
    number: str = ""  # the typed number as found: 一、 (一) 1.
    heading: str = ""  # the heading without its number (a run-in heading: up to its 。)
    runin: bool = False

    @property
    def unnumbered(self) -> str:
        """The paragraph without its typed number (what Word's automatic numbering leaves)."""
        return self.text[len(self.number) :] if self.role == "heading" else self.text


@dataclass
class Doc:
    """A corpus document: id, found text, labels and its paragraphs by role."""

    id: str
    text: str
    label: dict
    paras: list[Para] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.label["kind"]

    @property
    def body(self) -> list[Para]:
        """Every paragraph of the document proper (page chrome left out)."""
        return [p for p in self.paras if p.role != "chrome"]

    def present_parts(self) -> set[str]:
        """The statutory parts the labels find (annual and department reports)."""
        return {n for n, heading in (self.label.get("parts") or {}).items() if heading}


def _lines(text: str, breaks: list[str] | None = None) -> list[str]:
    """Non-empty lines; a text whose paragraph breaks were lost is cut before each label `breaks` entry."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for start in breaks or []:
        for i, line in enumerate(lines):
            at = line.find(start)
            if at > 0:
                lines[i : i + 1] = [line[:at].strip(), line[at:]]
                break
        else:
            if not any(line.startswith(start) for line in lines):
                raise ValueError(f"break not found in the text: {start!r}")
    return lines


def split(text: str, label: dict) -> list[Para]:
    """The found text's paragraphs with the roles the labels give; every label must be used, in order."""
    chrome = [str(c).strip() for c in label.get("chrome") or []]
    titles = [str(t).strip() for t in (label.get("notice") or {}).get("title") or []]
    titles += [str(t).strip() for t in label.get("title") or []]
    outline = [list(entry) for entry in label.get("outline") or []]
    special = _special(label)
    paras = []
    for line in _lines(text, [str(b) for b in label.get("breaks") or []]):
        if chrome and chrome[0] == line:
            chrome.pop(0)
            paras.append(Para(line, "chrome"))
        elif titles and titles[0] == line:
            titles.pop(0)
            paras.append(Para(line, "title"))
        elif outline and line.startswith(str(outline[0][1]) + str(outline[0][2])):
            level, number, heading, *flags = outline.pop(0)
            if set(flags) - {"runin"}:
                raise ValueError(f"outline entry with unknown flags (quote a heading with commas): {flags}")
            paras.append(Para(line, "heading", int(level), str(number), str(heading), "runin" in flags))
        else:
            paras.append(Para(line, special.pop(line, "body")))
    unused = chrome + titles + outline + list(special)
    if unused:
        raise ValueError(f"labels not found in the text, in order: {unused[:3]}")
    return paras


def _special(label: dict) -> dict[str, str]:
    """Lines of the head and the closing by role: 文号, 主送, 署名 and date (a plan's: its notice's)."""
    out = {}
    for source in (label, label.get("notice") or {}):
        for key, role in (
            ("doc_number", "docnum"),
            ("recipients", "recipients"),
            ("signature", "closing"),
            ("date", "closing"),
        ):
            value = source.get(key)
            for line in value if isinstance(value, list) else [value] if value else []:
                out[str(line).strip()] = role
    return out


@cache
def load(doc_id: str) -> Doc:
    """One corpus document by id (the stem of its .txt and .yaml)."""
    text = (REAL / f"{doc_id}.txt").read_text(encoding="utf-8")
    label = yaml.safe_load((REAL / f"{doc_id}.yaml").read_text(encoding="utf-8"))
    try:
        paras = split(text, label)
    except ValueError as exc:
        raise ValueError(f"{doc_id}: {exc}") from None
    return Doc(doc_id, text, label, paras)


def ids() -> list[str]:
    """Every document of the corpus, sorted."""
    return sorted(p.stem for p in REAL.glob("*.txt"))


def corpus() -> list[Doc]:
    """Every document, loaded."""
    return [load(doc_id) for doc_id in ids()]
