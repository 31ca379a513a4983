"""User reports: some in good faith against real violators, some bad faith or noise.

Ordinary users report a share of each campaign's accounts, posts and links, with the reason
a user would pick. Reports are not truth: a brigade also mass-reports an innocent account (an
activist, a news outlet), and a trickle of reports targets ordinary posts for no good reason.
"""

from __future__ import annotations

import numpy as np

from lockstep.synth import arrow as A
from lockstep.synth.rand import HOUR
from lockstep.synth.world import REPORT_REASONS, ROLE_ID, World

REASON = {r: i for i, r in enumerate(REPORT_REASONS)}

#: The reason a user picks for each kind of campaign.
REASON_FOR: dict[str, str] = {
    "spam.impersonation": "impersonation",
    "spam.malicious_url": "scam_or_phishing",
    "spam.misleading_url": "scam_or_phishing",
    "coord.mass_registration": "fake_account",
    "coord.recidivism": "fake_account",
    "coord.overlapping_accounts": "fake_account",
    "coord.network": "misinformation",
}

NOTES: tuple[str, ...] = (
    "this account keeps spamming",
    "looks like a bot",
    "pretending to be someone else",
    "phishing link",
    "same message from many accounts",
    "fake giveaway",
    "why is this allowed",
)


def _reason(kind: str) -> int:
    if kind in REASON_FOR:
        return REASON[REASON_FOR[kind]]
    if kind.startswith("engagement.") or kind.startswith("coord."):
        return REASON["platform_manipulation"]
    return REASON["spam"]


def user_reports(world: World, rng: np.random.Generator) -> None:
    """Good-faith reports on campaigns, a brigade against an innocent account, and noise."""
    acc = world.accounts
    role = acc.num("t_role")
    reporters = np.flatnonzero(role == ROLE_ID["organic"])
    if len(reporters) == 0:
        return
    record = acc.num("t_record").astype(np.int64)
    behaviours = acc.num("t_beh")
    post_account = world.posts.num("account")
    post_order = np.argsort(post_account, kind="stable")
    first_post = np.searchsorted(post_account[post_order], np.arange(len(acc)))
    post_count = np.bincount(post_account, minlength=len(acc))

    reporter: list[np.ndarray] = []
    t_out: list[np.ndarray] = []
    kind_out: list[np.ndarray] = []
    account_out: list[np.ndarray] = []
    post_out: list[np.ndarray] = []
    reason_out: list[np.ndarray] = []
    url_out: list[A.Arr] = []
    urls = world.posts.list("urls")
    url_start = A.list_offsets(urls)
    url_values = A.list_values(urls)
    for i, rec in enumerate(world.records):
        if rec.campaign_id.startswith("hn"):
            continue
        members = np.flatnonzero((record == i) & (behaviours != 0))
        if len(members) == 0:
            continue
        n = int(rng.binomial(len(members), rng.uniform(0.05, 0.3))) + int(rng.random() < 0.5)
        target = members[rng.integers(0, len(members), n)]
        has_posts = post_count[target] > 0
        on_post = has_posts & (rng.random(n) < 0.4)
        nth = (rng.random(n) * np.maximum(post_count[target], 1)).astype(np.int64)
        post = np.where(
            on_post, post_order[np.minimum(first_post[target] + nth, len(post_order) - 1)], -1
        )
        lo = np.maximum(acc.num("created_at")[target], world.start)
        t = lo + (rng.random(n) * (world.end - lo)).astype(np.int64)
        if len(post):
            t = np.where(
                on_post, np.maximum(t, world.posts.num("t")[np.maximum(post, 0)] + HOUR), t
            )
        # Reports of a bad link name the link itself.
        linked = np.zeros(n, dtype=bool)
        if rec.kind in ("spam.malicious_url", "spam.misleading_url"):
            safe = np.maximum(post, 0)
            linked = on_post & (np.diff(url_start)[safe] > 0) & (rng.random(n) < 0.5)
            url_out.append(A.take(url_values, np.where(linked, url_start[safe], -1)))
        else:
            url_out.append(A.nulls(n))
        reporter.append(reporters[rng.integers(0, len(reporters), n)])
        t_out.append(t)
        kind_out.append(np.where(linked, 2, np.where(on_post, 1, 0)))
        account_out.append(np.where(on_post, -1, target))
        post_out.append(np.where(linked, -1, post))
        reason_out.append(np.full(n, _reason(rec.kind)))

    # A brigade: many reports against one innocent account within two hours.
    innocent = np.flatnonzero(role == ROLE_ID["hard_negative"])
    if len(innocent):
        victim = int(innocent[rng.integers(0, len(innocent))])
        n = int(rng.integers(5, 31))
        t0 = int(
            rng.integers(max(world.start, int(acc.num("created_at")[victim])), world.end - 2 * HOUR)
        )
        reporter.append(reporters[rng.integers(0, len(reporters), n)])
        t_out.append(t0 + (rng.random(n) * 2 * HOUR).astype(np.int64))
        kind_out.append(np.zeros(n, dtype=np.int64))
        account_out.append(np.full(n, victim))
        post_out.append(np.full(n, -1))
        reason_out.append(np.where(rng.random(n) < 0.5, REASON["spam"], REASON["misinformation"]))
        url_out.append(A.nulls(n))

    # Noise: ordinary posts reported for no good reason.
    organic_posts = np.flatnonzero(role[post_account] == ROLE_ID["organic"])
    n = min(len(organic_posts), int(rng.poisson(len(acc) * 0.001)) + 1)
    post = organic_posts[rng.integers(0, len(organic_posts), n)]
    reporter.append(reporters[rng.integers(0, len(reporters), n)])
    t_post = world.posts.num("t")[post]
    t_out.append(
        np.minimum(t_post + (rng.exponential(6.0, n) * HOUR).astype(np.int64), world.end - 1)
    )
    kind_out.append(np.ones(n, dtype=np.int64))
    account_out.append(np.full(n, -1))
    post_out.append(post)
    reason_out.append(rng.choice([REASON["other"], REASON["harassment"], REASON["spam"]], n))
    url_out.append(A.nulls(n))

    who = np.concatenate(reporter)
    total = len(who)
    text = A.null_where(rng.random(total) < 0.6, A.pick(rng, NOTES, total))
    world.reports.add(
        total,
        reporter=who,
        t=np.concatenate(t_out),
        target_type=np.concatenate(kind_out),
        account=np.concatenate(account_out),
        post=np.concatenate(post_out),
        reason=np.concatenate(reason_out),
        url=A.concat(url_out),
        text=text,
    )
