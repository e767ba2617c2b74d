"""Aligned text tables and HTML tables for the checking and explain reports."""

from __future__ import annotations

import html
import math
from typing import Optional, Sequence

__all__ = ["format_number", "html_table", "text_table"]


def format_number(number: Optional[float], digits: int = 8) -> str:
    """Format a float with ``digits`` significant digits, or "" for None.

    >>> format_number(0.41997434161402614)
    '0.41997434'
    >>> format_number(-8.0)
    '-8'
    """
    if number is None:
        return ""
    if math.isnan(number) or math.isinf(number):
        return repr(number)
    return f"{number:.{digits}g}"


def text_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Lay out cells in columns, each as wide as its widest cell.

    >>> print(text_table(["a", "bb"], [["1", "2"], ["333", ""]]))
    a    bb
    ---  --
    1    2
    333
    """
    widths = [len(header) for header in headers]
    for row in rows:
        for column, cell in enumerate(row):
            widths[column] = max(widths[column], len(cell))

    lines = [_join(headers, widths), _join(["-" * width for width in widths], widths)]
    for row in rows:
        lines.append(_join(row, widths))
    return "\n".join(lines)


def _join(cells: Sequence[str], widths: Sequence[int]) -> str:
    return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths)).rstrip()


def html_table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], caption: str = ""
) -> str:
    """Build an HTML table with every cell escaped.

    >>> html_table(["x"], [["a<b"]])
    '<table><thead><tr><th>x</th></tr></thead><tbody><tr><td>a&lt;b</td></tr></tbody></table>'
    """
    parts = ["<table>"]
    if caption:
        parts.append(f"<caption>{html.escape(caption)}</caption>")
    parts.append("<thead><tr>")
    parts.extend(f"<th>{html.escape(header)}</th>" for header in headers)
    parts.append("</tr></thead><tbody>")
    for row in rows:
        parts.append("<tr>")
        parts.extend(f"<td>{html.escape(cell)}</td>" for cell in row)
        parts.append("</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)
