"""Characters of Chinese official text: the classes every reader, rule, fixer and writer shares.

Each class is the body of a regex character class (put it inside [...] or use the bracketed
form). A class over a large block costs the `re` compiler about one millisecond per 20,000 code
points it lists, so the wide class is spelled as the complement of what it leaves out.
"""

from __future__ import annotations

# The CJK Unified Ideographs block: what 「汉字」 means to every rule (机关代字, a dash between words).
HAN = "\u4e00-\u9fff"
# Every ideograph a line can hold (extension A, the main block, compatibility, the supplementary
# planes): the characters LibreOffice sets apart from Latin letters and digits (the line model).
IDEOGRAPHS = "\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
# Chinese running text: ideographs and the full-width punctuation written between them
# (CJK symbols 、。〈〉《》「」〔〕, full-width ！（），：；？ and the like, curly quotes, …, —).
# Full-width digits and letters are not in it: 「１,０００」 is a number, not Chinese text.
CHINESE = "\u4e00-\u9fff\u3000-\u303f\uff01-\uff0f\uff1a-\uff20“”‘’《》、…—"
# East Asian wide text (radicals, CJK symbols, kana, ideographs, full-width forms: U+2E80–U+FFEF),
# for spaces that are noise between two such characters. Spelled as a complement: it compiles in
# a fifth of the time of [\u2e80-\uffef].
WIDE = "^\x00-\u2e7f\ufff0-\U0010ffff"
WIDE_CLASS = f"[{WIDE}]"
# The same with the curly quotes “”‘’ (U+2018, U+2019, U+201C, U+201D), which PDF text puts beside it.
WIDE_OR_QUOTE_CLASS = "[^\x00-\u2017\u201a\u201b\u201e-\u2e7f\ufff0-\U0010ffff]"

# Below U+2E80, the characters a 公文 sets in its Chinese font, a full em wide (measured in
# LibreOffice's PDFs, see paging/metrics.py); every other character below U+2E80 takes half an em.
WIDE_PUNCTUATION = "“”‘’—…"

FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
DIGITS = "0-9０-９"  # Arabic digits as drafts type them, half- and full-width
# What a draft line is stripped of at both ends (whitespace, BOM and zero-width characters).
STRIP = " \t\u3000\xa0\ufeff\u200b\u200c\u200d\u2060\r\n"

# Marks that end a sentence, and marks that may not appear in a title or a signature.
SENTENCE_END = "。；！？;!?"
CLAUSE_MARKS = "，,；;、：:"
# Half-width marks that Chinese text writes full-width, and their full-width forms.
# The same point mark twice (「，，」「。。」) or a comma against a full stop (「，。」「；。」「。，」);
# 「。。。」 is an ellipsis written with full stops, not a doubled mark.
DOUBLED_MARKS = (
    r"[，。、；：](?:(?<=，)，|(?<=。)。(?!。)|(?<=、)、|(?<=；)；|(?<=：)：|(?<=[，；、：])。|(?<=。)[，；、])"
)
# Every two marks DOUBLED_MARKS can match: a text holding none of them needs no pass of it.
DOUBLED_PAIRS = ("，，", "。。", "、、", "；；", "：：", "，。", "；。", "、。", "：。", "。，", "。；", "。、")
# Marks that may not end a title (a name, not a sentence).
TITLE_END = "。，、；：！？.,;:!?"
HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "?": "？", "!": "！"}


def is_han(char: str) -> bool:
    """Whether `char` (one character) is a CJK ideograph."""
    return "\u4e00" <= char <= "\u9fff" and len(char) == 1


def is_chinese(char: str) -> bool:
    """Whether `char` (one character) is Chinese text: an ideograph or full-width punctuation."""
    # Comparisons, not a pattern: the same set as CHINESE without compiling a 21,000-point class.
    return len(char) == 1 and (
        "\u4e00" <= char <= "\u9fff"
        or "\u3000" <= char <= "\u303f"
        or "\uff01" <= char <= "\uff0f"
        or "\uff1a" <= char <= "\uff20"
        or char in "“”‘’…—"
    )


def is_wide(char: str) -> bool:
    """Whether `char` (one character) is set a full em wide (CJK, full-width forms, “”‘’—…), not half."""
    return char >= "\u2e80" or char in WIDE_PUNCTUATION


def width(text: str) -> int:
    """A text's width in half-ems (columns of a monospaced terminal or `pdftotext -layout`): wide characters count two."""
    return len(text) + sum(1 for char in text if char >= "\u2e80" or char in WIDE_PUNCTUATION)


# No pattern for these two: they see short texts (a font name, a label), where they cost
# microseconds and a compiled [\u4e00-\u9fff] a millisecond of every start-up.
def has_han(text: str) -> bool:
    """Whether `text` holds an ideograph."""
    return any("\u4e00" <= char <= "\u9fff" for char in text)


def all_han(text: str) -> bool:
    """Whether every character of `text` is an ideograph (True for ""): min and max run in C."""
    return not text or ("\u4e00" <= min(text) and max(text) <= "\u9fff")
