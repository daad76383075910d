"""Which paragraphs get which edits: roles from the draft's tree, edits from the text fixer."""

from __future__ import annotations

from dataclasses import dataclass

from generator.tree import Document
from .textfix import Edit, apply, candidates, fix_paragraph


@dataclass(frozen=True)
class Fix:
    """One applied fix: rule, draft line, the text before and after, and where in the paragraph."""

    rule: str
    line: int
    before: str
    after: str
    context: str  # the fixed paragraph around the change
    edit: Edit

    def as_dict(self) -> dict:
        return {
            "rule": self.rule,
            "line": self.line,
            "before": self.before,
            "after": self.after,
            "context": self.context,
        }


def roles_by_line(doc: Document) -> dict[int, frozenset[str]]:
    """Line → what the reader found there (heading with a typed number, date, recipients)."""
    roles: dict[int, set[str]] = {}
    for d in doc.all_documents():
        for heading in d.headings():
            if heading.number and heading.line:
                roles.setdefault(heading.line, set()).add("heading")
        if d.date_line and d.date_text:
            roles.setdefault(d.date_line, set()).add("date")
        if d.recipients_line:
            roles.setdefault(d.recipients_line, set()).add("recipients")
        if d.title_line and d.title:
            roles.setdefault(d.title_line, set()).add("title")
        for line, _text in d.annex_source:
            roles.setdefault(line, set()).add("annex")
        if d.imprint and d.imprint.cc_line:
            roles.setdefault(d.imprint.cc_line, set()).add("cc")
    return {line: frozenset(found) for line, found in roles.items()}


def content(texts: dict[int, str], wanted: set[int] | None = None) -> set[int]:
    """The lines (of `wanted`, None: all) the reader keeps: web-page noise (dropped lines,
    everything after an end marker) is not fixed, as it is not checked. Lines after the last
    wanted one are not looked at, nor whether a line neither wanted nor first is dropped."""
    from generator.read.noise import resolve_noise
    from generator.read.lines import clean

    noise = resolve_noise(None)
    last = max(texts if wanted is None else wanted, default=0)
    out: set[int] = set()
    started = False  # a line kept already: an end marker ends the text from now on
    for line, text in sorted(texts.items()):
        if line > last:
            break
        value = clean(text)
        if not value:
            continue
        if len(value) <= noise.max_chars:  # longer lines are never noise
            if started and noise.is_end(value):
                break
            if (not started or wanted is None or line in wanted) and (
                noise.is_drop(value) or (not started and noise.is_end(value))
            ):
                continue
        started = True
        if wanted is None or line in wanted:
            out.add(line)
    return out


def plan(texts: dict[int, str], doc: Document, enabled=None) -> dict[int, list[Edit]]:
    """The edits of every paragraph (by line) that has any; noise lines are left alone, and only
    the rules in `enabled` (the profile's, None: all) fix anything."""
    roles = roles_by_line(doc)
    screened = candidates(texts)
    out = {}
    for line, text in texts.items():
        role = roles.get(line)
        if role is None and line not in screened:  # nothing fix_paragraph starts from
            continue
        found = fix_paragraph(text, role or frozenset(), line in screened)
        edits = [e for e in found if enabled is None or e.rule in enabled]
        if edits:
            out[line] = edits
    kept = content(texts, set(out)) if out else set()
    return {line: edits for line, edits in out.items() if line in kept}


def fixes_of(line: int, text: str, edits: list[Edit]) -> list[Fix]:
    """The report entries of one paragraph's applied edits (context from the fixed text)."""
    fixed = apply(text, edits)
    out, shift = [], 0
    for edit in edits:
        start = edit.start + shift
        shift += len(edit.after) - (edit.end - edit.start)
        context = fixed[max(0, start - 8) : start + len(edit.after) + 8].strip()
        out.append(Fix(edit.rule, line, edit.before, edit.after, context, edit))
    return out
