"""``coord.multi_account_livestream``: one livestream or video pushed out through several
accounts at once."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, ClassVar

import ibis
import ibis.expr.types as ir
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from lockstep.detect.base import Detection, Detector, Edge, Finding, Requirement, param
from lockstep.detect.identity.phash import near_pairs, parse_hex64
from lockstep.detect.text import components
from lockstep.lake import Lake

BEHAVIOUR = "coord.multi_account_livestream"
SIGNAL = "co_distributed_media"
MAX_LISTED = 20


@dataclass(frozen=True)
class MultiAccountLivestream(Detector):
    """The same livestream or video uploaded as new posts by several accounts in a short span.

    **Seed clause.** 000: "using multiple accounts to distribute the same livestream";
    reposting the same videos through several accounts.

    **Signal.** Posts of the ``kinds`` listed (livestreams by default) are exploded into
    (media hash, account, time). Re-encoding a stream changes its perceptual hash by a few
    bits, so 64-bit perceptual hashes (16 hex digits) within ``near_bits`` of each other and
    uploaded within one window count as one media: found by banded blocking by hash band and
    time bucket, and joined as connected components (other hash formats match exactly). The
    default of 8 bits sits above re-encoding noise and below the 11 or more bits that
    separate different pictures in real data. Around every upload a window of
    ``window_minutes`` is opened. An account is reported when it uploads inside a window
    holding the same media from at least ``min_accounts`` distinct accounts, or when it and
    another account co-upload (same window) at least ``min_repeats`` distinct media: a ring
    of two that does it stream after stream. Uploads of one media are cut into separate
    *distributions* wherever the gap exceeds the window. The score grows with the distinct
    media co-distributed and with the largest distribution (one media among
    ``min_accounts`` accounts scores 0.5, two media 0.75). Each pair of reported accounts
    that co-uploaded becomes an edge (signal ``co_distributed_media``, weight = distinct
    media) for the network stage.

    **Not flagged.** Organic viral sharing: reposts are engagements, not posts, so they
    never enter. Videos are not compared by default: a live broadcast exists only while it
    runs, so several accounts carrying it at once are distributing it, while a recorded clip
    is re-uploaded by unrelated people every day (a viral clip in its first hours), and a
    business's branches post the chain's promotional clip on each branch account (seed 001
    allows branches); add ``video`` to ``kinds`` to compare recorded videos too (then a clip
    embedded by two outlets days apart shares no window). One account re-posting its own
    stream. Self-declared automated accounts while
    ``exempt_declared_bots`` is on (seed 001: hobby and artistic bots). Posts of other kinds
    (ordinary posts with the same picture).

    **Evidence.** Per distribution: the media key and the hashes seen (re-encodings), the
    accounts, the post ids with kinds and times, the span in minutes; totals when lists are
    capped at 20. The account's co-distributors and the partners it repeatedly co-uploaded
    with.

    **Known limits.** Media hashes must be supplied by the platform: without
    ``media_hashes`` the detector is skipped. Chains of near hashes can join variants that
    are further apart than ``near_bits``; the banded search costs more as ``near_bits``
    grows (bands get narrower), though blocking by time keeps it to uploads close together.
    A viral clip re-uploaded as new posts by ``min_accounts`` unrelated people within one
    window looks like a distribution by this signal alone.
    """

    name: ClassVar[str] = BEHAVIOUR
    version: ClassVar[str] = "1"
    behaviours: ClassVar[tuple[str, ...]] = (BEHAVIOUR,)
    requires: ClassVar[tuple[Requirement, ...]] = (Requirement("posts", ("kind", "media_hashes")),)

    kinds: str = param("livestream", "comma-separated post kinds whose media is compared")
    window_minutes: float = param(60.0, "uploads of one media within this span share a window")
    min_accounts: int = param(3, "distinct accounts in one window that make a distribution")
    min_repeats: int = param(
        2, "distinct media two accounts co-upload to be reported as a pair (0: off)"
    )
    near_bits: int = param(8, "perceptual-hash bits within which media count as the same")
    exempt_declared_bots: bool = param(True, "leave out self-declared automated accounts")

    def detect(self, lake: Lake) -> Detection:
        empty = Detection(findings=self.findings([]), edges=self.edges([]))
        uploads = self._uploads(lake)
        if uploads is None:
            return empty
        shared: pa.Table = lake.con.to_pyarrow(self._shared(uploads))
        if shared.num_rows == 0:
            return empty
        # co-uploads are few (uploads that share a window with another account): pair them
        # from memory instead of recomputing the window join
        pairs = lake.con.to_pyarrow(self._pairs(ibis.memtable(shared))).to_pylist()
        partners: dict[str, set[str]] = defaultdict(set)
        for pair in pairs:
            if self.min_repeats > 0 and len(pair["media"]) >= self.min_repeats:
                partners[pair["src"]].add(pair["dst"])
                partners[pair["dst"]].add(pair["src"])
        rows = shared.to_pylist()
        crowded = {r["account_id"] for r in rows if r["crowd"] >= self.min_accounts}
        flagged = crowded | set(partners)
        findings = self._findings(rows, flagged, partners)
        edges = [_edge(p) for p in pairs if p["src"] in flagged and p["dst"] in flagged]
        return Detection(findings=self.findings(findings), edges=self.edges(edges))

    # -- engine ----------------------------------------------------------------------------

    def _uploads(self, lake: Lake) -> ir.Table | None:
        """(media, hash, post_id, account_id, kind, created_at) for every upload compared."""
        kinds = [k.strip() for k in self.kinds.split(",") if k.strip()]
        if not kinds or not lake.has("posts"):
            return None
        posts = lake.table("posts")
        posts = posts.filter(posts.kind.isin(kinds), posts.media_hashes.notnull())
        if self.exempt_declared_bots and not lake.missing_columns(
            "accounts", ("declared_automated",)
        ):
            acc = lake.table("accounts")
            bots = acc.filter(acc.declared_automated.fill_null(False)).select("account_id")
            posts = posts.anti_join(bots, "account_id")
        exploded = posts.select(
            "post_id", "account_id", "kind", "created_at", hash=posts.media_hashes.unnest()
        )
        exploded = exploded.mutate(hash=exploded.hash.strip().lower())
        exploded = exploded.filter(exploded.hash.notnull(), exploded.hash != "")
        if self.near_bits <= 0:
            return exploded.mutate(media=exploded.hash)
        groups = self._near_groups(lake, exploded)
        if groups is None:
            return exploded.mutate(media=exploded.hash)
        joined = exploded.left_join(groups, exploded.hash == groups.variant)
        return joined.select(
            "post_id",
            "account_id",
            "kind",
            "created_at",
            "hash",
            media=joined.group.fill_null(joined.hash),
        )

    def _near_groups(self, lake: Lake, exploded: ir.Table) -> ir.Table | None:
        """(variant, group): hex64 hashes within ``near_bits`` of a hash uploaded within the
        window of it, mapped to the smallest hash of their connected component.

        Only copies that occur close together matter, so the banded search is blocked by
        time bucket as well: linear in the uploads rather than quadratic in the hashes.
        """
        table = lake.con.to_pyarrow(exploded.select("hash", "created_at").distinct())
        values, valid = parse_hex64(table["hash"].combine_chunks())
        index = np.flatnonzero(valid)
        if len(index) < 2:
            return None
        micros = table["created_at"].cast(pa.int64()).to_numpy(zero_copy_only=False)[index]
        span = max(1, round(self.window_minutes * 60_000_000))
        pairs = near_pairs(values[index], self.near_bits, micros // span)
        i = pairs["i"].to_numpy()
        j = pairs["j"].to_numpy()
        close = np.abs(micros[i] - micros[j]) <= span
        # components over distinct hashes, numbered in sorted order so that a component's
        # smallest number is its smallest hash
        text = np.asarray(pc.take(table["hash"], pa.array(index, pa.int64())).to_pylist())
        distinct, code = np.unique(text, return_inverse=True)
        a, b = code[i[close]], code[j[close]]
        linked = a != b
        if not linked.any():
            return None
        label = components(a[linked], b[linked], len(distinct))
        members = np.unique(np.concatenate([a[linked], b[linked]]))
        mapping = pa.table(
            {
                "variant": pa.array(distinct[members].tolist(), pa.string()),
                "group": pa.array(distinct[label[members]].tolist(), pa.string()),
            }
        )
        return ibis.memtable(mapping)

    def _shared(self, uploads: ir.Table) -> ir.Table:
        """Uploads sharing a window with another account's upload of the same media, with
        ``crowd``: the most distinct accounts of any window the upload belongs to."""
        anchor = uploads.select(a_media="media", a_post="post_id", a_time="created_at")
        other = uploads.select("media", "hash", "post_id", "account_id", "kind", "created_at")
        window = ibis.interval(seconds=round(self.window_minutes * 60))
        joined = anchor.join(
            other,
            [
                anchor.a_media == other.media,
                other.created_at >= anchor.a_time,
                other.created_at <= anchor.a_time + window,
            ],
        )
        counts = joined.group_by("a_media", "a_post").aggregate(
            accounts=joined.account_id.nunique()
        )
        crowded = counts.filter(counts.accounts >= 2)
        inside = joined.join(
            crowded,
            [joined.a_media == crowded.a_media, joined.a_post == crowded.a_post],
        )
        return inside.group_by(
            "media", "hash", "post_id", "account_id", "kind", "created_at"
        ).aggregate(crowd=inside.accounts.max())

    def _pairs(self, members: ir.Table) -> ir.Table:
        """Pairs of co-distributing accounts: both uploaded one media within the window."""
        left = members.select(media="media", src="account_id", t1="created_at")
        right = members.select(media2="media", dst="account_id", t2="created_at")
        window = ibis.interval(seconds=round(self.window_minutes * 60))
        joined = left.join(
            right,
            [
                left.media == right.media2,
                left.src < right.dst,
                right.t2 <= left.t1 + window,
                left.t1 <= right.t2 + window,
            ],
        )
        return (
            joined.group_by("src", "dst")
            .aggregate(
                media=joined.media.collect(distinct=True),
                first=ibis.least(joined.t1, joined.t2).min(),
                last=ibis.greatest(joined.t1, joined.t2).max(),
            )
            .order_by("src", "dst")
        )

    # -- findings --------------------------------------------------------------------------

    def _findings(
        self, rows: list[dict[str, Any]], flagged: set[str], partners: dict[str, set[str]]
    ) -> list[Finding]:
        per_account: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for d in self._distributions(rows):
            for acc in d["_accounts"]:
                # a distribution counts for an account when it is crowded enough, or when
                # it holds a partner the account keeps co-uploading with
                if acc in flagged and (
                    d["accounts_total"] >= self.min_accounts or partners[acc] & set(d["_accounts"])
                ):
                    per_account[acc].append(d)
        out = []
        for acc, found in sorted(per_account.items()):
            dists = sorted(found, key=lambda d: (-d["accounts_total"], d["first"], d["media"]))
            others = sorted({a for d in dists for a in d["_accounts"]} - {acc})
            own = [r["created_at"] for d in dists for r in d["_uploads"] if r["account_id"] == acc]
            largest = max(d["accounts_total"] for d in dists)
            media = {d["media"] for d in dists}
            strength = len(media) + 0.25 * (largest - self.min_accounts)
            out.append(
                Finding(
                    behaviour=BEHAVIOUR,
                    subject_type="account",
                    subject_id=acc,
                    account_ids=[acc],
                    score=1.0 - 0.5**strength,
                    window_start=min(own),
                    window_end=max(own),
                    evidence={
                        "summary": _summary(dists, others, self.window_minutes),
                        "distributions": [
                            {k: v for k, v in d.items() if not k.startswith("_")}
                            for d in dists[:MAX_LISTED]
                        ],
                        "distributions_total": len(dists),
                        "media_total": len(media),
                        "co_distributors": others[:MAX_LISTED],
                        "co_distributors_total": len(others),
                        "repeat_partners": sorted(partners[acc])[:MAX_LISTED],
                        "window_minutes": self.window_minutes,
                    },
                )
            )
        return out

    def _distributions(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Uploads of one media split where the gap exceeds the window: one distribution
        each, so the same media pushed again days later is reported as a second one."""
        by_media: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in rows:
            by_media[r["media"]].append(r)
        gap = timedelta(minutes=self.window_minutes)
        out = []
        for media, uploads in sorted(by_media.items()):
            uploads.sort(key=lambda r: (r["created_at"], r["post_id"]))
            start = 0
            for i in range(1, len(uploads) + 1):
                end = i == len(uploads)
                if end or uploads[i]["created_at"] - uploads[i - 1]["created_at"] > gap:
                    out.append(_distribution(media, uploads[start:i]))
                    start = i
        return out


def _distribution(media: str, uploads: list[dict[str, Any]]) -> dict[str, Any]:
    accounts = sorted({r["account_id"] for r in uploads})
    first: datetime = uploads[0]["created_at"]
    last: datetime = uploads[-1]["created_at"]
    hashes = sorted({r["hash"] for r in uploads})
    return {
        "media": media,
        "hashes": hashes[:MAX_LISTED],
        "kinds": sorted({r["kind"] for r in uploads}),
        "accounts": accounts[:MAX_LISTED],
        "accounts_total": len(accounts),
        "posts": [
            {
                "post_id": r["post_id"],
                "account_id": r["account_id"],
                "kind": r["kind"],
                "created_at": r["created_at"],
            }
            for r in uploads[:MAX_LISTED]
        ],
        "posts_total": len(uploads),
        "first": first,
        "last": last,
        "span_minutes": round((last - first).total_seconds() / 60, 1),
        "_accounts": accounts,
        "_uploads": uploads,
    }


def _summary(dists: list[dict[str, Any]], others: list[str], window: float) -> str:
    top = dists[0]
    media = {d["media"] for d in dists}
    kinds = {k for d in dists for k in d["kinds"]}
    noun = "livestream" if kinds == {"livestream"} else "video" if kinds == {"video"} else "item"
    items = f"{len(media)} {noun}s" if len(media) > 1 else f"a {noun}"
    pushes = f" in {len(dists)} separate pushes" if len(dists) > len(media) else ""
    return (
        f"uploaded {items} that {len(others)} other account(s) also uploaded within "
        f"{window:g} minutes{pushes} (media {top['media']}: {top['accounts_total']} accounts, "
        f"{top['posts_total']} posts in {top['span_minutes']:g} minutes)"
    )


def _edge(row: dict[str, Any]) -> Edge:
    media = sorted(row["media"])
    return Edge(
        signal=SIGNAL,
        src=row["src"],
        dst=row["dst"],
        weight=float(len(media)),
        window_start=row["first"],
        window_end=row["last"],
        evidence={
            "summary": f"co-distributed {len(media)} media item(s) within the window",
            "media": media[:MAX_LISTED],
            "media_total": len(media),
        },
    )
