"""Turn the world's row-numbered tables into the input contract's files.

Ids are assigned here, from creation order: accounts are numbered by ``created_at`` like the
time-ordered ids platforms issue, posts, engagements, sessions and reports by time. Planted
campaigns are therefore not contiguous blocks of ids, and every reference (a reply's parent,
an engagement's target, a mention) is mapped through the same numbering. Handles are made
unique the way platforms do it: the later account gets a number appended.

Files: one Parquet file per contract table with the contract's input column names (accounts
also carry the extra column ``previous_handle``), ``truth.jsonl`` (one row per account) and
``campaigns.jsonl`` (one row per planted campaign or hard-negative group).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from lockstep.contract import ENGAGEMENT_KINDS, POST_KINDS, SESSION_EVENTS
from lockstep.synth import arrow as A
from lockstep.synth.store import NULL_TIME
from lockstep.synth.vocab.geo import ALL_AGENTS, COUNTRIES, IP_COUNTRIES, LANGS
from lockstep.synth.world import (
    CODES,
    REPORT_REASONS,
    REPORT_TARGETS,
    ROLES,
    World,
)

TS = pa.timestamp("us")


def _ts(values: A.I64) -> A.Arr:
    out: A.Arr = pa.array(values, type=pa.int64(), mask=values == NULL_TIME).cast(TS)
    return out


def _codes(names: tuple[str, ...], idx: A.I64) -> A.Arr:
    return A.take(A.strings(names), np.asarray(idx, dtype=np.int64))


def _rank(t: A.I64) -> tuple[A.I64, A.I64]:
    """(order, rank): rows sorted by time (stable) and each row's position in that order."""
    order = np.argsort(t, kind="stable").astype(np.int64)
    rank = np.empty(len(t), dtype=np.int64)
    rank[order] = np.arange(len(t), dtype=np.int64)
    return order, rank


def _width(n: int) -> int:
    return max(7, len(str(max(n - 1, 0))))


def _write(table: pa.Table, path: Path) -> None:
    pq.write_table(table, path, compression="zstd")


def unique_handles(handles: A.Arr, rank: A.I64) -> A.Arr:
    """Handles made unique (case-insensitively) by numbering all but the earliest account."""
    values = np.asarray(handles.to_numpy(zero_copy_only=False), dtype=object)
    for round_ in range(6):
        lowered = np.asarray(A.lower(A.strings(list(values))).to_numpy(zero_copy_only=False))
        order = np.lexsort((rank, lowered))
        dup = np.zeros(len(values), dtype=bool)
        same = lowered[order][1:] == lowered[order][:-1]
        dup[order[1:][same]] = True
        if not dup.any():
            break
        rows = np.flatnonzero(dup)
        values[rows] = [f"{values[r]}{int(rank[r]) % 97 + 2 + round_}" for r in rows]
    return A.strings(list(values))


def write_accounts(world: World, out: Path) -> tuple[A.Arr, A.I64]:
    """accounts.parquet; returns the id of every account row and the rows in id order."""
    acc = world.accounts
    n = len(acc)
    order, rank = _rank(acc.num("created_at"))
    ids = A.numbered(world.id_prefix("u"), rank, _width(n))
    avatar = A.null_where(~acc.num("has_avatar"), A.hex16(acc.num("avatar")))
    country_codes = tuple(c.code for c in COUNTRIES)
    cols = {
        "account_id": ids,
        "handle": unique_handles(acc.text("handle"), rank),
        "display_name": acc.text("display_name"),
        "created_at": _ts(acc.num("created_at")),
        "bio": acc.text("bio"),
        "avatar_hash": avatar,
        "followers_count": pa.array(acc.num("followers"), type=pa.int64()),
        "following_count": pa.array(acc.num("following"), type=pa.int64()),
        "verified": pa.array(acc.num("verified"), type=pa.bool_()),
        "declared_automated": pa.array(acc.num("automated"), type=pa.bool_()),
        "lang": _codes(LANGS, acc.num("lang")),
        "country": _codes(country_codes, acc.num("country")),
        "suspended_at": _ts(acc.num("suspended_at")),
        "previous_handle": acc.text("previous_handle"),
    }
    table = pa.table(cols).take(order)
    _write(table, out / "accounts.parquet")
    return ids, order


@dataclass(frozen=True)
class PostIds:
    """Post ids in id order and the id position of every post row, for references."""

    ids: A.Arr
    rank: A.I64

    def of(self, rows: A.I64) -> A.Arr:
        """Ids of post rows (-1 -> null)."""
        return A.take(self.ids, np.where(rows >= 0, self.rank[np.maximum(rows, 0)], -1))


def write_posts(world: World, out: Path, account_ids: A.Arr) -> tuple[int, PostIds]:
    """posts.parquet, in time order; returns the row count and the ids for references."""
    posts = world.posts
    n = len(posts)
    order, rank = _rank(posts.num("t"))
    refs = PostIds(
        A.numbered(world.id_prefix("p"), np.arange(n, dtype=np.int64), max(9, _width(n))), rank
    )
    mentions = A.take_lists(posts.list("mentions"), order)
    mention_ids = A.take(account_ids, A.to_numpy_int(A.list_values(mentions)))
    table = pa.table(
        {
            "post_id": refs.ids,
            "account_id": A.take(account_ids, posts.num("account")[order]),
            "created_at": _ts(posts.num("t")[order]),
            "text": A.take(posts.text("text"), order),
            "lang": _codes(LANGS, posts.num("lang")[order]),
            "kind": _codes(POST_KINDS, posts.num("kind")[order]),
            "reply_to": refs.of(posts.num("reply_to")[order]),
            "quote_of": refs.of(posts.num("quote_of")[order]),
            "urls": A.take_lists(posts.list("urls"), order),
            "hashtags": A.take_lists(posts.list("hashtags"), order),
            "mentions": A.lists(A.list_offsets(mentions), mention_ids),
            "media_hashes": A.take_lists(posts.list("media"), order),
            "deleted_at": _ts(posts.num("deleted_at")[order]),
        }
    )
    _write(table, out / "posts.parquet")
    return n, refs


def write_engagements(world: World, out: Path, account_ids: A.Arr, posts: PostIds) -> int:
    """engagements.parquet, in time order."""
    eng = world.engagements
    n = len(eng)
    order = np.argsort(eng.num("t"), kind="stable")
    value = eng.num("value")[order]
    table = pa.table(
        {
            "engagement_id": A.numbered(
                world.id_prefix("e"), np.arange(n, dtype=np.int64), max(9, _width(n))
            ),
            "account_id": A.take(account_ids, eng.num("account")[order]),
            "kind": _codes(ENGAGEMENT_KINDS, eng.num("kind")[order]),
            "created_at": _ts(eng.num("t")[order]),
            "target_post_id": posts.of(eng.num("post")[order]),
            "target_account_id": A.take(account_ids, eng.num("target")[order]),
            "value": pa.array(value, type=pa.float64(), mask=np.isnan(value)),
        }
    )
    _write(table, out / "engagements.parquet")
    return n


def _ip(values: A.U64) -> A.Arr:
    v = np.asarray(values, dtype=np.uint64)
    octets = [
        A.ints(((v >> np.uint64(s)) & np.uint64(255)).astype(np.int64)) for s in (24, 16, 8, 0)
    ]
    return A.join(*octets, sep=".")


def write_sessions(world: World, out: Path, account_ids: A.Arr) -> int:
    """sessions.parquet, in time order."""
    ses = world.sessions
    n = len(ses)
    order = np.lexsort((ses.num("account"), ses.num("t"))).astype(np.int64)
    asn_numbers = np.array([net.asn for net in world.networks], dtype=np.int64)
    asn = ses.num("asn")[order].astype(np.int64)
    table = pa.table(
        {
            "account_id": A.take(account_ids, ses.num("account")[order]),
            "created_at": _ts(ses.num("t")[order]),
            "event": _codes(SESSION_EVENTS, ses.num("event")[order]),
            "ip": _ip(ses.num("ip")[order]),
            "asn": A.join("AS", A.ints(asn_numbers[asn]), sep=""),
            "ip_country": _codes(IP_COUNTRIES, ses.num("ip_country")[order]),
            "device_id": A.hex16(ses.num("device")[order]),
            "user_agent": _codes(ALL_AGENTS, ses.num("ua")[order]),
            "via_proxy": pa.array(ses.num("proxy")[order], type=pa.bool_()),
        }
    )
    _write(table, out / "sessions.parquet")
    return n


def write_reports(world: World, out: Path, account_ids: A.Arr, posts: PostIds) -> int:
    """reports.parquet, in time order."""
    rep = world.reports
    n = len(rep)
    order = np.argsort(rep.num("t"), kind="stable")
    kind = rep.num("target_type")[order].astype(np.int64)
    target = A.where(
        kind == 0,
        A.take(account_ids, rep.num("account")[order]),
        A.where(kind == 1, posts.of(rep.num("post")[order]), A.take(rep.text("url"), order)),
    )
    table = pa.table(
        {
            "report_id": A.numbered(world.id_prefix("r"), np.arange(n, dtype=np.int64), _width(n)),
            "reporter_id": A.take(account_ids, rep.num("reporter")[order]),
            "target_type": _codes(REPORT_TARGETS, kind),
            "target_id": target,
            "created_at": _ts(rep.num("t")[order]),
            "reason": _codes(REPORT_REASONS, rep.num("reason")[order]),
            "text": A.take(rep.text("text"), order),
        }
    )
    _write(table, out / "reports.parquet")
    return n


def _lines(lines: A.Arr) -> str:
    if len(lines) == 0:
        return ""
    whole = A.join_lists(A.lists(np.array([0, len(lines)]), lines), "\n")
    return str(whole[0].as_py()) + "\n"


def write_truth(world: World, out: Path, account_ids: A.Arr, order: A.I64) -> None:
    """truth.jsonl: one line per account, in id order."""
    acc = world.accounts
    beh = acc.num("t_beh")[order]
    rows: list[A.I64] = []
    bits: list[A.I64] = []
    for b in range(len(CODES)):
        hit = np.flatnonzero(beh & (1 << b))
        rows.append(hit)
        bits.append(np.full(len(hit), b, dtype=np.int64))
    row = np.concatenate(rows)
    bit = np.concatenate(bits)
    sort = np.lexsort((bit, row))
    quoted = A.take(A.strings([f'"{c}"' for c in CODES]), bit[sort])
    counts = np.bincount(row, minlength=len(order)).astype(np.int64)
    behaviours = A.join_lists(A.lists_from_counts(counts, quoted), ", ")
    record = acc.num("t_record")[order].astype(np.int64)
    campaign = A.take(A.strings([f'"{r.campaign_id}"' for r in world.records] or ['""']), record)
    campaign = A.where(record < 0, "null", campaign)
    kind = A.take(A.strings([r.kind for r in world.records] or [""]), record)
    kind = A.where(record < 0, "organic", kind)
    role = _codes(ROLES, acc.num("t_role")[order])
    lines = A.join(
        '{"account_id": "',
        A.take(account_ids, order),
        '", "campaign_id": ',
        campaign,
        ', "behaviours": [',
        behaviours,
        '], "role": "',
        role,
        '", "kind": "',
        kind,
        '"}',
        sep="",
    )
    (out / "truth.jsonl").write_text(_lines(lines), encoding="utf-8")


def _plain(value: Any) -> Any:
    """JSON-ready copies of parameters (NumPy scalars, tuples, sets, rounded floats)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [_plain(v) for v in value]
        return sorted(items) if isinstance(value, set | frozenset) else items
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        return round(value, 4) if math.isfinite(value) else None
    return value


def write_campaigns(world: World, out: Path) -> None:
    """campaigns.jsonl: one line per campaign and hard-negative group, in id order."""
    record = world.accounts.num("t_record").astype(np.int64)
    sizes = np.bincount(record[record >= 0], minlength=len(world.records))
    lines = []
    for i, r in sorted(enumerate(world.records), key=lambda x: x[1].campaign_id):
        row = {
            "campaign_id": r.campaign_id,
            "kind": r.kind,
            "behaviours": sorted(r.behaviours),
            "accounts": int(sizes[i]),
            "tactics": list(r.tactics),
            "params": _plain(r.params),
            "targets": _plain(r.targets),
        }
        lines.append(json.dumps(row, ensure_ascii=False, sort_keys=True))
    (out / "campaigns.jsonl").write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
