"""docs/data-contract.md covers the contract, and its example does what it says."""

from __future__ import annotations

import json
import re
from pathlib import Path

from lockstep.contract import TABLES
from lockstep.ingest.convert import MISSING_REASON, RANGE_REASON, TYPE_REASONS
from lockstep.ingest.raw import BROKEN_QUOTING, NOT_JSON, NOT_OBJECT
from lockstep.ingest.rows import CONFLICT_REASON
from lockstep.ingest.urls import TRACKING_PARAMS, TRACKING_PREFIXES
from tests.conftest import REPO
from tests.ingest.helpers import run, write

DOC = REPO / "docs" / "data-contract.md"


def _section(text: str, table: str) -> str:
    start = text.index(f"### {table} ")
    end = text.find("\n### ", start + 1)
    return text[start : end if end > 0 else None]


def test_every_table_and_column_is_documented() -> None:
    text = DOC.read_text()
    for name, spec in TABLES.items():
        section = _section(text, name)
        rows = re.findall(r"^\| `(\w+)` \| (\w+) \|([^|]*)\|", section, flags=re.M)
        assert [r[0] for r in rows] == list(spec.names), name
        for column, _, required in rows:
            col = spec.column(column)
            assert (required.strip() == "yes") == col.required, (name, column)
            for choice in col.choices:
                assert f"`{choice}`" in section, (name, column, choice)


def test_every_quarantine_reason_and_tracking_parameter_is_documented() -> None:
    text = DOC.read_text()
    reasons = [*TYPE_REASONS.values(), RANGE_REASON, MISSING_REASON, CONFLICT_REASON]
    for reason in [*reasons, BROKEN_QUOTING, NOT_JSON, NOT_OBJECT]:
        assert f"`{reason}`" in text, reason
    for param in TRACKING_PARAMS:
        assert f"`{param}`" in text, param
    for prefix in TRACKING_PREFIXES:
        assert f"`{prefix}*`" in text, prefix


def test_the_example_gives_what_the_page_says(tmp_path: Path) -> None:
    text = DOC.read_text()
    example = text[text.index("## A small example") :]
    blocks = re.findall(r"```(\w+)\n(.*?)```", example, flags=re.S)
    (_, accounts), (_, posts), (_, quarantine) = blocks
    done = run(write(tmp_path / "d", {"accounts.csv": accounts, "posts.jsonl": posts}))
    assert done.quarantine("posts") == [json.loads(quarantine)]
    p1, p2 = done.rows("posts")
    assert p1["hashtags"] == ["recipe"]
    assert p1["urls"] == ["https://blog.example/r"]
    assert p1["urls_raw"] == ["https://Blog.example/r/?utm_source=tw"]
    assert p1["mentions"] == ["a2"]
    assert str(p1["created_at"]) == "2024-03-01 12:00:00"
    assert p2["attrs"] == [("client", "web")]
    assert [(a["account_id"], a["is_stub"]) for a in done.rows("accounts")][-1] == ("a3", True)
