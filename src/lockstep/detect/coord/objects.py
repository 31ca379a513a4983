"""Post objects: what each post or repost shares, as one long table the co-activity edges join.

Coordination shows as several accounts sharing the *same thing* close in time: the same
post reposted, the same link, the same site, the same hashtag, a reply under the same post,
the same near-identical text, the same media file. Every one of those is an *object* of a
post, so a single derived view ``(account_id, item_id, t, otype, value)`` lets one windowed
pairing step (:mod:`lockstep.detect.coord.pairs`) serve all signal families alike.

Object types (``otype``) and their values:

- ``repost``: a post reposted (engagements of kind ``repost``) or quoted (``posts.quote_of``);
  the value is the reposted post's id.
- ``link``: a normalised URL of the post (ingest normalises ``posts.urls``).
- ``domain``: the registered domain of such a URL, from the lake's ``urls`` table.
- ``hashtag``: a hashtag, lower-cased.
- ``reply``: the post replied to (``posts.reply_to``).
- ``media``: a media hash, compared exactly.
- ``text``: the near-duplicate text group of the post
  (:func:`lockstep.detect.text.near_duplicate_groups` across accounts).

Only columns the input filled are read, so a lake without engagements or hashtags simply
yields fewer object types.
"""

from __future__ import annotations

from collections.abc import Sequence

import ibis
import ibis.expr.types as ir

from lockstep.detect.text import NearDupParams, near_duplicate_groups
from lockstep.lake import Lake

OTYPES = ("repost", "link", "domain", "hashtag", "reply", "media", "text")
#: Engagement kinds that rebroadcast a post unchanged.
REPOST_KINDS = ("repost",)


def _rows(
    table: ir.Table, item: ir.Value, value: ir.Value, otype: str, account: str = "account_id"
) -> ir.Table:
    return table.select(
        account_id=table[account],
        item_id=item.cast("string"),
        t=table.created_at,
        otype=ibis.literal(otype),
        value=value.cast("string"),
    )


def _listed(posts: ir.Table, column: str, otype: str) -> ir.Table:
    """One row per element of a list column of ``posts``."""
    has = posts.filter(posts[column].length() > 0)
    flat = has.select("post_id", "account_id", "created_at", value=has[column].unnest())
    flat = flat.filter(flat.value.notnull() & (flat.value != ""))
    value = flat.value.lower() if otype == "hashtag" else flat.value
    return _rows(flat, flat.post_id, value, otype)


def post_objects(
    lake: Lake, otypes: Sequence[str] = OTYPES, text: NearDupParams | None = None
) -> ir.Table:
    """``account_id, item_id, t, otype, value``: the objects of ``otypes`` in the lake."""
    unknown = set(otypes) - set(OTYPES)
    if unknown:
        raise ValueError(f"unknown object types: {sorted(unknown)}")
    parts: list[ir.Table] = []
    has_posts = lake.has("posts")
    posts = lake.table("posts") if has_posts else None

    def filled(column: str) -> bool:
        return has_posts and not lake.missing_columns("posts", [column])

    if "repost" in otypes:
        if lake.has("engagements") and not lake.missing_columns(
            "engagements", ["kind", "target_post_id"]
        ):
            eng = lake.table("engagements")
            eng = eng.filter(eng.kind.isin(REPOST_KINDS) & eng.target_post_id.notnull())
            item = (
                eng.engagement_id
                if "engagement_id" in eng.columns
                and not lake.missing_columns("engagements", ["engagement_id"])
                else ibis.literal("repost:")
                .concat(eng.account_id)
                .concat(":")
                .concat(eng.target_post_id)
            )
            parts.append(_rows(eng, item, eng.target_post_id, "repost"))
        if posts is not None and filled("quote_of"):
            quotes = posts.filter(posts.quote_of.notnull())
            parts.append(_rows(quotes, quotes.post_id, quotes.quote_of, "repost"))
    if posts is not None and filled("urls"):
        if "link" in otypes:
            parts.append(_listed(posts, "urls", "link"))
        if "domain" in otypes and lake.has("urls"):
            links = _listed(posts, "urls", "link")
            urls = lake.table("urls").select("url", "registered_domain")
            joined = links.join(urls, links.value == urls.url)
            joined = joined.filter(joined.registered_domain.notnull())
            parts.append(
                joined.select(
                    "account_id",
                    "item_id",
                    "t",
                    otype=ibis.literal("domain"),
                    value=joined.registered_domain,
                )
            )
    if posts is not None and "hashtag" in otypes and filled("hashtags"):
        parts.append(_listed(posts, "hashtags", "hashtag"))
    if posts is not None and "reply" in otypes and filled("reply_to"):
        replies = posts.filter(posts.reply_to.notnull())
        parts.append(_rows(replies, replies.post_id, replies.reply_to, "reply"))
    if posts is not None and "media" in otypes and filled("media_hashes"):
        parts.append(_listed(posts, "media_hashes", "media"))
    if posts is not None and "text" in otypes and filled("text"):
        groups = near_duplicate_groups(
            posts.filter(posts.text.notnull()), text or NearDupParams(exact=False)
        )
        parts.append(_rows(groups, groups.post_id, groups.group_id, "text"))
    if not parts:
        raise ValueError("the lake holds none of the columns post objects are made of")
    out = parts[0]
    for part in parts[1:]:
        out = out.union(part, distinct=False)
    return out.filter(out.account_id.notnull() & out.t.notnull())
