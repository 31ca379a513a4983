"""A small document model that renders to Markdown and to a self-contained HTML page.

The run report and the transparency report are written once, as blocks (headings,
paragraphs, bullet lists, tables, charts), and rendered twice, so ``report.md`` and
``report.html`` always say the same thing. Inline text may hold `code` spans, nothing else.

The HTML page loads nothing: styles are inline, charts are inline SVG, and a Content
Security Policy forbids every external resource, so the page reads the same offline and
cannot leak that it was opened.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from lockstep.report.svg import bar_chart

_CODE = re.compile(r"`([^`]+)`")


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str = ""


@dataclass(frozen=True)
class Para:
    text: str


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    #: columns holding numbers (right-aligned in HTML)
    numeric: tuple[int, ...] = ()
    anchor: str = ""


@dataclass(frozen=True)
class Chart:
    """Horizontal bars, stacked when there are several series. HTML only: Markdown readers
    get the same numbers from the table the chart sits next to."""

    title: str
    series: tuple[str, ...]
    bars: tuple[tuple[str, tuple[int, ...]], ...]


Block = Heading | Para | Bullets | Table | Chart


def table(
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    numeric: Sequence[int] = (),
    anchor: str = "",
) -> Table:
    """A table from any cell values (shown with ``str``)."""
    return Table(
        tuple(header), tuple(tuple(str(c) for c in r) for r in rows), tuple(numeric), anchor
    )


# -- Markdown -----------------------------------------------------------------------------------


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _md(block: Block) -> list[str]:
    if isinstance(block, Heading):
        return ["#" * block.level + " " + block.text, ""]
    if isinstance(block, Para):
        return [block.text, ""]
    if isinstance(block, Bullets):
        return [*(f"- {item}" for item in block.items), ""] if block.items else []
    if isinstance(block, Table):
        lines = ["| " + " | ".join(_md_cell(h) for h in block.header) + " |"]
        lines.append("|" + "---|" * len(block.header))
        lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in block.rows]
        return [*lines, ""]
    return []


def markdown_lines(blocks: Sequence[Block]) -> list[str]:
    """Each block's lines followed by a blank line (charts have none)."""
    return [line for block in blocks for line in _md(block)]


def to_markdown(blocks: Sequence[Block]) -> str:
    return "\n".join(markdown_lines(blocks))


# -- HTML ------------------------------------------------------------------------------------------

#: the disclosure table's header colour; the browser test looks for it in the screenshot
HEADER_RGB = (31, 58, 95)

_CSS = """
body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: #1b1b1b;
  background: #ffffff; margin: 0; line-height: 1.45; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 32px 48px; }
h1 { font-size: 1.7em; margin: 0.4em 0 0.6em; }
h2 { font-size: 1.3em; margin-top: 1.8em; border-bottom: 2px solid #1f3a5f; }
h3 { font-size: 1.1em; margin-top: 1.4em; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: 0.92em; background: #f1f3f5;
  padding: 0 3px; }
table { border-collapse: collapse; margin: 0.6em 0 1.2em; width: 100%; }
th { background: rgb(31, 58, 95); color: #ffffff; text-align: left; padding: 6px 8px;
  font-weight: 600; }
td { border-bottom: 1px solid #d0d5dc; padding: 5px 8px; vertical-align: top; }
td.num, th.num { text-align: right; white-space: nowrap; }
tbody tr:nth-child(even) td { background: #f6f8fa; }
figure.chart { margin: 0.4em 0 1.4em; }
figure.chart figcaption { font-size: 0.9em; color: #4a4a4a; }
""".strip()

_CSP = "default-src 'none'; style-src 'unsafe-inline'"


def _inline(text: str) -> str:
    return _CODE.sub(r"<code>\1</code>", html.escape(text, quote=True))


def _attr(anchor: str) -> str:
    return f' id="{html.escape(anchor, quote=True)}"' if anchor else ""


def _html(block: Block) -> str:
    if isinstance(block, Heading):
        level = min(max(block.level, 1), 6)
        return f"<h{level}{_attr(block.anchor)}>{_inline(block.text)}</h{level}>"
    if isinstance(block, Para):
        return f"<p>{_inline(block.text)}</p>"
    if isinstance(block, Bullets):
        if not block.items:
            return ""
        items = "".join(f"<li>{_inline(i)}</li>" for i in block.items)
        return f"<ul>{items}</ul>"
    if isinstance(block, Table):
        return _html_table(block)
    return (
        f'<figure class="chart">{bar_chart(block.title, block.series, block.bars)}'
        f"<figcaption>{_inline(block.title)}</figcaption></figure>"
    )


def _html_table(t: Table) -> str:
    def cls(i: int) -> str:
        return ' class="num"' if i in t.numeric else ""

    head = "".join(f"<th{cls(i)}>{_inline(h)}</th>" for i, h in enumerate(t.header))
    body = "\n".join(
        "<tr>" + "".join(f"<td{cls(i)}>{_inline(c)}</td>" for i, c in enumerate(row)) + "</tr>"
        for row in t.rows
    )
    return (
        f"<table{_attr(t.anchor)}>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n"
        "</table>"
    )


def to_html(title: str, blocks: Sequence[Block]) -> str:
    """A complete HTML page: no scripts, no external resources."""
    body = "\n".join(part for part in (_html(b) for b in blocks) if part)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>\n{_CSS}\n</style>\n</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )
