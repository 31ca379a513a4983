"""``spam.duplicate_posts``: one account repeatedly posting identical or near-identical content."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, ClassVar

import ibis
import ibis.expr.types as ir

from lockstep.detect.base import Detection, Detector, Finding, Requirement, param
from lockstep.detect.evidence import CAP, clip, iso, span
from lockstep.detect.text import NearDupParams, near_duplicate_groups, repeated_within
from lockstep.lake import Lake
from lockstep.repetition import (
    DUPLICATE_COPIES,
    DUPLICATE_MIN_CHARS,
    DUPLICATE_MIN_SHARE,
    DUPLICATE_WINDOW_HOURS,
    SIMILARITY,
)

#: Repeated contents described one by one in the evidence, largest first.
TOP_CONTENTS = 5


@dataclass(frozen=True)
class DuplicatePosts(Detector):
    """Accounts that repeatedly post the same content, verbatim or with small edits.

    Seed clause: 001 "repeatedly posting identical or nearly identical Tweets"; 000
    "repeatedly posting near-identical product videos ... large volumes of nearly identical
    videos with minimal creative variation".

    Signal: within each account, posts are grouped by content. Text is compared after
    normalisation (links, @mentions, case, punctuation, emoji and spacing ignored; inline
    hashtags kept as words, a closing block of hashtags dropped) by the Jaccard similarity
    of character 4-grams, so added or removed words, a changed link, other hashtags and any
    script (Latin, Cyrillic, Arabic, CJK) are handled alike; two texts with similarity of at
    least `similarity` are the same content, and contents chain (A like B, B like C). Posts
    carrying an identical media hash are the same content too (the same video or image
    posted again), whatever their captions. A content is *repeated* when at least
    `min_copies` of its posts fall within some `window_hours` window; the account is flagged
    when it has a repeated content and its copies make up at least `min_share` of all its
    posts from its first copy to its last. Four in a week by default: two or three near-identical
    posts happen to ordinary people (the same birthday wish to several friends, a weekly
    greeting); four is where chance reuse of a phrase becomes rare and a habit of repetition
    shows. This is the definition of `lockstep.repetition`, which the synthetic truth uses
    too. The near-duplicate matching is the shared machinery of `lockstep.detect.text`
    (MinHash and LSH in the engine, candidates verified by exact Jaccard), applied within
    one account only, so other accounts' posts never link two of this account's posts.

    Left alone, by design: texts shorter than `min_chars` letters once normalised (stock
    replies such as "thanks!", "lol", "first", "❤️"; Han, kana and Hangul characters count
    three); longer stock replies ("Totally agree", "Kesinlikle katılıyorum") that a
    talkative person says daily among hundreds of other posts (below `min_share`); a news
    account posting distinct headlines with the same link (links are not text, and distinct
    headlines are not near-identical); a business whose branch accounts post one promotion
    once each (that is several accounts, not one repeating itself — see `spam.copypasta`);
    and self-declared automated accounts (`accounts.declared_automated`) while
    `exempt_declared_bots` is set, because seed 001 lists hobby and artistic bots as not a
    violation and their output is templated by design (a clock bot posts the same words
    every hour). A self-declared bot that spams is still caught by the link, URL and
    cross-account detectors.

    Score: half the volume of repetition, log-scaled so `saturation_copies` copies score
    full, plus half the share of the account's posts in the window (first to last copy)
    that are copies: an account that does nothing but repeat itself scores near 1, a busy
    account with a few repeats low.

    Evidence: a one-sentence summary an analyst can check ("Posted 14 near-identical posts
    between 2024-03-01 10:02 and 11:40 UTC (text similarity ≥ 0.7)."); `copies`,
    `posts_in_window` (all the account's posts from first to last copy) and their `share`;
    `post_ids` and `times` of the first 20 copies with `post_count` the total; `contents`,
    the five largest repeated contents, each with its copies, first and last time, a sample
    post and text, and either the media hash or the lowest similarity of a copy to the
    content's first post; `sample_texts`; `shared_urls`, links found in two or more copies;
    and the parameters that decided (`similarity_threshold`, `min_copies`, `window_hours`).

    Known limits: near-identical videos are recognised only by an identical media hash (a
    re-encoded video with a different hash is caught only through its caption); obfuscated
    characters ("𝐁𝐮𝐲", Cyrillic look-alikes) are compared as they are; only the first 1000
    normalised characters of a text are compared; in short CJK texts one changed character
    weighs more, so fewer edits are tolerated; a post made only of a link, mention or emoji
    has no text to compare (`spam.link_only` covers links); a busy account whose
    repetition is under a tenth of its posts (`min_share`) is left alone however often it
    repeats.
    """

    name: ClassVar[str] = "spam.duplicate_posts"
    version: ClassVar[str] = "1"
    behaviours: ClassVar[tuple[str, ...]] = ("spam.duplicate_posts",)
    requires: ClassVar[tuple[Requirement, ...]] = (
        Requirement("posts", ("account_id", "created_at", "text")),
    )

    min_copies: int = param(
        DUPLICATE_COPIES,
        "posts of one content within the window that make it repeated (at least 2)",
    )
    window_hours: float = param(
        DUPLICATE_WINDOW_HOURS, "length of the sliding window the copies must fit in"
    )
    similarity: float = param(
        SIMILARITY,
        "Jaccard similarity of character 4-grams from which two texts are the same content",
    )
    min_chars: int = param(
        DUPLICATE_MIN_CHARS,
        "shortest normalised text (letters and digits) compared; shorter posts never count",
    )
    min_share: float = param(
        DUPLICATE_MIN_SHARE,
        "least share of the account's posts from its first copy to its last that the copies "
        "make up (a stock reply among hundreds of posts is a habit of speech)",
    )
    use_media: bool = param(
        True, "count posts with an identical media hash as copies (when media_hashes is filled)"
    )
    exempt_declared_bots: bool = param(
        True, "leave self-declared automated accounts out (seed 001 allows hobby bots)"
    )
    saturation_copies: int = param(
        20, "copies at which the volume half of the score reaches its maximum"
    )

    def __post_init__(self) -> None:
        if self.min_copies < 2:
            raise ValueError("min_copies must be at least 2")
        if self.window_hours <= 0:
            raise ValueError("window_hours must be positive")
        if self.saturation_copies < 2:
            raise ValueError("saturation_copies must be at least 2")
        if not 0.0 <= self.min_share <= 1.0:
            raise ValueError("min_share must be in [0, 1]")
        self.text_params()  # validates similarity and min_chars

    def text_params(self) -> NearDupParams:
        """The near-duplicate settings this detector's parameters stand for."""
        return NearDupParams(min_chars=self.min_chars, threshold=self.similarity)

    # -- engine work ---------------------------------------------------------------------

    def _posts(self, lake: Lake) -> ir.Table:
        posts = lake.table("posts")
        if self.exempt_declared_bots and not lake.missing_columns(
            "accounts", ["declared_automated"]
        ):
            accounts = lake.table("accounts")
            bots = accounts.filter(accounts.declared_automated.fill_null(False))
            posts = posts.anti_join(bots.select("account_id"), "account_id")
        return posts

    def _media_copies(self, posts: ir.Table) -> ir.Table:
        """``account_id, key, post_id, created_at, similarity`` of posts sharing a media hash."""
        media = posts.select(
            "account_id", "post_id", "created_at", media_hash=posts.media_hashes.unnest()
        )
        media = media.filter(media.media_hash.notnull() & (media.media_hash != "")).distinct()
        w = ibis.window(group_by=[media.account_id, media.media_hash])
        media = media.mutate(n=media.post_id.count().over(w))
        media = media.filter(media.n >= 2)
        return media.select(
            "account_id",
            key=ibis.literal("media:") + media.media_hash,
            post_id=media.post_id,
            created_at=media.created_at,
            similarity=ibis.literal(1.0, type="float64"),
        )

    def detect(self, lake: Lake) -> Detection:
        posts = self._posts(lake)
        groups = near_duplicate_groups(
            posts.select("post_id", "account_id", "created_at", "text"),
            self.text_params(),
            by="account_id",
        )
        try:
            copies = groups.select(
                "account_id",
                key=ibis.literal("text:") + groups.group_id,
                post_id=groups.post_id,
                created_at=groups.created_at,
                similarity=groups.similarity,
            )
            if self.use_media and not lake.missing_columns("posts", ["media_hashes"]):
                copies = copies.union(self._media_copies(posts))
            repeated = repeated_within(copies, "key", self.window_hours, self.min_copies).cache()
            try:
                findings = self._findings(lake, repeated)
            finally:
                repeated.release()
        finally:
            groups.release()
        return Detection(findings=self.findings(findings))

    # -- evidence ------------------------------------------------------------------------

    def _findings(self, lake: Lake, repeated: ir.Table) -> list[Finding]:
        posted = repeated.select("account_id", "post_id", "created_at").distinct()
        is_text = repeated.key.startswith("text:")
        totals = repeated.group_by("account_id").aggregate(
            copies=repeated.post_id.nunique(),
            first=repeated.created_at.min(),
            last=repeated.created_at.max(),
            lowest=repeated.similarity.min(),
            text_contents=repeated.key.nunique(where=is_text),
            media_contents=repeated.key.nunique(where=~is_text),
        )
        all_posts = lake.table("posts")
        spans = all_posts.join(totals, "account_id")
        spans = spans.filter(spans.created_at.between(spans.first, spans.last))
        volume = spans.group_by("account_id").aggregate(in_window=spans.count())
        accounts_t = totals.join(volume, "account_id")
        accounts_t = accounts_t.filter(accounts_t.copies >= self.min_share * accounts_t.in_window)
        accounts = accounts_t.to_pyarrow().to_pylist()
        if not accounts:
            return []

        listed = self._listed(posted, all_posts)
        contents = self._contents(repeated, all_posts)
        urls = (
            self._shared_urls(posted, all_posts)
            if not lake.missing_columns("posts", ["urls"])
            else {}
        )
        return [
            self._finding(a, listed[a["account_id"]], contents[a["account_id"]], urls)
            for a in accounts
        ]

    @staticmethod
    def _listed(posted: ir.Table, all_posts: ir.Table) -> dict[str, list[dict[str, Any]]]:
        """The first ``CAP`` copies of each account, in time order."""
        rank = ibis.row_number().over(
            group_by=posted.account_id, order_by=[posted.created_at, posted.post_id]
        )
        first = posted.mutate(rank=rank).filter(ibis._.rank < CAP)
        rows = first.select("account_id", "post_id", "created_at").to_pyarrow().to_pylist()
        out: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in sorted(rows, key=lambda r: (r["account_id"], r["created_at"], r["post_id"])):
            out[row["account_id"]].append(row)
        return out

    @staticmethod
    def _contents(repeated: ir.Table, all_posts: ir.Table) -> dict[str, list[dict[str, Any]]]:
        """The largest repeated contents per account, each with a sample post's text."""
        per = repeated.group_by(["account_id", "key"]).aggregate(
            copies=repeated.post_id.nunique(),
            first=repeated.created_at.min(),
            last=repeated.created_at.max(),
            similarity=repeated.similarity.min(),
            sample_post=repeated.post_id.min(),
        )
        rank = ibis.row_number().over(
            group_by=per.account_id, order_by=[ibis.desc(per.copies), per.key]
        )
        top = per.mutate(rank=rank).filter(ibis._.rank < TOP_CONTENTS)
        texts = all_posts.select(sample_id="post_id", text="text")
        top = top.left_join(texts, top.sample_post == texts.sample_id).drop("sample_id")
        rows = top.to_pyarrow().to_pylist()
        out: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in sorted(rows, key=lambda r: (r["account_id"], -r["copies"], r["key"])):
            out[row["account_id"]].append(row)
        return out

    @staticmethod
    def _shared_urls(posted: ir.Table, all_posts: ir.Table) -> dict[str, list[dict[str, Any]]]:
        """URLs found in two or more of an account's copies, most frequent first."""
        links = all_posts.select("post_id", url=all_posts.urls.unnest())
        links = links.filter(links.url.notnull()).distinct()
        used = posted.join(links, "post_id")
        counts = used.group_by(["account_id", "url"]).aggregate(posts=used.post_id.nunique())
        counts = counts.filter(counts.posts >= 2)
        rank = ibis.row_number().over(
            group_by=counts.account_id, order_by=[ibis.desc(counts.posts), counts.url]
        )
        rows = counts.mutate(rank=rank).filter(ibis._.rank < CAP).to_pyarrow().to_pylist()
        out: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in sorted(rows, key=lambda r: (r["account_id"], -r["posts"], r["url"])):
            out[row["account_id"]].append({"url": row["url"], "posts": row["posts"]})
        return out

    def _finding(
        self,
        account: dict[str, Any],
        listed: list[dict[str, Any]],
        contents: list[dict[str, Any]],
        urls: dict[str, list[dict[str, Any]]],
    ) -> Finding:
        copies, in_window = int(account["copies"]), int(account["in_window"])
        share = copies / max(in_window, copies)
        volume = min(1.0, math.log(copies) / math.log(self.saturation_copies))
        return Finding(
            behaviour="spam.duplicate_posts",
            subject_type="account",
            subject_id=account["account_id"],
            account_ids=[account["account_id"]],
            score=0.5 * volume + 0.5 * share,
            window_start=account["first"],
            window_end=account["last"],
            evidence={
                "summary": self._summary(account),
                "copies": copies,
                "repeated_contents": account["text_contents"] + account["media_contents"],
                "posts_in_window": in_window,
                "share": round(share, 4),
                "post_ids": [r["post_id"] for r in listed],
                "post_count": copies,
                "times": [iso(r["created_at"]) for r in listed],
                "contents": [self._content(c) for c in contents],
                "sample_texts": list(dict.fromkeys(clip(c["text"]) for c in contents if c["text"]))[
                    :3
                ],
                "shared_urls": urls.get(account["account_id"], []),
                "similarity_threshold": self.similarity,
                "min_copies": self.min_copies,
                "window_hours": self.window_hours,
            },
        )

    def _summary(self, account: dict[str, Any]) -> str:
        exact = account["lowest"] >= 1.0
        basis = []
        if account["text_contents"]:
            basis.append("identical text" if exact else f"text similarity ≥ {self.similarity:g}")
        if account["media_contents"]:
            basis.append("identical media")
        contents = account["text_contents"] + account["media_contents"]
        repeating = f", repeating {contents} different contents," if contents > 1 else ""
        return (
            f"Posted {account['copies']} {'identical' if exact else 'near-identical'} posts"
            f"{repeating} {span(account['first'], account['last'])} ({' or '.join(basis)})."
        )

    @staticmethod
    def _content(c: dict[str, Any]) -> dict[str, Any]:
        kind, value = c["key"].split(":", 1)
        out: dict[str, Any] = {
            "kind": kind,
            "copies": int(c["copies"]),
            "first": iso(c["first"]),
            "last": iso(c["last"]),
            "sample_post_id": c["sample_post"],
            "sample_text": clip(c["text"]) if c["text"] else None,
        }
        if kind == "media":
            out["media_hash"] = value
        else:
            out["group_id"] = value
            out["lowest_similarity"] = round(float(c["similarity"]), 4)
        return out
