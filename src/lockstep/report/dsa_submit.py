"""Sending statements of reasons to the DSA Transparency Database, and remembering what it
accepted.

Each batch is one ``POST`` of ``{"statements": [...]}`` with a Bearer token. Rate limits and
server or network failures (HTTP 429, 5xx, no connection) are retried with exponential
backoff; a refused token (401, 403) stops at once. The database answers with the statements
it created; each accepted ``puid`` is recorded in the ledger as a ``statement_submitted``
event (idempotent on the puid), so a rerun sends only what is new. Statements it rejects
(HTTP 422, with the reasons per statement) are reported and not recorded; the database
creates none of a batch it rejects, so the rest of that batch is held back and goes again
on the next run. The token is sent
only in the ``Authorization`` header: it is never logged, printed or stored.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from lockstep.errors import BadInputError
from lockstep.ledger.store import Event, Ledger

RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
KIND = "statement_submitted"


class SubmitError(Exception):
    """The endpoint could not be reached or kept failing after every retry."""


@dataclass
class Outcome:
    """What one submission did."""

    sent: int = 0
    accepted: list[str] = field(default_factory=list)
    rejected: dict[str, str] = field(default_factory=dict)
    #: valid statements not created because another statement of their batch was rejected
    held_back: int = 0
    batches: int = 0
    retries: int = 0


def accepted_puids(ledger: Ledger) -> set[str]:
    """Every puid the database has accepted, as the ledger recorded it."""
    return {str(e.payload["puid"]) for e in ledger.events() if e.kind == KIND}


def _post(url: str, token: str, body: bytes, timeout: float) -> tuple[int, dict[str, Any]]:
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={
            "Authorization": f"Bearer {token}",
            "Accept": "application/json",
            "Content-Type": "application/json",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, _json(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, _json(exc.read())


def _json(raw: bytes) -> dict[str, Any]:
    try:
        value = json.loads(raw or b"{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _rejections(batch: Sequence[dict[str, Any]], body: dict[str, Any]) -> dict[str, str]:
    """puid → reason from a 422 body: ``errors`` keyed ``statements.<i>.<field>`` or by puid."""
    out: dict[str, str] = {}
    errors = body.get("errors")
    if isinstance(errors, dict):
        for key, messages in errors.items():
            parts = str(key).split(".")
            index = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
            puid = str(batch[index]["puid"]) if index is not None and index < len(batch) else key
            text = messages[0] if isinstance(messages, list) and messages else messages
            out.setdefault(puid, str(text))
    if not out:  # a 422 without per-statement detail rejects the whole batch
        out = {str(item["puid"]): str(body.get("message") or "rejected") for item in batch}
    return out


def submit(
    batches: Sequence[Sequence[dict[str, Any]]],
    endpoint: str,
    token: str,
    ledger: Ledger,
    *,
    retries: int = 4,
    backoff: float = 1.0,
    timeout: float = 30.0,
    now: Callable[[], datetime],
    sleep: Callable[[float], None] = time.sleep,
) -> Outcome:
    """Post every batch and record what the database accepted."""
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise BadInputError(f"not an http(s) endpoint: {endpoint!r}")
    if not token.strip():
        raise BadInputError("an API token is needed (--token or LOCKSTEP_DSA_TOKEN)")
    outcome = Outcome()
    for number, batch in enumerate(batches, start=1):
        body = json.dumps({"statements": list(batch)}, sort_keys=True).encode()
        status, answer = _send(endpoint, token, body, retries, backoff, timeout, sleep, outcome)
        outcome.batches += 1
        outcome.sent += len(batch)
        if status in (401, 403):
            raise BadInputError(f"the endpoint refused the API token (HTTP {status})")
        if status == 422:
            rejected = _rejections(batch, answer)
            outcome.rejected.update(rejected)
            outcome.held_back += len(batch) - len(rejected)
            accepted = set()
        elif 200 <= status < 300:
            created = answer.get("statements")
            listed = {str(s.get("puid")) for s in created} if isinstance(created, list) else None
            accepted = listed if listed is not None else {str(s["puid"]) for s in batch}
        else:
            raise SubmitError(f"batch {number}: the endpoint answered HTTP {status}")
        uuids = {
            str(s.get("puid")): s.get("uuid")
            for s in answer.get("statements", []) or []
            if isinstance(s, dict)
        }
        events = [
            Event(
                kind=KIND,
                payload={
                    "puid": str(s["puid"]),
                    "endpoint": f"{parts.scheme}://{parts.netloc}{parts.path}",
                    "uuid": uuids.get(str(s["puid"])),
                    "batch": number,
                },
                created_at=now(),
                idempotency_key=f"dsa:{s['puid']}",
                decision_id=str(s["puid"]).removeprefix("lockstep:"),
            )
            for s in batch
            if str(s["puid"]) in accepted
        ]
        with ledger.write() as w:
            w.append(events)
        outcome.accepted += [str(s["puid"]) for s in batch if str(s["puid"]) in accepted]
    return outcome


def _send(
    url: str,
    token: str,
    body: bytes,
    retries: int,
    backoff: float,
    timeout: float,
    sleep: Callable[[float], None],
    outcome: Outcome,
) -> tuple[int, dict[str, Any]]:
    """One batch, retried on rate limits, server errors and lost connections."""
    for attempt in range(retries + 1):
        try:
            status, answer = _post(url, token, body, timeout)
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            if attempt == retries:
                raise SubmitError(f"cannot reach the endpoint: {exc}") from exc
        else:
            if status not in RETRY_STATUS or attempt == retries:
                return status, answer
        outcome.retries += 1
        sleep(backoff * 2**attempt)
    raise AssertionError("unreachable")  # pragma: no cover
