"""Year over year: this year's figure against last year's, in exact decimals, written the Chinese way.

Plain Python (no pydantic) so the check rules can use it on any draft.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from generator.lexicon import lazy, numbers

# 「2.4万」「1.2亿」: a number with a Chinese magnitude; both years must use the same one.
_TEXT_NUMBER = lazy(rf"^\s*([-+]?{numbers.NUMBER})\s*({'|'.join(numbers.MAGNITUDES)})?\s*$")
POINTS = ("%", "％")


def parse(value) -> tuple[Decimal, str]:
    """(number, magnitude suffix) of a figure value; ValueError for text that is not a number."""
    if isinstance(value, bool):
        raise ValueError(f"「{value}」不是数值")
    if isinstance(value, (int, float)):
        return Decimal(str(value)), ""
    match = _TEXT_NUMBER.match(str(value).replace(",", "").replace("，", ""))
    if not match:
        raise ValueError(f"「{value}」不是数值")
    try:
        return Decimal(match.group(1)), match.group(2) or ""
    except InvalidOperation:  # pragma: no cover - the pattern only lets numbers through
        raise ValueError(f"「{value}」不是数值") from None


def plain(number: Decimal | int | float) -> str:
    """3 not 3.0, 0.3 not 0.30000000000000004, 100 not 1E+2."""
    if not isinstance(number, Decimal):
        number = Decimal(str(number))
    text = format(number.normalize(), "f")
    return "0" if text in ("-0", "+0") else text


def number(value: Decimal) -> int | float:
    """An int when whole, else a float: what a template can compute with."""
    return int(value) if value == value.to_integral_value() else float(value)


def round_percent(value: Decimal) -> Decimal:
    """One decimal, half up: 12.45 -> 12.5."""
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Pair:
    """This year's and last year's value of one figure."""

    value: Decimal
    previous: Decimal
    suffix: str = ""  # 万 / 亿 shared by both values
    unit: str = ""

    @classmethod
    def of(cls, value, previous, unit: str = "") -> Pair:
        (now, suffix), (then, before) = parse(value), parse(previous)
        if suffix != before:
            raise ValueError(
                f"今年「{value}」与上年「{previous}」的写法不同（{suffix or '无单位'}与"
                f"{before or '无单位'}），请统一后再比较"
            )
        return cls(now, then, suffix, unit)

    @property
    def delta(self) -> Decimal:
        return self.value - self.previous

    def growth(self) -> Decimal:
        """The change in per cent of last year's value, one decimal."""
        if self.previous == 0:
            raise ValueError("上年数为0，无法计算增减百分比")
        return round_percent(self.delta / self.previous * 100)

    def change_text(self) -> str:
        """「增加3项」「减少2.5万元」; a rate (unit %) changes by 个百分点: 「提高1.2个百分点」."""
        if self.delta == 0:
            return "持平"
        amount = plain(abs(self.delta)) + self.suffix
        if self.unit in POINTS:
            return f"{'提高' if self.delta > 0 else '下降'}{amount}个百分点"
        return f"{'增加' if self.delta > 0 else '减少'}{amount}{self.unit}"

    def percent_text(self) -> str:
        """「增长12.5%」「下降3%」「持平」."""
        growth = self.growth()
        if growth == 0:
            return "持平"
        return f"{'增长' if growth > 0 else '下降'}{plain(abs(growth))}%"
