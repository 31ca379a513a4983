"""What a network leaves in the lake that a peer could look for: its links, sites, media and
texts — chosen so that a peer acting on them hits the operation and not bystanders.

An observable is exported only when it is *the network's own*:

- at least ``min_members`` members spread it (one member's link could be anyone's), and
- members are at least ``min_share`` of all the accounts in the data that spread it, so a
  news article, a video platform or a slogan that organic users share too is never offered
  to a peer as a sign of the operation.

Domains of messaging apps and alternative platforms (``data/alt_platforms.txt``) are never
exported as domains — a Telegram channel is the operation's, ``t.me`` is everyone's — their
channel URLs are. Media count as spread by whoever posted them or reposted a post carrying
them, since operations push videos by reposting one upload. Texts are the near-duplicate
groups (:mod:`lockstep.detect.text`) among members' posts; each is exported as the group's
first post, and a text's spreaders outside the network are the accounts that posted any of
the group's exact variants.

Everything here is an engine query over the lake; only the few observables chosen come back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from lockstep.detect.text import NearDupParams, near_duplicate_groups, prepare
from lockstep.lake import Lake
from lockstep.networks.profile import ALT_PLATFORMS

KINDS = ("url", "domain", "media", "text")


@dataclass(frozen=True)
class Limits:
    """How specific an observable must be to be shared, and how many of each kind."""

    min_members: int = 2
    min_share: float = 0.8
    per_kind: int = 50


@dataclass(frozen=True)
class Observable:
    """One of the network's own observables, with the numbers that make it specific."""

    kind: str
    value: str
    #: members that spread it, their posts with it, and all accounts that spread it
    members: int
    posts: int
    accounts: int
    first_seen: datetime
    last_seen: datetime

    @property
    def share(self) -> float:
        return round(self.members / self.accounts, 4) if self.accounts else 1.0


def _rows(lake: Lake, expr: ir.Table) -> list[dict[str, Any]]:
    table: pa.Table = lake.con.to_pyarrow(expr)
    return table.to_pylist()


def _specific(
    lake: Lake, kind: str, uses: ir.Table, members: ir.Table, limits: Limits
) -> list[Observable]:
    """Observables of ``uses`` (``account_id, post_id, created_at, value``) the network owns."""
    mine = uses.semi_join(members, "account_id")
    per = mine.group_by("value").aggregate(
        members=mine.account_id.nunique(),
        posts=mine.post_id.nunique(),
        first=mine.created_at.min(),
        last=mine.created_at.max(),
    )
    per = per.filter(per.members >= limits.min_members)
    everyone = uses.semi_join(per.select("value"), "value")
    reach = everyone.group_by("value").aggregate(accounts=everyone.account_id.nunique())
    owned = per.join(reach, "value")
    owned = owned.filter(owned.members >= limits.min_share * owned.accounts)
    owned = owned.order_by([ibis.desc("members"), ibis.desc("posts"), "value"]).limit(
        limits.per_kind
    )
    return [
        Observable(
            kind,
            str(r["value"]),
            int(r["members"]),
            int(r["posts"]),
            int(r["accounts"]),
            r["first"],
            r["last"],
        )
        for r in _rows(lake, owned)
    ]


def _links(posts: ir.Table) -> ir.Table:
    linked = posts.filter(posts.urls.notnull())
    links = linked.select("account_id", "post_id", "created_at", value=linked.urls.unnest())
    return links.filter(links.value.notnull() & (links.value != ""))


def _domains(lake: Lake, links: ir.Table) -> ir.Table | None:
    if not lake.has("urls"):
        return None
    urls = lake.table("urls").select(value="url", domain="registered_domain")
    j = links.join(urls, "value")
    domains = j.select("account_id", "post_id", "created_at", value=j.domain)
    return domains.filter(
        domains.value.notnull() & (domains.value != "") & ~domains.value.isin(sorted(ALT_PLATFORMS))
    )


def _media(lake: Lake, posts: ir.Table) -> ir.Table:
    carrying = posts.filter(posts.media_hashes.notnull())
    media = carrying.select(
        "account_id", "post_id", "created_at", value=carrying.media_hashes.unnest().lower()
    )
    media = media.filter(media.value.notnull() & (media.value != ""))
    if not lake.has("engagements"):
        return media
    eng = lake.table("engagements")
    shares = eng.filter(eng.kind.isin(["repost", "share"]) & eng.target_post_id.notnull())
    carriers = media.select(target="post_id", media_value="value")
    pushed = shares.join(carriers, shares.target_post_id == carriers.target)
    spread = pushed.select(
        "account_id", post_id=pushed.target, created_at=pushed.created_at, value=pushed.media_value
    )
    return media.union(spread)


def _texts(
    lake: Lake, posts: ir.Table, members: ir.Table, limits: Limits, params: NearDupParams
) -> list[Observable]:
    theirs = posts.filter(posts.text.notnull()).semi_join(members, "account_id")
    theirs = theirs.select("post_id", "account_id", "created_at", "text")
    groups = near_duplicate_groups(theirs, params)
    try:
        per = groups.group_by("group_id").aggregate(
            members=groups.account_id.nunique(),
            posts=groups.post_id.nunique(),
            first=groups.created_at.min(),
            last=groups.created_at.max(),
        )
        per = per.filter(per.members >= limits.min_members)
        chosen = _rows(lake, per)
        if not chosen:
            return []
        wanted = ibis.memtable(pa.table({"group_id": [r["group_id"] for r in chosen]}))
        in_groups = groups.semi_join(wanted, "group_id").select("post_id", "group_id")
        everyone = prepare(posts.filter(posts.text.notnull()), params, ("account_id",))
        variants = everyone.join(in_groups, "post_id").select("group_id", "tid").distinct()
        spread = everyone.join(variants, "tid")
        reach = spread.group_by("group_id").aggregate(accounts=spread.account_id.nunique())
        firsts = posts.select(group_id="post_id", value="text").semi_join(wanted, "group_id")
        found = {r["group_id"]: r for r in _rows(lake, reach.join(firsts, "group_id"))}
    finally:
        groups.release()
    out = [
        Observable(
            "text",
            str(found[r["group_id"]]["value"]),
            int(r["members"]),
            int(r["posts"]),
            int(found[r["group_id"]]["accounts"]),
            r["first"],
            r["last"],
        )
        for r in chosen
        if r["group_id"] in found
        and r["members"] >= limits.min_share * found[r["group_id"]]["accounts"]
    ]
    out.sort(key=lambda o: (-o.members, -o.posts, o.value))
    return out[: limits.per_kind]


def network_observables(
    lake: Lake,
    account_ids: Sequence[str],
    limits: Limits | None = None,
    params: NearDupParams | None = None,
) -> list[Observable]:
    """The network's own URLs, domains, media hashes and texts, most spread first per kind."""
    limits = limits or Limits()
    if not account_ids or not lake.has("posts"):
        return []
    members = ibis.memtable(pa.table({"account_id": sorted(set(account_ids))}))
    posts = lake.table("posts")
    out: list[Observable] = []
    filled = (
        set(lake.manifest.tables["posts"].present) if "posts" in lake.manifest.tables else set()
    )
    if "urls" in filled:
        links = _links(posts)
        out += _specific(lake, "url", links, members, limits)
        domains = _domains(lake, links)
        if domains is not None:
            out += _specific(lake, "domain", domains, members, limits)
    if "media_hashes" in filled:
        out += _specific(lake, "media", _media(lake, posts), members, limits)
    if "text" in filled:
        out += _texts(lake, posts, members, limits, params or NearDupParams())
    return out
