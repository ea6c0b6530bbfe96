"""Plan native tables: measured column widths and row heights, rows split onto continuation slides with the
header repeated (no python-pptx here)."""

from __future__ import annotations

from collections.abc import Sequence

from briefgen.brief.model import RichText, Table
from briefgen.render.deck.fit import balanced_pages, greedy_pages, needed_height, plain, spans, text_height
from briefgen.render.deck.layout import WIDTH_SLACK_PT, CellPlan, ParaPlan, TablePlan
from briefgen.render.deck.measure import text_width

TABLE_SIZES = (16.0, 14.0, 12.0)  # on one slide
PAGED_SIZES = (16.0, 14.0)  # continued on more
SMALLEST = 11.0
MARGIN_X, MARGIN_Y = 0.1, 0.06
HEADER_FILL, HEADER_ROLE = "title", "on-cover"
BAND_FILLS = ("background", "panel")
# A row is this much taller than its measured text: room for rounding between viewers.
ROW_SLACK = 0.04


def _header(table: Table, size: float) -> list[ParaPlan]:
    return [ParaPlan(plain(c), size, HEADER_ROLE, bold=True, line_spacing=1.1) for c in table.columns]


def _cells(row: Sequence[RichText], size: float) -> list[ParaPlan]:
    return [ParaPlan(c, size, "body", line_spacing=1.15) for c in row]


def _natural(p: ParaPlan) -> tuple[float, float]:
    """(one-line width, widest word) of a paragraph in inches."""
    words: list[float] = [0.0]
    total = 0.0
    for sp in spans(p):
        style = "bold" if p.bold else sp.style
        total += text_width(sp.text, p.size, style)
        for i, part in enumerate(sp.text.split(" ")):
            if i:
                words.append(0.0)
            words[-1] += text_width(part, p.size, style)
    return total / 72, max(words) / 72


def column_widths(table: Table, size: float, total_w: float) -> tuple[float, ...]:
    """Widths that fill `total_w`: columns whose longest cell fits on one line within a fair share get that
    width (short columns do not wrap); the others share the rest in proportion to what they need, each
    at least as wide as its longest word."""
    pad = 2 * MARGIN_X + (WIDTH_SLACK_PT + 1) / 72
    rows = [_header(table, size), *(_cells(r, size) for r in table.rows)]
    n = len(table.columns)
    natural = [max(_natural(r[j])[0] for r in rows if j < len(r)) + pad for j in range(n)]
    least = [max(max(_natural(r[j])[1] for r in rows if j < len(r)) + pad, 0.9) for j in range(n)]
    if sum(natural) <= total_w:
        return tuple(total_w * v / sum(natural) for v in natural)
    widths: dict[int, float] = {}
    left = total_w
    for j in sorted(range(n), key=lambda j: natural[j]):
        if natural[j] <= left / (n - len(widths)):
            widths[j] = natural[j]
            left -= natural[j]
    rest = [j for j in range(n) if j not in widths]
    spare = max(left - sum(least[j] for j in rest), 0.0)
    want = {j: max(natural[j] - least[j], 0.0) for j in rest}
    for j in rest:
        widths[j] = least[j] + spare * want[j] / (sum(want.values()) or 1.0)
    return tuple(widths[j] for j in range(n))


def _row_height(paras: Sequence[ParaPlan], widths: Sequence[float]) -> float:
    inner = [text_height([p], w - 2 * MARGIN_X) for p, w in zip(paras, widths, strict=False)]
    return round(max(inner) / 72 + 2 * MARGIN_Y + ROW_SLACK, 3)


def _rows(table: Table, size: float, total_w: float):
    widths = column_widths(table, size, total_w)
    header = _header(table, size)
    body = [_cells(r, size) for r in table.rows]
    return widths, header, body, _row_height(header, widths), [_row_height(r, widths) for r in body]


def table_title(table: Table, w: float) -> tuple[list[ParaPlan], float]:
    """The table's title above it (bold, 16 pt) and its height; nothing when untitled."""
    if not table.title:
        return [], 0.0
    paras = [ParaPlan(plain(table.title), 16.0, "title", bold=True)]
    return paras, needed_height(paras, w)


def plan_table_pages(table: Table, x: float, y: float, w: float, h: float) -> list[TablePlan]:
    """The table on one slide at the largest size that fits; a longer one continues on further slides at
    a readable size (the largest that needs no more slides than PAGED_SIZES' smallest), each page
    starting with the header row. Rows never split."""
    chosen = None
    pages: list[list[int]] = []
    for size in TABLE_SIZES:
        widths, header, body, hh, heights = _rows(table, size, w)
        if sum(heights) <= h - hh:
            pages, chosen = [list(range(len(body)))], (widths, header, body, hh, heights)
            break
    if chosen is None:
        least = _rows(table, PAGED_SIZES[-1], w)
        n_pages = len(greedy_pages(least[4], 0.0, h - least[3]))
        for size in PAGED_SIZES:
            widths, header, body, hh, heights = _rows(table, size, w)
            if max(heights) <= h - hh and len(greedy_pages(heights, 0.0, h - hh)) <= n_pages:
                pages = balanced_pages(heights, 0.0, h - hh, n_pages)
                chosen = (widths, header, body, hh, heights)
                break
        else:  # a row taller than a slide: at the smallest size, each page as full as it goes
            widths, header, body, hh, heights = chosen = _rows(table, SMALLEST, w)
            pages = greedy_pages(heights, 0.0, h - hh)
    widths, header, body, hh, heights = chosen
    out = []
    for n, page in enumerate(pages):
        head = tuple(CellPlan((p,), HEADER_FILL) for p in header)
        cells = tuple(
            tuple(CellPlan((p,), BAND_FILLS[k % 2]) for p in body[i]) for k, i in enumerate(page, start=1)
        )
        name = "Table" if n == 0 else f"Table {n + 1}"
        out.append(TablePlan(name, x, y, widths, (hh, *(heights[i] for i in page)), (head, *cells)))
    return out
