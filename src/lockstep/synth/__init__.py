"""``lockstep synth``: a synthetic platform with planted campaigns and known truth.

:func:`synthesise` writes a dataset in the input contract (DESIGN §3) — ``accounts``,
``posts``, ``engagements``, ``sessions`` and ``reports`` as Parquet with the contract's input
column names — plus the ground truth needed to score a run:

``truth.jsonl``, one line per account (every account, organic ones included)::

    {"account_id": "u0001234", "campaign_id": "c0007" | "hn0003" | null,
     "behaviours": ["spam.copypasta", ...], "role": "...", "kind": "..."}

* ``behaviours``: the behaviour codes (DESIGN §4) the account really commits in the data;
  an account can commit several (a covert network member that copy-pastes lists both
  ``coord.network`` and ``spam.copypasta``). Empty for everyone else.
* ``role``: ``organic``; ``member`` (part of a planted campaign); ``operator`` (the account
  that runs or directs it: a follow-train conductor, the original persona of overlapping
  accounts, the seeding hubs of an influence network); ``buyer`` (bought engagement);
  ``source`` (fake account delivering bought engagement); ``hard_negative`` (one of the seeds'
  explicit non-violations).
* ``kind``: the campaign's kind (its primary behaviour code), the hard-negative kind
  (``organic_activism``, ``fan_swarm``, ``branch_accounts``, ``hobby_bot``, ``news_links``,
  ``personal_hobby``, ``viral_sharing``, ...) or ``organic``.
* Accounts suspended before the window that a recidivism campaign replaces are ``member``\\ s
  of that campaign with no behaviours: nothing they did is in the data.

``campaigns.jsonl``, one line per planted campaign (``c…``) and hard-negative group
(``hn…``)::

    {"campaign_id", "kind", "behaviours", "accounts", "tactics", "params", "targets"}

``tactics`` are the DISARM technique ids planted in influence networks (``coord.network``);
an operation shared with other worlds (``--shared-operation SEED``) has ``shared_operation``
in its ``params``, with the article links and videos it pushes everywhere;
``params`` the values drawn for this world (size, pace, edit rate, languages, evasions);
``targets`` the countries and languages aimed at, where that applies.

Besides the contract columns, ``accounts`` carries one extra input column,
``previous_handle``: the handle an account had before a rename. Traded accounts show it (the
new owner renamed them) and so do a few ordinary accounts that simply renamed; ingest keeps
it in ``attrs``.

``synthesise(..., second_period=DIR)`` (``lockstep synth --second-period DIR``) also writes
the same platform's next period: a window starting a week or two after the first ends, ids
prefixed with the period (``u2-…``, ``c2-…``), its own population and campaigns, and every
influence network of the first period returning with new accounts (kind ``coord.recidivism``,
truth behaviours ``coord.recidivism`` and ``coord.network``, the first period's campaign id in
``params.returns``) beside organic look-alikes of it (hard negatives ``return_lookalikes``);
see :mod:`lockstep.synth.campaigns.returning`. The first period is the same world with or
without it.

Every world is planted from ranges, per seed: the same seed gives byte-identical files, a
different seed a different world with different campaign sizes, speeds, edit rates,
languages and evasions, so detectors cannot be tuned to one world. A world of a couple of
thousand accounts plants every behaviour code at least once; larger worlds plant several
campaigns of each kind. Everything is generated column-wise with NumPy and Arrow: about
seven events per account and day, a hundred thousand accounts over two weeks in well under
two minutes.
"""

from __future__ import annotations

from pathlib import Path

from lockstep.errors import BadInputError
from lockstep.progress import Progress
from lockstep.synth.build import MIN_ACCOUNTS, build
from lockstep.synth.campaigns.network import InfluenceNetwork
from lockstep.synth.campaigns.returning import second_period as returning_groups
from lockstep.synth.world import World
from lockstep.synth.writer import (
    write_accounts,
    write_campaigns,
    write_engagements,
    write_posts,
    write_reports,
    write_sessions,
    write_truth,
)

__all__ = ["synthesise"]


def synthesise(
    accounts: int,
    days: int,
    seed: int,
    out: Path,
    progress: Progress,
    *,
    extra_organic: float = 0.0,
    shared_operation: int | None = None,
    second_period: Path | None = None,
) -> dict[str, int]:
    """Write a synthetic world of ``accounts`` accounts over ``days`` days to ``out``;
    ``extra_organic`` adds that share more organic activity to the same world.

    ``shared_operation`` plants one more influence operation whose content (narratives,
    sites, links, videos) comes from that seed alone, so worlds of different seeds given the
    same operation seed share it, each with its own accounts.
    With ``second_period``, also write the same platform's next period there: its own
    population and campaigns, plus every influence network of the first period returning with
    new accounts and organic look-alikes of them (:mod:`lockstep.synth.campaigns.returning`).
    Returns the rows written per table (of the first period).
    """
    if accounts < MIN_ACCOUNTS:
        raise BadInputError(f"a synthetic world needs at least {MIN_ACCOUNTS} accounts")
    if days < 1:
        raise BadInputError("a synthetic world needs at least one day")
    if not 0 <= extra_organic <= 10:
        raise BadInputError("extra organic activity must be a share between 0 and 10")
    if second_period is not None and Path(second_period).resolve() == Path(out).resolve():
        raise BadInputError("the second period needs a folder of its own", second_period)
    world = World(accounts, days, seed, extra_organic)
    world.shared_operation = shared_operation
    groups = build(world, progress)
    counts = _write(world, Path(out), progress)
    if second_period is not None:
        origins = [g for g in groups if type(g) is InfluenceNetwork]
        later = World(accounts, days, seed, after=world)
        build(later, progress, lambda w: returning_groups(w, origins))
        _write(later, Path(second_period), progress)
    return counts


def _write(world: World, out: Path, progress: Progress) -> dict[str, int]:
    out.mkdir(parents=True, exist_ok=True)
    with progress.stage("write", total=7) as task:
        account_ids, order = write_accounts(world, out)
        task.advance()
        n_posts, post_ids = write_posts(world, out, account_ids)
        task.advance()
        n_engagements = write_engagements(world, out, account_ids, post_ids)
        task.advance()
        n_sessions = write_sessions(world, out, account_ids)
        task.advance()
        n_reports = write_reports(world, out, account_ids, post_ids)
        task.advance()
        write_truth(world, out, account_ids, order)
        task.advance()
        write_campaigns(world, out)
        task.advance()
    return {
        "accounts": len(world.accounts),
        "posts": n_posts,
        "engagements": n_engagements,
        "sessions": n_sessions,
        "reports": n_reports,
    }
