"""Peer comparison: coordination-network-toolkit's co-activity networks against ours.

    python benchmarks/peer_cnt.py DATA WORK --peer PATH/TO/compute_networks

DATA is a ``lockstep synth`` world. The script ingests it (our lake; its normalised URLs
feed both tools), writes the peer's CSV input (message_id, user_id, username, repost_id,
reply_id, message, timestamp, urls) with posts as messages and repost engagements as
messages with a ``repost_id``, runs the peer's ``preprocess`` and ``compute`` for
co_retweet, co_link and co_similar_tweet, and our ``coord.coactivity`` detector, timing
each, and scores both edge sets against the planted coordinated groups with
:mod:`lockstep.evaluate_edges`.

Fairness (the peer's known issues): its CSV reader stores an empty URL for every post
without links, which would link everyone who posts without a link, so those rows are
deleted from its ``message_url`` table after preprocessing (timed with it); its CSV export
crashes (``write_output`` passes an argument the CSV writer does not take), so its network
tables are read straight from its SQLite database; its command line defaults to a 1-second
window, so both tools get the same window (``--window``, default 1800 s).
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import ibis
import pyarrow.csv as pacsv

from lockstep.detect.coord.coactivity import CoActivity
from lockstep.evaluate_edges import Truth, score_edges
from lockstep.ingest import ingest
from lockstep.lake import Lake
from lockstep.progress import NullProgress

NETWORKS = ("co_retweet", "co_link", "co_similar_tweet")


def write_peer_csv(lake: Lake, path: Path) -> int:
    """The lake's posts and reposts in the peer's CSV format; returns rows written."""
    none = ibis.literal(None, type="string")
    posts = lake.table("posts")
    posts = posts.select(
        message_id=posts.post_id,
        user_id=posts.account_id,
        username=posts.account_id,
        repost_id=none,
        reply_id=posts.reply_to,
        message=posts.text.fill_null(""),
        timestamp=posts.created_at.epoch_seconds().cast("int64"),
        urls=posts.urls.join(" ").fill_null(""),
    )
    eng = lake.table("engagements")
    eng = eng.filter((eng.kind == "repost") & eng.target_post_id.notnull())
    reposts = eng.select(
        message_id=eng.engagement_id,
        user_id=eng.account_id,
        username=eng.account_id,
        repost_id=eng.target_post_id,
        reply_id=none,
        message=ibis.literal(""),
        timestamp=eng.created_at.epoch_seconds().cast("int64"),
        urls=ibis.literal(""),
    )
    table = posts.union(reposts).order_by("timestamp", "message_id").to_pyarrow()
    pacsv.write_csv(table, path)
    return table.num_rows


def run_peer(peer: str, db: Path, csv_path: Path, window: int, timeout: float) -> dict[str, Any]:
    """Preprocess and compute each network; seconds per step and the edges found."""
    out: dict[str, Any] = {"seconds": {}, "edges": {}, "commands": []}
    db.unlink(missing_ok=True)
    cmd = [peer, str(db), "preprocess", "--format", "csv", str(csv_path)]
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    with sqlite3.connect(db) as con:  # the empty-URL workaround
        con.execute("delete from message_url where url = ''")
    out["seconds"]["preprocess"] = time.perf_counter() - start
    out["commands"].append(" ".join(cmd))
    for network in NETWORKS:
        cmd = [
            peer, str(db), "compute", network, "--time_window", str(window),
            "--min_edge_weight", "2", "--n_cpus", "2",
        ]  # fmt: skip
        out["commands"].append(" ".join(cmd))
        start = time.perf_counter()
        try:
            subprocess.run(cmd, check=True, capture_output=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            out["seconds"][network] = None
            continue
        out["seconds"][network] = time.perf_counter() - start
        with sqlite3.connect(db) as con:
            rows = con.execute(
                f"select user_1, user_2, weight from {network}_network where user_1 != user_2"
            ).fetchall()
        out["edges"][network] = rows
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("work", type=Path)
    parser.add_argument("--peer", required=True, help="the peer's compute_networks executable")
    parser.add_argument("--window", type=int, default=1800, help="seconds, for both tools")
    parser.add_argument("--timeout", type=float, default=3600, help="per peer network, seconds")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    truth = Truth.read(args.data)
    result: dict[str, Any] = {}

    start = time.perf_counter()
    ingest(args.data, args.work / "lake", args.work / "quarantine", progress=NullProgress())
    ingest_s = time.perf_counter() - start
    lake = Lake(args.work / "lake")
    lake.con.raw_sql("SET threads = 2")
    start = time.perf_counter()
    ours = CoActivity(window_minutes=args.window / 60).detect(lake).edges.to_pylist()
    detect_s = time.perf_counter() - start
    result["ours"] = {
        "seconds": {"ingest": ingest_s, "coord.coactivity": detect_s},
        "score": score_edges([(e["src"], e["dst"]) for e in ours], truth).to_dict(),
        "by_signal": {
            s: score_edges(
                [(e["src"], e["dst"]) for e in ours if e["signal"] == s], truth
            ).to_dict()
            for s in ("co_repost", "co_link", "co_text")
        },
    }

    csv_path = args.work / "peer.csv"
    start = time.perf_counter()
    rows = write_peer_csv(lake, csv_path)
    result["peer_csv"] = {"rows": rows, "seconds": time.perf_counter() - start}
    peer = run_peer(args.peer, args.work / "peer.db", csv_path, args.window, args.timeout)
    scores = {}
    for network, edges in peer["edges"].items():
        for min_weight in (2, 3, 4):
            pairs = [(a, b) for a, b, w in edges if w >= min_weight]
            scores[f"{network} (weight>={min_weight})"] = score_edges(pairs, truth).to_dict()
    union = [(a, b) for edges in peer["edges"].values() for a, b, _ in edges]
    scores["union of the three (weight>=2)"] = score_edges(union, truth).to_dict()
    result["peer"] = {"seconds": peer["seconds"], "commands": peer["commands"], "score": scores}
    json.dump(result, sys.stdout, indent=2, default=str)
    print()
    _table(result)


def _table(result: dict[str, Any]) -> None:
    print("\n| tool / network | seconds | accounts | precision | recall | pair precision |")
    print("|---|---:|---:|---:|---:|---:|")
    ours = result["ours"]
    secs = sum(ours["seconds"].values())
    s = ours["score"]
    print(
        f"| lockstep coord.coactivity (ingest + detect) | {secs:.1f} | {s['accounts_with_edges']}"
        f" | {s['precision']:.3f} | {s['recall']:.3f} | {s['pair_precision']:.3f} |"
    )
    peer = result["peer"]
    for name, s in peer["score"].items():
        network = name.split(" ")[0]
        sec = peer["seconds"].get(network)
        shown = f"{sec:.1f}" if isinstance(sec, float) else "-"
        print(
            f"| CNT {name} | {shown} | {s['accounts_with_edges']} | {s['precision']:.3f}"
            f" | {s['recall']:.3f} | {s['pair_precision']:.3f} |"
        )
    print(f"\npeer preprocess seconds: {peer['seconds']['preprocess']:.1f}")


if __name__ == "__main__":
    main()
