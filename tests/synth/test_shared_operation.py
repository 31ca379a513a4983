"""``lockstep synth --shared-operation SEED``: worlds of different seeds share one
operation's content (narratives, sites, article links, channel, videos), not its accounts'
activity, and a world without the option has no such operation."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb

from lockstep.progress import NullProgress
from lockstep.synth import synthesise

OPERATION = 7


def _world(tmp: Path, seed: int, operation: int | None) -> tuple[Path, dict[str, Any] | None]:
    out = tmp / f"w{seed}-{operation}"
    synthesise(600, 7, seed, out, NullProgress(), shared_operation=operation)
    campaigns = [json.loads(line) for line in (out / "campaigns.jsonl").read_text().splitlines()]
    shared = [c for c in campaigns if "shared_operation" in c["params"]]
    assert len(shared) <= 1
    return out, shared[0] if shared else None


def _campaign_posts(out: Path, campaign: str) -> list[tuple[Any, ...]]:
    con = duckdb.connect()
    return con.execute(
        f"""SELECT p.text, p.urls, p.media_hashes FROM '{out / "posts.parquet"}' p
        JOIN read_json('{out / "truth.jsonl"}') t USING (account_id)
        WHERE t.campaign_id = ?""",
        [campaign],
    ).fetchall()


def test_two_worlds_share_the_operation(tmp_path: Path) -> None:
    a, op_a = _world(tmp_path, 1, OPERATION)
    b, op_b = _world(tmp_path, 2, OPERATION)
    assert op_a is not None and op_b is not None
    same = ("sites", "articles", "videos", "channel", "hashtag", "candidate", "rival")
    assert {k: op_a["params"][k] for k in same} == {k: op_b["params"][k] for k in same}
    # copypasta (T0084.001) is planned too, but listed only where the copies show as such
    assert {"T0097.202", "T0098.001"} <= set(op_a["tactics"])
    assert op_a["kind"] == "coord.network" and op_a["params"]["shared_operation"] == OPERATION
    posts_a, posts_b = (
        _campaign_posts(a, op_a["campaign_id"]),
        _campaign_posts(b, op_b["campaign_id"]),
    )
    links_a = {u for _, urls, _ in posts_a for u in urls or []}
    links_b = {u for _, urls, _ in posts_b for u in urls or []}
    articles = set(op_a["params"]["articles"])
    assert links_a & articles and links_b & articles
    assert (links_a | links_b) & articles <= articles
    texts_a = {t for t, _, _ in posts_a}
    texts_b = {t for t, _, _ in posts_b}
    assert texts_a & texts_b, "the same narratives, copied near-verbatim, appear on both"
    # each platform's copy acts on its own: the posts as a whole differ
    assert posts_a != posts_b


def test_other_operation_other_content_and_none_by_default(tmp_path: Path) -> None:
    _, op = _world(tmp_path, 1, OPERATION)
    _, other = _world(tmp_path, 1, OPERATION + 1)
    assert op is not None and other is not None
    assert op["params"]["articles"] != other["params"]["articles"]
    _, none = _world(tmp_path, 1, None)
    assert none is None
