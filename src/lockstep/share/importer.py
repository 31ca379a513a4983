"""Acting on a peer's disclosure (seed 003): find the operation's accounts here and open
external network cases through the enforcement engine, with the provenance in the ledger.

How a peer's bundle becomes cases:

1. Its indicators are read (:mod:`lockstep.share.peer`); indicators an analyst marked as
   false positives (``indicator_feedback`` in the ledger) are left out, and so are
   pseudonymised account ids unless the partner's key is given and matches the bundle's key
   fingerprint.
2. They are matched against the lake in the engine (:mod:`lockstep.share.match`).
3. Per campaign of the bundle, an account here is a *counterpart* when the peer named its
   pseudonymised id, or when at least ``min_posts`` of its posts carry the peer's URLs,
   domains, media or texts — one matching post can be anyone sharing a link once. Accounts
   with fewer matching posts form a second case that is held for an analyst.
4. Each case is a network with detection source ``external`` and the peer's DISARM
   techniques, decided by the enforcement engine like any network (``coord.network``,
   flagged external, so severe under the policy). Its score is the peer's confidence
   (the campaign's ``confidence``, else Lockstep's score in the bundle, else 1); the
   held-back case scores at most 0.5, below the policy's bar for automatic action.
5. When the counterparts of the whole bundle are more than ``max_auto`` accounts, every
   decision waits for an analyst: a peer's bundle alone never suspends many accounts.

The ``indicators_received`` event (peer, bundle, TLP, each indicator with what it matched,
each case with its accounts and the indicators that named them) is recorded in the same
transaction as the offenses and decisions. Re-importing the same bundle on the same data
adds nothing; on newer data, new counterparts get a new case.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

import pyarrow as pa
import pyarrow.compute as pc
import sqlalchemy as sa

from lockstep.detect.base import FINDING_SCHEMA
from lockstep.enforce.engine import EnforcementResult, enforce
from lockstep.enforce.model import AccountFacts, NetworkRecord
from lockstep.enforce.policy import ACTIONS, Policy
from lockstep.enforce.stage import account_facts
from lockstep.lake import Lake
from lockstep.ledger.models import accounts as ledger_accounts
from lockstep.ledger.store import Event, Ledger, now_utc
from lockstep.share.feedback import false_positives
from lockstep.share.keys import PartnerKey
from lockstep.share.match import MATCH_SCHEMA, match_indicators, pseudonym_hits
from lockstep.share.peer import PeerBundle, PeerCampaign, PeerIndicator, read_bundle

DEFAULT_MAX_AUTO = 50
DEFAULT_MIN_POSTS = 2
#: score of a case held for review: below any sensible ``auto_confirm_score``
REVIEW_SCORE = 0.5


@dataclass(frozen=True)
class ImportOptions:
    max_auto: int = DEFAULT_MAX_AUTO
    min_posts: int = DEFAULT_MIN_POSTS
    key: PartnerKey | None = None
    shadow: bool = False


@dataclass(frozen=True)
class ExternalCase:
    """One external network opened from a campaign of the bundle."""

    network_id: str
    campaign_id: str
    campaign_name: str
    account_ids: tuple[str, ...]
    #: held for an analyst: the accounts' own evidence is thin
    thin: bool
    score: float
    #: account -> the peer's indicator ids it matched
    evidence: dict[str, list[str]]


@dataclass
class ImportResult:
    bundle: PeerBundle
    #: indicator id -> (kind, accounts matched, posts matched)
    matched: dict[str, tuple[str, int, int]]
    cases: list[ExternalCase]
    #: more counterparts than ``max_auto``: every decision waits for an analyst
    held_for_review: bool
    enforcement: EnforcementResult
    skipped: dict[str, str] = field(default_factory=dict)
    #: kind -> (distinct accounts, distinct posts) hit by indicators of that kind
    by_kind: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def counterparts(self) -> set[str]:
        return {a for c in self.cases for a in c.account_ids}

    @property
    def automatic(self) -> set[str]:
        """Accounts an automated (applied without review) decision acts on."""
        return {a for d in self.enforcement.decisions if d.automated for a in d.account_ids}


def _usable(
    bundle: PeerBundle, key: PartnerKey | None, rejected: set[str]
) -> tuple[list[PeerIndicator], dict[str, str]]:
    usable, skipped = [], dict(bundle.skipped)
    for ind in bundle.indicators:
        if ind.id in rejected:
            skipped[ind.id] = "an analyst marked it a false positive"
        elif ind.kind == "account" and key is None:
            skipped[ind.id] = "account pseudonyms need the partner's key (--partner, --key-file)"
        elif (
            ind.kind == "account"
            and key is not None
            and ind.key_fingerprint
            and ind.key_fingerprint != key.fingerprint
        ):
            skipped[ind.id] = "pseudonymised with another key than the one given"
        else:
            usable.append(ind)
    return usable, skipped


def _score(campaign: PeerCampaign, bundle_score: float | None) -> float:
    if campaign.confidence is not None:
        return max(0.0, min(1.0, campaign.confidence / 100))
    return bundle_score if bundle_score is not None else 1.0


def _cases(
    bundle: PeerBundle,
    matches: pa.Table,
    min_posts: int,
    scores: dict[str, float],
) -> list[ExternalCase]:
    campaign_of = {i.id: c.id for c in bundle.campaigns for i in c.indicators}
    posts: dict[tuple[str, str], int] = {}
    named: dict[tuple[str, str], bool] = {}
    evidence: dict[tuple[str, str], set[str]] = {}
    if matches.num_rows:
        # hits can be many (a site linked in thousands of posts): Arrow folds them to one
        # row per (campaign, account) before anything is read in Python
        keys = sorted(campaign_of)
        ids = pa.array(keys, pa.string())
        owner = pa.array([campaign_of[i] for i in keys], pa.string())
        hits = matches.append_column(
            "campaign", pc.take(owner, pc.index_in(matches["indicator_id"], value_set=ids))
        )
        folded = hits.group_by(["campaign", "account_id"]).aggregate(
            [("post_id", "count_distinct"), ("indicator_id", "distinct"), ("kind", "distinct")]
        )
        for row in folded.to_pylist():
            key = (row["campaign"], row["account_id"])
            posts[key] = int(row["post_id_count_distinct"])
            named[key] = "account" in row["kind_distinct"]
            evidence[key] = set(row["indicator_id_distinct"])
    out: list[ExternalCase] = []
    for c in bundle.campaigns:
        accounts = sorted(a for (cid, a) in evidence if cid == c.id)
        strong = tuple(a for a in accounts if named[(c.id, a)] or posts[(c.id, a)] >= min_posts)
        thin = tuple(a for a in accounts if a not in strong)
        for members, is_thin in ((strong, False), (thin, True)):
            if not members:
                continue
            digest = hashlib.sha256(
                "\x1f".join([bundle.bundle_id, c.id, "thin" if is_thin else "", *members]).encode()
            ).hexdigest()
            score = _score(c, scores.get(c.id))
            out.append(
                ExternalCase(
                    network_id=f"ext-{digest[:12]}",
                    campaign_id=c.id,
                    campaign_name=c.name,
                    account_ids=members,
                    thin=is_thin,
                    score=round(min(score, REVIEW_SCORE) if is_thin else score, 6),
                    evidence={a: sorted(evidence[(c.id, a)]) for a in members},
                )
            )
    return out


def _description(bundle: PeerBundle, case: ExternalCase, matches: pa.Table) -> str:
    kinds: dict[str, set[str]] = defaultdict(set)
    members = set(case.account_ids)
    for row in matches.to_pylist():
        if row["account_id"] in members and row["indicator_id"] in case.evidence[row["account_id"]]:
            kinds[row["kind"]].add(row["account_id"])
    by = ", ".join(f"{len(kinds[k])} by {_KIND_WORDS[k]}" for k in sorted(kinds))
    text = (
        f"Disclosed by {bundle.peer_name} ({bundle.bundle_id}, “{case.campaign_name}”): "
        f"{len(case.account_ids)} accounts here match its indicators ({by})."
    )
    if case.thin:
        text += " Each has a single matching post, so the case waits for an analyst."
    return text


_KIND_WORDS = {
    "url": "links",
    "domain": "sites",
    "media": "media",
    "text": "text",
    "account": "account pseudonym",
}


def review_everything(policy: Policy) -> Policy:
    """``policy`` with every action waiting for an analyst (no score is high enough)."""
    settings = replace(policy.settings, review_actions=ACTIONS, auto_confirm_score=2.0)
    return replace(policy, settings=settings)


def _known_accounts(ledger: Ledger) -> list[str]:
    """Every account the ledger has seen in input data."""
    with ledger.engine.connect() as conn:
        rows = conn.execute(sa.select(ledger_accounts.c.account_id).order_by("account_id"))
        return [str(r[0]) for r in rows]


def import_bundle(
    path: Path,
    ledger: Ledger,
    lake: Lake | None,
    policy: Policy,
    options: ImportOptions,
    now: datetime | None = None,
) -> ImportResult:
    """Match the bundle at ``path`` against ``lake`` and decide its cases into ``ledger``.

    Without a lake only account pseudonyms can match, against the accounts the ledger knows;
    the bundle is still recorded, so its provenance is on file for later.
    """
    now = now or now_utc()
    bundle = read_bundle(path, now)
    state_events = ledger.events()
    usable, skipped = _usable(bundle, options.key, false_positives(state_events))
    if lake is None:
        for ind in usable:
            if ind.kind != "account":
                skipped[ind.id] = "no data to match it against (give --run or --data)"
        usable = [i for i in usable if i.kind == "account"]
        known = _known_accounts(ledger) if usable and options.key is not None else []
        matches = (
            pseudonym_hits(known, usable, options.key)
            if options.key
            else MATCH_SCHEMA.empty_table()
        )
    else:
        matches = match_indicators(lake, usable, options.key)
    scores = _bundle_scores(path)
    cases = _cases(bundle, matches, options.min_posts, scores)
    counterparts = {a for c in cases if not c.thin for a in c.account_ids}
    held = len(counterparts) > options.max_auto
    matched, by_kind = _tally(usable, matches)
    networks = [
        NetworkRecord(
            network_id=c.network_id,
            account_ids=c.account_ids,
            behaviours=("coord.network",),
            tactics=next(
                (camp.techniques for camp in bundle.campaigns if camp.id == c.campaign_id), ()
            ),
            score=c.score,
            detection_source="external",
            description=_description(bundle, c, matches),
        )
        for c in cases
    ]
    everyone = {a for c in cases for a in c.account_ids}
    facts = account_facts(lake, everyone) if lake is not None else AccountFacts()
    event = _received_event(bundle, matched, skipped, cases, held, options, now)
    result = enforce(
        ledger,
        FINDING_SCHEMA.empty_table(),
        networks,
        facts,
        review_everything(policy) if held else policy,
        now=now,
        shadow=options.shadow,
        events=[event],
    )
    return ImportResult(bundle, matched, cases, held, result, skipped, by_kind)


def _tally(
    usable: Sequence[PeerIndicator], matches: pa.Table
) -> tuple[dict[str, tuple[str, int, int]], dict[str, tuple[int, int]]]:
    """Per indicator id (its kinds, accounts, posts) and per kind (accounts, posts) matched,
    counted by Arrow over the hits."""
    counts: list[tuple[str, Literal["count_distinct"]]] = [
        ("account_id", "count_distinct"),
        ("post_id", "count_distinct"),
    ]
    per_id = {
        r["indicator_id"]: (r["account_id_count_distinct"], r["post_id_count_distinct"])
        for r in matches.group_by("indicator_id").aggregate(counts).to_pylist()
    }
    per_kind = {
        r["kind"]: (r["account_id_count_distinct"], r["post_id_count_distinct"])
        for r in matches.group_by("kind").aggregate(counts).to_pylist()
    }
    kinds: dict[str, list[str]] = {}
    for ind in usable:
        kinds.setdefault(ind.id, []).append(ind.kind)
    matched = {i: ("+".join(k), *per_id.get(i, (0, 0))) for i, k in sorted(kinds.items())}
    used = sorted({ind.kind for ind in usable})
    return matched, {k: per_kind.get(k, (0, 0)) for k in used}


def _bundle_scores(path: Path) -> dict[str, float]:
    """campaign id -> the score a Lockstep peer put on it (its extension), if any."""
    import json

    raw = json.loads(path.read_text(encoding="utf-8"))
    out: dict[str, float] = {}
    for obj in raw.get("objects", []):
        if obj.get("type") not in ("campaign", "intrusion-set"):
            continue
        for body in (obj.get("extensions") or {}).values():
            if isinstance(body, dict) and isinstance(body.get("score"), int | float):
                out[str(obj["id"])] = float(body["score"])
    return out


def _received_event(
    bundle: PeerBundle,
    matched: dict[str, tuple[str, int, int]],
    skipped: dict[str, str],
    cases: Sequence[ExternalCase],
    held: bool,
    options: ImportOptions,
    now: datetime,
) -> Event:
    payload: dict[str, Any] = {
        "bundle_id": bundle.bundle_id,
        "peer": {"id": bundle.peer_id, "name": bundle.peer_name},
        # the partner as the transparency report counts exchanges (Code of Practice C16)
        "partner": bundle.peer_name or bundle.peer_id,
        "tlp": bundle.tlp,
        "indicator_count": len({i.id for i in bundle.indicators}) + len(bundle.skipped),
        "indicators": [
            {"id": iid, "kind": kind, "accounts": accounts, "posts": posts}
            for iid, (kind, accounts, posts) in sorted(matched.items())
        ],
        "skipped": dict(sorted(skipped.items())),
        "cases": [
            {
                "network_id": c.network_id,
                "campaign_id": c.campaign_id,
                "campaign_name": c.campaign_name,
                "account_ids": list(c.account_ids),
                "held_back": c.thin,
                "score": c.score,
                "evidence": c.evidence,
            }
            for c in cases
        ],
        "held_for_review": held,
        "max_auto": options.max_auto,
        "min_posts": options.min_posts,
    }
    digest = hashlib.sha256("\x1f".join(c.network_id for c in cases).encode()).hexdigest()[:12]
    return Event(
        "indicators_received",
        payload,
        now,
        idempotency_key=f"indicators_received:{bundle.bundle_id}:{digest}",
        subject_type="bundle",
        subject_id=bundle.bundle_id,
    )
