"""Inputs past what fazhi reads in a few seconds: a PDF bomb (a 2 KB file that keeps pdftotext busy
for minutes), too many PDF pages, a fake .doc, a draft of too many paragraphs or characters in
every format and command — refused at once, naming the draft (never fazhi's own template)."""

from __future__ import annotations

import zlib

import pytest
from harness import ROOT, assert_refused, fazhi, listing

from generator.read import limits

SEED = ROOT / "tests" / "fixtures" / "published" / "kaifu-2022-report.txt"
PDF_SECONDS = limits.PDF_WALL_SECONDS + 6  # a shared machine: the CPU bound is the one that holds


def _pdf(objects: dict[int, bytes]) -> bytes:
    out, offsets = b"%PDF-1.4\n", {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += f"{number} 0 obj\n".encode() + objects[number] + b"\nendobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += f"xref\n0 {size}\n".encode()
    out += b"".join(
        (f"{offsets[n]:010d} 00000 n \n" if n in offsets else "0000000000 65535 f \n").encode() for n in range(size)
    )
    return out + f"trailer\n<< /Size {size} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()


def _stream(head: str, body: str) -> bytes:
    data = zlib.compress(body.encode(), 9)
    return f"<< {head} /Length {len(data)} /Filter /FlateDecode >>\nstream\n".encode() + data + b"\nendstream"


def xobject_bomb(levels: int, fan: int = 10) -> bytes:
    """One page drawing a form that draws the one below it `fan` times, `levels` deep: fan**levels
    text draws from a file of about 2 KB."""
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }
    form = "/Type /XObject /Subtype /Form /BBox [0 0 612 792]"
    objects[10] = _stream(f"{form} /Resources << /Font << /F1 5 0 R >> >>", "BT /F1 12 Tf 72 700 Td (bomb text) Tj ET")
    for level in range(1, levels + 1):
        objects[10 + level] = _stream(
            f"{form} /Resources << /XObject << /X {9 + level} 0 R >> >>", " ".join(["q 1 0 0 1 0 -1 cm /X Do Q"] * fan)
        )
    objects[3] = (
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        f"/Resources << /XObject << /X {10 + levels} 0 R >> >> >>"
    ).encode()
    objects[4] = _stream("", "/X Do")
    return _pdf(objects)


def many_pages(count: int) -> bytes:
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        4: _stream("", "BT /F1 12 Tf 72 700 Td (page) Tj ET"),
    }
    kids = []
    for index in range(count):
        kids.append(f"{10 + index} 0 R")
        objects[10 + index] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 3 0 R >> >> >>"
        )
    objects[2] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {count} >>".encode()
    return _pdf(objects)


# 10**5 draws take pdftotext about 40 s of CPU (10**4 take 3-4 s: a slow PDF, not yet a bomb).
@pytest.mark.parametrize(
    "levels, command",
    [(5, "check"), (5, "import"), (5, "render"), (7, "check")],
    ids=["100k-draws-check", "100k-draws-import", "100k-draws-render", "10m-draws-check"],
)
def test_a_pdf_bomb_is_refused_in_bounded_time(tmp_path, levels, command):
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(xobject_bomb(levels))
    assert bomb.stat().st_size < 3000
    before = listing(tmp_path)
    args = [command, bomb] + (["-o", tmp_path / "out.yaml"] if command == "import" else [])
    run = fazhi(*args, cwd=tmp_path, timeout=60)
    assert_refused(run, "PDF", where=r"bomb\.pdf: ", seconds=PDF_SECONDS)
    assert listing(tmp_path) == before


def test_a_pdf_over_the_page_limit_is_refused(tmp_path):
    pdf = tmp_path / "long.pdf"
    pdf.write_bytes(many_pages(limits.MAX_PDF_PAGES + 1))
    assert_refused(
        fazhi("check", pdf, cwd=tmp_path), f"超过 fazhi 读取的上限 {limits.MAX_PDF_PAGES} 页", where=r"long\.pdf: "
    )


def test_a_pdf_within_the_page_limit_is_read(tmp_path):
    pdf = tmp_path / "short.pdf"
    pdf.write_bytes(many_pages(3))
    run = fazhi("check", pdf, cwd=tmp_path)
    assert run.code in (0, 1) and "Traceback" not in run.text, run.text


@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_a_compound_file_without_a_document_is_refused_without_libreoffice(tmp_path, suffix):
    fake = tmp_path / f"fake{suffix}"
    fake.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(4088))  # the OLE signature, then nothing
    assert_refused(fazhi("check", fake, cwd=tmp_path), "没有文档正文", where=rf"fake\{suffix}: ", seconds=3)


def _long_txt(folder, paragraphs: int, length: int):
    line = ("全面推行行政执法三项制度，" * 40)[:length]
    path = folder / "big.txt"
    path.write_text("关于2022年度法治政府建设工作情况的报告\n" + (line + "。\n") * paragraphs, encoding="utf-8")
    return path


def _long_docx(folder, paragraphs: int):
    from rawdocx import docx, p

    path = folder / "big.docx"
    path.write_bytes(
        docx("".join([p("关于2022年度法治政府建设工作情况的报告")] + [p("全面推行行政执法三项制度。")] * paragraphs))
    )
    return path


CASES = {
    "txt-paragraphs": lambda folder: _long_txt(folder, limits.MAX_PARAGRAPHS + 1, 12),
    "txt-200k-paragraphs": lambda folder: _long_txt(folder, 200_000, 12),
    "txt-characters": lambda folder: _long_txt(folder, 2_000, limits.MAX_CHARS // 1_900),
    "docx-paragraphs": lambda folder: _long_docx(folder, limits.MAX_PARAGRAPHS + 1),
    "docx-200k-paragraphs": lambda folder: _long_docx(folder, 200_000),
}
COMMANDS = {
    "check": lambda draft: ["check", draft],
    "summary": lambda draft: ["check", draft, "--summary", draft.with_name("sum.csv")],
    "fix": lambda draft: ["check", draft, "--fix", "-o", draft.with_name("fixed" + draft.suffix)],
    "render": lambda draft: ["render", draft, "-o", draft.with_name("out.docx")],
    "import": lambda draft: ["import", draft, "-o", draft.with_name("out.yaml")],
}


@pytest.mark.parametrize("make", CASES.values(), ids=CASES.keys())
@pytest.mark.parametrize("command", COMMANDS.values(), ids=COMMANDS.keys())
def test_a_draft_over_the_limits_is_refused_by_name_at_once(tmp_path, make, command):
    draft = make(tmp_path)
    run = fazhi(*command(draft), cwd=tmp_path)
    if command(draft)[-2:-1] == ["--summary"]:  # the summary is still written, with the row saying why
        assert run.code == 2 and "Traceback" not in run.text, run.text
        assert "草稿过大" in draft.with_name("sum.csv").read_text(encoding="utf-8-sig")
        return
    assert_refused(run, "草稿过大", where=rf"{draft.name}: ")
    assert "_common.j2" not in run.text and "templates" not in run.text


def test_a_review_of_a_draft_over_the_limits_is_refused(tmp_path):
    draft = _long_docx(tmp_path, limits.MAX_PARAGRAPHS + 1)
    assert_refused(
        fazhi("check", draft, "--review", "-o", tmp_path / "r.docx", cwd=tmp_path), "草稿过大", where=r"big\.docx: "
    )
    assert not (tmp_path / "r.docx").exists()
