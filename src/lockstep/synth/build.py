"""The order in which a world is made.

1. Plan every campaign and hard-negative group: their parameters and how many new accounts
   each needs. Small worlds drop extra groups until planted accounts fit in a budget, keeping
   one campaign per behaviour code as long as possible. An operation shared with other
   worlds (``--shared-operation``) comes last and is never dropped.
2. Create the organic population (the accounts left over), then the groups' accounts.
3. Write the background posts of every account (campaign accounts get filler at the rate
   their group set), and freeze them so groups can reply to and amplify them.
4. Let every group act, in plan order.
5. Background engagements over all posts, background sessions, then user reports.
6. Optionally, a share more organic posts and engagements (``extra_organic``).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from lockstep.progress import Progress
from lockstep.synth.campaigns import CAMPAIGNS
from lockstep.synth.campaigns.network import SharedOperation
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
from lockstep.synth.world import ROLE_ID, World

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
    if world.shared_operation is not None:  # asked for by name: never trimmed
        groups.append(SharedOperation(world, world.shared_operation))
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
    if world.extra_organic > 0:
        with progress.stage("extra organic activity"):
            more_organic(world, world.extra_organic)
    return groups


def more_organic(world: World, share: float) -> None:
    """``share`` more posts and engagements by the organic accounts, drawn from streams of
    their own after everything else, so every planted campaign stays exactly as it was:
    the same world with a busier background, to check that networks are stable."""
    rows = np.flatnonzero(world.accounts.num("t_role") == ROLE_ID["organic"]).astype(np.int64)
    background_posts(world, rows, world.rng("organic", "extra", "posts"), share)
    background_engagements(world, world.rng("organic", "extra", "engagements"), rows, share)
