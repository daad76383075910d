"""The lexicon is the one vocabulary: no module outside it defines a CJK range or a date pattern,
and every vocabulary table (tests/lexicon/<item>.yaml) runs through the lexicon, the reader, the
rules, the fixer and the importer alike."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "generator"
LEXICON = PACKAGE / "lexicon"

# A CJK block boundary written as an escape (\u4e00, \u9fff, …) or as the characters themselves
# (一-龥), in any module's source text.
_BLOCK = r"\\u(?:2e80|2e7f|3000|303f|3400|4dbf|4e00|9fa5|9fff|f900|faff|ff00|ff01|ffef)"
_CJK_RANGE = re.compile(rf"{_BLOCK}-|-{_BLOCK}|[一㐀]-[龥鿿]", re.I)
# A date pattern: a year's digits (20\d\d, 20[0-9]{2}, (?:19|20)), a 4-digit number before 年,
# digits before 月 or after 年, or a Chinese-numeral year ([…]{4}年).
_DATE = re.compile(
    r"20\\d\\d|20\[0-9\]\{2\}|\(\?:19\|20\)|\\d\{4\}\)?\\s\*年|\\d\{1,2\}\)?\\s\*月"
    r"|年\\s\*\(?\\d|年0\?|\]\{4\}\)?\\s\*年"
)


def _offenders(pattern: re.Pattern) -> list[str]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if LEXICON in path.parents:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line):
                out.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    return out


def test_no_module_outside_the_lexicon_defines_a_cjk_range():
    assert _offenders(_CJK_RANGE) == [], "use generator.lexicon.chars (HAN, CHINESE, WIDE)"


def test_no_module_outside_the_lexicon_defines_a_date_pattern():
    assert _offenders(_DATE) == [], "use generator.lexicon.dates (YEAR, YEAR_WORD, parse, …)"


@pytest.mark.parametrize(
    "pattern,line",
    [
        (_CJK_RANGE, r'_HAN = re.compile(r"[\u4e00-\u9fff]")'),
        (_CJK_RANGE, '_HAN = re.compile("[一-龥]")'),
        (_CJK_RANGE, r'_WIDE = "[\u2e80-\uffef]"'),
        (_DATE, r'_YEAR = re.compile(r"(20\d\d)\s*年")'),
        (_DATE, r'_DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月")'),
        (_DATE, r'_DOCNUM_YEAR = r"(?:19|20)\d\d"'),
        (_DATE, r'_CN = r"[〇一二三四五六七八九]{4}\s*年"'),
    ],
)
def test_the_guard_sees_the_usual_spellings(pattern, line):
    assert pattern.search(line)


# ---------------------------------------------------------------- one table per vocabulary item

import datetime as dt  # noqa: E402

import yaml  # noqa: E402

from generator import read as drafts  # noqa: E402
from generator.checks import check_document  # noqa: E402
from generator.importer import import_document  # noqa: E402
from generator.lexicon import dates, docnum, headings  # noqa: E402
from generator.review.textfix import apply, fix_paragraph  # noqa: E402

TABLES = Path(__file__).resolve().parent / "lexicon"
REPORT = "关于2022年度法治政府建设情况的报告\n市人民政府：\n一、主要举措和成效\n全面推行告知承诺制。\n开福区人民政府\n{date}\n"
NUMBERED = "{number}\n关于2022年度法治政府建设情况的报告\n一、主要举措和成效\n全面推行告知承诺制。\n开福区人民政府\n2023年1月4日\n"
HEADED = "关于2022年度法治政府建设情况的报告\n{above}{heading}\n全面推行告知承诺制。\n开福区人民政府\n2023年1月4日\n"
_ABOVE = {
    1: "",
    2: "一、主要举措和成效\n",
    3: "一、主要举措和成效\n（一）深化改革\n",
    4: "一、主要举措和成效\n（一）深化改革\n1.放管服\n",
}


def _rows(item: str):
    rows = yaml.safe_load((TABLES / f"{item}.yaml").read_text(encoding="utf-8"))
    return [pytest.param(row, id=str(row.get("text", row.get("cn", row.get("circled"))))) for row in rows]


def _read(text: str):
    doc = drafts.read_text(text, "case.txt")
    for part in doc.all_documents():
        part.source = "docx"
    return doc


def _fixed(line: str, roles: frozenset[str]) -> str:
    return apply(line, fix_paragraph(line, roles))


def _date(value) -> dt.date | None | bool:
    return dt.date.fromisoformat(str(value)) if value not in (None, False) else value


@pytest.mark.parametrize("row", _rows("dates"))
def test_dates_table(row):
    text, want, form = str(row["text"]), _date(row["date"]), row["form"]
    assert dates.parse(text) == want and dates.form(text) == form
    doc = _read(REPORT.format(date=text))
    if want is False:
        assert doc.date_text == ""
        return
    assert (doc.date, doc.date_text) == (want, text)  # the reader takes the line as the 成文日期
    found = [f for f in check_document(doc, "annual-report").findings if f.rule == "date.format"]
    assert bool(found) == (form != "canonical"), found
    assert _fixed(text, frozenset({"date"})) == row.get("fixed", text)
    if "fixed" in row:  # and the fixed draft passes the rule
        again = _read(REPORT.format(date=row["fixed"]))
        assert not [f for f in check_document(again, "annual-report").findings if f.rule == "date.format"]
    imported = import_document(doc, "annual-report")
    assert imported.data.get("date") == (want or None)


@pytest.mark.parametrize("row", _rows("docnum"))
def test_docnum_table(row):
    text, rules = row["text"], set(row["rules"])
    assert docnum.FOUND.fullmatch(text)
    doc = _read(NUMBERED.format(number=text))
    assert doc.doc_number == text
    found = {f.rule for f in check_document(doc, "annual-report").findings if f.rule.startswith("docnum.")}
    assert found - {"docnum.signer"} == rules
    assert _fixed(text, frozenset()) == row.get("fixed", text)
    assert import_document(doc, "annual-report").data.get("doc_number") == text


@pytest.mark.parametrize("row", _rows("headings"))
def test_headings_table(row):
    text, level = row["text"], row["level"]
    found = headings.read_number(text)
    assert found and found[0] == level and found[2] == row["number"]
    doc = _read(HEADED.format(above=_ABOVE[level], heading=text))
    block = [h for h in doc.headings() if h.number == row["number"]]
    assert block and block[0].level == level
    rules = {f.rule for f in check_document(doc, "annual-report").findings if f.rule.startswith("numbering.")}
    assert rules == ({row["rule"]} if "rule" in row else set()), rules
    fixed = _fixed(text, frozenset({"heading"}))
    assert fixed == (row["fixed"] + text[len(row["number"]) :] if "fixed" in row else text)


CONFLICT = (
    "关于2024年度法治政府建设情况的报告\n一、主要举措和成效\n全年办理行政复议案件{first}。\n"
    "二、存在的不足和原因\n全年办理行政复议案件{second}。\n"
)


def _another(text: str) -> str:
    """The same amount with its first digit changed (135件 → 235件)."""
    digit = next(i for i, c in enumerate(text) if c.isdigit())
    return text[:digit] + str((int(text[digit]) + 1) % 10 or 1) + text[digit + 1 :]


@pytest.mark.parametrize("row", _rows("numbers"))
def test_numbers_table(row):
    from generator.lexicon import numbers

    text = str(row["text"])
    assert re.search(
        f"(?:{numbers.alternation(numbers.COUNTS, numbers.MONEY, numbers.MEASURES, numbers.PERCENT)})$", text
    )
    doc = _read(CONFLICT.format(first=text, second=text))
    figures = import_document(doc, "annual-report", figures=True).data.get("figures") or {}
    assert [(str(f["value"]), f["unit"]) for f in figures.values()][:1] == [(str(row["value"]), row["unit"])]
    doc = _read(CONFLICT.format(first=text, second=_another(text)))
    found = [f for f in check_document(doc, "annual-report").findings if f.rule == "figures.conflict"]
    assert bool(found) == row["count"], found


@pytest.mark.parametrize("row", _rows("numerals"))
def test_numerals_table(row):
    from generator.lexicon.numbers import cn_numeral, parse_cn_numeral

    if "circled" in row:
        from generator.lexicon.headings import CIRCLED_ITEM
        from generator.lexicon.numbers import circled_value

        assert circled_value(row["circled"]) == row["value"] and CIRCLED_ITEM.match(row["circled"] + "健全制度")
        return
    assert cn_numeral(row["value"]) == row["cn"] and parse_cn_numeral(row["cn"]) == row["value"]


@pytest.mark.parametrize("suffix", [".txt", ".docx"])
def test_full_width_stop_date_is_read_reported_and_fixed_end_to_end(tmp_path, suffix):
    """「2023．1．4」 (a Chinese IME's full stops): the reader takes it as the 成文日期 (not
    head.missing), check reports date.format, and `check --fix` writes 2023年1月4日."""
    from click.testing import CliRunner

    from generator.cli import main

    draft = tmp_path / f"draft{suffix}"
    if suffix == ".txt":
        draft.write_text(REPORT.format(date="2023．1．4"), encoding="utf-8")
    else:  # the kaifu example as Word writes it, its date line retyped
        import io
        import zipfile

        from generator.api import render_bytes
        from generator.spec.validate import load_spec

        package = zipfile.ZipFile(io.BytesIO(render_bytes(load_spec(ROOT / "examples" / "kaifu-2022.yaml"), "docx")))
        xml = package.read("word/document.xml").decode()
        assert xml.count(">2023年1月4日<") == 1
        with zipfile.ZipFile(draft, "w") as target:
            for info in package.infolist():
                data = package.read(info.filename)
                if info.filename == "word/document.xml":
                    data = xml.replace(">2023年1月4日<", ">2023．1．4<").encode()
                target.writestr(info, data)
    out = tmp_path / f"fixed{suffix}"
    found = CliRunner().invoke(main, ["check", str(draft), "--format", "json"])
    rules = {f["rule"] for f in __import__("json").loads(found.stdout)["files"][0]["findings"]}
    assert "date.format" in rules and "没有成文日期" not in found.stdout
    CliRunner().invoke(main, ["check", str(draft), "--fix", "-o", str(out)])
    fixed = drafts.read_draft(out)
    assert (fixed.date, fixed.date_text) == (dt.date(2023, 1, 4), "2023年1月4日")
    assert "date.format" not in {f.rule for f in check_document(fixed).findings}


# Characters either side of every width boundary the writer, the line model and the PDF reader once
# drew differently (U+2000 for the reader, U+2E80 and “”‘’—… for the writer).
_WIDTH_CASES = {
    "A": False,
    "1": False,
    "·": False,
    "–": False,
    "•": False,
    "※": False,
    "①": False,
    "→": False,
    "℃": False,
    "\u2e7f": False,
    "“": True,
    "”": True,
    "‘": True,
    "’": True,
    "—": True,
    "…": True,
    "\u2e80": True,
    "、": True,
    "。": True,
    "中": True,
    "（": True,
    "１": True,
    "\U00020000": True,
}


@pytest.mark.parametrize("char,wide", _WIDTH_CASES.items())
def test_one_width_for_the_writer_the_line_model_and_the_pdf_reader(char, wide):
    from generator.lexicon.chars import is_wide, width
    from generator.paging.metrics import em_width
    from generator.read.convert import _width
    from generator.write.titles import char_width, text_width

    assert is_wide(char) is wide
    assert char_width(char) == text_width(char) == (1.0 if wide else 0.5)
    assert _width(f"  {char}") == 2 + width(char) == 2 + (2 if wide else 1)
    if not char.isascii() and char != "·":  # the line model measures Latin letters and · in the font
        assert em_width(char) == char_width(char)


def test_doubled_pairs_are_every_pair_the_doubled_pattern_matches():
    from generator.lexicon.chars import DOUBLED_MARKS, DOUBLED_PAIRS

    marks = "，。、；：…—,.;:"
    matched = {a + b for a in marks for b in marks if re.fullmatch(DOUBLED_MARKS, a + b)}
    assert matched == set(DOUBLED_PAIRS)


# The heading-number patterns read_number stood for before it read with str methods: the oracle.
_NUMBER_ORACLE = [
    (1, re.compile(r"^([一二三四五六七八九十百千万零〇两]+)([、，,．.])")),
    (2, re.compile(r"^([（(])([一二三四五六七八九十百千万零〇两]+)([）)])")),
    (3, re.compile(r"^([0-9０-９]{1,3})([.．、])(?![0-9０-９])")),
    (4, re.compile(r"^([（(])([0-9０-９]{1,3})([）)])")),
]


def _read_number_by_patterns(text: str):
    from generator.lexicon.numbers import parse_cn_numeral, to_int

    for level, pattern in _NUMBER_ORACLE:
        match = pattern.match(text)
        if not match:
            continue
        if level in (1, 3):
            raw, mark = match.group(1), match.group(2)
            value = parse_cn_numeral(raw) if level == 1 else to_int(raw)
            variant = ("一" if level == 1 else "1") + mark
        else:
            raw = match.group(2)
            value = parse_cn_numeral(raw) if level == 2 else to_int(raw)
            variant = match.group(1) + ("一" if level == 2 else "1") + match.group(3)
        if value:
            return level, value, match.group(0), variant
    return None


def test_read_number_reads_what_the_patterns_read():
    """Every fixture line and 20,000 random ones built from the characters that matter."""
    import random

    from generator.lexicon.headings import read_number

    pieces = list("一二十百零〇两（()）、，,．.0123０１９ 第x\n") + ["1234", "十一", "一〇〇"]
    rng = random.Random(18)
    lines = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 7))) for _ in range(20000)]
    for path in sorted((ROOT / "tests" / "fixtures").rglob("*.txt")):
        lines += path.read_text(encoding="utf-8").splitlines()
    read_number.cache_clear()
    assert sum(read_number(line) is not None for line in lines) > 1000
    for line in lines:
        assert read_number(line) == _read_number_by_patterns(line), line


def test_run_on_start_is_the_pattern():
    """headings.run_on_start answers as RUN_ON_START matched at the position, on fixture texts and
    20,000 random ones built from the characters that matter."""
    import random

    from generator.lexicon.headings import RUN_ON_START, run_on_start

    pattern = re.compile(RUN_ON_START)
    pieces = list("一二九十百（()）、，,．.0123０１９ 。是x") + ["1234", "十一"]
    rng = random.Random(18)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 9))) for _ in range(20000)]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "fixtures").rglob("*.txt"))]
    hits = 0
    for text in texts:
        for at in range(len(text) + 1):
            expected = pattern.match(text, at) is not None
            hits += expected
            assert run_on_start(text, at) == expected, (text[at : at + 6], at)
    assert hits > 5000
