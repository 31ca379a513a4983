"""A peer's STIX 2.1 bundle, read into what Lockstep can look for in its own data.

Every object goes through ``stix2.parse`` (custom content allowed, since peers extend STIX
as Lockstep does), so a malformed bundle stops the import with one line naming the object.
From the indicators, the equality comparisons of their STIX patterns
(``stix2patterns``' inspector) give the values to match:

============================================  ==========================================
pattern                                       matched against
============================================  ==========================================
``url:value``                                 post URLs (normalised as ingest does)
``domain-name:value``                         hosts and registered domains of post URLs
``file:hashes.ANY``                           post media hashes (case-insensitive)
``artifact:payload_bin`` (text/plain or none) post texts, as near-duplicates
``user-account:user_id``                      account ids pseudonymised with the partner's
                                              key (only when that key is given)
============================================  ==========================================

Other comparisons (IP addresses, e-mail, ...) are kept as unmatched kinds so the import can
say what it could not use. Revoked indicators and indicators past ``valid_until`` are
skipped. Indicators are grouped by the campaign or intrusion set they ``indicate``; each
group becomes one external network case, with the DISARM techniques its campaign ``uses``.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from lockstep.errors import BadInputError
from lockstep.ingest.urls import normalise_url

MATCHED_KINDS = ("url", "domain", "media", "text", "account")
LOCKSTEP_EXTENSION_NAME = "Lockstep fields"


@dataclass(frozen=True)
class PeerIndicator:
    """One indicator: its id, what it holds, and the values to look for."""

    id: str
    name: str
    kind: str
    values: tuple[str, ...]
    #: the Lockstep extension's key fingerprint, when the values are pseudonyms
    key_fingerprint: str | None = None


@dataclass
class PeerCampaign:
    """What the peer attributes its indicators to: a campaign or an intrusion set."""

    id: str
    name: str
    description: str
    techniques: tuple[str, ...] = ()
    confidence: int | None = None
    indicators: list[PeerIndicator] = field(default_factory=list)


@dataclass
class PeerBundle:
    bundle_id: str
    peer_id: str
    peer_name: str
    tlp: str | None
    campaigns: list[PeerCampaign]
    #: indicators skipped, with why (revoked, expired, nothing Lockstep can match)
    skipped: dict[str, str] = field(default_factory=dict)

    @property
    def indicators(self) -> list[PeerIndicator]:
        return [i for c in self.campaigns for i in c.indicators]


def _unquote(literal: str) -> str:
    """A STIX pattern string literal's value (quotes removed, escapes undone)."""
    body = literal[1:-1] if len(literal) >= 2 and literal[0] == literal[-1] == "'" else literal
    out, escaped = [], False
    for ch in body:
        if escaped:
            out.append(ch)
            escaped = False
        elif ch == "\\":
            escaped = True
        else:
            out.append(ch)
    return "".join(out)


def _binary(literal: str) -> bytes | None:
    if not (literal.startswith("b'") and literal.endswith("'")):
        return None
    try:
        return base64.b64decode(literal[2:-1], validate=True)
    except (binascii.Error, ValueError):
        return None


def indicator_values(pattern: str) -> list[tuple[str, tuple[str, ...]]]:
    """``(kind, values)`` for each kind of value a STIX pattern compares for equality.

    Compound patterns whose observations must *all* hold (``AND``, ``FOLLOWEDBY``) or that
    carry qualifiers (``WITHIN``, ``REPEATS``) give nothing: matching one of their parts on
    its own would claim more than the peer said. Observations joined by ``OR`` each count.
    """
    from stix2patterns.v21.pattern import Pattern

    try:
        inspected = Pattern(pattern).inspect()
    except Exception as exc:  # the pattern library raises its own parse errors
        raise BadInputError(f"not a STIX pattern: {pattern[:80]!r}: {exc}") from exc
    if inspected.observation_ops - {"OR"} or inspected.qualifiers:
        return []
    found: dict[str, list[str]] = defaultdict(list)
    for obj_type, items in inspected.comparisons.items():
        mime = [_unquote(v) for path, op, v in items if path == ["mime_type"] and op == "="]
        for path, op, value in items:
            if op != "=":
                continue
            if obj_type == "url" and path == ["value"]:
                found["url"].append(normalise_url(_unquote(value)))
            elif obj_type == "domain-name" and path == ["value"]:
                found["domain"].append(_unquote(value).strip().rstrip(".").lower())
            elif obj_type == "file" and len(path) == 2 and path[0] == "hashes":
                found["media"].append(_unquote(value).strip().lower())
            elif obj_type == "user-account" and path == ["user_id"]:
                found["account"].append(_unquote(value))
            elif obj_type == "artifact" and path == ["payload_bin"]:
                raw = _binary(value)
                if raw is not None and all(m.startswith("text/") for m in mime):
                    try:
                        found["text"].append(raw.decode("utf-8"))
                    except UnicodeDecodeError:
                        continue
    out = []
    for kind in MATCHED_KINDS:
        values = tuple(sorted({v for v in found.get(kind, []) if v}))
        if values:
            out.append((kind, values))
    return out


def _lockstep_fields(obj: dict[str, Any], extension_ids: set[str]) -> dict[str, Any]:
    for ext_id, body in (obj.get("extensions") or {}).items():
        if ext_id in extension_ids and isinstance(body, dict):
            return body
    return {}


def _tlp(obj: dict[str, Any]) -> str | None:
    """``TLP:AMBER`` and the like for a TLP marking definition (TLP 1 or 2), else None."""
    if obj.get("type") != "marking-definition":
        return None
    name = str(obj.get("name") or "")
    if name.upper().startswith("TLP:"):
        return name.upper()
    definition = obj.get("definition")
    if obj.get("definition_type") == "tlp" and isinstance(definition, dict):
        return f"TLP:{str(definition.get('tlp', '')).upper()}"
    return None


def read_bundle(path: Path, now: datetime) -> PeerBundle:
    """The bundle at ``path`` (a file), checked object by object with ``stix2``."""
    import stix2
    import stix2.exceptions

    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise BadInputError("bundle not found", path) from exc
    except (UnicodeDecodeError, ValueError) as exc:
        raise BadInputError(f"not a JSON file: {exc}", path) from exc
    if not isinstance(raw, dict) or raw.get("type") != "bundle":
        raise BadInputError("not a STIX bundle (no top-level type 'bundle')", path)
    objects = raw.get("objects") or []
    if not isinstance(objects, list) or not all(isinstance(o, dict) for o in objects):
        raise BadInputError("the bundle's objects are not a list of objects", path)
    for obj in objects:
        try:
            stix2.parse(obj, allow_custom=True)
        except (stix2.exceptions.STIXError, ValueError, TypeError) as exc:
            raise BadInputError(f"object {obj.get('id', '?')}: {exc}", path) from exc
    by_id = {str(o.get("id")): o for o in objects}
    bundle_id = str(raw.get("id") or "")
    if not bundle_id.startswith("bundle--"):
        raise BadInputError("the bundle has no id", path)
    return _interpret(bundle_id, objects, by_id, now)


def _interpret(
    bundle_id: str, objects: list[dict[str, Any]], by_id: dict[str, dict[str, Any]], now: datetime
) -> PeerBundle:
    extension_ids = {
        str(o["id"])
        for o in objects
        if o.get("type") == "extension-definition" and o.get("name") == LOCKSTEP_EXTENSION_NAME
    }
    reports = [o for o in objects if o.get("type") == "report"]
    indicators = [o for o in objects if o.get("type") == "indicator"]
    author = next(
        (str(o["created_by_ref"]) for o in [*reports, *indicators] if o.get("created_by_ref")),
        "",
    )
    peer = by_id.get(author, {})
    tlp = next((label for o in objects if (label := _tlp(o))), None)
    indicates: dict[str, str] = {}
    uses: dict[str, set[str]] = defaultdict(set)
    for rel in (o for o in objects if o.get("type") == "relationship"):
        kind, src, dst = rel.get("relationship_type"), rel.get("source_ref"), rel.get("target_ref")
        target = by_id.get(str(dst), {})
        if kind == "indicates" and target.get("type") in ("campaign", "intrusion-set"):
            # an indicator attributed to both keeps the campaign
            if target.get("type") == "campaign" or str(src) not in indicates:
                indicates[str(src)] = str(dst)
        elif kind == "uses" and target.get("type") == "attack-pattern":
            for ref in target.get("external_references") or []:
                if str(ref.get("source_name", "")).upper() == "DISARM" and ref.get("external_id"):
                    uses[str(src)].add(str(ref["external_id"]))
    campaigns: dict[str, PeerCampaign] = {}
    skipped: dict[str, str] = {}

    def campaign_of(indicator_id: str) -> PeerCampaign:
        cid = indicates.get(indicator_id, bundle_id)
        if cid not in campaigns:
            obj = by_id.get(cid, {})
            techniques = uses.get(cid, set())
            for rel in (o for o in objects if o.get("type") == "relationship"):
                if rel.get("relationship_type") == "attributed-to" and rel.get("source_ref") == cid:
                    techniques = techniques | uses.get(str(rel.get("target_ref")), set())
            conf = obj.get("confidence")
            campaigns[cid] = PeerCampaign(
                cid,
                str(obj.get("name") or "indicators without a campaign"),
                str(obj.get("description") or ""),
                tuple(sorted(techniques)),
                int(conf) if isinstance(conf, int) else None,
            )
        return campaigns[cid]

    for ind in sorted(indicators, key=lambda o: str(o["id"])):
        iid = str(ind["id"])
        if ind.get("revoked"):
            skipped[iid] = "revoked"
            continue
        until = ind.get("valid_until")
        if until and datetime.fromisoformat(str(until).replace("Z", "+00:00")) <= now:
            skipped[iid] = "expired"
            continue
        if ind.get("pattern_type", "stix") != "stix":
            skipped[iid] = f"pattern type {ind.get('pattern_type')} is not matched"
            continue
        parts = indicator_values(str(ind.get("pattern", "")))
        if not parts:
            skipped[iid] = "nothing Lockstep can match (no URL, domain, media, text or account)"
            continue
        fields = _lockstep_fields(ind, extension_ids)
        fingerprint = fields.get("key_fingerprint") if fields.get("pseudonymised") else None
        for kind, values in parts:  # an OR of several kinds: one entry per kind, one id
            campaign_of(iid).indicators.append(
                PeerIndicator(
                    iid,
                    str(ind.get("name") or ""),
                    kind,
                    values,
                    str(fingerprint) if fingerprint else None,
                )
            )
    return PeerBundle(
        bundle_id,
        author or "unknown",
        str(peer.get("name") or "an unnamed peer"),
        tlp,
        sorted(campaigns.values(), key=lambda c: c.id),
        skipped,
    )
