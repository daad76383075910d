"""`check --summary x.xlsx|x.csv|x.html` streams: rows go from the worker pool into the writers in the
order given as they arrive, the files equal what the writers make of all rows at once, no row is
kept by a writer, and a run stopped midway leaves the previous file and no temporary one."""

from __future__ import annotations

import gc
import io
import re
import shutil
import weakref
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import KAIFU, MAOJIAN

from generator.api import check_summary, summary_rows
from generator.batch import collect as batch
from generator.batch.csv import CsvSummary, to_csv
from generator.batch.html import HtmlSummary, to_html
from generator.batch.summary import DraftRow, FindingRow
from generator.batch.xlsx import XlsxSummary, to_xlsx
from generator.cli import main
from generator.errors import FazhiError, Problem
from generator.write.atomic import atomic_output


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """Twelve drafts (enough for a worker pool of 2 with chunks of one), one unreadable, one formula-like name."""
    root = tmp_path_factory.mktemp("stream")
    for index in range(10):
        shutil.copy(
            KAIFU if index % 2 else MAOJIAN, root / f"d{index:02d}{Path(KAIFU if index % 2 else MAOJIAN).suffix}"
        )
    (root / "=HYPERLINK.txt").write_text(KAIFU.read_text(encoding="utf-8"), encoding="utf-8")
    (root / "broken.docx").write_bytes(b"not a zip file")
    return root


def _members(data: bytes) -> dict[str, bytes]:
    package = zipfile.ZipFile(io.BytesIO(data))
    return {name: package.read(name) for name in package.namelist()}


def _undated(page: bytes) -> bytes:
    return re.sub(r"生成于 [0-9-]+ [0-9:]+".encode(), b"", page)


def test_streamed_files_equal_the_writers_over_all_rows(folder, tmp_path):
    rows = check_summary(batch.collect([folder]), jobs=1)
    assert len(rows) == 12 and any(r.unreadable for r in rows)
    for suffix in (".csv", ".xlsx", ".html"):
        out = tmp_path / f"s{suffix}"
        result = CliRunner().invoke(main, ["check", str(folder), "--summary", str(out), "--jobs", "2"])
        assert result.exit_code == 2, result.output  # the unreadable draft
        assert "已写出汇总表" in result.output and "12 份草稿" in result.output and "无法读取 1 份" in result.output
        written = out.read_bytes()
        if suffix == ".csv":
            assert written == to_csv(rows)
        elif suffix == ".xlsx":
            assert _members(written) == _members(to_xlsx(rows))
        else:
            assert _undated(written) == _undated(to_html(rows))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.csv", "s.html", "s.xlsx"]  # no temporary left


def test_rows_come_in_order_as_soon_as_their_predecessors_are_done(monkeypatch, tmp_path):
    """Chunks finish out of order: a row waits only for the rows before it, not for the batch."""
    pulled = []

    def run(func, items, args, jobs, progress):
        for index in (2, 0, 1, 4, 3):
            pulled.append(index)
            yield index, DraftRow(items[index])

    monkeypatch.setattr(batch, "run", run)
    paths = [tmp_path / f"{i}.txt" for i in range(5)]
    stream = summary_rows(paths)
    seen = []
    for row in stream:
        seen.append((Path(row.path).name, list(pulled)))
    assert seen == [
        ("0.txt", [2, 0]),
        ("1.txt", [2, 0, 1]),
        ("2.txt", [2, 0, 1]),
        ("3.txt", [2, 0, 1, 4, 3]),
        ("4.txt", [2, 0, 1, 4, 3]),
    ]


@pytest.mark.parametrize("writer", [CsvSummary, XlsxSummary, HtmlSummary])
def test_a_writer_keeps_no_row(writer):
    out = io.BytesIO()
    summary = writer(out)
    refs = []
    for index in range(3):
        row = DraftRow(
            f"d{index}.txt", unit="甲县", findings=[FindingRow(f"d{index}.txt", 1, "punct.x", "error", "问题")]
        )
        refs.append(weakref.ref(row))
        summary.add(row)
    del row
    gc.collect()
    assert [ref() for ref in refs] == [None, None, None]
    summary.close()
    assert out.getvalue()


def test_a_summary_stopped_midway_leaves_the_previous_file(folder, tmp_path, monkeypatch):
    from generator.batch import summary

    out = tmp_path / "s.xlsx"
    out.write_bytes(b"last week's summary")
    calls = []

    def failing(paths, profile, layout):
        calls.append(paths)
        if len(calls) == 5:
            raise FazhiError(Problem("模拟的中途失败"))
        return [summary.summarise(p, profile, layout) for p in paths]

    monkeypatch.setattr(summary, "summarise_chunk", failing)
    result = CliRunner().invoke(main, ["check", str(folder), "--summary", str(out), "--jobs", "1"])
    assert result.exit_code == 2 and "模拟的中途失败" in result.output
    assert "Traceback" not in result.output
    assert out.read_bytes() == b"last week's summary"
    assert [p.name for p in tmp_path.iterdir()] == ["s.xlsx"]


def test_atomic_output_replaces_only_on_success(tmp_path):
    target = tmp_path / "a.csv"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_output(target) as handle:
        handle.write(b"half")
        raise RuntimeError
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["a.csv"]
    with atomic_output(target) as handle:
        handle.write(b"new")
    assert target.read_bytes() == b"new" and [p.name for p in tmp_path.iterdir()] == ["a.csv"]
