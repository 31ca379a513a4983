"""DISARM techniques a network shows, each with the observable that supports it.

A technique is tagged only when its observable is present in the network's own profile or
evidence, and the observable is stated in numbers an analyst can check (how many members,
sessions, posts, which domains). Shares are compared with ``majority`` (default one half)
unless a rule says otherwise; the thresholds are the constants below.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from lockstep.networks.profile import ALT_PLATFORMS, NEWS_WORDS, Profile

NAMES = {
    "T0143.002": "fabricated persona",
    "T0145.002": "AI-generated account imagery",
    "T0097.202": "news outlet persona",
    "T0098.001": "inauthentic news sites",
    "T0128": "conceal network identity: location obfuscation",
    "T0101": "localised content in several languages",
    "T0129.002": "content unrelated to the narrative before a pivot",
    "T0116": "comment or reply on content",
    "T0049.003": "amplify by reposting the same videos",
    "T0084.001": "copypasta",
    "T0092.002": "follow trains",
    "T0122": "direct users to alternative platforms",
}

#: Share of the data's domain links that must come from the network for a site to count as
#: run by the network (its members are nearly the only accounts that link it).
OWNED_SHARE = 0.8
#: Avatar hashes agreeing on this many leading hex digits (16 bits) come from one template.
AVATAR_PREFIX = 4
#: Bits apart, on average, above which same-template avatars are different faces rather
#: than re-encodings of one picture.
DISTINCT_FACE_BITS = 8
#: Minimum shares for the content observables.
COMMENT_SHARE = 0.3
#: a pivot: coordination starts this far into the members' observed activity, after at least
#: EARLY_SHARE of their posts
PIVOT_SHARE = 0.25
EARLY_SHARE = 0.05
FOLLOW_DENSITY = 0.3
MIN_VIDEOS = 2


@dataclass(frozen=True)
class Tactic:
    id: str
    name: str
    observable: str

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "name": self.name, "observable": self.observable}


@dataclass(frozen=True)
class Context:
    """What the graph and the findings add to the lake profile."""

    size: int
    #: behaviour -> members with a finding of that behaviour (coord.network excluded)
    member_behaviours: dict[str, int]
    #: co-activity signals among members (detector edges, not finding links)
    signals: tuple[str, ...]
    recent_days: float
    majority: float
    #: when the network began acting together (see ``_Cluster.onset``)
    coord_start: datetime | None = None


def _words(text: str | None) -> set[str]:
    return {w for w in re.split(r"[\s_.\-\d|·,:;/]+", (text or "").lower()) if w}


def news_like(member: dict[str, object]) -> bool:
    """A display name or handle carrying a masthead word."""
    names = _words(str(member.get("display_name") or "")) | _words(str(member.get("handle") or ""))
    return bool(names & NEWS_WORDS)


def _pct(part: int, whole: int) -> str:
    return f"{part} of {whole}" if whole else "0"


def _hex_bits(a: str, b: str) -> int | None:
    try:
        return (int(a, 16) ^ int(b, 16)).bit_count()
    except ValueError:
        return None


def _avatars(p: Profile) -> tuple[list[str], int, float | None]:
    """(hashes in the largest same-template group, exact duplicates, mean bits apart)."""
    hashes = [str(m["avatar_hash"]).lower() for m in p.members if m.get("avatar_hash")]
    dup = sum(n for n in Counter(hashes).values() if n > 1)
    groups = Counter(h[:AVATAR_PREFIX] for h in hashes if len(h) >= AVATAR_PREFIX)
    if not groups:
        return [], dup, None
    prefix, _ = groups.most_common(1)[0]
    group = sorted(h for h in hashes if h.startswith(prefix))
    distinct = sorted(set(group))
    dists = [
        d
        for i, a in enumerate(distinct)
        for b in distinct[i + 1 : i + 40]
        if (d := _hex_bits(a, b)) is not None
    ]
    return group, dup, (sum(dists) / len(dists) if dists else None)


def _pivoted(p: Profile, start: datetime | None) -> bool:
    if start is None or p.first_post is None or p.last_post is None or not p.posts:
        return False
    active = (p.last_post - p.first_post).total_seconds()
    quiet = (start - p.first_post).total_seconds()
    return active > 0 and quiet >= PIVOT_SHARE * active and p.early_posts >= EARLY_SHARE * p.posts


def tag(p: Profile, ctx: Context) -> list[Tactic]:
    """The tactics a network shows, in DISARM id order."""
    out: list[Tactic] = []
    n = ctx.size
    need = ctx.majority * n

    # -- personas ------------------------------------------------------------------------
    persona: list[str] = []
    end = p.last_post or max((m["created_at"] for m in p.members if m["created_at"]), default=None)
    if isinstance(end, datetime):
        since = end - timedelta(days=ctx.recent_days)
        recent = sum(1 for m in p.members if m["created_at"] and m["created_at"] >= since)
        if recent >= need:
            persona.append(f"{_pct(recent, n)} accounts created within {ctx.recent_days:g} days")
    group, dup, apart = _avatars(p)
    ai_like = len(group) >= max(3, need) and apart is not None and apart > DISTINCT_FACE_BITS
    if dup >= 2:
        persona.append(f"{dup} accounts share an avatar image with another member")
    if ai_like:
        persona.append(
            f"{len(group)} avatars from one template (hashes agree on the first "
            f"{AVATAR_PREFIX * 4} bits, different faces)"
        )
    bios = Counter(str(m["bio"]).strip() for m in p.members if m.get("bio"))
    templated = sum(c for c in bios.values() if c >= 3)
    if templated >= 3:
        persona.append(f"{templated} accounts share a templated bio")
    if persona:
        out.append(Tactic("T0143.002", NAMES["T0143.002"], "; ".join(persona)))
    if ai_like:
        out.append(
            Tactic(
                "T0145.002",
                NAMES["T0145.002"],
                f"{len(group)} of {n} avatars share a generator's template but show different "
                f"faces (mean {apart:.0f} bits apart)",
            )
        )

    owned = [
        d
        for d in p.domains
        if d.members >= 2 and d.accounts and d.members / d.accounts >= OWNED_SHARE
    ]
    platforms = [d for d in owned if d.domain.split("/")[0] in ALT_PLATFORMS]
    sites = [d for d in owned if d not in platforms]
    outlets = [m for m in p.members if news_like(m)]
    bio_sites = [
        m for m in outlets if any(d.domain in str(m.get("bio") or "").lower() for d in sites)
    ]
    if outlets and (len(outlets) >= 2 or bio_sites):
        names = ", ".join(str(m["display_name"] or m["handle"]) for m in outlets[:5])
        out.append(
            Tactic(
                "T0097.202",
                NAMES["T0097.202"],
                f"{len(outlets)} accounts named like news outlets ({names})"
                + (f"; {len(bio_sites)} link a network-run site in the bio" if bio_sites else ""),
            )
        )
    if sites:
        listed = ", ".join(f"{d.domain} ({d.members} members, {d.links} links)" for d in sites[:5])
        out.append(
            Tactic(
                "T0098.001",
                NAMES["T0098.001"],
                f"links to sites almost only this network links: {listed}",
            )
        )

    # -- location ------------------------------------------------------------------------
    if p.sessions and p.proxy_sessions >= ctx.majority * p.sessions:
        exits = ", ".join(c for c, _ in p.proxy_countries.most_common(3))
        out.append(
            Tactic(
                "T0128",
                NAMES["T0128"],
                f"{_pct(p.proxy_sessions, p.sessions)} sessions came through proxies or VPNs"
                + (f" exiting in {exits}" if exits else "")
                + (
                    f"; {p.members_abroad} members also connected from outside their declared "
                    "country"
                    if p.members_abroad
                    else ""
                ),
            )
        )

    # -- content -------------------------------------------------------------------------
    top_langs = [(lang, c) for lang, c in p.post_langs.most_common() if c >= 0.2 * p.posts]
    if len(top_langs) >= 2 and p.multilingual_members >= need:
        langs = ", ".join(f"{lang} {c}" for lang, c in top_langs)
        out.append(
            Tactic(
                "T0101",
                NAMES["T0101"],
                f"{_pct(p.multilingual_members, n)} members alternate languages (posts: {langs})",
            )
        )
    if _pivoted(p, ctx.coord_start):
        assert ctx.coord_start is not None
        out.append(
            Tactic(
                "T0129.002",
                NAMES["T0129.002"],
                f"{_pct(p.early_posts, p.posts)} posts came before the network's first "
                f"coordinated activity on {ctx.coord_start:%Y-%m-%d}",
            )
        )
    if p.posts and p.comments >= COMMENT_SHARE * p.posts:
        out.append(
            Tactic(
                "T0116",
                NAMES["T0116"],
                f"{_pct(p.comments, p.posts)} posts are comments or replies",
            )
        )
    if p.videos >= MIN_VIDEOS:
        out.append(
            Tactic(
                "T0049.003",
                NAMES["T0049.003"],
                f"{p.videos} videos were each reposted by several members "
                f"({p.video_reposts} reposts)",
            )
        )
    copiers = ctx.member_behaviours.get("spam.copypasta", 0)
    if copiers >= 2:
        out.append(
            Tactic(
                "T0084.001",
                NAMES["T0084.001"],
                f"{copiers} members have spam.copypasta findings (near-identical text)",
            )
        )
    possible = n * (n - 1)
    pods = ctx.member_behaviours.get("engagement.reciprocal", 0)
    if possible and (p.internal_follows >= FOLLOW_DENSITY * possible or pods >= need):
        out.append(
            Tactic(
                "T0092.002",
                NAMES["T0092.002"],
                f"{p.internal_follows} follows among members ({p.internal_follows / possible:.0%}"
                f" of possible pairs); {pods} members have engagement.reciprocal findings",
            )
        )
    if platforms:
        listed = ", ".join(
            f"{d.domain} ({d.members} members, {d.links} links)" for d in platforms[:5]
        )
        out.append(
            Tactic(
                "T0122",
                NAMES["T0122"],
                f"links users off-platform to channels almost only this network links: {listed}",
            )
        )
    return sorted(out, key=lambda t: t.id)
