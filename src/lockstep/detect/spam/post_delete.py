"""``spam.post_delete``: posting the same content and deleting it, again and again."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, ClassVar

import ibis
import ibis.expr.types as ir

from lockstep.detect.base import Detection, Detector, Finding, Requirement, param

# Evidence formatting shared with spam.duplicate_posts, so both read the same way.
from lockstep.detect.evidence import CAP, clip, iso, span
from lockstep.detect.text import NearDupParams, near_duplicate_groups, repeated_within
from lockstep.lake import Lake


@dataclass(frozen=True)
class PostDelete(Detector):
    """Accounts that post the same content and delete it, over and over.

    Seed clause: 001 "posting and deleting the same content repeatedly".

    Signal: only deleted posts are considered, and only those deleted within
    `max_lifetime_hours` of being posted (a post-and-delete cycle, not a later clean-up of
    old posts). Within each account these are grouped by content exactly as
    `spam.duplicate_posts` groups copies (normalised text, Jaccard similarity of character
    4-grams of at least `similarity`, so small edits between cycles do not hide the
    repetition). An account is flagged when one content was posted and deleted at least
    `min_cycles` times within `window_hours`. Deleting a typo'd post and reposting it once
    is one deleted copy; deleting many different posts (tidying an account) gives no
    repeated content; neither is flagged. Self-declared automated accounts are left out while
    `exempt_declared_bots` is set (seed 001 allows hobby bots).

    Score: the number of cycles, log-scaled so `saturation_cycles` cycles score full.

    Evidence: a one-sentence summary ("Posted and deleted near-identical content 5 times
    between 2024-03-01 10:02 and 14:40 UTC; each copy deleted after a median of 12
    minutes."); `cycles`, `contents` (how many different contents cycled), the
    `median_lifetime_minutes`; `post_ids`, `times` and `deleted_times` of the first 20
    deleted copies with `post_count` the total; `sample_texts` of the cycled contents; and
    the parameters that decided.

    Known limits: needs `posts.deleted_at` (skipped when the input never filled it) and the
    deleted posts' text; a reposted copy that is never deleted is not counted; content
    comparison has the limits of `spam.duplicate_posts` (obfuscated characters, first 1000
    normalised characters, short CJK text, posts with no text).
    """

    name: ClassVar[str] = "spam.post_delete"
    version: ClassVar[str] = "1"
    behaviours: ClassVar[tuple[str, ...]] = ("spam.post_delete",)
    requires: ClassVar[tuple[Requirement, ...]] = (
        Requirement("posts", ("account_id", "created_at", "text", "deleted_at")),
    )

    min_cycles: int = param(
        3, "deleted copies of one content within the window that make it a pattern (at least 2)"
    )
    window_hours: float = param(168.0, "length of the sliding window the cycles must fit in")
    max_lifetime_hours: float = param(
        48.0, "a post deleted later than this after posting is a clean-up, not a cycle"
    )
    similarity: float = param(
        0.7, "Jaccard similarity of character 4-grams from which two texts are the same content"
    )
    min_chars: int = param(
        20, "shortest normalised text (letters and digits) compared; shorter posts never count"
    )
    exempt_declared_bots: bool = param(
        True, "leave self-declared automated accounts out (seed 001 allows hobby bots)"
    )
    saturation_cycles: int = param(20, "cycles at which the score reaches its maximum")

    def __post_init__(self) -> None:
        if self.min_cycles < 2:
            raise ValueError("min_cycles must be at least 2")
        if self.window_hours <= 0 or self.max_lifetime_hours <= 0:
            raise ValueError("window_hours and max_lifetime_hours must be positive")
        if self.saturation_cycles < 2:
            raise ValueError("saturation_cycles must be at least 2")
        NearDupParams(min_chars=self.min_chars, threshold=self.similarity)  # validates

    # -- engine work ---------------------------------------------------------------------

    def _deleted(self, lake: Lake) -> ir.Table:
        """Posts deleted within ``max_lifetime_hours``, with their lifetime in seconds."""
        posts = lake.table("posts")
        if self.exempt_declared_bots and not lake.missing_columns(
            "accounts", ["declared_automated"]
        ):
            accounts = lake.table("accounts")
            bots = accounts.filter(accounts.declared_automated.fill_null(False))
            posts = posts.anti_join(bots.select("account_id"), "account_id")
        life = posts.deleted_at.epoch_seconds() - posts.created_at.epoch_seconds()
        posts = posts.filter(posts.deleted_at.notnull()).mutate(lifetime=life)
        return posts.filter(
            (posts.lifetime >= 0) & (posts.lifetime <= int(self.max_lifetime_hours * 3600))
        )

    def detect(self, lake: Lake) -> Detection:
        deleted = self._deleted(lake)
        groups = near_duplicate_groups(
            deleted.select("post_id", "account_id", "created_at", "text"),
            NearDupParams(min_chars=self.min_chars, threshold=self.similarity),
            by="account_id",
        )
        try:
            times = deleted.select("post_id", "deleted_at", "lifetime", "text")
            copies = groups.join(times, "post_id").select(
                "account_id",
                "group_id",
                "post_id",
                "created_at",
                "deleted_at",
                "lifetime",
                "similarity",
                "text",
            )
            cycled = repeated_within(copies, "group_id", self.window_hours, self.min_cycles).cache()
            try:
                findings = self._findings(cycled)
            finally:
                cycled.release()
        finally:
            groups.release()
        return Detection(findings=self.findings(findings))

    # -- evidence ------------------------------------------------------------------------

    def _findings(self, cycled: ir.Table) -> list[Finding]:
        totals = cycled.group_by("account_id").aggregate(
            cycles=cycled.post_id.nunique(),
            contents=cycled.group_id.nunique(),
            first=cycled.created_at.min(),
            last=cycled.deleted_at.max(),
            lowest=cycled.similarity.min(),
            median_lifetime=cycled.lifetime.median(),
        )
        accounts = totals.to_pyarrow().to_pylist()
        if not accounts:
            return []
        rank = ibis.row_number().over(
            group_by=cycled.account_id, order_by=[cycled.created_at, cycled.post_id]
        )
        listed = cycled.mutate(rank=rank).filter(ibis._.rank < CAP)
        rows = listed.select("account_id", "post_id", "created_at", "deleted_at").to_pyarrow()
        by_account: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in sorted(
            rows.to_pylist(), key=lambda r: (r["account_id"], r["created_at"], r["post_id"])
        ):
            by_account[row["account_id"]].append(row)
        firsts = cycled.filter(cycled.post_id == cycled.group_id)
        samples: dict[str, list[str]] = defaultdict(list)
        for row in sorted(
            firsts.select("account_id", "group_id", "text").to_pyarrow().to_pylist(),
            key=lambda r: (r["account_id"], r["group_id"]),
        ):
            if row["text"] and len(samples[row["account_id"]]) < 3:
                samples[row["account_id"]].append(clip(row["text"]))
        return [
            self._finding(a, by_account[a["account_id"]], samples[a["account_id"]])
            for a in sorted(accounts, key=lambda r: r["account_id"])
        ]

    def _finding(
        self, account: dict[str, Any], listed: list[dict[str, Any]], samples: list[str]
    ) -> Finding:
        cycles = int(account["cycles"])
        minutes = float(account["median_lifetime"]) / 60
        return Finding(
            behaviour="spam.post_delete",
            subject_type="account",
            subject_id=account["account_id"],
            account_ids=[account["account_id"]],
            score=min(1.0, math.log(cycles) / math.log(self.saturation_cycles)),
            window_start=account["first"],
            window_end=account["last"],
            evidence={
                "summary": self._summary(account, minutes),
                "cycles": cycles,
                "contents": int(account["contents"]),
                "median_lifetime_minutes": round(minutes, 1),
                "post_ids": [r["post_id"] for r in listed],
                "post_count": cycles,
                "times": [iso(r["created_at"]) for r in listed],
                "deleted_times": [iso(r["deleted_at"]) for r in listed],
                "sample_texts": samples,
                "similarity_threshold": self.similarity,
                "min_cycles": self.min_cycles,
                "window_hours": self.window_hours,
                "max_lifetime_hours": self.max_lifetime_hours,
            },
        )

    @staticmethod
    def _summary(account: dict[str, Any], minutes: float) -> str:
        kind = "identical" if account["lowest"] >= 1.0 else "near-identical"
        contents = int(account["contents"])
        what = f"{contents} different contents" if contents > 1 else "content"
        return (
            f"Posted and deleted {kind} {what} {account['cycles']} times "
            f"{span(account['first'], account['last'])}; each copy deleted after a median "
            f"of {_duration(minutes)}."
        )


def _duration(minutes: float) -> str:
    if minutes < 90:
        n = round(minutes)
        return f"{n} minute{'s' if n != 1 else ''}"
    return f"{minutes / 60:.1f} hours"
