"""Feedback on a peer's indicators: an analyst's verdict, recorded and sent back.

``lockstep share feedback`` records an ``indicator_feedback`` event naming the indicator,
the bundle and peer it came in (from the ``indicators_received`` event), the verdict
(``false_positive`` or ``true_positive``), the analyst and the reason, optionally the
accounts concerned. The latest verdict on an indicator counts: a false positive is left out
of every later import of the peer's bundles, until a ``true_positive`` verdict restores it.

The verdict can also go back to the peer as a STIX 2.1 ``opinion`` on the indicator
(``strongly-disagree`` for a false positive, ``strongly-agree`` for a true positive), in a
bundle with the platform's identity — STIX's own way of saying "this indicator was wrong
for us".
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from lockstep.errors import BadInputError
from lockstep.ledger.store import Event, Ledger, now_utc
from lockstep.share.ids import stix_id, utc

VERDICTS = ("false_positive", "true_positive")
OPINION = {"false_positive": "strongly-disagree", "true_positive": "strongly-agree"}


def false_positives(events: Iterable[Event]) -> set[str]:
    """Indicator ids whose latest verdict in the ledger is ``false_positive``."""
    latest: dict[str, str] = {}
    for e in events:
        if e.kind == "indicator_feedback":
            latest[str(e.payload["indicator_id"])] = str(e.payload["verdict"])
    return {i for i, v in latest.items() if v == "false_positive"}


@dataclass(frozen=True)
class Feedback:
    indicator_id: str
    bundle_id: str
    peer: dict[str, str]
    verdict: str
    reason: str
    analyst: str
    account_ids: tuple[str, ...]
    recorded_at: datetime


def _received(events: Sequence[Event], indicator_id: str) -> Event:
    for e in reversed(events):
        if e.kind != "indicators_received":
            continue
        known = {i["id"] for i in e.payload.get("indicators", [])} | set(
            e.payload.get("skipped", {})
        )
        if indicator_id in known:
            return e
    raise BadInputError(f"no imported bundle holds indicator {indicator_id!r}")


def record_feedback(
    ledger: Ledger,
    indicator_id: str,
    verdict: str,
    reason: str,
    analyst: str,
    account_ids: Sequence[str] = (),
    now: datetime | None = None,
) -> Feedback:
    """Record the analyst's verdict on a peer's indicator (idempotent per verdict)."""
    if verdict not in VERDICTS:
        raise BadInputError(f"verdict must be one of {', '.join(VERDICTS)}, not {verdict!r}")
    if not reason.strip():
        raise BadInputError("give a reason (--reason): the peer and later analysts read it")
    if not analyst.strip():
        raise BadInputError("name the analyst (--analyst)")
    now = now or now_utc()
    with ledger.write() as w:
        events = w.events()
        source = _received(events, indicator_id)
        previous = [
            e
            for e in events
            if e.kind == "indicator_feedback" and e.payload["indicator_id"] == indicator_id
        ]
        accounts = tuple(sorted(set(account_ids)))
        payload: dict[str, Any] = {
            "indicator_id": indicator_id,
            "bundle_id": source.payload["bundle_id"],
            "peer": source.payload["peer"],
            "verdict": verdict,
            "reason": reason,
            "account_ids": list(accounts),
        }
        if previous and previous[-1].payload == payload:
            e = previous[-1]  # the same verdict again: nothing new to record
            return Feedback(
                indicator_id,
                payload["bundle_id"],
                payload["peer"],
                verdict,
                reason,
                e.actor,
                accounts,
                e.created_at,
            )
        w.append(
            [
                Event(
                    "indicator_feedback",
                    payload,
                    now,
                    actor=analyst,
                    idempotency_key=f"indicator_feedback:{indicator_id}:{len(previous)}",
                    subject_type="indicator",
                    subject_id=indicator_id,
                )
            ]
        )
    return Feedback(
        indicator_id,
        payload["bundle_id"],
        payload["peer"],
        verdict,
        reason,
        analyst,
        accounts,
        now,
    )


def opinion_bundle(feedback: Feedback, platform: str) -> str:
    """A STIX 2.1 bundle with the verdict as an ``opinion`` on the peer's indicator."""
    import stix2

    from lockstep.share.export import platform_identity

    me = platform_identity(platform)
    at = utc(feedback.recorded_at)
    opinion = stix2.Opinion(
        id=stix_id("opinion", platform, feedback.indicator_id, feedback.verdict, at.isoformat()),
        created_by_ref=me.id,
        created=at,
        modified=at,
        opinion=OPINION[feedback.verdict],
        explanation=feedback.reason,
        object_refs=[feedback.indicator_id],
    )
    plain = [json.loads(o.serialize()) for o in (me, opinion)]
    bundle_id = stix_id("bundle", platform, opinion.id)
    return json.dumps({"type": "bundle", "id": bundle_id, "objects": plain}, indent=2) + "\n"
