"""Time the near-duplicate stage (``lockstep.detect.text.near_duplicate_groups``) on its own.

The stage is shared by the duplicate, copypasta, post-delete and bulk-mention detectors, so
its throughput is worth a figure of its own: posts per minute, over all posts handed in
(short ones included, as a detector hands them in). It runs on the ``posts`` table of a
dataset folder, for instance one written by ``lockstep synth``, within each account
(``--by account_id``, what ``spam.duplicate_posts`` asks) and across accounts
(``--by none``, copypasta), on the DuckDB engine, and prints wall and CPU seconds, peak
memory and the load average (the machine may be shared: CPU seconds vary less than wall).

    .venv/bin/lockstep synth --out bench-out/w10 --accounts 102041 --days 14 --seed 1
    .venv/bin/python benchmarks/neardup.py bench-out/w10 [--by account_id,none] [--estimate]
                                                      [--threads N]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _one(data: Path, by: str | None, exact: bool, threads: int | None) -> dict[str, float]:
    from lockstep.detect.text import NearDupParams, near_duplicate_groups
    from lockstep.lake import connect

    con = connect("duckdb", threads=threads)
    posts = con.read_parquet(str(data / "posts.parquet"), table_name="posts")
    posts = posts.select("post_id", "account_id", "created_at", "text")
    n_posts = int(posts.count().execute())
    wall, cpu = time.perf_counter(), _cpu_seconds()
    groups = near_duplicate_groups(posts, NearDupParams(exact=exact), by=by)
    rows = int(groups.count().execute())
    wall, cpu = time.perf_counter() - wall, _cpu_seconds() - cpu
    groups.release()
    return {"posts": n_posts, "rows": rows, "wall": wall, "cpu": cpu}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("data", type=Path, help="dataset folder with posts.parquet")
    parser.add_argument(
        "--by", default="account_id", help="comma-separated: account_id and/or none"
    )
    parser.add_argument(
        "--estimate", action="store_true", help="verify by the MinHash estimate (exact=False)"
    )
    parser.add_argument("--threads", type=int, default=None, help="DuckDB threads")
    args = parser.parse_args(argv)
    if not (args.data / "posts.parquet").exists():
        raise SystemExit(f"error: {args.data} has no posts.parquet")
    for name in (b.strip() for b in args.by.split(",") if b.strip()):
        by = None if name == "none" else name
        load = os.getloadavg()[0]
        r = _one(args.data, by, not args.estimate, args.threads)
        mode = "estimate" if args.estimate else "exact"
        print(
            f"by={name} ({mode}): {r['posts']:,.0f} posts in {r['wall']:.1f} s "
            f"({r['posts'] / r['wall'] * 60 / 1e6:.2f}M posts/min), CPU {r['cpu']:.1f} s, "
            f"{r['rows']:,.0f} posts in groups; load average before {load:.1f}",
            flush=True,
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:,.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
