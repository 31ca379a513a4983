"""Edge rows built in the engine: ids, weights, windows and JSON evidence as expressions.

A big operation gives tens of thousands of account pairs, each with an edge per object type
and a list of shared objects. Building those edges row by row in Python (an ``Edge`` each,
a dict of evidence, ``json.dumps``, a hash) costs more than finding the pairs, so the
co-activity detector builds its edge table with the expressions here and fetches it ready:
the same ``edge_id`` as :meth:`lockstep.detect.base.Detector.edges` would give, the
evidence as a JSON object with sorted keys, like the other detectors' evidence.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from lockstep.detect.base import EDGE_SCHEMA

#: Characters JSON strings must escape that ids, links, tags and hashes can hold, with
#: their escapes; the backslash goes first so the escapes themselves stay intact.
_ESCAPES = (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t"))


def json_string(value: ir.StringValue) -> ir.StringValue:
    """``value`` as a quoted JSON string (other control characters are not expected in the
    ids, links, tags and hashes this quotes)."""
    for raw, escaped in _ESCAPES:
        value = value.replace(raw, escaped)
    return ibis.literal('"').concat(value, ibis.literal('"'))


def json_object(fields: dict[str, ir.Value]) -> ir.StringValue:
    """A JSON object of already-encoded ``fields`` (JSON text each), keys sorted."""
    parts: list[ir.StringValue] = []
    for key in sorted(fields):
        sep = "{" if not parts else ", "
        parts.append(ibis.literal(f'{sep}"{key}": ').concat(fields[key].cast("string")))
    return parts[0].concat(*parts[1:], ibis.literal("}"))


def _text(ts: ir.TimestampValue) -> ir.StringValue:
    """``2024-06-01 08:00:00`` and a fraction when not zero, as DuckDB and Spark both cast
    timestamps (``strftime`` and microseconds are not portable: Spark has neither)."""
    return ts.cast("string")


def iso_seconds(ts: ir.TimestampValue) -> ir.StringValue:
    """As :func:`lockstep.detect.evidence.iso`: ``2024-06-01T08:00:00``."""
    return _text(ts).substr(0, 19).replace(" ", "T")


def python_str(ts: ir.TimestampValue) -> ir.StringValue:
    """As Python's ``str(datetime)``: ``2024-06-01 08:00:00``, ``.ffffff`` when not zero."""
    text = _text(ts)
    frac = text.substr(19)
    return text.substr(0, 19).concat(ibis.ifelse(frac.length() > 0, frac.rpad(7, "0"), ""))


def stable_id(*parts: ir.Value) -> ir.StringValue:
    """As ``lockstep.detect.base._stable_id``: the first 20 hex digits of the SHA-256 of
    the parts joined by U+001F (a null part as empty)."""
    text: ir.StringValue = ibis.literal("")
    for i, part in enumerate(parts):
        value = python_str(part) if part.type().is_timestamp() else part.cast("string")
        if i:
            text = text.concat(ibis.literal("\x1f"))
        text = text.concat(value.fill_null(""))
    return text.hexdigest("sha256").substr(0, 20)


def to_edge_table(edges: ir.Table, detector: str, version: str) -> pa.Table:
    """``edges`` (``signal, src, dst, weight, window_start, window_end, evidence``, with
    ``src < dst``) fetched as a table in ``EDGE_SCHEMA``, sorted like
    :meth:`lockstep.detect.base.Detector.edges` sorts."""
    name = ibis.literal(detector)
    table = edges.select(
        edge_id=stable_id(name, edges.signal, edges.src, edges.dst, edges.window_start),
        signal=edges.signal,
        detector=name,
        detector_version=ibis.literal(version),
        src=edges.src,
        dst=edges.dst,
        weight=edges.weight.round(6),
        window_start=edges.window_start,
        window_end=edges.window_end,
        evidence=edges.evidence,
    ).order_by("signal", "src", "dst", "window_start")
    fetched: pa.Table = table.to_pyarrow()
    return fetched.cast(EDGE_SCHEMA)
