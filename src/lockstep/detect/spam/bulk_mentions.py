"""``spam.bulk_mentions``: many cold replies and mentions to strangers in a short time.

A contact is a reply to someone's post or an @mention of someone. It is *cold* when it is the
first interaction between the two accounts anywhere in the data — no earlier reply, mention,
follow, like or other engagement in either direction. Customer support answering people who
wrote to the brand, a bot answering those who called it, friends replying to friends: none
of these are cold. A fan replying to a star is cold, but a fan does that once or twice; a
spammer does it to dozens of different strangers within hours, usually with the same text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, ClassVar

import ibis
import ibis.expr.types as ir

from lockstep.detect.base import Detection, Detector, Finding, Requirement, param
from lockstep.detect.text import NearDupParams, near_duplicate_groups
from lockstep.lake import Lake

#: Engagement kinds that do not make a later contact welcome.
NOT_INTERACTION = ("block", "view")


def contacts(lake: Lake) -> ir.Table:
    """One row per (post, recipient): ``src, dst, t, post_id`` for replies and mentions."""
    posts = lake.table("posts")
    parts: list[ir.Table] = []
    if not lake.missing_columns("posts", ["reply_to"]):
        parent = posts.select(parent_id=posts.post_id, dst=posts.account_id)
        replies = posts.filter(posts.reply_to.notnull())
        replies = replies.join(parent, replies.reply_to == parent.parent_id)
        parts.append(
            replies.select(
                src=replies.account_id,
                dst=replies.dst,
                t=replies.created_at,
                post_id=replies.post_id,
            )
        )
    if not lake.missing_columns("posts", ["mentions"]):
        mentioning = posts.filter(posts.mentions.length() > 0)
        parts.append(
            mentioning.select(
                src=mentioning.account_id,
                dst=mentioning.mentions.unnest(),
                t=mentioning.created_at,
                post_id=mentioning.post_id,
            )
        )
    out = parts[0] if len(parts) == 1 else parts[0].union(parts[1], distinct=False)
    return out.filter(out.dst.notnull() & (out.src != out.dst))


def _pair(src: ir.StringValue, dst: ir.StringValue) -> dict[str, ir.StringValue]:
    return {"lo": ibis.least(src, dst), "hi": ibis.greatest(src, dst)}


def first_interactions(lake: Lake, contact: ir.Table) -> ir.Table:
    """``lo, hi, first``: the earliest interaction of every pair that has a contact.

    Engagements count in both directions; a like or follow on someone's post counts as an
    interaction with its author. Only pairs that have a contact are looked up, so the
    (possibly huge) engagement table is cut down before any grouping.
    """
    pairs = contact.select(**_pair(contact.src, contact.dst), t=contact.t)
    if lake.has("engagements") and not lake.missing_columns(
        "engagements", ["account_id", "kind", "created_at"]
    ):
        eng = lake.table("engagements")
        eng = eng.filter(~eng.kind.isin(NOT_INTERACTION))
        direct = eng.filter(eng.target_account_id.notnull()).select(
            a=eng.account_id, b=eng.target_account_id, t=eng.created_at
        )
        posts = lake.table("posts").select(pid=ibis._.post_id, b=ibis._.account_id)
        on_post = eng.filter(eng.target_post_id.notnull())
        on_post = on_post.join(posts, on_post.target_post_id == posts.pid).select(
            a=on_post.account_id, b=posts.b, t=on_post.created_at
        )
        engaged = direct.union(on_post, distinct=False)
        engaged = engaged.filter(engaged.a != engaged.b)
        engaged = engaged.select(**_pair(engaged.a, engaged.b), t=engaged.t)
        keys = pairs.select("lo", "hi").distinct()
        pairs = pairs.union(engaged.semi_join(keys, ["lo", "hi"]), distinct=False)
    return pairs.group_by(["lo", "hi"]).aggregate(first=pairs.t.min())


def cold_contacts(lake: Lake) -> ir.Table:
    """``src, dst, t, post_id``: each sender's first contact with each recipient, when that
    contact was also the pair's first interaction of any kind."""
    contact = contacts(lake)
    rank = ibis.row_number().over(
        group_by=[contact.src, contact.dst], order_by=[contact.t, contact.post_id]
    )
    first = contact.mutate(rank=rank).filter(ibis._.rank == 0).drop("rank")
    first = first.mutate(**_pair(first.src, first.dst))
    known = first_interactions(lake, contact)
    joined = first.join(known, ["lo", "hi"])
    return joined.filter(joined.t <= joined.first).select("src", "dst", "t", "post_id")


@dataclass(frozen=True)
class BulkMentions(Detector):
    """Accounts that reply to or mention many strangers in a short time.

    Seed clause: 001 "sending bulk, aggressive, high-volume unsolicited replies, mentions, or
    Direct Messages"; 000 "mass, unsolicited actions that disrupt the platform".

    Signal: a contact (a reply to an account's post, or an @mention of it) is *cold* when it
    is the first interaction between the two accounts in the data, in either direction and
    of any kind (reply, mention, follow, like, repost, ...; views and blocks do not count).
    For every sender, a sliding window of `window_hours` counts the distinct strangers it
    contacted cold; the peak of that count is the sender's burst. A contact is *templated*
    when its post is near-identical to another of the sender's cold-contact posts (the
    MinHash near-duplicate groups shared with `spam.duplicate_posts`). A sender is flagged
    when its burst reaches `min_recipients`, or `min_recipients_templated` when at least
    `min_templated_share` of its cold contacts are templated. Fans replying to a star (one
    cold contact each), support accounts answering people who wrote to them first, and bots
    answering those who called them stay below. Score: 0.25 + 0.25 × min(2, burst / the
    threshold that applied) + 0.25 × templated share.

    Evidence: the burst (distinct strangers, window start and end), all cold contacts and
    strangers in the data, the templated share, and up to `max_evidence` contacts of the
    burst with time, recipient, post and whether it was templated.

    Known limits: "never interacted" is judged on the data at hand: a dataset without
    engagements, or one that starts mid-conversation, makes more contacts look cold (the
    thresholds are set for that). Direct messages are not in the input contract. A spammer
    that first likes each target's post makes its replies look warm. Replies to posts that
    are not in the data have no known recipient and are not counted.
    """

    name: ClassVar[str] = "spam.bulk_mentions"
    version: ClassVar[str] = "1"
    behaviours: ClassVar[tuple[str, ...]] = ("spam.bulk_mentions",)
    requires: ClassVar[tuple[Requirement, ...]] = (
        Requirement("posts", ("post_id", "account_id", "created_at")),
    )

    window_hours: float = param(6.0, "length of the sliding window for a burst, in hours")
    min_recipients: int = param(30, "distinct strangers in one window that flag an account")
    min_recipients_templated: int = param(
        12, "distinct strangers in one window that flag an account whose contacts are templated"
    )
    min_templated_share: float = param(
        0.5, "share of cold contacts that must be templated for the lower threshold"
    )
    max_evidence: int = param(20, "contacts of the burst quoted per finding")

    def missing(self, lake: Lake) -> list[str]:
        """Replies or mentions are needed; either one is enough."""
        out = super().missing(lake)
        if lake.missing_columns("posts", ["reply_to"]) and lake.missing_columns(
            "posts", ["mentions"]
        ):
            out.append("posts.reply_to or posts.mentions")
        return out

    def detect(self, lake: Lake) -> Detection:
        if self.missing(lake):
            return Detection()
        cold = cold_contacts(lake).cache()
        try:
            window = ibis.window(
                group_by=cold.src,
                order_by=cold.t,
                range=(-ibis.interval(seconds=int(self.window_hours * 3600)), 0),
            )
            counted = cold.mutate(n=cold.dst.count().over(window))
            best = ibis.row_number().over(
                group_by=counted.src, order_by=[ibis.desc(counted.n), counted.t]
            )
            peaks = (
                counted.mutate(rank=best)
                .filter(ibis._.rank == 0)
                .select("src", peak=ibis._.n, peak_end=ibis._.t)
            )
            low = min(self.min_recipients, self.min_recipients_templated)
            candidates = peaks.filter(peaks.peak >= low)
            mine = cold.semi_join(candidates, "src")
            if lake.missing_columns("posts", ["text"]):
                per_src = mine.mutate(templ=ibis.literal(False))
            else:
                templated = self._templated(lake, mine)
                per_src = mine.left_join(templated, "post_id").select(
                    "src", "dst", "t", "post_id", templ=ibis._.templ.fill_null(False)
                )
            stats = per_src.group_by("src").aggregate(
                cold=per_src.count(),
                templated=per_src.templ.cast("int64").sum(),
            )
            rows = candidates.join(stats, "src").order_by("src").to_pyarrow().to_pylist()
            flagged = [r for r in rows if self._flags(r)]
            evidence = self._evidence(lake, per_src, flagged)
        finally:
            cold.release()
        return Detection(findings=self.findings([self._finding(r, evidence) for r in flagged]))

    def _templated(self, lake: Lake, mine: ir.Table) -> ir.Table:
        """``post_id, templ``: cold-contact posts near-identical to another of the sender's."""
        posts = lake.table("posts")
        texts = posts.semi_join(mine.select("post_id").distinct(), "post_id").select(
            "post_id", "account_id", "created_at", "text"
        )
        groups = near_duplicate_groups(texts, NearDupParams(), by="account_id")
        return groups.select("post_id", templ=ibis.literal(True))

    def _threshold(self, row: dict[str, Any]) -> int:
        share = row["templated"] / row["cold"]
        if share >= self.min_templated_share:
            return min(self.min_recipients, self.min_recipients_templated)
        return self.min_recipients

    def _flags(self, row: dict[str, Any]) -> bool:
        return bool(row["peak"] >= self._threshold(row))

    def _evidence(
        self, lake: Lake, per_src: ir.Table, flagged: list[dict[str, Any]]
    ) -> dict[str, list[dict[str, Any]]]:
        """The first ``max_evidence`` cold contacts of each flagged account's burst."""
        if not flagged:
            return {}
        width = timedelta(hours=self.window_hours)
        bursts = ibis.memtable(
            {
                "src": [r["src"] for r in flagged],
                "w_end": [r["peak_end"] for r in flagged],
                "w_start": [r["peak_end"] - width for r in flagged],
            }
        )
        inside = per_src.join(bursts, "src")
        inside = inside.filter((inside.t >= inside.w_start) & (inside.t <= inside.w_end))
        rank = ibis.row_number().over(group_by=inside.src, order_by=[inside.t, inside.dst])
        quoted = (
            inside.mutate(rank=rank)
            .filter(ibis._.rank < self.max_evidence)
            .select("src", "dst", "t", "post_id", "templ")
        )
        if not lake.missing_columns("posts", ["text"]):
            texts = lake.table("posts").select("post_id", "text")
            quoted = quoted.left_join(texts, "post_id").select(*quoted.columns, "text")
        else:
            quoted = quoted.mutate(text=ibis.null("string"))
        quoted = quoted.order_by(["src", "t", "dst"])
        out: dict[str, list[dict[str, Any]]] = {}
        for r in quoted.to_pyarrow().to_pylist():
            out.setdefault(r["src"], []).append(
                {
                    "post_id": r["post_id"],
                    "to": r["dst"],
                    "created_at": r["t"],
                    "templated": r["templ"],
                    "text": (r["text"] or "")[:140],
                }
            )
        return out

    def _finding(self, row: dict[str, Any], evidence: dict[str, list[dict[str, Any]]]) -> Finding:
        share = row["templated"] / row["cold"]
        threshold = self._threshold(row)
        end: datetime = row["peak_end"]
        quoted = evidence.get(row["src"], [])
        # the burst starts at its first cold contact, not at the window's nominal start
        start = quoted[0]["created_at"] if quoted else end - timedelta(hours=self.window_hours)
        summary = (
            f"Contacted {row['peak']} strangers within {self.window_hours:g} h "
            f"({row['cold']} strangers in all, {share:.0%} with templated text)."
        )
        return Finding(
            behaviour="spam.bulk_mentions",
            subject_type="account",
            subject_id=row["src"],
            account_ids=[row["src"]],
            score=0.25 + 0.25 * min(2.0, row["peak"] / threshold) + 0.25 * share,
            evidence={
                "summary": summary,
                "burst_recipients": row["peak"],
                "window_hours": self.window_hours,
                "cold_contacts": row["cold"],
                "templated_share": round(share, 4),
                "contacts": quoted,
            },
            window_start=start,
            window_end=end,
        )
