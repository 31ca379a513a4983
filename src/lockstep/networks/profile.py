"""What the lake says about each network's members: the observables tactics rest on.

All heavy work runs on the engine: the members (a small table of account id and network
id) are joined to the lake's tables and aggregated per network, member, language, country
or domain, and only those aggregates come back. Tables or columns the input lacks simply
leave their observables empty, so a network is never described from data that is absent.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from importlib.resources import files
from typing import Any

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from lockstep.lake import Lake

#: Post kinds whose media counts as a video for the reposted-videos observable.
VIDEO_KINDS = ("video", "livestream")
#: Distinct members that must repost one video for it to count as pushed by the network.
MIN_VIDEO_REPOSTERS = 3
_DOMAIN_RE = r"^[a-zA-Z][a-zA-Z0-9+.-]*://(?:www\.)?([^/:?#]+)"
_CHANNEL_RE = r"^[a-zA-Z][a-zA-Z0-9+.-]*://[^/]+/([^/?#]+)"


def _word_list(name: str) -> frozenset[str]:
    text = files("lockstep").joinpath("data", name).read_text(encoding="utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and line[0] != "#"
    )


#: Messaging apps and platforms an operation sends users to (``data/alt_platforms.txt``).
ALT_PLATFORMS = _word_list("alt_platforms.txt")
#: Masthead words that make a name look like a news outlet (``data/news_words.txt``).
NEWS_WORDS = _word_list("news_words.txt")


@dataclass
class DomainUse:
    domain: str
    members: int
    links: int
    #: distinct accounts anywhere in the data that linked the domain
    accounts: int


@dataclass
class Profile:
    """Aggregates of one network's members, straight from the lake."""

    members: list[dict[str, Any]] = field(default_factory=list)
    session_countries: Counter[str] = field(default_factory=Counter)
    proxy_countries: Counter[str] = field(default_factory=Counter)
    sessions: int = 0
    proxy_sessions: int = 0
    #: members with a non-proxy session from a country other than the one they declare
    members_abroad: int = 0
    post_langs: Counter[str] = field(default_factory=Counter)
    posts: int = 0
    comments: int = 0
    #: posts before the network's first coordinated activity
    early_posts: int = 0
    #: members posting in two or more languages, each at least a fifth of their posts
    multilingual_members: int = 0
    domains: list[DomainUse] = field(default_factory=list)
    #: videos that at least MIN_VIDEO_REPOSTERS members reposted, and those reposts
    videos: int = 0
    video_reposts: int = 0
    internal_follows: int = 0
    #: likes and reposts by members, and those on posts of fellow members
    post_engagements: int = 0
    internal_engagements: int = 0
    audience_countries: Counter[str] = field(default_factory=Counter)
    audience_langs: Counter[str] = field(default_factory=Counter)
    audience_accounts: int = 0
    first_post: datetime | None = None
    last_post: datetime | None = None


def _rows(lake: Lake, expr: ir.Table) -> list[dict[str, Any]]:
    table: pa.Table = lake.con.to_pyarrow(expr)
    return table.to_pylist()


def profiles(lake: Lake, membership: pa.Table) -> dict[str, Profile]:
    """Per network id, the observables of its members.

    ``membership`` has ``account_id``, ``network_id`` and ``coord_start`` (the network's
    first coordinated activity, or null).
    """
    out = {str(nid): Profile() for nid in set(membership.column("network_id").to_pylist())}
    if not out:
        return out
    m = ibis.memtable(membership)
    _accounts(lake, m, out)
    if lake.has("sessions"):
        _sessions(lake, m, out)
    if lake.has("posts"):
        _posts(lake, m, out)
        _domains(lake, m, out)
    if lake.has("engagements"):
        _engagements(lake, m, out)
    return out


def _accounts(lake: Lake, m: ir.Table, out: dict[str, Profile]) -> None:
    if not lake.has("accounts"):
        return
    acc = lake.table("accounts")
    cols = [
        "account_id",
        "handle",
        "display_name",
        "bio",
        "avatar_hash",
        "created_at",
        "followers_count",
        "country",
        "lang",
    ]
    joined = m.join(acc.select(*cols), "account_id")
    for row in _rows(lake, joined.select("network_id", *cols).order_by("account_id")):
        out[row.pop("network_id")].members.append(row)


def _sessions(lake: Lake, m: ir.Table, out: dict[str, Profile]) -> None:
    ses = lake.table("sessions")
    acc = lake.table("accounts").select("account_id", declared="country")
    j = ses.join(m, "account_id").join(acc, "account_id", how="left")
    proxy = j.via_proxy.fill_null(False)
    agg = j.group_by("network_id", "ip_country", proxy=proxy).aggregate(n=j.count())
    for r in _rows(lake, agg):
        p = out[r["network_id"]]
        p.sessions += r["n"]
        if r["proxy"]:
            p.proxy_sessions += r["n"]
            if r["ip_country"]:
                p.proxy_countries[r["ip_country"]] += r["n"]
        elif r["ip_country"]:
            p.session_countries[r["ip_country"]] += r["n"]
    home = j.filter(~proxy & j.ip_country.notnull() & j.declared.notnull())
    abroad = home.filter(home.ip_country.upper() != home.declared.upper())
    counts = abroad.group_by("network_id").aggregate(n=abroad.account_id.nunique())
    for r in _rows(lake, counts):
        out[r["network_id"]].members_abroad = int(r["n"])


def _posts(lake: Lake, m: ir.Table, out: dict[str, Profile]) -> None:
    posts = lake.table("posts")
    j = posts.join(m, "account_id")
    comment = (j.kind.fill_null("post") == "comment") | j.reply_to.notnull()
    early = j.coord_start.notnull() & (j.created_at < j.coord_start)
    agg = j.group_by("network_id", "account_id", lang=j.lang.fill_null("")).aggregate(
        n=j.count(),
        comments=comment.cast("int64").sum(),
        early=early.cast("int64").sum(),
        first=j.created_at.min(),
        last=j.created_at.max(),
    )
    per_member: dict[tuple[str, str], Counter[str]] = {}
    for r in _rows(lake, agg):
        p = out[r["network_id"]]
        p.posts += r["n"]
        p.comments += r["comments"] or 0
        p.early_posts += r["early"] or 0
        if r["lang"]:
            p.post_langs[r["lang"]] += r["n"]
            per_member.setdefault((r["network_id"], r["account_id"]), Counter())[r["lang"]] += r[
                "n"
            ]
        p.first_post = min(filter(None, (p.first_post, r["first"])), default=None)
        p.last_post = max(filter(None, (p.last_post, r["last"])), default=None)
    for (nid, _), langs in per_member.items():
        total = sum(langs.values())
        if sum(1 for n in langs.values() if n >= 0.2 * total) >= 2:
            out[nid].multilingual_members += 1


def _domains(lake: Lake, m: ir.Table, out: dict[str, Profile]) -> None:
    posts = lake.table("posts").filter(lambda t: t.urls.notnull())
    links = posts.select("account_id", url=posts.urls.unnest())
    host = links.url.re_extract(_DOMAIN_RE, 1).lower()
    channel = links.url.re_extract(_CHANNEL_RE, 1).lower()
    # on a messaging platform the unit is the channel (t.me/NAME), not the whole host
    links = links.mutate(
        domain=ibis.ifelse(
            host.isin(sorted(ALT_PLATFORMS)) & channel.notnull() & (channel != ""),
            host.concat("/", channel),
            host,
        )
    )
    links = links.filter(links.domain.notnull() & (links.domain != ""))
    j = links.join(m, "account_id")
    used = j.group_by("network_id", "domain").aggregate(
        members=j.account_id.nunique(), links=j.count()
    )
    used_rows = _rows(lake, used.filter(used.members >= 2))
    if not used_rows:
        return
    wanted = ibis.memtable(pa.table({"domain": sorted({r["domain"] for r in used_rows})}))
    everyone = links.join(wanted, "domain")
    reach = everyone.group_by("domain").aggregate(accounts=everyone.account_id.nunique())
    accounts = {r["domain"]: int(r["accounts"]) for r in _rows(lake, reach)}
    for r in sorted(used_rows, key=lambda r: (-r["members"], r["domain"])):
        out[r["network_id"]].domains.append(
            DomainUse(r["domain"], int(r["members"]), int(r["links"]), accounts[r["domain"]])
        )


def _engagements(lake: Lake, m: ir.Table, out: dict[str, Profile]) -> None:
    eng = lake.table("engagements")
    members = m.select("account_id", "network_id")
    if lake.has("posts"):
        posts = lake.table("posts")
        videos = posts.filter(posts.kind.isin(VIDEO_KINDS)).select(video="post_id")
        reposts = eng.filter(eng.kind == "repost").join(members, "account_id")
        rv = reposts.join(videos, reposts.target_post_id == videos.video)
        per_video = rv.group_by("network_id", "video").aggregate(
            members=rv.account_id.nunique(), n=rv.count()
        )
        pushed = per_video.filter(per_video.members >= MIN_VIDEO_REPOSTERS)
        agg = pushed.group_by("network_id").aggregate(videos=pushed.count(), n=pushed.n.sum())
        for r in _rows(lake, agg):
            out[r["network_id"]].videos = int(r["videos"])
            out[r["network_id"]].video_reposts = int(r["n"])
        _audience(lake, members, posts, eng, out)
        _self_amplification(lake, members, posts, eng, out)
    follows = eng.filter(eng.kind == "follow").join(members, "account_id")
    targets = members.select(target="account_id", target_network="network_id")
    inner = follows.join(
        targets,
        (follows.target_account_id == targets.target)
        & (follows.network_id == targets.target_network),
    )
    agg = inner.group_by("network_id").aggregate(n=inner.count())
    for r in _rows(lake, agg):
        out[r["network_id"]].internal_follows = int(r["n"])


def _self_amplification(
    lake: Lake, members: ir.Table, posts: ir.Table, eng: ir.Table, out: dict[str, Profile]
) -> None:
    """How much of the members' liking and reposting goes to fellow members' posts."""
    acts = eng.filter(eng.kind.isin(["like", "repost"]) & eng.target_post_id.notnull())
    acts = acts.join(members, "account_id")
    authors = posts.select(target="post_id", author="account_id")
    fellows = members.select(author_id="account_id", author_network="network_id")
    authors = authors.join(fellows, authors.author == fellows.author_id)
    j = acts.left_join(authors, acts.target_post_id == authors.target)
    inside = (j.author_network == j.network_id).fill_null(False)
    agg = j.group_by("network_id").aggregate(n=j.count(), inside=inside.cast("int64").sum())
    for r in _rows(lake, agg):
        out[r["network_id"]].post_engagements = int(r["n"])
        out[r["network_id"]].internal_engagements = int(r["inside"] or 0)


def _audience(
    lake: Lake, members: ir.Table, posts: ir.Table, eng: ir.Table, out: dict[str, Profile]
) -> None:
    """Accounts the network reached: non-members who engaged with its posts, and the
    authors of the posts it replied to."""
    own = posts.join(members, "account_id").select("post_id", "network_id")
    engaged = eng.join(own, eng.target_post_id == own.post_id).select("account_id", "network_id")
    replies = posts.filter(posts.reply_to.notnull()).join(members, "account_id")
    parents = posts.select(parent="post_id", author="account_id")
    answered = replies.join(parents, replies.reply_to == parents.parent).select(
        account_id="author", network_id="network_id"
    )
    reached = engaged.union(answered).distinct()
    reached = reached.anti_join(members.select("account_id"), "account_id")
    acc = lake.table("accounts").select("account_id", "country", "lang")
    j = reached.join(acc, "account_id")
    agg = j.group_by("network_id", "country", "lang").aggregate(n=j.count())
    for r in _rows(lake, agg):
        p = out[r["network_id"]]
        p.audience_accounts += r["n"]
        if r["country"]:
            p.audience_countries[r["country"].upper()] += r["n"]
        if r["lang"]:
            p.audience_langs[r["lang"]] += r["n"]
