"""Engine expressions the engagement detectors share: follows, post engagement with the
post's author, account languages, and a population quantile for relative thresholds."""

from __future__ import annotations

from collections.abc import Sequence

import ibis.expr.types as ir

from lockstep.lake import Lake


def follows(lake: Lake, kind: str = "follow") -> ir.Table:
    """``src, dst, t``: one row per follow (or unfollow) of an account by another."""
    eng = lake.table("engagements")
    rows = eng.filter(
        (eng.kind == kind)
        & eng.target_account_id.notnull()
        & (eng.account_id != eng.target_account_id)
    )
    return rows.select(src=rows.account_id, dst=rows.target_account_id, t=rows.created_at)


def on_posts(lake: Lake, kinds: Sequence[str]) -> ir.Table:
    """``src, kind, post_id, author, t, posted``: engagements of ``kinds`` on posts in the
    data, with the post's author and time; engaging with one's own post is left out."""
    eng = lake.table("engagements")
    eng = eng.filter(eng.kind.isin(list(kinds)) & eng.target_post_id.notnull())
    posts = lake.table("posts").select(pid="post_id", author="account_id", posted="created_at")
    joined = eng.join(posts, eng.target_post_id == posts.pid)
    joined = joined.filter(joined.account_id != joined.author)
    return joined.select(
        src=joined.account_id,
        kind=joined.kind,
        post_id=joined.pid,
        author=joined.author,
        t=joined.created_at,
        posted=joined.posted,
    )


def languages(lake: Lake) -> ir.Table | None:
    """``account_id, lang`` for accounts with a declared language (None without the column)."""
    if lake.missing_columns("accounts", ("lang",)):
        return None
    acc = lake.table("accounts")
    acc = acc.filter(acc.lang.notnull() & (acc.lang != ""))
    return acc.select("account_id", lang=acc.lang.lower())


def quantile(lake: Lake, column: ir.NumericColumn, q: float) -> float:
    """The ``q`` quantile of ``column`` (0 when it is empty): the population's normal level
    that relative thresholds are set against."""
    value = lake.con.execute(column.quantile(q))
    return 0.0 if value is None else float(value)
