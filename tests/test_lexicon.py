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
_DATE = re.compile(r"20\\d\\d|20\[0-9\]\{2\}|\(\?:19\|20\)|\\d\{4\}\)?\\s\*年|\\d\{1,2\}\)?\\s\*月"
                   r"|年\\s\*\(?\\d|年0\?|\]\{4\}\)?\\s\*年")


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


@pytest.mark.parametrize("pattern,line", [
    (_CJK_RANGE, r'_HAN = re.compile(r"[\u4e00-\u9fff]")'),
    (_CJK_RANGE, '_HAN = re.compile("[一-龥]")'),
    (_CJK_RANGE, r'_WIDE = "[\u2e80-\uffef]"'),
    (_DATE, r'_YEAR = re.compile(r"(20\d\d)\s*年")'),
    (_DATE, r'_DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月")'),
    (_DATE, r'_DOCNUM_YEAR = r"(?:19|20)\d\d"'),
    (_DATE, r'_CN = r"[〇一二三四五六七八九]{4}\s*年"'),
])
def test_the_guard_sees_the_usual_spellings(pattern, line):
    assert pattern.search(line)
