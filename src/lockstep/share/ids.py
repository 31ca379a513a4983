"""Deterministic STIX identifiers and timestamps.

The same network exported twice must give the same bundle, byte for byte, so a peer can
tell a re-export (same ids, same ``modified``) from an update, and tests can keep a golden
bundle. Every id is therefore a UUIDv5 of stable inputs — the platform's name, the kind of
object and what it describes — rather than the random UUIDv4 the STIX specification
recommends for domain objects. The specification allows this ("producers using something
other than UUIDv4 need to be mindful of potential collisions and should use a namespace that
guarantees uniqueness"): the namespace below is Lockstep's, and the platform's name is part
of every id, so two platforms never mint the same id. Cyber-observable objects keep the
UUIDv5 ids the ``stix2`` library derives from their contributing properties, as the
specification requires.

Timestamps come from the data (when the network was first and last seen, when an indicator
was first posted) or from the ledger, never from the wall clock.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

#: Lockstep's namespace for STIX identifiers (UUIDv5 of its name in the URL namespace).
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:lockstep:stix")


def stix_id(kind: str, platform: str, *parts: object) -> str:
    """``kind--UUIDv5`` of the platform's name and ``parts`` (joined with a unit separator)."""
    name = "\x1f".join([kind, platform, *(str(p) for p in parts)])
    return f"{kind}--{uuid.uuid5(NAMESPACE, name)}"


def utc(ts: datetime) -> datetime:
    """``ts`` as an aware UTC time cut to whole milliseconds (STIX timestamp precision).

    Naive times are UTC, as everywhere in the lake.
    """
    aware = ts.replace(tzinfo=UTC) if ts.tzinfo is None else ts.astimezone(UTC)
    return aware.replace(microsecond=aware.microsecond // 1000 * 1000)
