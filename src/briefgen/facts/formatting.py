"""How a fact's value reads: '$469.01 billion', '2.64%', '12th', 'over 9.4 million units'."""

from __future__ import annotations

from decimal import Decimal

CURRENCIES = {"USD": "$", "$": "$", "EUR": "€", "€": "€", "GBP": "£", "£": "£"}
PERCENT_UNITS = {"%", "percent", "per cent"}
RANK_UNITS = {"rank", "ordinal"}


def decimals(value: float) -> int:
    """Decimal places the value was written with (9.4 → 1, 469.01 → 2, 1500 → 0)."""
    exp = Decimal(repr(value)).normalize().as_tuple().exponent
    return max(0, -exp) if isinstance(exp, int) else 0


def number_text(value: float) -> str:
    """The number with thousands separators and the precision it was written with."""
    return f"{value:,.{decimals(value)}f}"


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
) -> str:
    """A value as the brief shows it; the qualifier is kept so the brief never overstates its source."""
    u = unit.strip()
    if u.lower() in RANK_UNITS:
        body = ordinal(value)
    elif u.lower() in PERCENT_UNITS:
        body = f"{number_text(value)}%"
    else:
        body = number_text(value) + (f" {scale}" if scale else "")
        if u.upper() in CURRENCIES or u in CURRENCIES:
            body = CURRENCIES.get(u.upper(), CURRENCIES.get(u, "")) + body
        elif with_unit and u:
            body = f"{body} {u}"
    return f"{qualifier} {body}" if qualifier else body


def excel_format(values: list[float], unit: str) -> str:
    """An Excel number format for plotted values of one unit (axis and data labels in the deck)."""
    d = max((decimals(v) for v in values), default=0)
    base = "#,##0" + ("." + "0" * d if d else "")
    if unit.strip().lower() in PERCENT_UNITS:
        return base + '"%"'
    if unit.strip().lower() in RANK_UNITS:
        return "0"
    return base


def python_format(values: list[float]) -> str:
    """A Python format spec for axis ticks of these values."""
    return f",.{max((decimals(v) for v in values), default=0)}f"


def unit_label(unit: str, scale: str | None) -> str:
    """What a number counts, for axis titles and messages: 'percent', '$ billion', 'million vehicles'."""
    u = unit.strip()
    if u.lower() in PERCENT_UNITS:
        return "percent"
    if u.lower() in RANK_UNITS:
        return "rank"
    symbol = CURRENCIES.get(u.upper(), CURRENCIES.get(u, ""))
    if symbol:
        return f"{symbol} {scale}" if scale else symbol
    return " ".join(x for x in (scale, u) if x)


def value_suffix(unit: str) -> str:
    """What follows a plotted number on an axis tick: '%' for percentages, else nothing."""
    return "%" if unit.strip().lower() in PERCENT_UNITS else ""
