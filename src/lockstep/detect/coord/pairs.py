"""Pairs of accounts that shared the same object within a time window, in the engine.

The naive join of an object's sharers with each other is quadratic: one viral post
reposted by a hundred thousand accounts is five billion pairs. Here every share is paired
only with the next ``neighbours`` shares of the same object (in time order) that fall
within the window. Shares are numbered per object and cut into blocks of ``neighbours``;
a share meets only its own and the next block, so the join is an equi-join on (object,
block) whose size is at most ``2 · neighbours`` per share: linear in the shares, whatever
the object's popularity. A planted group acting on many objects still meets its members
again and again, because each member's nearest neighbours in time are its co-operators;
a viral crowd's neighbours are strangers who never meet twice.

Each account's repeated shares of one object within one window count once (its first),
so an account repeating itself does not crowd its neighbours out.

Objects are weighted as in the Adamic–Adar index of link prediction: an object shared
``n`` times adds ``1 / ln(n)`` to each pair that shared it, so an item everybody shared
(a viral video, a star's post, a trending hashtag, a stock greeting) adds little and one
only a handful of accounts shared once each adds much (2 shares: 1.44; 30: 0.29; 3,000:
0.12).
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir


def seconds(t: ir.TimestampValue) -> ir.IntegerValue:
    """Whole seconds since the epoch, rounded down on every engine (DuckDB's epoch is
    fractional and its cast rounds; Spark's truncates)."""
    return t.epoch_seconds().cast("float64").floor().cast("int64")


def first_in_window(objects: ir.Table, window_s: int) -> ir.Table:
    """Each account's shares of an object, less repeats within ``window_s`` of the last."""
    w = ibis.window(group_by=["otype", "value", "account_id"], order_by=["t", "item_id"])
    secs = objects.mutate(s=seconds(objects.t))
    secs = secs.mutate(prev=secs.s.lag().over(w))
    return secs.filter(secs.prev.isnull() | (secs.s - secs.prev > window_s)).drop("prev")


def weighted(shares: ir.Table) -> ir.Table:
    """Shares of objects that at least two accounts shared, with ``sharers`` (the object's
    distinct accounts) and ``idf`` (``1 / ln(n)``, ``n`` the object's shares).

    The weight counts shares, not sharers: a stock greeting the same crowd posts every
    morning, or a tag it uses all week, is as common as its number of shares says, and two
    of that crowd meeting on it again and again is what chance gives."""
    pop = shares.group_by("otype", "value").aggregate(
        sharers=shares.account_id.nunique(), n=shares.count()
    )
    pop = pop.filter(pop.sharers >= 2)
    pop = pop.select("otype", "value", "sharers", idf=1.0 / pop.n.cast("float64").ln())
    return shares.join(pop, ["otype", "value"])


def neighbour_pairs(shares: ir.Table, window_s: int, neighbours: int) -> ir.Table:
    """``lo, hi, otype, value, idf, sharers, t_lo, t_hi, gap, moment``: one row per share
    and each of its next ``neighbours`` shares of the same object, by another account,
    within ``window_s`` seconds. ``moment`` is the ``lo`` account's item (post or repost):
    the objects of one post count as one moment of co-activity."""
    w = ibis.window(group_by=["otype", "value"], order_by=["s", "account_id", "item_id"])
    ranked = shares.mutate(r=ibis.row_number().over(w))
    ranked = ranked.mutate(block=(ranked.r // neighbours).cast("int64"))
    cols = ("otype", "value", "idf", "sharers", "account_id", "item_id", "t", "s", "r")
    left = ranked.select(*cols, jb=ranked.block)
    left = left.union(left.mutate(jb=left.jb + 1), distinct=False)
    right = ranked.select(
        o2="otype",
        v2="value",
        b2="block",
        a2="account_id",
        i2="item_id",
        t2="t",
        s2="s",
        r2="r",
    )
    joined = left.join(
        right,
        [left.otype == right.o2, left.value == right.v2, left.jb == right.b2],
    )
    joined = joined.filter(
        (joined.r2 > joined.r)
        & (joined.r2 <= joined.r + neighbours)
        & (joined.s2 - joined.s <= window_s)
        & (joined.account_id != joined.a2)
    )
    first_lo = joined.account_id < joined.a2
    return joined.select(
        lo=ibis.least(joined.account_id, joined.a2),
        hi=ibis.greatest(joined.account_id, joined.a2),
        otype=joined.otype,
        value=joined.value,
        idf=joined.idf,
        sharers=joined.sharers,
        t_lo=ibis.ifelse(first_lo, joined.t, joined.t2),
        t_hi=ibis.ifelse(first_lo, joined.t2, joined.t),
        gap=joined.s2 - joined.s,
        moment=ibis.ifelse(first_lo, joined.item_id, joined.i2),
    )


def pair_support(
    pairs: ir.Table, factors: dict[str, float], weak: tuple[str, ...] = ()
) -> ir.Table:
    """Per account pair: ``objects`` (distinct), ``moments`` (distinct ``lo`` items with an
    object not of a ``weak`` type), ``days`` (distinct UTC dates of those) and ``weight``:
    the sum over distinct objects of ``idf`` times the object type's factor in ``factors``
    (1 when absent). Pairs with no moment
    are left out."""
    per_object = pairs.group_by("lo", "hi", "otype", "value").aggregate(idf=pairs.idf.max())
    factor = ibis.literal(1.0)
    for otype, value in sorted(factors.items()):
        factor = ibis.ifelse(per_object.otype == otype, value, factor)
    per_object = per_object.mutate(w=per_object.idf * factor)
    objects = per_object.group_by("lo", "hi").aggregate(
        objects=per_object.count(), weight=per_object.w.sum()
    )
    strong = pairs.filter(~pairs.otype.isin(weak)) if weak else pairs
    moments = strong.group_by("lo", "hi").aggregate(
        moments=strong.moment.nunique(), days=strong.t_lo.date().nunique()
    )
    return objects.join(moments, ["lo", "hi"])


def fast_share_window(shares: ir.Table, quantile: float) -> ir.FloatingScalar:
    """CooRnet's fast-share estimate of the coordination window, in seconds.

    For every object shared by two or more accounts, the time from its first share to the
    first share by another account; the window is the median of the ``quantile`` fastest
    of those (the ``quantile / 2`` quantile of all of them).
    """
    firsts = shares.group_by("otype", "value", "account_id").aggregate(s=shares.s.min())
    w = ibis.window(group_by=["otype", "value"], order_by=["s", "account_id"])
    ranked = firsts.mutate(r=ibis.row_number().over(w), start=firsts.s.min().over(w))
    second = ranked.filter(ranked.r == 1)
    gap = (second.s - second.start).cast("float64")
    return gap.quantile(quantile / 2)


def common_partners(pairs: ir.Table, witnesses: int) -> ir.Table:
    """``lo, hi, common``: for each pair of ``pairs`` (``lo < hi``, with ``moments`` and
    ``objects``), how many of the ``witnesses`` partners ``lo`` met most often in ``pairs``
    are partners of ``hi`` too: the triangles it closes, counted up to ``witnesses``.

    Operations act as groups, so their members' pairs close many triangles; two strangers
    who met twice by chance share no partner (their other chance meetings are with
    different strangers). Counting among a bounded number of witnesses keeps the cost
    linear in the pairs: a big operation's members have hundreds of partners each, and
    all their triangles would be cubic in its size. Witnesses are ranked on counts and ids
    only, so float sums summed in another order cannot change which are chosen."""
    cols = ("moments", "objects")
    ends = pairs.select("moments", "objects", a=pairs.lo, b=pairs.hi).union(
        pairs.select(*cols, a=pairs.hi, b=pairs.lo), distinct=False
    )
    order = [ends.moments.desc(), ends.objects.desc(), ends.b]
    ranked = ends.mutate(rank=ibis.row_number().over(group_by="a", order_by=order))
    heaviest = ranked.filter(ranked.rank < witnesses).select("a", "b")
    via = pairs.join(heaviest, pairs.lo == heaviest.a).select("lo", "hi", c=heaviest.b)
    other = ends.select("a", "b")
    closed = via.join(other, (via.hi == other.a) & (via.c == other.b))
    return closed.group_by("lo", "hi").aggregate(common=closed.count())
