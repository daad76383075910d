"""The rules' shortcuts (work skipped where it cannot change a finding) give exactly the findings
of the plain way: figures.conflict's grouping before labels, against a label for every amount."""

from __future__ import annotations

import random

import pytest

from conftest import SEEDS
from generator.checks import check_document
from generator.checks.analysis import analyse
from generator.checks.rules import figures
from generator.read import read_text

HEAD = "关于2022年度法治政府建设情况的报告\n一、主要举措和成效\n"


def _conflicts_with_every_label(analysis) -> list[tuple[int, str]]:
    """figures.conflict as it reads without the grouping: a label for every amount counted."""
    joined, starts = analysis.joined
    lines, wheres = analysis.columns[0], analysis.columns[2]
    seen: dict = {}
    out = []
    for index, match in analysis.scan_indices(figures._AMOUNT):
        if wheres[index] in figures._NOT_COUNTED:
            continue
        start = match.start()
        label = figures._label(joined[max(starts[index], start - figures._LABEL_WINDOW) : start])
        if not label:
            continue
        key = (label, match.group(3))
        first = seen.setdefault(key, (match.group(1), lines[index], match.group(0)))
        if first[0] != match.group(1) and key not in {k for k, _ in out}:
            out.append((key, lines[index]))
    return [(line, key[0]) for key, line in out]


def _conflicts(text: str) -> tuple[list, list]:
    doc = read_text(text)
    found = [
        (f.line, f.message.split("」")[0][1:]) for f in check_document(doc).findings if f.rule == "figures.conflict"
    ]
    return found, _conflicts_with_every_label(analyse(doc))


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name)
def test_conflicts_on_the_seeds(path):
    found, reference = _conflicts(path.read_text(encoding="utf-8"))
    assert found == reference


def test_conflicts_on_random_text():
    """Labels, trailing words (共计、达), fillers, separators and units mixed at random."""
    rng = random.Random(18)
    labels = ["行政复议案件", "调解矛盾纠纷", "复议案件", "法治培训", "培训"]
    before = ["", "", "全年", "共计", "其中", "增加", "第", "x", "法治"]
    after = ["", "", "", "共计", "累计", "共", "达", "为", "计", "达到"]
    units = ["件", "人次", "项", "余件", "万人次"]
    hits = 0
    for _ in range(300):
        lines = []
        for _ in range(rng.randint(1, 3)):
            line = ""
            for _ in range(rng.randint(1, 6)):
                line += rng.choice(["，", "。", "、", "（", " ", ""]) + rng.choice(before) + rng.choice(labels)
                line += (
                    f"{rng.choice(after)}{rng.choice(['135', '153', '3.5'])}{rng.choice(units)}{rng.choice('，。；')}"
                )
            lines.append(line)
        found, reference = _conflicts(HEAD + "\n".join(lines))
        assert found == reference
        hits += bool(found)
    assert hits > 30  # the texts do hold conflicts


def test_year_abbreviation_tried_only_where_it_may_end():
    """numbers.two_digits_alone spares no 年 where _YEAR_ABBREV ends: random digits, quotes,
    dots, dashes and what may follow 年, against the pattern tried at every 年."""
    from generator.checks.rules import numbers

    rng = random.Random(18)
    pieces = list("0123456789０２’'‘.．-—/年度月底x 字") + ["23年", "5年", "年度", "年5月", "上半年", "第一季度"]
    hits = 0
    for _ in range(300):
        lines = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 14))) for _ in range(rng.randint(1, 4))]
        analysis = analyse(read_text(HEAD + "\n".join(lines)))
        every = [(u.line, m.span()) for u, m, _ in analysis.scan_after_digit(numbers._YEAR_ABBREV, "年", (4, 3))]
        tried = analysis.scan_after_digit(numbers._YEAR_ABBREV, "年", (4, 3), numbers.two_digits_alone)
        assert [(u.line, m.span()) for u, m, _ in tried] == every
        hits += len(every)
    assert hits > 30


def test_ranges_tried_only_around_numbers():
    """numbers.between_numbers spares no unit where the range patterns match: random numbers,
    dots, dashes, spaces, units and quantity words, against every unit holding a dash."""
    from generator.checks.rules import numbers, writing

    rng = random.Random(18)
    pieces = list("0123456789.-－–‐～~— 　%万亿年个项x") + ["个百分点", "小时", "1.5", "12", "5 ", "5 -", "- 8"]
    pieces += ["2021", "2025", "1998", "20", "年"]
    hits = 0
    for _ in range(400):
        lines = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(rng.randint(1, 4))]
        analysis = analyse(read_text(HEAD + "\n".join(lines)))
        for pattern, dashes, accept in (
            (numbers._YEAR_RANGE, "-－–‐", numbers._between_years),
            (numbers._UNIT_RANGE, "～~—-－", numbers._between_numbers_with_unit),
            (writing._QUANTITY_RANGE, "-－–‐", writing._before_quantity),
        ):
            every = [(u.line, m.span()) for u, m, _ in analysis.scan_units(pattern, dashes)]
            assert [(u.line, m.span()) for u, m, _ in analysis.scan_units(pattern, dashes, accept)] == every
            hits += len(every)
    assert hits > 30


def test_lone_years_are_those_of_the_lexicon_pattern():
    """dates.lone_years (lookarounds in Python) finds what dates.LONE_YEAR_WORD finds."""
    import re

    from generator.checks.rules import dates as date_rules
    from generator.lexicon import dates

    lone = re.compile(dates.LONE_YEAR_WORD)
    rng = random.Random(18)
    pieces = list("0123456789２年 　—-－~～至x") + ["2023", "2024年", "20２3"]
    hits = 0
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        found = [m.span() for m in date_rules.lone_years(text)]
        assert found == [m.span() for m in lone.finditer(text)], text
        hits += len(found)
    assert hits > 100


def test_placeholder_units_hold_every_placeholder():
    """leftovers._placeholder_units (str.find and the next characters, no pattern) leaves out no
    unit where _PLACEHOLDER matches: random rare characters, brackets and spaces."""
    from generator.checks.rules import leftovers

    rng = random.Random(18)
    pieces = list("Xx×＊*【】〔〕[]＿_○□某待此处补（）　 字") + ["\t", "（ ）", "TODO", "待补充"]
    hits = 0
    for _ in range(400):
        lines = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 8))) for _ in range(rng.randint(1, 4))]
        analysis = analyse(read_text(HEAD + "\n".join(lines)))
        found = {unit.text for unit in leftovers._placeholder_units(analysis)}
        matching = {text for text in analysis.columns[1] if leftovers._PLACEHOLDER.search(text)}
        assert matching <= found
        hits += len(matching)
    assert hits > 100


def test_part_patterns_written_out_match_as_before():
    """parts.yaml's part-2 names with (和|及|与) written out find what the short forms found."""
    import re

    from generator.checks.statutory import parts_of

    patterns = parts_of("annual-report")["parts"]["2"]["patterns"]
    rewritten = [re.compile(p) for p in patterns if "和(原因" in p or "和弱项" in p]
    before = [re.compile("(不足|问题)(和|及|与)(原因|不足|问题|差距)"), re.compile("短板(和|与|及)?弱项")]
    assert len(rewritten) == 2
    rng = random.Random(18)
    words = ["不足", "问题", "原因", "差距", "短板", "弱项", "和", "及", "与", "的"]
    for _ in range(3000):
        text = "".join(rng.choice(words) for _ in range(rng.randint(0, 6)))
        for new, old in zip(rewritten, before):
            assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)], text


def test_lacks_only_what_the_text_lacks():
    """Analysis.lacks (the ASCII characters looked at alone) never says a needle in the text is absent."""
    rng = random.Random(18)
    pieces = list('Xx*[_-~.,;:()!?"%字串５，') + ["...", "--", "~~"]
    needles = list('Xx*[_-~.,;:()!?"%') + ["...", "--", "~~", "x.", "字"]
    absent = 0
    for _ in range(300):
        lines = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 8))) for _ in range(rng.randint(1, 3))]
        head = HEAD if rng.random() < 0.5 else ""  # also texts whose first ASCII character is a needle
        analysis = analyse(read_text(head + "\n".join(lines) + "\n正文。"))
        joined = analysis.joined[0]
        for needle in needles:
            assert not (analysis.lacks(needle) and needle in joined), needle
            absent += analysis.lacks(needle)
    assert absent > 300


def _part_sources() -> list[list[str]]:
    """Every part's patterns in parts.yaml, the extra lead parts, and a few shapes the matcher keeps as regexes."""
    from generator.checks.statutory import parts_of
    from generator.lexicon import statutory

    data = parts_of("annual-report")
    extra = ["主要领导.*(履[行职]|职责)", "a|^b", "(?=问题)问", "情况+", "[^问]题", "不足|问题$", "^问题|不足$"]
    classes = ["问[?.]题", "[a-c]问", "[）)]?报告$", "[]a]问", "[^]a]题"]
    literals = ["a{2}问题", "问b?题", "x+问", "\\d年度", "(?i:A)问|b", "问*?题", "(a)问|\\1", "a{问", "问|(?:情况)+$"]
    kinds = [[statutory.REPORT_TITLE_END], [statutory.DEPARTMENT_END], [statutory.PLAN_TITLE]]
    kinds += [[statutory.DEPARTMENT_REPORT_TITLE], ["(?i)Ab问|c"]]  # global flags: a pattern alone
    return [part["patterns"] for part in data["parts"].values()] + [data["extra"], extra, classes, literals, *kinds]


def test_part_words_find_what_the_patterns_find():
    """Words (parts.yaml's names, the kinds' name patterns, written out as words) finds a name exactly where re.search does."""
    import re
    from pathlib import Path

    from generator.kinds.words import Words, WordsByKey
    from generator.lexicon.regex_subset import alternatives

    groups = _part_sources()
    alphabet = sorted({c for group in groups for p in group for c in p if c not in "^$()?|[]:.*+=\\"}) + list(
        "\nx)?.-b"
    )
    texts = [
        line
        for path in sorted(Path(__file__).parent.glob("fixtures/*/*.txt"))
        for line in path.read_text().splitlines()
    ]
    written = [words for group in groups for p in group for *_, words, _ in alternatives(p) if words]
    texts += [edge for words in written for w in words for edge in (w, w + "\n", "x" + w, w + "x", w + "\nx")]
    texts += ["ab问", "aB问x", "C", "a问", "5年度", "]问", "a]题"]
    rng = random.Random(18)
    for _ in range(4000):
        group = rng.choice(groups)
        # pieces of the names themselves make matches (and near misses) frequent
        pieces = alphabet + [p.strip("^$") for p in group if p.isalnum() or "(" not in p]
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 7)))
        texts.append(text + "\n" if rng.random() < 0.3 else text)  # `$` also matches before a last newline
    found = 0
    for group in groups:
        words, pattern = Words(group), re.compile("|".join(f"(?:{p})" for p in group) if len(group) > 1 else group[0])
        for text in texts:
            assert words.search(text) == bool(pattern.search(text)), (group, text)
            found += words.search(text)
            needles = words.needles()
            assert not (words.search(text) and needles is not None and not any(n in text for n in needles))
    assert found > 500
    named = {k: Words(group) for k, group in enumerate(groups)}
    together = WordsByKey(named)  # statutory.match_parts' one look at a title for every part
    for text in texts:
        assert together.keys(text) == {k for k, words in named.items() if words.search(text)}, text


def test_part_candidates_hold_every_heading_that_names_the_part():
    """statutory._titles_holding (one find per name over the joined titles) leaves out no heading that names the part."""
    from pathlib import Path

    from generator.checks import statutory
    from generator.tree import Heading

    parts = statutory._part_patterns(statutory.parts_of("annual-report"))
    rng = random.Random(18)
    names = ["第一责任人", "党政主要负责人", "主要领导", "履行", "加强党对法治建设的领导", "存在的不足", "下一步", "x"]
    texts = [path.read_text() for path in sorted(Path(__file__).parent.glob("fixtures/*/*.txt"))]
    for _ in range(200):
        lines = [f"{k}、" + "".join(rng.choice(names) for _ in range(rng.randint(1, 3))) for k in "一二三四"]
        texts.append(HEAD + "\n".join(lines) + "\n正文。")
    named = 0
    for text in texts:
        for body in read_text(text).all_documents():
            for words in parts.values():
                candidates = statutory._titles_holding(words, body.blocks)
                for i, block in enumerate(body.blocks):
                    if type(block) is Heading and words.search(statutory.normal_title(block)):
                        named += 1
                        assert candidates is None or i in candidates, block.title
    assert named > 500
