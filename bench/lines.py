"""The line model against LibreOffice's PDF: lines per paragraph, line breaks, the page of every
heading, of each part's last body line and of the 版记, and the page count.

`python bench/run.py lines [--paragraphs N]` renders the corpus (bench/lines_corpus.py) to .docx,
converts it in one LibreOffice process, reads the PDF's words (poppler's pdftotext) and aligns them
with the model's (aligned on the text, spaces ignored).
"""

from __future__ import annotations

import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from generator.ooxml.layout import load_layout
from generator.paging import paginate
from generator.tree import Document, Header, Heading, Paragraph, Table

MM = 72 / 25.4


@dataclass
class Agreement:
    """Counts over a corpus (one document or many)."""

    paragraphs: int = 0
    same_count: int = 0
    same_breaks: int = 0
    headings: int = 0
    heading_pages: int = 0
    ends: int = 0
    end_pages: int = 0
    documents: int = 0
    page_counts: int = 0
    misses: list = field(default_factory=list)

    def add(self, other: Agreement) -> None:
        for name in (
            "paragraphs",
            "same_count",
            "same_breaks",
            "headings",
            "heading_pages",
            "ends",
            "end_pages",
            "documents",
            "page_counts",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses

    def rate(self, part: str, whole: str) -> float:
        total = getattr(self, whole)
        return getattr(self, part) / total if total else 1.0


XHTML = "{http://www.w3.org/1999/xhtml}"


def pdf_words(pdf: Path) -> tuple[list[list[tuple[str, float, float, float, float]]], list[tuple[float, float]]]:
    """Per page, its words as (text, xMin, xMax, yMin, yMax) in points (poppler's pdftotext
    -bbox-layout: a run of Chinese without spaces is one word), and each page's size."""
    import subprocess

    from lxml import etree

    html = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], check=True, capture_output=True).stdout
    pages, sizes = [], []
    for page in etree.fromstring(html).iter(f"{XHTML}page"):
        words = [
            (w.text or "", float(w.get("xMin")), float(w.get("xMax")), float(w.get("yMin")), float(w.get("yMax")))
            for w in page.iter(f"{XHTML}word")
        ]
        pages.append(words)
        sizes.append((float(page.get("width")), float(page.get("height"))))
    return pages, sizes


def pdf_chars(pdf: Path) -> tuple[list[tuple[str, int, float, float]], int]:
    """(character, page index, line bottom mm, x mm) of every printed non-space character above
    the footer (x spread evenly over its word), and the page count."""
    pages, sizes = pdf_words(pdf)
    out = []
    for index, (words, (_, height)) in enumerate(zip(pages, sizes)):
        limit = height - 30 * MM  # the page number stands lower
        for text, x0, x1, _, y1 in words:
            if y1 > limit:
                continue
            step = (x1 - x0) / max(1, len(text))
            for k, ch in enumerate(text):
                if not ch.isspace():
                    out.append((ch, index, round(y1 / MM, 1), (x0 + k * step) / MM))
    return out, len(pages)


def model_chars(pages) -> list[tuple[str, int, float, object, int]]:
    """(character, page index, baseline mm, node, line id) of every model character."""
    out = []
    line_id = 0
    for index, page in enumerate(pages):
        previous = None
        for line in page.lines:
            key = (round(line.baseline_mm, 1), id(line.node))
            if key != previous:
                line_id += 1
                previous = key
            for ch in line.text:
                if not ch.isspace():
                    out.append((ch, index, line.baseline_mm, line.node, line_id))
    return out


def _pdf_line_ids(chars) -> list[int]:
    """A line id per PDF character: same page and baseline within 1 mm, in reading order."""
    ids, current, last = [], 0, None
    for _, page, base, _ in chars:
        if last is None or page != last[0] or abs(base - last[1]) > 1.0:
            current += 1
            last = (page, base)
        ids.append(current)
    return ids


def _sort_pdf(chars):
    """Reading order: page, then baseline (1 mm bands), then x."""
    return sorted(chars, key=lambda c: (c[1], round(c[2] / 1.5), c[3]))


def align(a: str, b: str, window: int = 400, gram: int = 8) -> dict[int, int]:
    """Index in `b` of each character of `a` found there: walk both while they agree; where they
    part, resynchronise on the next `gram` characters of `a` found within `window` of `b`.
    Linear for texts that mostly agree (difflib took minutes on the corpus)."""
    mapped: dict[int, int] = {}
    i = j = 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            mapped[i] = j
            i, j = i + 1, j + 1
            continue
        for skip in range(0, window):
            probe = a[i + skip : i + skip + gram]
            if len(probe) < gram:
                return mapped
            found = b.find(probe, j, j + window + gram)
            if found >= 0:
                i, j = i + skip, found
                break
        else:
            i += 1
    return mapped


def compare(doc: Document, pdf: Path, name: str = "", layout=None) -> Agreement:
    """How the model's pages of `doc` agree with LibreOffice's PDF of it."""
    pages = paginate(doc, layout or load_layout())
    chars, page_count = pdf_chars(pdf)
    chars = _sort_pdf(chars)
    pdf_ids = _pdf_line_ids(chars)
    model = model_chars(pages)
    mapped = align("".join(c[0] for c in model), "".join(c[0] for c in chars))
    result = Agreement(documents=1, page_counts=int(page_count == len(pages)))
    if page_count != len(pages):
        result.misses.append((name, "pages", len(pages), page_count))
    units = defaultdict(list)
    for index, (_, _, _, node, _) in enumerate(model):
        units[id(node)].append(index)
    for indices in units.values():
        node = model[indices[0]][3]
        _unit(result, name, node, indices, model, chars, pdf_ids, mapped)
    _ends(result, name, doc, model, chars, mapped)
    return result


def _unit(result, name, node, indices, model, chars, pdf_ids, mapped) -> None:
    """Line count and breaks of one paragraph; the page of a heading."""
    if isinstance(node, (Table, Header)) or node is None:
        return
    hits = [i for i in indices if i in mapped]
    if len(hits) < 0.9 * len(indices):
        result.misses.append((name, "unaligned", _text(model, indices)[:20]))
        return
    if isinstance(node, Heading) and not node.runin:
        result.headings += 1
        same = model[indices[0]][1] == chars[mapped[hits[0]]][1] if indices[0] in mapped else False
        result.heading_pages += same
        if not same:
            result.misses.append((name, "heading page", node.title[:20], model[indices[0]][1] + 1))
    if not isinstance(node, (Paragraph, Heading)):
        return
    result.paragraphs += 1
    model_lines = [model[i][4] for i in hits]
    pdf_lines = [pdf_ids[mapped[i]] for i in hits]
    result.same_count += len(set(model_lines)) == len(set(pdf_lines))
    breaks_model = [k for k in range(1, len(hits)) if model_lines[k] != model_lines[k - 1]]
    breaks_pdf = [k for k in range(1, len(hits)) if pdf_lines[k] != pdf_lines[k - 1]]
    result.same_breaks += breaks_model == breaks_pdf
    if breaks_model != breaks_pdf:
        text = _text(model, hits)
        result.misses.append(
            (
                name,
                "breaks",
                len(set(model_lines)),
                len(set(pdf_lines)),
                [text[k - 3 : k + 1] for k in breaks_model],
                [text[k - 3 : k + 1] for k in breaks_pdf],
            )
        )


def _text(model, indices) -> str:
    return "".join(model[i][0] for i in indices)


def _ends(result, name, doc, model, chars, mapped) -> None:
    """The page of each part's last body line and of the 版记's last character."""
    wanted = []
    for part in doc.all_documents():
        body = [b for b in part.blocks if isinstance(b, (Paragraph, Heading))]
        if body:
            wanted.append(body[-1])
    if doc.imprint:
        wanted.append(doc.imprint)
    for node in wanted:
        indices = [i for i, c in enumerate(model) if c[3] is node]
        if not indices:
            continue
        result.ends += 1
        last = indices[-1]
        same = last in mapped and chars[mapped[last]][1] == model[last][1]
        result.end_pages += same
        if not same:
            got = chars[mapped[last]][1] + 1 if last in mapped else None
            result.misses.append((name, "end page", type(node).__name__, model[last][1] + 1, got))


def render_pdfs(trees: list[tuple[str, Document]], folder: Path) -> list[Path]:
    """The trees as .docx, converted in one LibreOffice process."""
    from generator.write.docx import write_docx
    from generator.write.pdf import docx_to_pdf

    paths = []
    for name, tree in trees:
        path = folder / f"{name}.docx"
        path.write_bytes(write_docx(tree))
        paths.append(path)
    return docx_to_pdf(paths, folder / "pdf")


def corpus_pdfs(paragraphs: int, folder: Path) -> list[tuple[str, Document, Path, bool]]:
    """(name, tree, PDF, generated?) of the whole corpus, converted in one LibreOffice process."""
    from bench.lines_corpus import example_trees, generated_trees

    examples = example_trees(folder)
    generated = generated_trees(paragraphs) if paragraphs else []
    pdfs = render_pdfs(examples + generated, folder)
    return [
        (name, tree, pdf, index >= len(examples))
        for index, ((name, tree), pdf) in enumerate(zip(examples + generated, pdfs))
    ]


def agreement(items, verbose: bool = True) -> tuple[Agreement, Agreement]:
    """(examples and variants, generated paragraphs) agreement over corpus_pdfs' items."""
    totals = (Agreement(), Agreement())
    for name, tree, pdf, generated in items:
        one = compare(tree, pdf, name)
        totals[generated].add(one)
        if verbose:
            print(
                f"  {name:<24} paragraphs {one.same_count}/{one.paragraphs} same count, "
                f"{one.same_breaks} same breaks; headings {one.heading_pages}/{one.headings}; "
                f"ends {one.end_pages}/{one.ends}; pages {'ok' if one.page_counts else 'DIFFER'}"
            )
    return totals


def run(paragraphs: int = 600, folder: Path | None = None, verbose: bool = True) -> tuple[Agreement, Agreement]:
    """Render, convert and compare the corpus."""
    with tempfile.TemporaryDirectory() as tmp:
        return agreement(corpus_pdfs(paragraphs, Path(folder or tmp)), verbose)


def report(totals: tuple[Agreement, Agreement]) -> None:
    """Print the agreement of both corpora and the misses."""
    for label, one in zip(("examples and variants", "generated"), totals):
        print(
            f"{label}: line count {one.same_count}/{one.paragraphs} ({one.rate('same_count', 'paragraphs'):.1%}), "
            f"breaks {one.same_breaks}/{one.paragraphs} ({one.rate('same_breaks', 'paragraphs'):.1%}), "
            f"heading pages {one.heading_pages}/{one.headings}, last-line/版记 pages {one.end_pages}/{one.ends}, "
            f"page counts {one.page_counts}/{one.documents}"
        )
        for miss in one.misses[:40]:
            print("   ", miss)
