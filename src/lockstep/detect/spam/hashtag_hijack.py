"""``spam.hashtag_hijack``: trending hashtags attached to content unrelated to the trend.

Two questions, both answered from the data: is the tag trending (used by far more accounts
on that day than on its other days), and does the post read like the tag's other posts?
The second compares the post's words with the words *other* accounts used under the same
tag, on the same day, in the same language, so fans and activists who use a trend in their
own wording stay on-topic, while an ad for sneakers under #worldcupfinal does not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

import ibis
import ibis.expr.types as ir

from lockstep.detect.base import Detection, Detector, Finding, Requirement, param
from lockstep.detect.spam.hashtag_stuffing import post_tags
from lockstep.detect.text import DENSE_SCRIPT, NearDupParams, near_duplicate_groups
from lockstep.lake import Lake

#: Links, @mentions and hashtags are not what a post says: every post under a tag shares the
#: tag itself, and links and handles differ between copies of the same text.
_NOT_WORDS_RE = r"(?:https?://|www\.)\S+|[@#][^\s@#]+"
_SEPARATOR_RE = r"[^\p{L}\p{N}]+"
#: Copies only merge voices, so the MinHash estimate is enough (no exact verification) and
#: a post's first 280 characters say what it is: a third of the cost of the defaults.
_COPIES = NearDupParams(max_chars=280, exact=False)
#: A trend's vocabulary is kept per tag and language.
_TREND = ["tag", "lang"]


def words(posts: ir.Table) -> ir.Table:
    """``post_id, word``: the distinct words of each post's text, computed in the engine.

    Words are runs of letters and digits (numbers alone and single characters are dropped).
    Han, kana and Hangul are written without spaces, so a run of them becomes its character
    bigrams instead, which is what a word is closest to there.
    """
    norm = posts.text.fill_null("").lower().re_replace(_NOT_WORDS_RE, " ")
    runs = posts.select("post_id", run=norm.re_replace(_SEPARATOR_RE, " ").split(" ").unnest())
    runs = runs.filter((runs.run.length() >= 2) & ~runs.run.re_search("^[0-9]+$"))
    dense = runs.run.re_search(DENSE_SCRIPT)
    spaced = runs.filter(~dense).select("post_id", word=runs.run)
    cjk = runs.filter(dense)
    pos = cjk.select("post_id", "run", at=ibis.range(0, cjk.run.length() - 1).unnest())
    bigrams = pos.select("post_id", word=pos.run.substr(pos.at, 2))
    return spaced.union(bigrams).distinct()


def _speakers(copies: ir.Table, min_copies: int, rounds: int = 3) -> ir.Table:
    """``account_id, speaker``: accounts that repeat copies, labelled with whom they copy.

    ``copies`` holds ``post_id, account_id, group_id`` (near-duplicate clusters). Only
    accounts with at least ``min_copies`` posts in clusters take part (repeating content is
    a pattern; one formulaic post such as "good morning everyone" is not). Two of them are
    linked when they posted into the same cluster; a few rounds of smallest-label
    propagation over account and cluster labels join the chains campaigns make (account A
    shares ad 1 with B, B shares ad 2 with C). A few rounds, not a fixed point: the links
    are few and short, and the engine needs no loop until convergence.
    """
    per = copies.group_by("account_id").aggregate(n=copies.count())
    repeaters = per.filter(per.n >= min_copies).select("account_id")
    links = copies.semi_join(repeaters, "account_id").select("account_id", "group_id").distinct()
    links = links.cache()
    label = links.group_by("account_id").aggregate(speaker=links.group_id.min())
    # each round is materialised: inlined, the rounds nest into one plan too large to analyse
    for _ in range(rounds):
        groups = links.join(label, "account_id")
        per_group = groups.group_by("group_id").aggregate(speaker=groups.speaker.min())
        back = links.join(per_group, "group_id")
        label = back.group_by("account_id").aggregate(speaker=back.speaker.min()).cache()
    return label


def _reused(copies: ir.Table, hot_uses: ir.Table, min_others: int) -> ir.Table:
    """``post_id, account_id, created_at, tag, day``: uses of a trend by a post whose near
    copies by the same account also ride a *different* trend (tags compared without a
    trailing year or number).

    One text cannot be about two unrelated trends, so it is about neither: this needs no
    vocabulary and works for posts in a language the trend has too few voices in to judge.
    Only trends with at least ``min_others`` accounts that post no copies count: a tag that
    trends because a copypasta campaign carries it is the campaign's own, not hijacked.
    """
    copiers = copies.select("account_id").distinct()
    others = hot_uses.anti_join(copiers, "account_id").select("tag", "day", "account_id")
    others = others.distinct().group_by(["tag", "day"]).aggregate(n=ibis._.count())
    real = others.filter(others.n >= min_others).select("tag", "day")
    hot_uses = hot_uses.semi_join(real, ["tag", "day"])
    uses = copies.select("post_id", "account_id", "created_at", "group_id").join(
        hot_uses.select("post_id", "tag", "day"), "post_id"
    )
    uses = uses.mutate(stem=uses.tag.re_replace("[0-9]+$", ""))
    # per account: a formulaic line ("what a night!") may recur across people and trends
    stems = uses.group_by(["account_id", "group_id"]).aggregate(stems=uses.stem.nunique())
    wide = stems.filter(stems.stems >= 2).select("account_id", "group_id")
    return uses.semi_join(wide, ["account_id", "group_id"]).select(
        "post_id", "account_id", "created_at", "tag", "day"
    )


def _with_reuse(scored: ir.Table, reused: ir.Table, unjudged: ir.Table) -> ir.Table:
    """``scored`` with reused posts marked hijacking, plus the trend uses it lacks.

    ``unjudged`` holds ``post_id, account_id, created_at, tag, day`` of every use of a trend
    by accounts that could be flagged; those not scored (too few voices in their language,
    too few words) are added with no on-topic share, hijacking only when reused. So the
    share an account is judged by counts all its posts under trends, and a prolific poster
    whose stock phrases recur under a few trends stays below it.
    """
    ids = reused.select(reused_id="post_id").distinct()
    marked = scored.left_join(ids, scored.post_id == ids.reused_id)
    marked = marked.select(
        *[c for c in scored.columns if c != "hijack"],
        hijack=marked.hijack | marked.reused_id.notnull(),
    )
    extra = unjudged.anti_join(scored, ["post_id", "tag", "day"])
    extra = extra.left_join(ids, extra.post_id == ids.reused_id)
    extra = extra.select(
        "post_id",
        "account_id",
        "created_at",
        "tag",
        "day",
        on_topic=ibis.null("float64"),
        hijack=extra.reused_id.notnull(),
    )
    return marked.union(extra.select(*marked.columns))


def hot_tag_days(lake: Lake, uses: ir.Table, min_accounts: int, ratio: float) -> ir.Table:
    """``tag, day, accounts, baseline``: days on which a tag bursts above its usual use.

    ``uses`` holds ``post_id, account_id, tag, day``. The baseline is the tag's mean number
    of accounts on the dataset's other days, so a tag used evenly every day never trends.
    """
    posts = lake.table("posts")
    span = posts.aggregate(first=posts.created_at.min(), last=posts.created_at.max())
    row = span.to_pyarrow().to_pylist()[0]
    days = 1 if row["first"] is None else (row["last"] - row["first"]).days + 1
    per_day = uses.select("tag", "day", "account_id").distinct()
    per_day = per_day.group_by(["tag", "day"]).aggregate(accounts=per_day.count())
    totals = per_day.group_by("tag").aggregate(total=per_day.accounts.sum())
    joined = per_day.join(totals, "tag")
    baseline = (joined.total - joined.accounts).cast("float64") / max(1, days - 1)
    out = joined.select("tag", "day", "accounts", baseline=baseline)
    return out.filter((out.accounts >= min_accounts) & (out.accounts >= ratio * (out.baseline + 1)))


def _rounded(share: float | None) -> float | None:
    return None if share is None else round(share, 3)


@dataclass(frozen=True)
class HashtagHijack(Detector):
    """Accounts that attach trending hashtags to content unrelated to the trend.

    Seed clause: 001 "using a trending or popular hashtag with an intent to subvert or
    manipulate a conversation or to drive traffic or attention to accounts, websites,
    products, services, or initiatives".

    Signal, computed in the engine:
    - *trending*: a tag is trending on a day when at least `min_trend_accounts` accounts use
      it that day and that is at least `burst_ratio` × (its mean daily accounts on the other
      days of the data + 1).
    - *on-topic share* of a post under a trending tag: the post's words (links, mentions
      and hashtags removed; Han, kana and Hangul as character bigrams) are compared with
      what other *voices* wrote under the tag, on its trending days, in the post's language.
      A voice is an account, except that near-identical posts of accounts with at least
      `min_posts` posts under trends (the MinHash groups shared with `spam.copypasta`) are
      one voice, and accounts with at least `min_posts` posts in
      such groups are one voice with every account they share a group with, for all their
      posts: copies of an ad, and the edited and rotated ads of one campaign's accounts,
      cannot vouch for each other. A word is typical of the trend when at least
      max(`min_support`, `typical_share` × the trend's voices) voices other than the post's
      own used it. The on-topic share is the IDF-weighted fraction of the post's words that
      are typical, so words every post has ("the", "today") weigh little and the subject
      words decide. Accounts found hijacking in a first pass do not count as support in a
      second, so several campaigns riding one trend with the same kind of ad cannot vouch
      for each other either.
    - not judged: trends with fewer than `min_tag_voices` voices in a language (a hashtag
      that is mostly one campaign's copies has no organic vocabulary to compare with), posts
      with fewer than `min_words` words, posts with more than `max_tags` hashtags (excessive
      tags are `spam.hashtag_stuffing`) and product listings (their tags are catalogue
      labels).
    - a post *hijacks* when its on-topic share under some trending tag is at most
      min(`max_on_topic`, `relative_on_topic` × the trend's median on-topic share in the
      language): in a small or terse trend (short posts, scripts without spaces) even
      organic posts share fewer words, so the bar drops with them.
    - a post also hijacks, whatever its wording, when near copies of it by the same account
      ride a *different* trend (tags compared without a trailing year or number, and only
      trends with at least `min_tag_voices` accounts posting no copies, so a copypasta
      campaign's own tags do not count): one text cannot be about two unrelated trends.
      This needs no vocabulary, so it also covers posts in a language too rare in the trend
      to judge.
    - an account is flagged with at least `min_posts` hijacking posts that are at least
      `min_share` of its judged posts under trending tags (for accounts with `min_posts`
      posts under trends, every such post counts, judged on wording or not): hijacking is
      a pattern, and an organic user may well tag a stray post with whatever trends.
    Fans and activists using a trend in their own wording share its vocabulary and stay
    on-topic.
    Score: 0.5 + 0.25 × hijacking share + 0.25 × (1 − mean on-topic share).

    Evidence: hijacking and judged posts, the share with links, each trending tag used with
    its day, accounts that day and baseline, and up to `max_evidence` hijacking posts with
    time, tags, on-topic share and text.

    Known limits: an account riding trends in a language the trend has few voices in is
    judged only through reuse, so a one-off ad per trend in such a language is missed; a
    tag that is always popular never trends and is not judged (steady tags
    are left to `spam.hashtag_stuffing`); the comparison is lexical, so an off-topic post in
    the trend's own words passes and an on-topic post in unusual words (a new language, a
    single emoji) is not judged or looks off-topic; a campaign larger than the organic trend
    defines the trend's vocabulary itself, and a campaign of many accounts that is a large
    part of a small trend makes its own words typical.
    """

    name: ClassVar[str] = "spam.hashtag_hijack"
    version: ClassVar[str] = "1"
    behaviours: ClassVar[tuple[str, ...]] = ("spam.hashtag_hijack",)
    requires: ClassVar[tuple[Requirement, ...]] = (
        Requirement("posts", ("post_id", "account_id", "created_at", "text", "hashtags")),
    )

    min_trend_accounts: int = param(20, "accounts using a tag on one day for it to trend")
    burst_ratio: float = param(3.0, "that day's accounts over (mean of other days + 1)")
    min_tag_voices: int = param(
        20, "voices of a trend in one language needed to judge posts in that language"
    )
    min_words: int = param(3, "words a post needs to be judged")
    min_support: int = param(2, "other accounts that must use a word for it to be typical")
    typical_share: float = param(
        0.02, "share of the trend's accounts that must use a word for it to be typical"
    )
    max_on_topic: float = param(0.3, "on-topic share at or below which a post hijacks the tag")
    relative_on_topic: float = param(
        0.35, "the limit is at most this fraction of the trend's median on-topic share"
    )
    max_tags: int = param(5, "posts with more hashtags are left to spam.hashtag_stuffing")
    min_posts: int = param(3, "hijacking posts that flag an account")
    min_share: float = param(0.5, "share of the account's judged posts that must hijack")
    max_evidence: int = param(20, "hijacking posts quoted per finding")

    def detect(self, lake: Lake) -> Detection:
        tags = post_tags(lake)
        posts = lake.table("posts")
        dated = posts.select("post_id", day=posts.created_at.truncate("D"))
        uses = tags.join(dated, "post_id").cache()
        try:
            hot = hot_tag_days(lake, uses, self.min_trend_accounts, self.burst_ratio).cache()
            try:
                return self._detect(lake, uses, hot)
            finally:
                hot.release()
        finally:
            uses.release()

    def _detect(self, lake: Lake, uses: ir.Table, hot: ir.Table) -> Detection:
        hot_uses = uses.semi_join(hot, ["tag", "day"])
        posts = lake.table("posts")
        counts = uses.group_by("post_id").aggregate(n_tags=uses.count())
        few = counts.filter(counts.n_tags <= self.max_tags).select("post_id")
        hot_uses = hot_uses.semi_join(few, "post_id")
        listings = posts.filter(posts.kind.fill_null("post") == "product").select("post_id")
        hot_uses = hot_uses.anti_join(listings, "post_id")
        subject = posts.semi_join(hot_uses, "post_id")
        vocab = words(subject).cache()
        # Copies matter for accounts that could be flagged (min_posts posts under trends):
        # they merge a campaign's accounts into one voice. Comparing only their posts keeps
        # the MinHash work to a small part of a trend's posts.
        per_account = hot_uses.select("post_id", "account_id").distinct()
        per_account = per_account.group_by("account_id").aggregate(n=per_account.count())
        busy = per_account.filter(per_account.n >= self.min_posts).select("account_id")
        repeaters = subject.semi_join(busy, "account_id")
        stripped = repeaters.select(
            "post_id",
            "account_id",
            "created_at",
            text=repeaters.text.re_replace(_NOT_WORDS_RE, " "),
        )
        copies = near_duplicate_groups(stripped, _COPIES).cache()
        said = self._said(subject, vocab, copies, hot_uses).cache()
        reused = _reused(copies, hot_uses, self.min_tag_voices).cache()
        busy_uses = (
            hot_uses.semi_join(busy, "account_id")
            .join(posts.select("post_id", "created_at"), "post_id")
            .select("post_id", "account_id", "created_at", "tag", "day")
            .distinct()
            .cache()
        )
        try:
            # Two passes: accounts found hijacking in the first no longer count as support
            # for a trend's vocabulary in the second, so several campaigns riding the same
            # trend with the same kind of ad cannot vouch for each other.
            # Each pass's scores are materialised before they are reused: inlined, the scoring
            # plan is repeated in every branch and grows too large for Spark to analyse.
            plain = self._score(said, []).cache()
            marked = _with_reuse(plain, reused, busy_uses).cache()
            try:
                rows = self._accounts(marked).select("account_id").to_pyarrow()
            finally:
                marked.release()
                plain.release()
            excluded = sorted(str(a) for a in rows.column("account_id").to_pylist())
            second = self._score(said, excluded).cache()
            scored = _with_reuse(second, reused, busy_uses).cache()
            try:
                return self._findings(lake, scored, hot)
            finally:
                scored.release()
                second.release()
        finally:
            reused.release()
            busy_uses.release()
            said.release()
            copies.release()
            vocab.release()

    def _said(
        self, subject: ir.Table, vocab: ir.Table, copies: ir.Table, hot_uses: ir.Table
    ) -> ir.Table:
        """One row per (judged use of a trending tag, word): the post, its voice, the word's
        IDF and the number of voices of its trend (tag and language)."""
        sized = vocab.group_by("post_id").aggregate(n_words=vocab.count())
        judged = sized.filter(sized.n_words >= self.min_words).select("post_id")
        docs = subject.semi_join(judged, "post_id").select(
            "post_id", "account_id", "created_at", lang=subject.lang.fill_null("")
        )
        # A voice is an account, except that accounts posting copies of each other's posts
        # are one voice together, with all their posts: copies of an ad, and the edited or
        # rotated ads of the same accounts, must not vouch for each other's wording.
        speakers = _speakers(copies, self.min_posts)
        grouped = copies.select("post_id", "group_id")
        docs = (
            docs.left_join(speakers, "account_id")
            .left_join(grouped, "post_id")
            .select(
                *docs.columns,
                voice=ibis.coalesce(
                    "s:" + ibis._.speaker, "g:" + ibis._.group_id, "a:" + ibis._.account_id
                ),
            )
        )
        vocab = vocab.semi_join(judged, "post_id")
        # IDF over the judged posts: words every post has ("the", "today") weigh little.
        df = vocab.group_by("word").aggregate(df=vocab.count())
        n_docs = docs.count().cast("float64")  # a scalar subquery, not a separate job
        idf = df.select("word", idf=((n_docs + 1.0) / (df.df + 1)).ln() + 1)

        used = hot_uses.select("post_id", "tag", "day").join(docs, "post_id")
        voices = used.select(*_TREND, "voice").distinct()
        totals = voices.group_by(_TREND).aggregate(voices=voices.count())
        totals = totals.filter(totals.voices >= self.min_tag_voices)
        return (
            used.semi_join(totals, _TREND)
            .join(vocab, "post_id")
            .join(totals, _TREND)
            .join(idf, "word")
            .select(
                "post_id",
                "account_id",
                "created_at",
                "day",
                *_TREND,
                "voice",
                "word",
                "idf",
                "voices",
            )
            .distinct()
        )

    def _score(self, said: ir.Table, excluded: list[str]) -> ir.Table:
        """``post_id, account_id, created_at, tag, day, on_topic`` for every judged use.

        Support for a word is the number of voices other than the post's own that used it
        under the trend; voices of ``excluded`` accounts do not count. (The excluded accounts
        are few, so they are passed as values rather than as a table: that keeps Spark's
        query plan small.)
        """
        out_of = said.account_id.isin(excluded) if excluded else ibis.literal(False)
        marked = said.mutate(out_of=out_of)
        spoken = marked.filter(~marked.out_of).select(*_TREND, "voice", "word").distinct()
        support = spoken.group_by([*_TREND, "word"]).aggregate(support=spoken.count())
        per_word = marked.left_join(support, [*_TREND, "word"]).select(
            *marked.columns, support=ibis._.support.fill_null(0)
        )
        # the post's own voice is part of the support unless its account is excluded
        others = per_word.support - ibis.ifelse(per_word.out_of, 0, 1)
        need = ibis.greatest(
            ibis.literal(float(self.min_support)),
            self.typical_share * (per_word.voices - 1),
        )
        on = per_word.mutate(on=ibis.ifelse(others >= need, per_word.idf, 0.0))
        uses = on.group_by(["post_id", "account_id", "created_at", "tag", "day", "lang"]).aggregate(
            on_topic=on.on.sum() / on.idf.sum()
        )
        # A trend's own posts set the bar: in a small or terse trend even organic posts
        # share fewer words, so the limit is lowered to a fraction of the trend's median.
        median = uses.group_by(_TREND).aggregate(median=uses.on_topic.median())
        uses = uses.join(median, _TREND)
        limit = ibis.least(ibis.literal(self.max_on_topic), self.relative_on_topic * uses.median)
        return uses.select(
            "post_id",
            "account_id",
            "created_at",
            "tag",
            "day",
            "on_topic",
            hijack=uses.on_topic <= limit,
        )

    def _per_post(self, scored: ir.Table) -> ir.Table:
        return scored.group_by(["post_id", "account_id", "created_at"]).aggregate(
            on_topic=scored.on_topic.min(), hijack=scored.hijack.any()
        )

    def _accounts(self, scored: ir.Table) -> ir.Table:
        """Per flagged account: judged and hijacking posts, their mean on-topic share."""
        per_post = self._per_post(scored)
        per_account = per_post.group_by("account_id").aggregate(
            judged=per_post.count(),
            hijack=per_post.hijack.cast("int64").sum(),
            mean_on_topic=per_post.on_topic.mean(where=per_post.hijack),
            first=per_post.created_at.min(where=per_post.hijack),
            last=per_post.created_at.max(where=per_post.hijack),
        )
        return per_account.filter(
            (per_account.hijack >= self.min_posts)
            & (per_account.hijack >= self.min_share * per_account.judged)
        )

    def _findings(self, lake: Lake, scored: ir.Table, hot: ir.Table) -> Detection:
        accounts = self._accounts(scored)
        rows = accounts.order_by("account_id").to_pyarrow().to_pylist()
        if not rows:
            return Detection()
        uses = scored.filter(scored.hijack).semi_join(accounts, "account_id")
        evidence = self._evidence(lake, uses, hot)
        return Detection(findings=self.findings([self._finding(r, evidence) for r in rows]))

    def _evidence(self, lake: Lake, uses: ir.Table, hot: ir.Table) -> dict[str, dict[str, Any]]:
        """Per flagged account: its hijacking posts, the trends they rode, how many link out.

        One query fetches every hijacking use of a flagged account (few rows by then); the
        per-account summaries are formatting in Python.
        """
        posts = lake.table("posts")
        has_urls = not lake.missing_columns("posts", ["urls"])
        links = posts.urls.length().fill_null(0) > 0 if has_urls else ibis.literal(False)
        detail = (
            uses.join(hot, ["tag", "day"])
            .join(posts.select("post_id", "text", linked=links), "post_id")
            .select(
                "account_id",
                "post_id",
                "created_at",
                "tag",
                "day",
                "on_topic",
                "accounts",
                "baseline",
                "text",
                "linked",
            )
            .to_pyarrow()
            .sort_by(
                [
                    ("account_id", "ascending"),
                    ("created_at", "ascending"),
                    ("post_id", "ascending"),
                    ("tag", "ascending"),
                ]
            )
        )
        out: dict[str, dict[str, Any]] = {}
        for r in detail.to_pylist():
            ev = out.setdefault(r["account_id"], {"linked": 0, "posts": {}, "trends": {}})
            day = f"{r['day']:%Y-%m-%d}"
            ev["trends"].setdefault(
                f"{r['tag']} {day}",
                {
                    "tag": r["tag"],
                    "day": day,
                    "accounts": r["accounts"],
                    "baseline": round(r["baseline"], 2),
                },
            )
            post = ev["posts"].get(r["post_id"])
            if post is None:
                ev["linked"] += int(bool(r["linked"]))
                post = ev["posts"][r["post_id"]] = {
                    "post_id": r["post_id"],
                    "created_at": r["created_at"],
                    "tags": [],
                    "on_topic": _rounded(r["on_topic"]),
                    "has_link": bool(r["linked"]),
                    "text": (r["text"] or "")[:280],
                }
            post["tags"].append(r["tag"])
            shares = [v for v in (post["on_topic"], _rounded(r["on_topic"])) if v is not None]
            post["on_topic"] = min(shares) if shares else None
        for ev in out.values():
            ev["posts"] = list(ev["posts"].values())[: self.max_evidence]
        return out

    def _finding(self, row: dict[str, Any], evidence: dict[str, dict[str, Any]]) -> Finding:
        ev = evidence.get(row["account_id"], {"linked": 0, "posts": [], "trends": {}})
        # dict order is first use, so the trends list is in time order
        hijack, judged = int(row["hijack"]), int(row["judged"])
        share = hijack / judged
        mean_on_topic = float(row["mean_on_topic"] or 0.0)
        trends = list(ev["trends"].values())
        first: datetime | None = row["first"]
        last: datetime | None = row["last"]
        names = sorted({t["tag"] for t in trends})
        summary = (
            f"{hijack} of {judged} posts under trending hashtags are unrelated to the trend "
            f"({', '.join('#' + n for n in names[:5])}{', ...' if len(names) > 5 else ''}); "
            f"{ev['linked']} carry links."
        )
        return Finding(
            behaviour="spam.hashtag_hijack",
            subject_type="account",
            subject_id=row["account_id"],
            account_ids=[row["account_id"]],
            score=0.5 + 0.25 * share + 0.25 * (1.0 - mean_on_topic),
            evidence={
                "summary": summary,
                "hijacking_posts": hijack,
                "judged_posts": judged,
                "with_links": ev["linked"],
                "mean_on_topic": round(mean_on_topic, 3),
                "trends": trends[:20],
                "posts": ev["posts"],
            },
            window_start=first,
            window_end=last,
        )
