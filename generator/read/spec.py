"""A fazhi YAML spec as a draft: the lines of its plain-text rendition traced to the spec's fields.

api.read_any renders the spec (templates, figures expanded) and its `--format txt` rendition read like
any .txt draft, so every check sees what a reader of the document sees. Each line of the
rendition is then traced to the spec field whose text it shows: the longest field string it
contains (trailing 。；, dropped, as templates drop them when joining points; dates by their
written form). A line no field string explains (a default heading, a default title) takes the
top-level field of the next line that has one (the part it heads), else the previous line's
field. The tree's line numbers become the YAML lines of those fields (the loader's marks), so a
finding on `spec.yaml` points at the line to edit.
"""

from __future__ import annotations

import bisect
import datetime as dt

from generator.tree import Document, cn_date

_TRIM = "。；;，, "
_MIN_MATCH = 2


def spec_strings(obj, path: tuple = ()):
    """(field path, text) for every string and date in a validated spec (figures and style excluded)."""
    if isinstance(obj, str):
        text = obj.strip().rstrip(_TRIM)
        for piece in text.split("\n"):
            if len(piece.strip()) >= _MIN_MATCH:
                yield path, piece.strip()
    elif isinstance(obj, dt.date):
        yield path, cn_date(obj)
    elif isinstance(obj, (list, tuple)):
        for index, value in enumerate(obj):
            yield from spec_strings(value, path + (index,))
    elif isinstance(obj, dict):
        for key, value in obj.items():
            yield from spec_strings(value, path + (key,))
    elif hasattr(type(obj), "model_fields"):
        for name in type(obj).model_fields:
            if name not in ("figures", "style"):
                yield from spec_strings(getattr(obj, name), path + (name,))


def field_lines(lines: list[str], strings) -> dict[int, tuple]:
    """{line number (1-based): field path} for every non-blank line of a rendition."""
    exact: dict[str, tuple] = {}
    ordered: list[tuple[str, tuple]] = []
    for path, text in strings:
        exact.setdefault(text, path)
        ordered.append((text, path))
    ordered.sort(key=lambda item: -len(item[0]))
    found: dict[int, tuple] = {}
    for number, line in enumerate(lines, 1):
        line = line.strip()
        if not line:
            continue
        path = exact.get(line.rstrip(_TRIM))
        if path is None:
            path = next((p for text, p in ordered if text in line), None)
        if path is not None:
            found[number] = path
    return _fill(lines, found)


def _fill(lines: list[str], found: dict[int, tuple]) -> dict[int, tuple]:
    """Lines no field explains: the next explained line's top-level field, else the previous line's."""
    out = dict(found)
    numbers = sorted(found)
    for number, line in enumerate(lines, 1):
        if number in found or not line.strip():
            continue
        k = bisect.bisect_right(numbers, number)
        if k < len(numbers):
            out[number] = found[numbers[k]][:1]
        elif k:
            out[number] = found[numbers[k - 1]]
    return out


def relocate(doc: Document, lines: dict[int, int]) -> None:
    """Replace every line number in the tree by its mapped line (unmapped ones are kept)."""

    def moved(number: int) -> int:
        return lines.get(number, number) if number else number

    for part in doc.all_documents():
        part.title_line, part.doc_number_line = moved(part.title_line), moved(part.doc_number_line)
        part.recipients_line, part.signature_line = moved(part.recipients_line), moved(part.signature_line)
        part.date_line = moved(part.date_line)
        for block in part.blocks:
            block.line = moved(block.line)
