"""One network as a STIX 2.1 bundle for peers (seed 003: share findings on influence
operations with industry peers).

The bundle holds, all made with the ``stix2`` library:

- the platform's ``identity`` (who shares) and the TLP ``marking-definition`` that covers
  everything it made;
- an ``intrusion-set`` (the operator behind the network) and a ``campaign`` (the network's
  activity on this platform), ``attributed-to`` the intrusion set;
- one ``attack-pattern`` per DISARM technique, named by ``external_id`` under
  ``source_name`` "DISARM", each ``used`` by the campaign with the observable that supports
  it as the relationship's description;
- ``indicator``\\ s in STIX patterning for the network's own URLs, domains, media hashes and
  texts (:mod:`lockstep.share.extract`) and for its accounts, pseudonymised with the
  partner's key (:mod:`lockstep.share.keys`), each ``indicates`` the campaign;
- the cyber-observables themselves in one ``observed-data``, and a ``sighting`` of the
  campaign on this platform;
- a ``report`` referencing every object, and an ``extension-definition`` (with the Lockstep
  project's ``identity`` as its author) for Lockstep's own fields: behaviours, score,
  detection source and how specific each indicator is.

Texts travel as ``artifact`` objects (``mime_type`` text/plain, the UTF-8 text in
``payload_bin``), the standard observable for content; media hashes under the custom hash
name ``x_lockstep_media`` (the data contract does not say which algorithm made them).

Ids and timestamps are deterministic (:mod:`lockstep.share.ids`): the same network, data and
options give the same bytes. :func:`validation_errors` runs ``stix2-validator`` on a bundle
(``lockstep share validate``; the tests validate every bundle they export).
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import stix2

from lockstep.share.extract import Observable
from lockstep.share.ids import stix_id, utc
from lockstep.share.keys import PartnerKey
from lockstep.share.source import SharedNetwork

TLP = {
    "white": stix2.TLP_WHITE,
    "clear": stix2.TLP_WHITE,
    "green": stix2.TLP_GREEN,
    "amber": stix2.TLP_AMBER,
    "red": stix2.TLP_RED,
}
DEFAULT_TLP = "amber"
MEDIA_HASH = "x_lockstep_media"
EXTENSION_VERSION = "1.0.0"
#: Creation time of the objects every bundle shares (Lockstep's identity and extension,
#: the DISARM attack patterns, the platform's identity): fixed, so all bundles agree on them.
FIXED = datetime(2024, 1, 1, tzinfo=UTC)
PROJECT = "Lockstep"
META_TYPES = ("marking-definition", "extension-definition", "language-content")

EXTENSION_SCHEMA = json.dumps(
    {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Lockstep fields on campaigns, intrusion sets and indicators",
        "type": "object",
        "properties": {
            "extension_type": {"const": "property-extension"},
            "network_id": {"type": "string", "description": "the network's id at the sharer"},
            "behaviours": {
                "type": "array",
                "items": {"type": "string"},
                "description": "Lockstep behaviour codes the network's members showed",
            },
            "score": {"type": "number", "minimum": 0, "maximum": 1},
            "detection_source": {"enum": ["internal", "external"]},
            "size": {"type": "integer", "description": "member accounts"},
            "followers": {"type": "integer"},
            "observable": {"enum": ["url", "domain", "media", "text", "account"]},
            "members": {"type": "integer", "description": "members that spread the observable"},
            "posts": {"type": "integer"},
            "accounts": {
                "type": "integer",
                "description": "all accounts at the sharer that spread the observable",
            },
            "share": {"type": "number", "description": "members / accounts"},
            "pseudonymised": {"type": "boolean"},
            "partner": {"type": "string"},
            "key_fingerprint": {"type": "string"},
        },
        "required": ["extension_type"],
    },
    sort_keys=True,
)


@dataclass(frozen=True)
class ExportOptions:
    """Who shares, under which marking, with whom."""

    platform: str
    tlp: str = DEFAULT_TLP
    partner: str | None = None
    key: PartnerKey | None = None
    #: share raw account ids (only when the partner is entitled to them)
    raw_ids: bool = False


@dataclass
class Exported:
    """The bundle and what it holds, for the command's summary and the ledger."""

    bundle_id: str
    text: str
    indicators: dict[str, int] = field(default_factory=dict)

    @property
    def indicator_count(self) -> int:
        return sum(self.indicators.values())


def quote(value: str) -> str:
    """A STIX pattern string literal."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def text_pattern(text: str) -> str:
    payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return f"[artifact:mime_type = 'text/plain' AND artifact:payload_bin = b'{payload}']"


def _pattern(kind: str, value: str) -> str:
    if kind == "url":
        return f"[url:value = {quote(value)}]"
    if kind == "domain":
        return f"[domain-name:value = {quote(value)}]"
    if kind == "media":
        return f"[file:hashes.{MEDIA_HASH} = {quote(value)}]"
    if kind == "account":
        return f"[user-account:user_id = {quote(value)}]"
    return text_pattern(value)


def _observed(kind: str, value: str, marking: list[str]) -> Any:
    if kind == "url":
        return stix2.URL(value=value, object_marking_refs=marking)
    if kind == "domain":
        return stix2.DomainName(value=value, object_marking_refs=marking)
    if kind == "media":
        return stix2.File(
            hashes={MEDIA_HASH: value}, object_marking_refs=marking, allow_custom=True
        )
    if kind == "account":
        return stix2.UserAccount(user_id=value, object_marking_refs=marking)
    payload = base64.b64encode(value.encode("utf-8")).decode("ascii")
    return stix2.Artifact(mime_type="text/plain", payload_bin=payload, object_marking_refs=marking)


def _short(text: str, n: int = 120) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= n else flat[: n - 1] + "…"


_WHAT = {
    "url": "Link",
    "domain": "Site",
    "media": "Media",
    "text": "Text",
}


def platform_identity(platform: str) -> Any:
    """The sharing platform's ``identity``: the same object in every bundle it sends."""
    return stix2.Identity(
        id=stix_id("identity", platform),
        name=platform,
        description=f"The platform {platform}, sharing what its Lockstep pipeline found.",
        identity_class="organization",
        sectors=["communications"],
        created=FIXED,
        modified=FIXED,
    )


def build_bundle(
    network: SharedNetwork, observables: Sequence[Observable], options: ExportOptions
) -> Exported:
    """The STIX 2.1 bundle for ``network`` and its ``observables`` (validated)."""
    if options.tlp not in TLP:
        raise ValueError(f"unknown TLP {options.tlp!r}")
    platform = options.platform
    tlp = TLP[options.tlp]
    marking = [tlp.id]
    first, last = utc(network.first_seen), utc(network.last_seen)
    stamp = {"created": first, "modified": last}
    nid = network.network_id

    project = stix2.Identity(
        id=stix_id("identity", PROJECT),
        name=PROJECT,
        description="Open-source trust-and-safety pipeline; author of the Lockstep extension.",
        identity_class="organization",
        created=FIXED,
        modified=FIXED,
    )
    extension = stix2.ExtensionDefinition(
        id=stix_id("extension-definition", PROJECT, "fields", EXTENSION_VERSION),
        created_by_ref=project.id,
        name="Lockstep fields",
        description=(
            "Lockstep's own fields on campaigns, intrusion sets and indicators: the behaviour "
            "codes, score and detection source of a coordinated network, and how specific "
            "each indicator is to it."
        ),
        schema=EXTENSION_SCHEMA,
        version=EXTENSION_VERSION,
        extension_types=["property-extension"],
        created=FIXED,
        modified=FIXED,
    )

    def ext(**values: Any) -> dict[str, Any]:
        return {
            extension.id: {
                "extension_type": "property-extension",
                **{k: v for k, v in values.items() if v is not None},
            }
        }

    me = platform_identity(platform)
    common = {"created_by_ref": me.id, "object_marking_refs": marking, **stamp}
    network_fields = ext(
        network_id=nid,
        behaviours=list(network.behaviours),
        score=round(network.score, 4),
        detection_source=network.detection_source,
        size=len(network.account_ids),
        followers=network.followers,
    )
    intrusion_set = stix2.IntrusionSet(
        id=stix_id("intrusion-set", platform, nid),
        name=f"{platform} network {nid}",
        description=network.description
        or f"A coordinated network of {len(network.account_ids)} accounts.",
        first_seen=first,
        last_seen=last,
        extensions=network_fields,
        **common,
    )
    campaign = stix2.Campaign(
        id=stix_id("campaign", platform, nid),
        name=f"Coordinated inauthentic behaviour on {platform}: network {nid}",
        description=network.description
        or f"A coordinated network of {len(network.account_ids)} accounts.",
        first_seen=first,
        last_seen=last,
        extensions=network_fields,
        **common,
    )
    objects: list[Any] = [project, extension, me, tlp, intrusion_set, campaign]
    relationships: list[Any] = [
        stix2.Relationship(
            id=stix_id("relationship", platform, nid, "attributed-to"),
            relationship_type="attributed-to",
            source_ref=campaign.id,
            target_ref=intrusion_set.id,
            **common,
        )
    ]
    for t in network.techniques:
        pattern = stix2.AttackPattern(
            id=stix_id("attack-pattern", "DISARM", t.id),
            name=t.name,
            description=f"DISARM technique {t.id}: {t.name}.",
            external_references=[{"source_name": "DISARM", "external_id": t.id}],
            created=FIXED,
            modified=FIXED,
        )
        objects.append(pattern)
        relationships.append(
            stix2.Relationship(
                id=stix_id("relationship", platform, nid, "uses", t.id),
                relationship_type="uses",
                source_ref=campaign.id,
                target_ref=pattern.id,
                description=t.observable or None,
                **common,
            )
        )

    indicators: list[Any] = []
    observed: list[Any] = []
    counts: dict[str, int] = {}
    for o in observables:
        what = _WHAT[o.kind]
        indicators.append(
            stix2.Indicator(
                id=stix_id("indicator", platform, nid, o.kind, o.value),
                name=f"{what} spread by network {nid}"
                + (f": {_short(o.value, 80)}" if o.kind != "text" else ""),
                description=(
                    f"{what} spread by {o.members} accounts of the network "
                    f"({o.posts} post{'s' if o.posts != 1 else ''}); "
                    f"{o.share:.0%} of the accounts that spread it on {platform} belong to "
                    "the network." + (f" Text: “{_short(o.value)}”" if o.kind == "text" else "")
                ),
                indicator_types=["malicious-activity"],
                pattern=_pattern(o.kind, o.value),
                pattern_type="stix",
                valid_from=utc(o.first_seen),
                extensions=ext(
                    observable=o.kind,
                    members=o.members,
                    posts=o.posts,
                    accounts=o.accounts,
                    share=o.share,
                ),
                **common,
            )
        )
        observed.append(_observed(o.kind, o.value, marking))
        counts[o.kind] = counts.get(o.kind, 0) + 1
    if options.key is not None or options.raw_ids:
        pseudonymised = not options.raw_ids
        for account in network.account_ids:
            value = options.key.pseudonym(account) if pseudonymised and options.key else account
            indicators.append(
                stix2.Indicator(
                    id=stix_id("indicator", platform, nid, "account", value),
                    name=f"Account of network {nid}",
                    description=(
                        f"An account of the network, as HMAC-SHA256 of its id under the key "
                        f"for {options.partner}."
                        if pseudonymised
                        else "An account of the network, by its id on the sharing platform."
                    ),
                    indicator_types=["malicious-activity"],
                    pattern=_pattern("account", value),
                    pattern_type="stix",
                    valid_from=first,
                    extensions=ext(
                        observable="account",
                        pseudonymised=pseudonymised,
                        partner=options.partner if pseudonymised else None,
                        key_fingerprint=options.key.fingerprint
                        if pseudonymised and options.key
                        else None,
                    ),
                    **common,
                )
            )
            observed.append(_observed("account", value, marking))
            counts["account"] = counts.get("account", 0) + 1
    relationships += [
        stix2.Relationship(
            id=stix_id("relationship", platform, nid, "indicates", i.id),
            relationship_type="indicates",
            source_ref=i.id,
            target_ref=campaign.id,
            **common,
        )
        for i in indicators
    ]
    observed = sorted({o.id: o for o in observed}.values(), key=lambda o: o.id)
    sightings: list[Any] = []
    if observed:
        observation = stix2.ObservedData(
            id=stix_id("observed-data", platform, nid),
            first_observed=first,
            last_observed=last,
            number_observed=max(1, sum(o.posts for o in observables) or len(observed)),
            object_refs=[o.id for o in observed],
            **common,
        )
        sightings.append(observation)
    sightings.append(
        stix2.Sighting(
            id=stix_id("sighting", platform, nid),
            sighting_of_ref=campaign.id,
            where_sighted_refs=[me.id],
            observed_data_refs=[s.id for s in sightings] or None,
            count=len(network.account_ids),
            first_seen=first,
            last_seen=last,
            description=f"{len(network.account_ids)} accounts of the network on {platform}.",
            **common,
        )
    )
    body = [*objects, *indicators, *relationships, *observed, *sightings]
    report = stix2.Report(
        id=stix_id("report", platform, nid),
        name=f"{platform}: coordinated inauthentic behaviour, network {nid}",
        description=network.description
        or f"A coordinated network of {len(network.account_ids)} accounts.",
        published=last,
        report_types=["campaign", "indicator"],
        # a report references domain, relationship and observable objects, not meta objects
        object_refs=[o.id for o in body if o.type not in META_TYPES],
        **common,
    )
    every = [*body, report]
    # stix2's own pretty printer is quadratic in an object's size; its compact form keeps
    # the library's property order, which is stable, so indent that instead
    plain = [json.loads(o.serialize()) for o in every]
    digest = hashlib.sha256(
        "\n".join(sorted(json.dumps(p, sort_keys=True) for p in plain)).encode()
    ).hexdigest()
    bundle_id = stix_id("bundle", platform, nid, digest)
    text = json.dumps(
        {"type": "bundle", "id": bundle_id, "objects": plain}, indent=2, ensure_ascii=False
    )
    return Exported(bundle_id, text + "\n", dict(sorted(counts.items())))


#: The only best-practice check skipped: UUIDv5 ids on purpose (see lockstep.share.ids).
SKIPPED_CHECKS = "uuid-check"


def validation_report(text: str) -> tuple[list[str], list[str]]:
    """``stix2-validator``'s errors and best-practice warnings for a bundle.

    Lockstep opts out of one best-practice check on purpose (``SKIPPED_CHECKS``).
    """
    from stix2validator import ValidationOptions, validate_parsed_json

    try:
        parsed = json.loads(text)
    except ValueError as exc:
        return [f"not JSON: {exc}"], []
    found = validate_parsed_json(
        parsed, ValidationOptions(strict=False, disabled=SKIPPED_CHECKS, silent=True)
    )
    errors: list[str] = []
    warnings: list[str] = []
    for result in found if isinstance(found, list) else [found]:
        where = getattr(result, "object_id", None) or "bundle"
        errors += [f"{where}: {e}" for e in getattr(result, "errors", None) or []]
        warnings += [f"{where}: {w}" for w in getattr(result, "warnings", None) or []]
        if not result.is_valid and not errors:
            errors.append(f"{where}: invalid")
    return errors, warnings


def validation_errors(text: str, strict: bool = True) -> list[str]:
    """What ``stix2-validator`` objects to in a bundle (empty: valid); ``strict`` counts the
    best-practice warnings too."""
    errors, warnings = validation_report(text)
    return errors + warnings if strict else errors


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file: never a half-written bundle."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
