"""OFD drafts (GB/T 33190-2016): the text layer of every page, joined back into paragraphs.

The package is read with zipfile under the draft size limits (members, their total, the number of
members), then OFD.xml → the first DocBody's DocRoot → Document.xml's pages in order → each page's
TextObjects, wherever they sit (layers, page blocks). A character's place is the TextObject's
Boundary origin plus its TextCode X/Y and DeltaX, through the object's CTM. Characters on one
baseline make a printed line; as for a PDF (read/convert.paragraphs), a line indented past the
left margin or following a line that ended short of the right edge starts a paragraph, and page
numbers (「— 1 —」) are dropped. Templates, annotations and signatures are not body text.
"""

from __future__ import annotations

import posixpath
import zipfile
from io import BytesIO
from typing import NamedTuple

from generator.lexicon import lazy
from generator.errors import DraftError, Problem

MAX_MEMBERS = 10_000
MAX_MEMBER_BYTES = 50 * 1024 * 1024
MAX_TOTAL_BYTES = 200 * 1024 * 1024
_PAGE_NUMBER = lazy(r"^[—\-－–]\s*\d+\s*[—\-－–]$")
_LOCAL = "{http://www.ofdspec.org/2016}"


class Printed(NamedTuple):
    """One printed line: its page, baseline, left and right ends (mm), font size and text."""

    page: int
    y: float
    left: float
    right: float
    size: float
    text: str


def ofd_text(data: bytes, name: str) -> str:
    """The paragraphs of an OFD's text layer, one a line (DraftError when unreadable or empty)."""
    try:
        pages = page_lines(data, name)
    except DraftError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, IndexError, EOFError, OSError, NotImplementedError) as exc:
        raise DraftError(Problem(f"OFD 文件已损坏，无法读取（{type(exc).__name__}: {exc}）", name)) from None
    text = paragraphs([line for page in pages for line in page])
    if not text.strip():
        raise DraftError(
            Problem("OFD 中没有文字层（可能是扫描件）：fazhi 不做文字识别，请找原始的 Word 或 OFD 文件", name)
        )
    return text


def page_lines(data: bytes, name: str) -> list[list[Printed]]:
    """The printed lines of every page, top to bottom."""
    from lxml import etree

    if not data.startswith(b"PK"):
        raise DraftError(Problem("不是 OFD 文件：文件不是 zip 压缩包", name))
    package = zipfile.ZipFile(BytesIO(data))
    members = {info.filename.lstrip("/"): info for info in package.infolist()}
    if len(members) > MAX_MEMBERS or sum(i.file_size for i in members.values()) > MAX_TOTAL_BYTES:
        raise DraftError(Problem("OFD 文件解压后过大，不予读取", name))
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)

    def xml(path: str):
        info = members.get(path.lstrip("/"))
        if info is None:
            raise DraftError(Problem(f"OFD 文件缺少「{path}」", name))
        if info.file_size > MAX_MEMBER_BYTES:
            raise DraftError(Problem(f"OFD 文件中的「{path}」过大，不予读取", name))
        with package.open(info) as stream:
            return etree.fromstring(stream.read(MAX_MEMBER_BYTES + 1), parser)

    root = xml("OFD.xml")
    doc_root = _find_text(root, "DocBody/DocRoot")
    if not doc_root:
        raise DraftError(Problem("OFD.xml 中没有 DocRoot：不是有效的 OFD 文件", name))
    doc_path = _resolve("", doc_root)
    document = xml(doc_path)
    base = posixpath.dirname(doc_path)
    out = []
    for number, page in enumerate(document.iterfind(f"{_LOCAL}Pages/{_LOCAL}Page")):
        content = xml(_resolve(base, page.get("BaseLoc", "")))
        out.append(_lines(number, _characters(content)))
    return out


def _find_text(element, path: str) -> str:
    found = element.find("/".join(f"{_LOCAL}{step}" for step in path.split("/")))
    return (found.text or "").strip() if found is not None else ""


def _resolve(base: str, loc: str) -> str:
    """A location in the package: absolute from the root when it starts with /, else from `base`."""
    loc = loc.strip()
    joined = loc.lstrip("/") if loc.startswith("/") else posixpath.join(base, loc)
    return posixpath.normpath(joined)


def _characters(content) -> list[tuple]:
    """(x, baseline y, size, text of one TextCode run, its end, turned) for every TextObject of a
    page; for turned text x and y swap roles (along the text, then across)."""
    out = []
    for obj in content.iter(f"{_LOCAL}TextObject"):
        box = [float(v) for v in obj.get("Boundary", "0 0 0 0").split()]
        ctm = [float(v) for v in obj.get("CTM", "1 0 0 1 0 0").split()] or [1, 0, 0, 1, 0, 0]
        size = float(obj.get("Size", "0")) * abs(ctm[3] or 1)
        x = y = 0.0
        for code in obj.iterfind(f"{_LOCAL}TextCode"):
            text = code.text or ""
            x = float(code.get("X", x))
            y = float(code.get("Y", y))
            deltas = expand_deltas(code.get("DeltaX", ""), max(len(text) - 1, 0))
            width = sum(deltas[: max(len(text) - 1, 0)])
            px, py = _apply(ctm, x, y)
            end, _ = _apply(ctm, x + width, y)
            if ctm[1] or ctm[2]:  # turned text (a landscape page's number): its column, read down
                out.append((box[1] + py, box[0] + px, size, text, box[1] + py + width + size, True))
            else:
                out.append((box[0] + px, box[1] + py, size, text, box[0] + end + size, False))
            x += width
    return out


def _apply(ctm: list[float], x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = (ctm + [1, 0, 0, 1, 0, 0][len(ctm) :])[:6]
    return a * x + c * y + e, b * x + d * y + f


def expand_deltas(value: str, limit: int | None = None) -> list[float]:
    """DeltaX with its 「g N d」 runs expanded, to at most `limit` values (a hostile 「g 999999999 1」
    must not cost a gigabyte: only one advance fewer than the characters is ever used)."""
    items = value.split()
    out: list[float] = []
    i = 0
    while i < len(items) and (limit is None or len(out) < limit):
        if items[i] == "g" and i + 2 < len(items):
            count = int(float(items[i + 1]))
            out.extend([float(items[i + 2])] * (count if limit is None else max(0, min(count, limit - len(out)))))
            i += 3
        else:
            out.append(float(items[i]))
            i += 1
    return out


def _lines(page: int, runs: list) -> list[Printed]:
    """Runs on one baseline (within a third of the size) joined left to right into printed lines;
    turned text after them, a column joined top to bottom."""
    level = _joined(page, [r[:5] for r in runs if not r[5]])
    turned = _joined(page, [r[:5] for r in runs if r[5]])
    return level + [line._replace(left=line.y, y=line.left) for line in turned]


def _joined(page: int, runs: list) -> list[Printed]:
    """Runs (along, across, size, text, end) sharing an `across` joined in the order of `along`."""
    groups: list[list] = []
    for run in sorted(runs, key=lambda r: r[1]):
        if groups and abs(groups[-1][0][1] - run[1]) <= max(groups[-1][0][2], run[2]) / 3:
            groups[-1].append(run)
        else:
            groups.append([run])
    out: list[Printed] = []
    for group in groups:
        group.sort(key=lambda r: r[0])
        x, y, size, text, right = group[0]
        for gx, _, gsize, gtext, gend in group[1:]:
            spaced = gx - right > gsize and text[-1:].isascii() and gtext[:1].isascii()
            text += (" " if spaced else "") + gtext
            right = max(right, gend)
        out.append(Printed(page, y, x, right, size, text))
    return out


def paragraphs(lines: list[Printed]) -> str:
    """Printed lines joined into paragraphs, page numbers dropped; margins measured per page
    (a landscape attachment has its own), from the whole document for a page of few lines."""
    body = [line for line in lines if line.text.strip() and not _PAGE_NUMBER.match(line.text.strip())]
    if not body:
        return ""
    edges: dict[int | None, tuple[float, float]] = {
        None: (min(line.left for line in body), max(line.right for line in body))
    }
    for page in {line.page for line in body}:
        mine = [line for line in body if line.page == page]
        if len(mine) >= 3:
            edges[page] = (min(line.left for line in mine), max(line.right for line in mine))
    out: list[str] = []
    previous_full, size = False, body[0].size
    for line in body:
        margin, widest = edges.get(line.page, edges[None])
        text = line.text.strip()
        at_margin = line.left <= margin + line.size / 2
        if not out or not at_margin or not previous_full or abs(line.size - size) > 0.1:
            out.append(text)  # a change of type size (a title, then the 主送) is a new paragraph too
        else:
            out[-1] += text
        previous_full = line.right >= widest - 1.5 * line.size
        size = line.size
    return "\n".join(out) + "\n"
