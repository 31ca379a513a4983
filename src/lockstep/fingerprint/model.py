"""What a fingerprint holds, and its JSON form in the ledger.

Values are kept with two counts — the subject's accounts that used the value and the other
accounts of the same data that did — because a value only identifies an operator when it was
theirs: a network's own site, not the news site everyone links. Texts are kept as normalised
text (``lockstep.detect.text.normalise``), not as MinHash values: the engines' hash functions
differ between DuckDB and Spark and may change between versions, so signatures are computed at
match time, with the same MinHash code, from the stored text and the new data alike.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

#: Payload layout version; bump when the JSON form changes incompatibly.
VERSION = 1
#: Kinds of subject a fingerprint can describe.
KINDS = ("network", "account")
#: Item signals a fingerprint keeps (see ``lockstep.fingerprint.items``).
SIGNALS = ("url", "domain", "hashtag", "media", "device", "ip_prefix", "target")


@dataclass(frozen=True)
class Value:
    """One shared value (a URL, a device, ...) and who used it in the fingerprinted data."""

    value: str
    #: the subject's accounts that used it
    members: int
    #: other accounts of that data that used it
    others: int

    @property
    def ownership(self) -> float:
        """Share of the value's users that were the subject's: 1.0 for a network's own site."""
        total = self.members + self.others
        return self.members / total if total else 0.0

    def to_json(self) -> list[Any]:
        return [self.value, self.members, self.others]

    @classmethod
    def from_json(cls, raw: list[Any]) -> Value:
        return cls(str(raw[0]), int(raw[1]), int(raw[2]))


@dataclass(frozen=True)
class Text:
    """A normalised text the subject repeated, with its posts, members and other posters."""

    norm: str
    posts: int
    members: int
    others: int

    @property
    def ownership(self) -> float:
        total = self.members + self.others
        return self.members / total if total else 0.0

    def to_json(self) -> list[Any]:
        return [self.norm, self.posts, self.members, self.others]

    @classmethod
    def from_json(cls, raw: list[Any]) -> Text:
        return cls(str(raw[0]), int(raw[1]), int(raw[2]), int(raw[3]))


@dataclass(frozen=True)
class Member:
    """One account of the subject as its profile showed it."""

    account_id: str
    handle: str | None
    display_name: str | None
    bio: str | None
    avatar_hash: str | None
    #: other accounts of that data with the same normalised bio / the same avatar hash
    bio_others: int = 0
    avatar_others: int = 0

    def to_json(self) -> list[Any]:
        return [
            self.account_id,
            self.handle,
            self.display_name,
            self.bio,
            self.avatar_hash,
            self.bio_others,
            self.avatar_others,
        ]

    @classmethod
    def from_json(cls, raw: list[Any]) -> Member:
        return cls(
            str(raw[0]),
            raw[1],
            raw[2],
            raw[3],
            raw[4],
            int(raw[5]),
            int(raw[6]),
        )


@dataclass(frozen=True)
class Fingerprint:
    """Everything a later run needs to recognise a subject's new accounts.

    ``since`` is naive UTC like the lake's times: when the subject was taken down. Accounts
    created after it, or first seen by the ledger after it, are new with respect to it.
    """

    fingerprint_id: str
    kind: str
    subject_id: str
    since: datetime
    description: str = ""
    members: tuple[Member, ...] = ()
    #: accounts of the subject, of which ``members`` lists at most the builder's cap
    member_total: int = 0
    texts: tuple[Text, ...] = ()
    items: Mapping[str, tuple[Value, ...]] = field(default_factory=dict)
    #: share of the subject's activity per UTC hour (24 values), empty without activity
    hours: tuple[float, ...] = ()
    #: share of the subject's posts per language
    languages: Mapping[str, float] = field(default_factory=dict)
    #: handle shapes (``coord.mass_registration.shape``) and how many members had each
    shapes: Mapping[str, int] = field(default_factory=dict)
    posts: int = 0

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown fingerprint kind {self.kind!r}")
        unknown = set(self.items) - set(SIGNALS)
        if unknown:
            raise ValueError(f"unknown fingerprint signals: {sorted(unknown)}")

    @property
    def account_ids(self) -> frozenset[str]:
        return frozenset(m.account_id for m in self.members)

    def to_payload(self) -> dict[str, Any]:
        """The JSON object stored in the ledger event."""
        return {
            "version": VERSION,
            "fingerprint_id": self.fingerprint_id,
            "kind": self.kind,
            "subject_id": self.subject_id,
            "since": self.since.isoformat(timespec="microseconds"),
            "description": self.description,
            "member_total": self.member_total,
            "posts": self.posts,
            "members": [m.to_json() for m in self.members],
            "texts": [t.to_json() for t in self.texts],
            "items": {s: [v.to_json() for v in vs] for s, vs in sorted(self.items.items())},
            "hours": list(self.hours),
            "languages": dict(sorted(self.languages.items())),
            "shapes": dict(sorted(self.shapes.items())),
        }

    @classmethod
    def from_payload(cls, p: Mapping[str, Any]) -> Fingerprint:
        if int(p.get("version", 0)) != VERSION:
            raise ValueError(f"fingerprint payload version {p.get('version')!r} is not {VERSION}")
        return cls(
            fingerprint_id=str(p["fingerprint_id"]),
            kind=str(p["kind"]),
            subject_id=str(p["subject_id"]),
            since=datetime.fromisoformat(str(p["since"])),
            description=str(p.get("description", "")),
            members=tuple(Member.from_json(m) for m in p.get("members", [])),
            member_total=int(p.get("member_total", 0)),
            texts=tuple(Text.from_json(t) for t in p.get("texts", [])),
            items={
                str(s): tuple(Value.from_json(v) for v in vs)
                for s, vs in dict(p.get("items", {})).items()
            },
            hours=tuple(float(h) for h in p.get("hours", [])),
            languages={str(k): float(v) for k, v in dict(p.get("languages", {})).items()},
            shapes={str(k): int(v) for k, v in dict(p.get("shapes", {})).items()},
            posts=int(p.get("posts", 0)),
        )
