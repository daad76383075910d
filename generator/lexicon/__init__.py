"""The vocabulary of the 公文, defined once: every reader, rule, fixer, importer and writer asks here.

    chars      characters: HAN (ideographs), CHINESE (Chinese running text with its full-width
               punctuation), WIDE (East Asian wide text), STRIP, full-width digits, is_han,
               is_chinese, has_han, all_han (the last four without a compiled pattern)
    dates      2023年1月4日, 二〇二三年一月四日, 2023.1.4, 2023．1．4, 2023-01-04, 2023/1/4; parse(),
               form(), YEAR / ANY_YEAR / CN_YEAR / YEAR_WORD fragments, RANGE_MARKS
    numbers    Chinese numerals (cn_numeral, parse_cn_numeral), circled ①–⑳, 万/亿, %, 个百分点,
               units (COUNTS, MONEY, MEASURES, alternation()), to_int
    docnum     文号: DOCNUM (six groups), OPENERS / CLOSERS (〔〕 and the wrong forms), FOUND
    headings   heading numbers 一、（一）1.（1） and their variants: read_number,
               RUN_ON_START (run_on_start), FIRST_CHILD, ENUM_ITEM, POINT (一是)
    statutory  the statutory words: part names and patterns per kind (kinds/*/parts.yaml), titles
    regex_subset  the regex syntax read without compiling (literals, classes, groups, alternation,
               quantifiers, anchors): needs/leading (what every match holds: read/guard.py
               compiles a pattern only for a text holding it) and alternatives (the words a
               finite pattern matches: kinds/words.py); tests/lexicon/regex_subset.yaml

Patterns are compiled with plain `re`, on first use: `lazy(pattern)` stands for `re.compile(pattern)`
and costs nothing until a match is asked for. A character class over the CJK block costs the
compiler about a millisecond, so build on the classes here instead of writing new ones.

Adding a rule that uses the lexicon (generator/checks/rules/<area>.py):

    from generator.lexicon import dates, lazy
    from generator.lexicon.chars import HAN

    _SPLIT_YEAR = lazy(rf"[{HAN}]{dates.YEAR_WORD}")   # compiled on first use

    @rule("date.split", "warning", "…", basis=Basis())
    def date_split(doc, ctx): ...

A rule that must scan the whole text with a pattern registers it once for the shared pass
(generator/checks/scanner.py) instead of running its own finditer:

    _AMOUNTS = shared_scan("figures.amount", _AMOUNT)          # at import
    for index, match in ctx.analysis.scanned(_AMOUNTS): ...     # in the rule

Write no character range, date, 文号 or heading-number pattern of your own (tests/test_lexicon.py
fails when a module outside generator/lexicon/ writes a CJK range or a date pattern). A new form (a date written another way, a new
bracket) goes here, with a row in tests/lexicon/<item>.yaml; that table runs through the reader,
the rules, the fixer and the importer, so they cannot drift apart.
"""

from generator.lexicon._lazy import lazy

__all__ = ["lazy"]
