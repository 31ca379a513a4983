"""``spam.link_only``: accounts whose posts are mostly links without commentary."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

import ibis
import ibis.expr.types as ir

from lockstep.detect.base import Detection, Detector, Finding, Requirement, param
from lockstep.detect.evidence import CAP
from lockstep.lake import Lake

# Regular expressions in the syntax RE2 (DuckDB) and Java (Spark) share.
_URL = r"(?i)(https?://|www\.)[^\s]+|[^\s/@]+\.[a-z]{2,}/[^\s]*"
_TAG = r"[@#][^\s]+"
#: The host of a URL (scheme optional).
_HOST = r"^(?:[a-z][a-z0-9+.-]*://)?([^/?#:\s]+)"
#: Scripts written without spaces between words: each character counts as a word.
_UNSPACED = r"[\x{0E00}-\x{0E7F}\x{3040}-\x{30FF}\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}]"
#: A word: a run of letters, digits and joiners with at least one letter.
_WORD = r"[\p{L}\p{N}'’_-]*\p{L}[\p{L}\p{N}'’_-]*"


def words(text: ir.StringValue) -> ir.IntegerValue:
    """Words in ``text`` besides URLs, @mentions and #hashtags, counted in the engine.

    Each word becomes one marker character and everything else is removed, so the length
    of what is left is the count — no arrays, so any Ibis backend runs it.
    """
    bare = text.fill_null("").re_replace(_URL, " ").re_replace(_TAG, " ")
    marked = bare.re_replace(_UNSPACED, " x ").re_replace(_WORD, "\x01")
    return marked.re_replace("[^\x01]", "").length()


def _day(ts: datetime | None) -> str:
    return ts.strftime("%Y-%m-%d") if ts is not None else "?"


@dataclass(frozen=True)
class LinkOnly(Detector):
    """Accounts whose posts are, for the bulk, links shared without commentary.

    Seed clause: 001 "repeatedly posting Tweets or sending Direct Messages consisting of links
    shared without commentary, so that this comprises the bulk of your Tweet/Direct Message
    activity"; not a violation: "posting links without commentary occasionally".

    Signal: per account, its posts (product listings excepted: a listing is a link by
    nature) and among them the *bare links* — posts with a URL whose text, once URLs,
    @mentions and #hashtags are removed, has at most `max_words` words (a word is a run of
    letters; in scripts written without spaces each character counts). The account is
    flagged when it has at least `min_bare_posts` bare links and they make up at least
    `min_share` of its posts, or at least `min_share_own_sites` when at least
    `min_own_site_share` of its links go to sites of its own (hosts at most
    `max_site_accounts` accounts link to): an
    account pushing its own sites with bare links nearly half the time posts links as the
    bulk of its activity, while a curator sharing widely read sources with a third of its
    posts bare shares links more than occasionally, not as the bulk. A news account posting
    headlines with links has words in every
    post and is not link-only; an account with 2 bare links among 50 posts is occasional.
    Self-declared automated accounts (`accounts.declared_automated`) are left out while
    `exempt_declared_bots` is set: the seeds allow declared hobby bots. All counting runs
    in the engine.

    Evidence: the account's posts, link posts and bare links, the share, the first and
    last bare link, and the earliest bare links (post id, time, text, URLs). Score: the share.

    Known limits: commentary is counted, not judged: "check this out" (3 words) counts as
    commentary and a word salad as well. Reposts without text are engagements, not posts,
    and do not enter the share. Only posts are seen, not direct messages.
    """

    name: ClassVar[str] = "spam.link_only"
    version: ClassVar[str] = "1"
    behaviours: ClassVar[tuple[str, ...]] = ("spam.link_only",)
    requires: ClassVar[tuple[Requirement, ...]] = (
        Requirement("posts", ("account_id", "created_at", "text", "urls")),
    )

    max_words: int = param(
        2, "words besides URLs, mentions and hashtags up to which a link post is bare"
    )
    min_bare_posts: int = param(5, "bare link posts an account needs to be flagged")
    min_share: float = param(0.5, "share of the account's posts that must be bare links")
    min_share_own_sites: float = param(
        0.4, "the share needed instead when most of the account's links go to little-shared sites"
    )
    min_own_site_share: float = param(
        0.8, "share of the account's links that must go to little-shared sites for that"
    )
    max_site_accounts: int = param(
        4, "a site linked by at most this many accounts is little-shared (a site of one's own)"
    )
    exempt_declared_bots: bool = param(
        True, "leave self-declared automated accounts out (the seeds allow hobby bots)"
    )

    def _posts(self, lake: Lake) -> ir.Table:
        posts = lake.table("posts")
        posts = posts.filter(posts.kind.isnull() | (posts.kind != "product"))
        if self.exempt_declared_bots and not lake.missing_columns(
            "accounts", ["declared_automated"]
        ):
            accounts = lake.table("accounts")
            bots = accounts.filter(accounts.declared_automated.fill_null(False))
            posts = posts.anti_join(bots.select("account_id"), "account_id")
        n_urls = posts.urls.length().fill_null(0)
        first_url = posts.urls[0].fill_null("").lower()
        host = first_url.re_extract(_HOST, 1).re_replace("^www[0-9]*[.]", "")
        # Words are counted (five regular expressions) only in posts with a link: most posts
        # have none, and a conditional spares them, where a conjunction would not.
        posts = posts.mutate(
            has_link=n_urls > 0,
            bare=ibis.ifelse(n_urls > 0, words(posts.text) <= self.max_words, False),
            host=ibis.ifelse(n_urls > 0, host, ibis.null("string")),
        )
        linked = posts.filter(posts.has_link).select("host", "account_id").distinct()
        reach = linked.group_by("host").aggregate(site_accounts=linked.count())
        posts = posts.left_join(reach, "host").select(
            *posts.columns, site_accounts=ibis._.site_accounts
        )
        return posts.mutate(
            own_site=posts.has_link & (posts.site_accounts <= self.max_site_accounts)
        )

    def detect(self, lake: Lake) -> Detection:
        posts = self._posts(lake)
        per_account = posts.group_by("account_id").aggregate(
            posts=posts.count(),
            link_posts=posts.has_link.sum(),
            bare_posts=posts.bare.sum(),
            first=posts.created_at.min(where=posts.bare),
            last=posts.created_at.max(where=posts.bare),
            own_site_links=posts.own_site.sum(),
        )
        own_sites = (
            per_account.own_site_links >= per_account.link_posts * self.min_own_site_share
        ) & (per_account.bare_posts >= per_account.posts * self.min_share_own_sites)
        flagged = per_account.filter(
            (per_account.bare_posts >= self.min_bare_posts)
            & ((per_account.bare_posts >= per_account.posts * self.min_share) | own_sites)
        )
        totals = flagged.to_pyarrow().to_pylist()
        if not totals:
            return Detection()
        bare = posts.filter(posts.bare).semi_join(flagged.select("account_id"), "account_id")
        rank = ibis.row_number().over(
            group_by="account_id", order_by=[bare.created_at, bare.post_id]
        )
        sample = (
            bare.mutate(_rank=rank)
            .filter(lambda t: t._rank < CAP)
            .select("account_id", "post_id", "created_at", "text", "urls")
            .to_pyarrow()
            .to_pylist()
        )
        examples: dict[str, list[dict[str, Any]]] = {}
        for row in sorted(sample, key=lambda r: (r["account_id"], r["created_at"], r["post_id"])):
            examples.setdefault(row["account_id"], []).append(
                {
                    "post_id": row["post_id"],
                    "created_at": row["created_at"].isoformat(),
                    "text": (row["text"] or "")[:140],
                    "urls": list(row["urls"] or [])[:5],
                }
            )
        return Detection(findings=self.findings([self._finding(t, examples) for t in totals]))

    def _finding(self, t: dict[str, Any], examples: dict[str, list[dict[str, Any]]]) -> Finding:
        share = t["bare_posts"] / t["posts"]
        summary = (
            f"Account {t['account_id']}: {t['bare_posts']} of its {t['posts']} posts "
            f"({share:.0%}) are links without commentary, {_day(t['first'])} to "
            f"{_day(t['last'])}; {t['own_site_links']} of its {t['link_posts']} links go to "
            f"sites at most {self.max_site_accounts} accounts link to."
        )
        return Finding(
            behaviour="spam.link_only",
            subject_type="account",
            subject_id=t["account_id"],
            account_ids=[t["account_id"]],
            score=share,
            window_start=t["first"],
            window_end=t["last"],
            evidence={
                "summary": summary,
                "post_count": t["posts"],
                "link_post_count": t["link_posts"],
                "bare_link_count": t["bare_posts"],
                "bare_share": round(share, 4),
                "own_site_links": t["own_site_links"],
                "max_words": self.max_words,
                "posts": examples.get(t["account_id"], []),
            },
        )
