"""Engine-built edges: the same ids as ``Detector.edges``, valid JSON whatever the values."""

from __future__ import annotations

import json
from datetime import datetime

import ibis
import pyarrow as pa

from lockstep.detect.base import EDGE_SCHEMA, _stable_id
from lockstep.detect.coord.edgetable import json_object, json_string, to_edge_table

ODD = ["plain", 'a "quoted" \\ path', "two\nlines\tand\rreturn", "naïve ✓ 😀", ""]


def test_ids_sort_and_schema_match_the_python_edges() -> None:
    starts = [datetime(2024, 6, 1, 8, 0), datetime(2024, 6, 1, 8, 0, 5, 120), None]
    rows = pa.table(
        {
            "signal": ["co_text", "co_link", "co_link"],
            "src": ["b", "a", "a"],
            "dst": ["c", "b", "c"],
            "weight": [1.23456789, 2.0, 0.5],
            "window_start": pa.array(starts, pa.timestamp("us")),
            "window_end": pa.array(starts, pa.timestamp("us")),
            "evidence": ["{}", "{}", "{}"],
        }
    )
    out = to_edge_table(ibis.memtable(rows), "coord.coactivity", "9")
    assert out.schema == EDGE_SCHEMA
    got = out.to_pylist()
    assert [(r["signal"], r["src"], r["dst"]) for r in got] == [
        ("co_link", "a", "b"),
        ("co_link", "a", "c"),
        ("co_text", "b", "c"),
    ]
    for r in got:
        want = _stable_id("coord.coactivity", r["signal"], r["src"], r["dst"], r["window_start"])
        assert r["edge_id"] == want
    assert got[0]["weight"] == 2.0 and got[2]["weight"] == 1.234568


def test_json_strings_and_objects_parse_back() -> None:
    table = ibis.memtable({"v": ODD, "n": list(range(len(ODD)))})
    expr = json_object({"value": json_string(table.v), "n": table.n, "z": json_string(table.v)})
    texts = table.select(j=expr).to_pyarrow().column("j").to_pylist()
    parsed = [json.loads(t) for t in texts]
    assert parsed == [{"n": i, "value": v, "z": v} for i, v in enumerate(ODD)]
    assert all(t.startswith('{"n": ') for t in texts)  # keys sorted, as json.dumps(sort_keys)
