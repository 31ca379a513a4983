"""The order in which a world is made.

1. Plan every campaign and hard-negative group: their parameters and how many new accounts
   each needs. Small worlds drop extra groups until planted accounts fit in a budget, keeping
   one campaign per behaviour code as long as possible.
2. Create the organic population (the accounts left over), then the groups' accounts.
3. Write the background posts of every account (campaign accounts get filler at the rate
   their group set), and freeze them so groups can reply to and amplify them.
4. Let every group act, in plan order.
5. Background engagements over all posts, background sessions, then user reports.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from lockstep.progress import Progress
from lockstep.synth.campaigns import CAMPAIGNS
from lockstep.synth.negatives import NEGATIVES
from lockstep.synth.organic import (
    background_engagements,
    background_posts,
    background_sessions,
    freeze_organic,
    organic_accounts,
)
from lockstep.synth.plant import Group, label_copies
from lockstep.synth.reports import user_reports
from lockstep.synth.world import World

MIN_ACCOUNTS = 100
#: Planted accounts may take at most this share of a world.
BUDGET = 0.35


def plan(world: World) -> list[Group]:
    """Every group of the world, in a fixed order, trimmed to the account budget."""
    rng = world.rng("plan")
    groups: list[Group] = []
    for cls in CAMPAIGNS:
        groups += [cls(world, i) for i in range(world.campaign_count(rng))]
    for neg, weight in NEGATIVES:
        groups += [neg(world, i) for i in range(world.campaign_count(rng, weight))]
    budget = int(BUDGET * world.target_accounts)
    total = sum(g.size for g in groups)
    # Drop repeats first (largest first), then whole kinds from the end of the list.
    repeats = sorted((g for g in groups if g.index > 0), key=lambda g: -g.size)
    firsts = [g for g in reversed(groups) if g.index == 0 and g.size > 0]
    for g in [*repeats, *firsts]:
        if total <= budget:
            break
        groups.remove(g)
        total -= g.size
    return groups


def build(
    world: World, progress: Progress, extra: Callable[[World], list[Group]] | None = None
) -> list[Group]:
    """Fill ``world`` with accounts and activity; returns its groups in plan order.

    ``extra`` adds groups after the planned ones, outside the budget (a second period's
    returning networks and their look-alikes).
    """
    with progress.stage("plan"):
        groups = plan(world) + (extra(world) if extra else [])
        planted = sum(g.size for g in groups)
    with progress.stage("accounts", total=len(groups) + 1) as task:
        organic_accounts(world, world.target_accounts - planted)
        task.advance()
        for g in groups:
            g.create()
            task.advance()
        # A group that found fewer accounts to take over than it planned leaves room: fill it
        # with ordinary accounts so the world has exactly the size asked for.
        missing = world.target_accounts - len(world.accounts)
        if missing > 0:
            organic_accounts(world, missing, "top-up")
    with progress.stage("posts"):
        rows = np.arange(len(world.accounts), dtype=np.int64)
        background_posts(world, rows, world.rng("organic", "posts"))
        freeze_organic(world)
    with progress.stage("campaigns", total=len(groups)) as task:
        for g in groups:
            g.act()
            task.advance()
        label_copies(world, groups)
    with progress.stage("engagements"):
        background_engagements(world, world.rng("organic", "engagements"))
    with progress.stage("sessions"):
        background_sessions(world, world.rng("organic", "sessions"))
        user_reports(world, world.rng("reports"))
    return groups
