"""How a fact's value reads: '$469.01 billion', '2.64%', '12–45%', '−9', '1.3×', '3.10', '12th'."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from briefgen.numbers import units as U

MINUS = "\u2212"  # a true minus sign, as typeset text has it
# Kept for callers that test a unit's kind by name; `units.canonical` is the rule.
CURRENCIES = {code: U.CURRENCY_SYMBOLS.get(code, code) for code in set(U.CURRENCY_CODES.values())}
PERCENT_UNITS = {"%", "percent", "per cent"}
RANK_UNITS = {"rank", "ordinal"}


def decimals(value: float) -> int:
    """Decimal places the value was written with (9.4 → 1, 469.01 → 2, 1500 → 0)."""
    exp = Decimal(repr(value)).normalize().as_tuple().exponent
    return max(0, -exp) if isinstance(exp, int) else 0


def number_text(value: float) -> str:
    """The number with thousands separators and the precision it was written with (for messages)."""
    return f"{value:,.{decimals(value)}f}"


def round_half_up(value: float, places: int = 0) -> float:
    """Round as readers expect: 2.5 → 3, 0.125 → 0.13 (not Python's half-to-even)."""
    q = Decimal(1).scaleb(-places)
    return float(Decimal(repr(value)).quantize(q, rounding=ROUND_HALF_UP))


def shown_number(value: float, digits: str = "", grouped: bool = False) -> str:
    """A number as the brief shows it: as its source wrote it when `digits` are known (precision, sign, hex;
    thousands separators only where the source grouped), else computed with separators."""
    if not digits:
        return (MINUS if value < 0 else "") + number_text(abs(value))
    sign, body = ("", digits) if digits[0] not in "+-" else (digits[0], digits[1:])
    if body[:2].lower() != "0x" and grouped:
        whole, _, frac = body.partition(".")
        body = f"{int(whole):,}" + (f".{frac}" if frac else "")
    return (MINUS if sign == "-" else sign) + body


def ordinal(n: float) -> str:
    """12 → '12th', 1 → '1st', 22 → '22nd'."""
    i = int(n)
    suffix = "th" if 10 <= i % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(i % 10, "th")
    return f"{i}{suffix}"


def format_value(
    value: float,
    scale: str | None = None,
    unit: str = "",
    qualifier: str | None = None,
    with_unit: bool = True,
    *,
    digits: str = "",
    high: float | None = None,
    high_digits: str = "",
    grouped: bool = False,
) -> str:
    """A value as the brief shows it; the qualifier is kept so the brief never overstates its source, and a
    range reads '12–45%'."""
    u = U.canonical(unit)
    if u == U.RANK:
        body = ordinal(value) + (f"–{ordinal(high)}" if high is not None else "")
        return f"{qualifier} {body}" if qualifier else body
    body = shown_number(value, digits, grouped)
    if high is not None:
        body += "–" + shown_number(high, high_digits, grouped)
    if u == U.PERCENT:
        body += "%"
    elif u == U.POINTS:
        body += " percentage points" if with_unit else " pp"
    elif u == U.TIMES:
        body += "×"
    else:
        body += f" {scale}" if scale else ""
        if U.is_currency(u) and unit.strip() in U.CURRENCY_CODES:  # '$', 'USD', 'INR': a symbol or a code
            symbol = U.CURRENCY_SYMBOLS.get(u)
            body = f"{symbol}{body}" if symbol else f"{u} {body}"
        elif with_unit and u:
            body = f"{body} {unit.strip()}"
    return f"{qualifier} {body}" if qualifier else body


def excel_format(values: list[float], unit: str) -> str:
    """An Excel number format for plotted values of one unit (axis and data labels in the deck)."""
    d = max((decimals(v) for v in values), default=0)
    base = "#,##0" + ("." + "0" * d if d else "")
    u = U.canonical(unit)
    if u == U.PERCENT:
        return base + '"%"'
    if u == U.TIMES:
        return base + '"×"'
    if u == U.RANK:
        return "0"
    return base


def python_format(values: list[float]) -> str:
    """A Python format spec for axis ticks of these values."""
    return f",.{max((decimals(v) for v in values), default=0)}f"


def unit_label(unit: str, scale: str | None) -> str:
    """What a number counts, for axis titles and messages: 'percent', '$ billion', 'times'."""
    u = U.canonical(unit)
    if u == U.PERCENT:
        return "percent"
    if u == U.POINTS:
        return "percentage points"
    if u == U.TIMES:
        return "times"
    if u == U.RANK:
        return "rank"
    if U.is_currency(u):
        symbol = U.CURRENCY_SYMBOLS.get(u, u)
        return f"{symbol} {scale}" if scale else symbol
    return " ".join(x for x in (scale, unit.strip()) if x)


def value_suffix(unit: str) -> str:
    """What follows a plotted number on an axis tick: '%' for percentages, '×' for multipliers."""
    u = U.canonical(unit)
    return "%" if u == U.PERCENT else "×" if u == U.TIMES else ""
