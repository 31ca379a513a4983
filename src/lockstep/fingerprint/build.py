"""Building fingerprints from a lake, in the engine, for many subjects at once.

A subject is a set of accounts (a network, or one suspended account). Its accounts are joined
to the lake as a small table and everything is aggregated per subject in a handful of engine
queries, whatever the number of subjects; only the capped aggregates come back. For each value
the accounts of *all* the data that used it are counted too, so a value's ownership (the
subject's share of its users) is known without the lake later.

Texts are the subject's *repeated* texts: a normalised text (see
:func:`lockstep.detect.text.prepare`) its accounts posted at least ``min_repeats`` times. An
operation's narratives and slogans repeat; its personas' one-off chatter is drawn from the same
stock phrases as everyone's and would only make look-alikes of ordinary people.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from lockstep.detect.coord.mass_registration import shape
from lockstep.detect.text import NearDupParams, prepare
from lockstep.fingerprint.items import activity_times, bio_key, item_rows
from lockstep.fingerprint.model import Fingerprint, Member, Text, Value
from lockstep.lake import Lake


@dataclass(frozen=True)
class Subject:
    """What to fingerprint: a network's or an account's accounts, and since when it is gone."""

    fingerprint_id: str
    kind: str
    subject_id: str
    since: datetime
    accounts: tuple[str, ...]
    description: str = ""


@dataclass(frozen=True)
class BuildParams:
    """Caps that keep a fingerprint small enough for a ledger event, and what counts as repeated."""

    #: member profiles kept (a network of 27,000 accounts keeps the first this many by id)
    max_members: int = 1000
    #: repeated texts kept, the most widely posted first
    max_texts: int = 200
    #: values kept per signal, the most widely used first
    max_values: int = 200
    #: posts of one normalised text that make it one of the subject's texts
    min_repeats: int = 2
    text: NearDupParams = field(default_factory=NearDupParams)


def build(
    lake: Lake, subjects: Sequence[Subject], params: BuildParams | None = None
) -> list[Fingerprint]:
    """The fingerprint of every subject, in the order given."""
    params = params or BuildParams()
    if not subjects:
        return []
    members = ibis.memtable(
        pa.table(
            {
                "ref": pa.array([s.fingerprint_id for s in subjects for _ in s.accounts]),
                "account_id": pa.array([a for s in subjects for a in s.accounts], pa.string()),
            }
        )
    )
    profiles = _profiles(lake, members, params)
    items = _items(lake, members, params)
    texts = _texts(lake, members, params)
    hours, langs, posts = _rhythm(lake, members)
    out = []
    for s in subjects:
        key = s.fingerprint_id
        people = profiles.get(key, [])
        out.append(
            Fingerprint(
                fingerprint_id=key,
                kind=s.kind,
                subject_id=s.subject_id,
                since=s.since,
                description=s.description,
                members=tuple(m for m, _ in people[: params.max_members]),
                member_total=len(set(s.accounts)),
                texts=tuple(texts.get(key, [])),
                items={sig: tuple(v) for sig, v in sorted(items.get(key, {}).items())},
                hours=_shares(hours.get(key, {}), 24),
                languages=_fractions(langs.get(key, {})),
                shapes=dict(sorted(_count(sh for _, sh in people if sh).items())),
                posts=posts.get(key, 0),
            )
        )
    return out


def _profiles(
    lake: Lake, members: ir.Table, params: BuildParams
) -> dict[str, list[tuple[Member, str | None]]]:
    """ref → (member profile, handle shape), by account id."""
    acc = lake.table("accounts")
    acc = acc.select(
        "account_id",
        "handle",
        "display_name",
        "bio",
        "avatar_hash",
        bkey=bio_key(acc.bio),
        shape=shape(acc.handle),
    )
    bios = acc.filter(acc.bkey.notnull() & (acc.bkey != ""))
    bios = bios.group_by("bkey").aggregate(bio_n=bios.count())
    avatars = acc.filter(acc.avatar_hash.notnull())
    avatars = avatars.group_by("avatar_hash").aggregate(avatar_n=avatars.count())
    joined = members.join(acc, "account_id")
    joined = joined.left_join(bios, "bkey").select(*joined.columns, bio_n=ibis._.bio_n)
    joined = joined.left_join(avatars, "avatar_hash").select(
        *joined.columns, avatar_n=ibis._.avatar_n
    )
    rows = lake.con.to_pyarrow(joined.order_by(["ref", "account_id"])).to_pylist()
    by_ref: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_ref[r["ref"]].append(r)
    out: dict[str, list[tuple[Member, str | None]]] = {}
    for ref, people in by_ref.items():
        # other accounts: everyone with that bio or avatar minus the subject's own
        own_bios = _count(r["bkey"] for r in people if r["bkey"])
        own_avatars = _count(r["avatar_hash"] for r in people if r["avatar_hash"])
        out[ref] = [
            (
                Member(
                    account_id=r["account_id"],
                    handle=r["handle"],
                    display_name=r["display_name"],
                    bio=r["bio"],
                    avatar_hash=r["avatar_hash"],
                    bio_others=int(r["bio_n"] or 0) - own_bios.get(r["bkey"], 0),
                    avatar_others=int(r["avatar_n"] or 0) - own_avatars.get(r["avatar_hash"], 0),
                ),
                r["shape"] or None,
            )
            for r in people
        ]
    return out


def _capped(table: ir.Table, keys: list[str], order: list[ir.Value], cap: int) -> ir.Table:
    """At most ``cap`` rows per ``keys`` group, the first by ``order``."""
    w = ibis.window(group_by=[table[k] for k in keys], order_by=order)
    ranked = table.mutate(_rank=ibis.row_number().over(w))
    return ranked.filter(ranked._rank < cap).drop("_rank")


def _items(lake: Lake, members: ir.Table, params: BuildParams) -> dict[str, dict[str, list[Value]]]:
    """ref → signal → values the subject used, with their users inside and outside it."""
    rows = item_rows(lake)
    if rows is None:
        return {}
    rows = rows.select("account_id", "signal", "value")
    mine = rows.join(members, "account_id")
    # a target that is one of the subject's own accounts is the operation boosting itself
    own = members.select(ref=members.ref, value=members.account_id)
    targets = mine.filter(mine.signal == "target")
    targets = targets.anti_join(own, [targets.ref == own.ref, targets.value == own.value])
    mine = mine.filter(mine.signal != "target").union(targets, distinct=False)
    used = mine.group_by(["ref", "signal", "value"]).aggregate(members=mine.account_id.nunique())
    wanted = used.select("signal", "value").distinct()
    totals = rows.semi_join(wanted, ["signal", "value"])
    totals = totals.group_by(["signal", "value"]).aggregate(users=totals.account_id.nunique())
    scored = used.join(totals, ["signal", "value"])
    scored = scored.select(
        "ref", "signal", "value", "members", others=scored.users - scored.members
    )
    capped = _capped(
        scored,
        ["ref", "signal"],
        [ibis.desc(scored.members), scored.others, scored.value],
        params.max_values,
    )
    table = lake.con.to_pyarrow(
        capped.order_by(["ref", "signal", ibis.desc("members"), "others", "value"])
    )
    out: dict[str, dict[str, list[Value]]] = defaultdict(lambda: defaultdict(list))
    for r in table.to_pylist():
        out[r["ref"]][r["signal"]].append(Value(r["value"], int(r["members"]), int(r["others"])))
    return out


def _texts(lake: Lake, members: ir.Table, params: BuildParams) -> dict[str, list[Text]]:
    """ref → the subject's repeated normalised texts, with the other accounts posting them."""
    if not lake.has("posts") or lake.missing_columns("posts", ["text"]):
        return {}
    posts = lake.table("posts")
    prepared = prepare(posts.filter(posts.text.notnull()), params.text, ("account_id",))
    mine = prepared.join(members, "account_id")
    used = mine.group_by(["ref", "tid", "norm"]).aggregate(
        posts=mine.count(), members=mine.account_id.nunique()
    )
    used = used.filter(used.posts >= params.min_repeats)
    totals = prepared.semi_join(used.select("tid").distinct(), "tid")
    totals = totals.group_by("tid").aggregate(users=totals.account_id.nunique())
    scored = used.join(totals, "tid")
    scored = scored.select("ref", "norm", "posts", "members", others=scored.users - scored.members)
    capped = _capped(
        scored,
        ["ref"],
        [ibis.desc(scored.members), ibis.desc(scored.posts), scored.norm],
        params.max_texts,
    )
    table = lake.con.to_pyarrow(
        capped.order_by(["ref", ibis.desc("members"), ibis.desc("posts"), "norm"])
    )
    out: dict[str, list[Text]] = defaultdict(list)
    for r in table.to_pylist():
        out[r["ref"]].append(Text(r["norm"], int(r["posts"]), int(r["members"]), int(r["others"])))
    return out


def _rhythm(
    lake: Lake, members: ir.Table
) -> tuple[dict[str, dict[int, int]], dict[str, dict[str, int]], dict[str, int]]:
    """ref → activity per UTC hour, posts per language, and posts."""
    hours: dict[str, dict[int, int]] = defaultdict(dict)
    langs: dict[str, dict[str, int]] = defaultdict(dict)
    posts: dict[str, int] = {}
    times = activity_times(lake)
    if times is not None:
        mine = times.join(members, "account_id")
        mine = mine.mutate(hour=mine.t.hour())
        grouped = mine.group_by(["ref", "hour"]).aggregate(n=mine.count())
        for r in lake.con.to_pyarrow(grouped).to_pylist():
            hours[r["ref"]][int(r["hour"])] = int(r["n"])
    if lake.has("posts"):
        p = lake.table("posts").join(members, "account_id")
        counted = p.group_by(["ref", "lang"]).aggregate(n=p.count())
        for r in lake.con.to_pyarrow(counted).to_pylist():
            posts[r["ref"]] = posts.get(r["ref"], 0) + int(r["n"])
            if r["lang"]:
                langs[r["ref"]][str(r["lang"])] = int(r["n"])
    return hours, langs, posts


def _count(values: Any) -> dict[Any, int]:
    out: dict[Any, int] = {}
    for v in values:
        out[v] = out.get(v, 0) + 1
    return out


def _shares(counts: dict[int, int], n: int) -> tuple[float, ...]:
    total = sum(counts.values())
    if not total:
        return ()
    return tuple(round(counts.get(i, 0) / total, 6) for i in range(n))


def _fractions(counts: dict[str, int]) -> dict[str, float]:
    total = sum(counts.values())
    return {k: round(v / total, 6) for k, v in sorted(counts.items())} if total else {}
