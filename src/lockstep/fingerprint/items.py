"""The values an account leaves in the lake that can outlive the account, in the engine.

One long view ``(account_id, signal, value, item_id, t)`` serves both sides of recidivism:
building a fingerprint aggregates it over a subject's accounts, and matching joins new
accounts' rows to a fingerprint's values. Both sides therefore read a URL, a device or an
address prefix exactly the same way.

Signals:

- ``url``, ``domain``, ``hashtag``, ``media``: what posts carry, read through the same post
  objects the co-activity detector pairs on (:mod:`lockstep.detect.coord.objects`).
- ``target``: accounts an account mentions, replies to or engages with (its own posts aside);
  an operation comes back to harass or boost the same people.
- ``device``: session device ids.
- ``ip_prefix``: the /24 (IPv4) or /48 (IPv6) of session addresses, as
  ``coord.mass_registration`` reads them. Proxy sessions are left out: a VPN exit is shared
  by strangers and says nothing about who is behind it.

Profiles (names, bios, avatars) are per account, not activity, and are read by the callers.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from lockstep.detect.coord.mass_registration import prefix
from lockstep.detect.coord.objects import post_objects
from lockstep.lake import Lake

#: Post object types read as item signals, and the signal each becomes.
_POST_SIGNALS = {"link": "url", "domain": "domain", "hashtag": "hashtag", "media": "media"}


def _row(table: ir.Table, signal: str, value: ir.Value, item: ir.Value) -> ir.Table:
    return table.select(
        account_id=table.account_id,
        signal=ibis.literal(signal),
        value=value.cast("string"),
        item_id=item.cast("string"),
        t=table.created_at,
    )


def _filled(lake: Lake, table: str, *columns: str) -> bool:
    return lake.has(table) and not lake.missing_columns(table, columns)


def _post_items(lake: Lake) -> list[ir.Table]:
    if not lake.has("posts"):
        return []
    wanted = [o for o in _POST_SIGNALS if o != "domain" or lake.has("urls")]
    try:
        objects = post_objects(lake, wanted)
    except ValueError:  # the posts fill none of those columns
        return []
    signal = objects.otype.substitute(_POST_SIGNALS)
    return [
        objects.select(
            account_id=objects.account_id,
            signal=signal,
            value=objects.value,
            item_id=objects.item_id,
            t=objects.t,
        )
    ]


def _targets(lake: Lake) -> list[ir.Table]:
    parts: list[ir.Table] = []
    posts = lake.table("posts") if lake.has("posts") else None
    authors = (
        posts.select(target_post=posts.post_id, author=posts.account_id)
        if posts is not None
        else None
    )
    if posts is not None and _filled(lake, "posts", "mentions"):
        has = posts.filter(posts.mentions.length() > 0)
        flat = has.select("account_id", "post_id", "created_at", value=has.mentions.unnest())
        parts.append(_row(flat, "target", flat.value, flat.post_id))
    if posts is not None and authors is not None and _filled(lake, "posts", "reply_to"):
        replies = posts.filter(posts.reply_to.notnull())
        joined = replies.join(authors, replies.reply_to == authors.target_post)
        parts.append(_row(joined, "target", joined.author, joined.post_id))
    if lake.has("engagements"):
        eng = lake.table("engagements")
        item = (
            eng.engagement_id
            if _filled(lake, "engagements", "engagement_id")
            else eng.account_id.concat(":").concat(eng.created_at.cast("string"))
        )
        eng = eng.mutate(_item=item)
        if _filled(lake, "engagements", "target_account_id"):
            direct = eng.filter(eng.target_account_id.notnull())
            parts.append(_row(direct, "target", direct.target_account_id, direct._item))
        if authors is not None and _filled(lake, "engagements", "target_post_id"):
            on_posts = eng.filter(eng.target_post_id.notnull())
            joined = on_posts.join(authors, on_posts.target_post_id == authors.target_post)
            parts.append(_row(joined, "target", joined.author, joined._item))
    return parts


def _sessions(lake: Lake) -> list[ir.Table]:
    if not lake.has("sessions"):
        return []
    s = lake.table("sessions")
    item = ibis.literal("session")
    parts = []
    if _filled(lake, "sessions", "device_id"):
        parts.append(_row(s, "device", s.device_id, item))
    if _filled(lake, "sessions", "ip"):
        direct = s.filter(s.via_proxy.isnull() | ~s.via_proxy.fill_null(False))
        parts.append(_row(direct, "ip_prefix", prefix(direct.ip), item))
    return parts


def item_rows(lake: Lake) -> ir.Table | None:
    """``account_id, signal, value, item_id, t`` for every account; None if the lake has none.

    Values are strings; empty values and an account's references to itself are dropped.
    """
    parts = _post_items(lake) + _targets(lake) + _sessions(lake)
    if not parts:
        return None
    out = parts[0]
    for part in parts[1:]:
        out = out.union(part, distinct=False)
    keep = out.account_id.notnull() & out.value.notnull() & (out.value != "")
    keep &= (out.signal != "target") | (out.value != out.account_id)
    return out.filter(keep)


def bio_key(bio: ir.StringValue) -> ir.StringValue:
    """A bio without case, punctuation, emoji or spacing differences: words joined by one space."""
    return bio.lower().re_replace(r"[^\p{L}\p{N}]+", " ").strip()


def activity_times(lake: Lake) -> ir.Table | None:
    """``account_id, t`` of every post and engagement: when an account is active."""
    parts = [
        lake.table(name).select("account_id", t=lake.table(name).created_at)
        for name in ("posts", "engagements")
        if lake.has(name)
    ]
    if not parts:
        return None
    out = parts[0]
    for part in parts[1:]:
        out = out.union(part, distinct=False)
    return out
