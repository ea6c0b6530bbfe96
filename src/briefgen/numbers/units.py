"""Units as documents write them: symbols, spelled-out names and the synonyms a fact's unit may use."""

from __future__ import annotations

import re

# Currencies: the symbol or code a text puts next to a number, and the code briefgen keeps.
CURRENCY_CODES = {
    "$": "USD",
    "US$": "USD",
    "USD": "USD",
    "€": "EUR",
    "EUR": "EUR",
    "£": "GBP",
    "GBP": "GBP",
    "¥": "JPY",
    "JPY": "JPY",
    "₹": "INR",
    "Rs": "INR",
    "Rs.": "INR",
    "INR": "INR",
    "CNY": "CNY",
    "RMB": "CNY",
}
CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹"}
PERCENT = "%"
POINTS = "pp"  # percentage points
TIMES = "×"
RANK = "rank"

# Measurement units written as symbols (case matters: 'MB' is not 'mb'), and spelled-out names for them.
SYMBOLS = [
    "ns",
    "µs",
    "μs",
    "us",
    "ms",
    "s",
    "min",
    "h",
    "KB",
    "kb",
    "kB",
    "KiB",
    "MB",
    "MiB",
    "GB",
    "GiB",
    "TB",
    "TiB",
    "PB",
    "B",
    "bit",
    "Hz",
    "kHz",
    "MHz",
    "GHz",
    "px",
    "pt",
    "dpi",
    "fps",
    "°C",
    "°F",
    "km",
    "m",
    "cm",
    "mm",
    "kg",
    "g",
    "t",
    "W",
    "kW",
    "MW",
    "GW",
    "kWh",
    "MWh",
    "GWh",
    "TWh",
    "V",
    "mAh",
    "dB",
    "kbps",
    "Kbps",
    "Mbps",
    "Gbps",
]
SPELLED = {
    "nanosecond": "ns",
    "microsecond": "µs",
    "millisecond": "ms",
    "second": "s",
    "sec": "s",
    "secs": "s",
    "msec": "ms",
    "usec": "µs",
    "nsec": "ns",
    "minute": "min",
    "mins": "min",
    "hour": "h",
    "hrs": "h",
    "byte": "B",
    "bit": "bit",
    "kilobyte": "KB",
    "kibibyte": "KiB",
    "megabyte": "MB",
    "mebibyte": "MiB",
    "gigabyte": "GB",
    "gibibyte": "GiB",
    "terabyte": "TB",
    "hertz": "Hz",
    "kilohertz": "kHz",
    "megahertz": "MHz",
    "gigahertz": "GHz",
    "kilometre": "km",
    "kilometer": "km",
    "metre": "m",
    "meter": "m",
    "centimetre": "cm",
    "centimeter": "cm",
    "millimetre": "mm",
    "millimeter": "mm",
    "kilogram": "kg",
    "gram": "g",
    "tonne": "t",
    "watt": "W",
    "kilowatt": "kW",
    "megawatt": "MW",
    "gigawatt": "GW",
    "volt": "V",
    "decibel": "dB",
}
_NORMAL = {"μs": "µs", "us": "µs", "Kbps": "kbps"}

# What a fact may write as its unit for each canonical unit (besides the canonical form itself).
_SYNONYMS = {
    PERCENT: {"percent", "per cent", "pct", "percentage"},
    POINTS: {"percentage point", "percentage points", "pp", "ppt", "points"},
    TIMES: {"x", "times", "fold", "multiplier"},
    RANK: {"ordinal", "place", "position"},
    "USD": {"$", "us$", "dollar", "dollars", "us dollars"},
    "EUR": {"€", "euro", "euros"},
    "GBP": {"£", "pound", "pounds", "pounds sterling"},
    "JPY": {"¥", "yen"},
    "INR": {"₹", "rs", "rupee", "rupees"},
    "CNY": {"rmb", "yuan", "renminbi"},
}


def spelled_unit(word: str) -> str | None:
    """The symbol of a spelled-out unit ('milliseconds' → 'ms'), or None."""
    w = word.lower()
    if w in SPELLED:
        return SPELLED[w]
    if w.endswith("s") and w[:-1] in SPELLED:
        return SPELLED[w[:-1]]
    return None


def canonical(unit: str) -> str:
    """The canonical form of a unit a spec or a text writes: '%', 'USD', '×', 'rank', 'ms', or the words."""
    u = " ".join(unit.split())
    if not u:
        return ""
    if u in CURRENCY_CODES:
        return CURRENCY_CODES[u]
    if u in SYMBOLS or u in _NORMAL:
        return _NORMAL.get(u, u)
    low = u.lower()
    for canon, names in _SYNONYMS.items():
        if low == canon.lower() or low in names:
            return canon
    return spelled_unit(low) or u


def is_measure(unit: str) -> bool:
    """A unit of measurement (a symbol such as 'ms' or 'KB'), as opposed to a counted noun."""
    return canonical(unit) in SYMBOLS or canonical(unit) in _NORMAL.values()


def is_currency(unit: str) -> bool:
    """A currency code or symbol."""
    return canonical(unit) in CURRENCY_SYMBOLS or canonical(unit) == "CNY"


def noun_forms(unit: str) -> list[str]:
    """The forms of a counted noun a quote may use for a fact's unit: 'vehicle' ↔ 'vehicles'."""
    u = " ".join(unit.lower().split())
    forms = {u}
    if u.endswith("ies"):
        forms.add(u[:-3] + "y")
    elif u.endswith("es"):
        forms |= {u[:-2], u[:-1]}
    elif u.endswith("s"):
        forms.add(u[:-1])
    else:
        forms |= {u + "s", u + "es", u[:-1] + "ies" if u.endswith("y") else u + "s"}
    return sorted(forms, key=len, reverse=True)


def states_noun(quote: str, unit: str) -> bool:
    """Whether the quote names the counted noun `unit` (in either number) as a whole word."""
    text = " ".join(quote.lower().split())
    return any(re.search(rf"(?<![\w-]){re.escape(f)}(?![\w-])", text) for f in noun_forms(unit))
