"""发文字号 (文号): 机关代字〔2023〕4号, and the bracket forms drafts use instead of 〔〕."""

from __future__ import annotations

from generator.lexicon._lazy import lazy
from generator.lexicon.chars import DIGITS, HAN
from generator.lexicon.dates import ANY_YEAR

OPEN = "〔"
CLOSE = "〕"
# Every bracket seen around a 文号's year: the right one first, then [] () 【】 ［］ ﹝﹞ {} 〈〉 <> 「」.
OPENERS = "〔[【(（﹝［{｛〈<「"
CLOSERS = "〕]】)）﹞］}｝〉>」"
OPEN_CLASS = r"[〔\[【(（﹝［{｛〈<「]"
CLOSE_CLASS = r"[〕\]】)）﹞］}｝〉>」]"
# 机关代字 + bracketed year + optional 第 + number + 号; groups: 1 代字, 2 open, 3 year, 4 close,
# 5 第 (or empty), 6 number.
DOCNUM = (
    rf"([{HAN}]{{1,16}})\s*({OPEN_CLASS})\s*({ANY_YEAR})\s*({CLOSE_CLASS})"
    rf"\s*(第?)\s*([{DIGITS}]{{1,5}})\s*号"
)
FOUND = lazy(DOCNUM)
# Cheap test first: a bracketed year is rare in body text, and DOCNUM backtracks.
YEAR_IN_BRACKETS = lazy(rf"{OPEN_CLASS}\s*{ANY_YEAR}\s*{CLOSE_CLASS}")
# 签发人 after the 文号 on the same line (upward documents).
SIGNER = r"签发人\s*[:：]\s*(?P<signer>\S.*)"
