"""``coord.overlapping_accounts``: one operator running several accounts of the same persona.

Profiles are per account (thousands of rows, not activity), so persona matching reads them
into memory and compares name skeletons, bios and avatar hashes there; the activity side
(shared devices and addresses, near-identical posts) runs in the engine on the few
candidate accounts only.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from itertools import combinations
from typing import Any, ClassVar

import ibis
import ibis.expr.types as ir
import numpy as np
import pyarrow as pa
from rapidfuzz.distance import Levenshtein

from lockstep.detect.base import Detection, Detector, Edge, Finding, Requirement, param
from lockstep.detect.evidence import CAP, clip, iso
from lockstep.detect.identity.names import skeletons, weighted_length
from lockstep.detect.identity.phash import hamming, near_pairs, parse_hex64
from lockstep.detect.text import NearDupParams, components, near_duplicate_groups
from lockstep.lake import Lake

BEHAVIOUR = "coord.overlapping_accounts"
SIGNAL = "shared_persona"
_BIO_NOISE = re.compile(r"[\W_]+")


@dataclass
class _Pair:
    """What two accounts share: persona signals and signs of being run together."""

    a: str
    b: str
    #: how each account presents itself: ``@handle 'Display Name'``
    shown: tuple[str, str] = ("", "")
    names: set[str] = field(default_factory=set)
    bio: bool = False
    avatar_bits: int | None = None
    devices: list[str] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)
    texts: list[dict[str, Any]] = field(default_factory=list)

    @property
    def persona(self) -> list[str]:
        out = ["name"] if self.names else []
        if self.bio:
            out.append("bio")
        if self.avatar_bits is not None:
            out.append("avatar")
        return out

    def together(self, min_texts: int) -> list[str]:
        out = []
        if self.devices:
            out.append("device")
        if self.addresses:
            out.append("address")
        if len(self.texts) >= min_texts:
            out.append("content")
        return out


@dataclass(frozen=True)
class OverlappingAccounts(Detector):
    """Several accounts presenting one persona — same name, and the same bio or picture —
    that are visibly run together.

    **Seed clause.** 001: "overlapping accounts – operating multiple accounts with
    overlapping use cases, such as identical or similar personas or substantially similar
    content"; enforcement may ask the operator to keep one account (001, keep-one-account).

    **Signal.** Two steps. *Persona*: every handle and display name is reduced to its visual
    skeleton (confusables, accents, separators, authority words such as "real" or "official"
    and trailing counters undone: ``anna.rossi``, ``therealannarossi`` and ``Anna Rossi ✨``
    meet). A pair has the same persona when it has the same bio (compared without case,
    punctuation or emoji, at least ``min_bio_chars`` characters) or avatars within
    ``avatar_bits`` bits of perceptual hash (re-encoded copies), and besides that a name
    skeleton of at least ``min_name_length`` characters in common, or skeletons with their
    digits kept one edit apart (``tiny1301``, ``tiny13012``). *Operated
    together*: the pair logged in from the same device or the same address (sessions), or
    posted at least ``min_shared_texts`` distinct identical or near-identical texts (MinHash
    over the candidates' posts, Jaccard ≥ 0.7). A pair needs both. Flagged pairs are joined
    into groups; every member is reported.

    **Not flagged.** A business's branch accounts: their names differ by the place ("Café
    Nord Hamburg", "Café Nord Köln"), so even with one logo, one manager's phone and the
    same promotion they are distinct identities (seed 001). A personal plus a hobby account
    (different names). Namesakes — different people called "Maria Silva", even with
    similar bios — who share neither devices nor posts. Impersonators: a copy of someone's
    persona run by someone else shares no device and no content with it
    (``spam.impersonation`` handles it). Self-declared automated accounts while
    ``exempt_declared_bots`` is on. Accounts suspended before the data, and every account
    presenting the persona of a suspended one, even several of them: replacing a suspended
    account is ``coord.recidivism``, enforced more severely.

    **Score.** 0.5 plus 0.1 per persona signal beyond the name and per sign of joint
    operation, at most 1.

    **Evidence.** The group's accounts; per partner the shared name skeletons, whether the
    bio matched, the avatar distance in bits, the shared devices or addresses, and sample
    shared texts with both post ids; totals beside capped lists.

    **Known limits.** A persona that changes its name between accounts is missed, as is an
    operator who keeps devices, addresses and content apart. Name skeletons of fewer than
    ``min_name_length`` characters (a bare first name) do not count, and a bio shared by
    more than ``max_block`` accounts (a bare "📍 city") pairs accounts only through their
    avatars.
    """

    name: ClassVar[str] = BEHAVIOUR
    version: ClassVar[str] = "1"
    behaviours: ClassVar[tuple[str, ...]] = (BEHAVIOUR,)
    requires: ClassVar[tuple[Requirement, ...]] = (Requirement("accounts", ("display_name",)),)

    min_name_length: int = param(6, "shortest name skeleton that makes candidates")
    max_block: int = param(40, "bios shared by more accounts are too common to pair accounts")
    min_bio_chars: int = param(12, "shortest normalised bio that counts as a match")
    avatar_bits: int = param(4, "perceptual-hash bits within which avatars are the same picture")
    min_shared_texts: int = param(3, "distinct near-identical texts that show joint posting")
    exempt_declared_bots: bool = param(True, "leave out self-declared automated accounts")

    def detect(self, lake: Lake) -> Detection:
        pairs = self._persona_pairs(lake)
        if not pairs:
            return Detection(findings=self.findings([]), edges=self.edges([]))
        keys = ibis.memtable(pa.table({"account_id": sorted({x for key in pairs for x in key})}))
        self._shared_sessions(lake, keys, pairs)
        self._shared_texts(lake, keys, pairs)
        flagged = [p for p in pairs.values() if p.persona and p.together(self.min_shared_texts)]
        return Detection(
            findings=self.findings(self._findings(flagged)),
            edges=self.edges([self._edge(p) for p in flagged]),
        )

    # -- persona ---------------------------------------------------------------------------

    def _accounts(self, lake: Lake) -> pa.Table:
        acc = lake.table("accounts")
        cols = [c for c in ("handle", "display_name", "bio", "avatar_hash") if c in acc.columns]
        suspended = (
            acc.suspended_at.notnull()
            if not lake.missing_columns("accounts", ("suspended_at",))
            else ibis.literal(False)
        )
        acc = acc.mutate(_suspended=suspended)
        if self.exempt_declared_bots and not lake.missing_columns(
            "accounts", ("declared_automated",)
        ):
            acc = acc.filter(~acc.declared_automated.fill_null(False))
        table: pa.Table = (
            acc.select("account_id", "_suspended", *cols).order_by("account_id").to_pyarrow()
        )
        return table

    def _persona_pairs(self, lake: Lake) -> dict[tuple[str, str], _Pair]:
        """Pairs of live accounts with the same bio or avatar and the same name skeleton,
        leaving out every account whose persona is that of a suspended account.

        Bio and avatar come first because they are cheap to block on (equality, banded
        hash search); only the accounts they pair up have their names analysed.
        """
        table = self._accounts(lake)
        ids: list[str] = [str(x) for x in table["account_id"].to_pylist()]
        bios = self._bio_keys(table)
        candidates: set[tuple[int, int]] = set()
        by_bio: dict[str, list[int]] = defaultdict(list)
        for i, key in enumerate(bios.tolist()):
            if key:
                by_bio[key].append(i)
        for members in by_bio.values():
            if 2 <= len(members) <= self.max_block:
                candidates.update(combinations(members, 2))
        hashes, valid = parse_hex64(table["avatar_hash"].combine_chunks())
        index = np.flatnonzero(valid)
        if len(index) > 1:
            near = near_pairs(hashes[index], self.avatar_bits)
            candidates.update(
                zip(
                    index[near["i"].to_numpy()].tolist(),
                    index[near["j"].to_numpy()].tolist(),
                    strict=True,
                )
            )
        if not candidates:
            return {}
        pairs = sorted(candidates)
        left = np.array([i for i, _ in pairs], dtype=np.int64)
        right = np.array([j for _, j in pairs], dtype=np.int64)
        same_bio = (bios[left] == bios[right]) & (bios[left] != "")
        dist = hamming(hashes[left], hashes[right])
        bits = np.where(valid[left] & valid[right] & (dist <= self.avatar_bits), dist, -1)
        names = self._names(table, np.unique(np.concatenate([left, right])))
        shared = [_same_name(names.get(i, set()), names.get(j, set())) for i, j in pairs]
        persona = np.array([bool(x) for x in shared], dtype=bool)
        suspended = np.asarray(table["_suspended"].to_pylist(), dtype=bool)
        # a persona shared with a suspended account is a replacement: coord.recidivism
        heirs = np.zeros(len(ids), dtype=bool)
        heirs[left[persona & suspended[right]]] = True
        heirs[right[persona & suspended[left]]] = True
        keep = persona & ~(suspended | heirs)[left] & ~(suspended | heirs)[right]
        handles = table["handle"].to_pylist()
        displays = table["display_name"].to_pylist()

        def shown(i: int) -> str:
            return f"@{handles[i] or ''} '{displays[i] or ''}'"

        out: dict[tuple[str, str], _Pair] = {}
        for n in np.flatnonzero(keep):
            i, j = int(left[n]), int(right[n])
            out[(ids[i], ids[j])] = _Pair(
                ids[i],
                ids[j],
                shown=(shown(i), shown(j)),
                names=shared[n],
                bio=bool(same_bio[n]),
                avatar_bits=int(bits[n]) if bits[n] >= 0 else None,
            )
        return out

    def _names(self, table: pa.Table, rows: np.ndarray[Any, Any]) -> dict[int, set[str]]:
        """Name keys of the given rows: every skeleton reading of handle and display name of
        at least ``min_name_length``, and the identity reading marked with a leading ``=``
        for the one-edit comparison."""
        out: dict[int, set[str]] = defaultdict(set)
        picked = rows.tolist()
        for column in ("handle", "display_name"):
            values = table[column].take(pa.array(picked, pa.int64())).to_pylist()
            for i, sk in zip(picked, skeletons(values), strict=True):
                if sk is None:
                    continue
                for key, _ in sk.variants:
                    if weighted_length(key) >= self.min_name_length:
                        out[i].add(key)
                key = sk.identity[0]
                if weighted_length(key) >= self.min_name_length:
                    out[i].add("=" + key)
        return out

    def _bio_keys(self, table: pa.Table) -> np.ndarray[Any, np.dtype[np.str_]]:
        if "bio" not in table.column_names:
            return np.full(table.num_rows, "", dtype=object)
        keys = []
        for bio in table["bio"].to_pylist():
            key = _BIO_NOISE.sub("", (bio or "").casefold())
            keys.append(key if len(key) >= self.min_bio_chars else "")
        return np.array(keys, dtype=object)

    # -- operated together -----------------------------------------------------------------

    @staticmethod
    def _shared_sessions(lake: Lake, keys: ir.Table, pairs: dict[tuple[str, str], _Pair]) -> None:
        """Devices and addresses both accounts of a candidate pair used (engine side)."""
        if not lake.has("sessions"):
            return
        ses = lake.table("sessions").semi_join(keys, "account_id")
        for column, attr in (("device_id", "devices"), ("ip", "addresses")):
            if lake.missing_columns("sessions", (column,)):
                continue
            used = ses.filter(ses[column].notnull()).select("account_id", value=ses[column])
            used = used.distinct()
            other = used.rename(other="account_id")
            both = used.join(other, "value")
            both = both.filter(both.account_id < both.other)
            for r in both.to_pyarrow().to_pylist():
                pair = pairs.get((r["account_id"], r["other"]))
                if pair is not None:
                    getattr(pair, attr).append(r["value"])

    def _shared_texts(
        self, lake: Lake, keys: ir.Table, pairs: dict[tuple[str, str], _Pair]
    ) -> None:
        """Near-identical texts posted by both accounts of a candidate pair."""
        if not lake.has("posts") or lake.missing_columns("posts", ("text",)):
            return
        posts = lake.table("posts").semi_join(keys, "account_id")
        posts = posts.filter(posts.text.notnull())
        groups = near_duplicate_groups(posts, NearDupParams())
        try:
            rows = (
                groups.join(posts.select("post_id", "text"), "post_id")
                .order_by("group_id", "created_at", "post_id")
                .to_pyarrow()
                .to_pylist()
            )
        finally:
            groups.release()
        by_group: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
        for r in rows:
            by_group[r["group_id"]].setdefault(r["account_id"], r)
        for members in by_group.values():
            for a, b in combinations(sorted(members), 2):
                pair = pairs.get((a, b))
                if pair is not None:
                    pair.texts.append({"a": members[a], "b": members[b]})

    # -- output ----------------------------------------------------------------------------

    def _score(self, pair: _Pair) -> float:
        extra = len(pair.persona) - 1 + len(pair.together(self.min_shared_texts))
        return min(1.0, 0.5 + 0.1 * extra)

    def _findings(self, flagged: list[_Pair]) -> list[Finding]:
        names = sorted({x for p in flagged for x in (p.a, p.b)})
        index = {a: i for i, a in enumerate(names)}
        label = components(
            np.array([index[p.a] for p in flagged], dtype=np.int64),
            np.array([index[p.b] for p in flagged], dtype=np.int64),
            len(names),
        )
        groups: dict[int, list[str]] = defaultdict(list)
        for a in names:
            groups[int(label[index[a]])].append(a)
        partners: dict[str, list[_Pair]] = defaultdict(list)
        for p in flagged:
            partners[p.a].append(p)
            partners[p.b].append(p)
        out = []
        for a in names:
            group = groups[int(label[index[a]])]
            mine = sorted(partners[a], key=lambda p: p.b if p.a == a else p.a)
            times = [
                t
                for p in mine
                for pair_text in p.texts
                for t in (pair_text["a"]["created_at"], pair_text["b"]["created_at"])
            ]
            out.append(
                Finding(
                    behaviour=BEHAVIOUR,
                    subject_type="account",
                    subject_id=a,
                    account_ids=group,
                    score=max(self._score(p) for p in mine),
                    window_start=min(times) if times else None,
                    window_end=max(times) if times else None,
                    evidence={
                        "summary": _summary(a, mine, len(group), self.min_shared_texts),
                        "group": group[:CAP],
                        "group_total": len(group),
                        "partners": [_partner(a, p) for p in mine[:CAP]],
                        "partners_total": len(mine),
                    },
                )
            )
        return out

    def _edge(self, p: _Pair) -> Edge:
        times: list[datetime] = [
            t for pt in p.texts for t in (pt["a"]["created_at"], pt["b"]["created_at"])
        ]
        persona = p.persona
        together = p.together(self.min_shared_texts)
        return Edge(
            signal=SIGNAL,
            src=p.a,
            dst=p.b,
            weight=float(len(persona) + len(together)),
            window_start=min(times) if times else None,
            window_end=max(times) if times else None,
            evidence={
                "summary": f"same persona ({', '.join(persona)}) and run together "
                f"({', '.join(together)})",
                "name_skeletons": sorted(p.names)[:CAP],
                "devices": sorted(p.devices)[:CAP],
                "shared_texts_total": len(p.texts),
            },
        )


def _same_name(a: set[str], b: set[str]) -> set[str]:
    """Skeletons two accounts share, or identity readings one edit apart (``tiny1301`` and
    ``tiny13012``): the shared keys, empty when the names differ."""
    common = {k for k in a & b if not k.startswith("=")}
    if common:
        return common
    ids_a = [k[1:] for k in a if k.startswith("=")]
    ids_b = [k[1:] for k in b if k.startswith("=")]
    return {f"{x}~{y}" for x in ids_a for y in ids_b if Levenshtein.distance(x, y) <= 1}


def _partner(account: str, p: _Pair) -> dict[str, Any]:
    mine, theirs = ("a", "b") if p.a == account else ("b", "a")
    return {
        "account_id": p.b if p.a == account else p.a,
        "presents_as": p.shown[1] if p.a == account else p.shown[0],
        "name_skeletons": sorted(p.names)[:CAP],
        "same_bio": p.bio,
        "avatar_bits": p.avatar_bits,
        "devices": sorted(p.devices)[:CAP],
        "addresses": sorted(p.addresses)[:CAP],
        "shared_texts": [
            {
                "post_id": t[mine]["post_id"],
                "created_at": iso(t[mine]["created_at"]),
                "partner_post_id": t[theirs]["post_id"],
                "partner_created_at": iso(t[theirs]["created_at"]),
                "text": clip(t[mine]["text"] or ""),
            }
            for t in p.texts[:CAP]
        ],
        "shared_texts_total": len(p.texts),
    }


def _summary(account: str, mine: list[_Pair], group: int, min_texts: int) -> str:
    top = max(mine, key=lambda p: (len(p.persona) + len(p.together(min_texts)), len(p.texts)))
    other = top.b if top.a == account else top.a
    persona = ", ".join(top.persona)
    how = []
    if top.devices:
        how.append(f"logged in from the same device {sorted(top.devices)[0]}")
    if top.addresses:
        how.append(f"from the same address {sorted(top.addresses)[0]}")
    if len(top.texts) >= min_texts:
        example = top.texts[0]["a"]["text"] or ""
        how.append(f"posted {len(top.texts)} of the same texts (e.g. {clip(example)[:80]!r})")
    own, theirs = top.shown if top.a == account else top.shown[::-1]
    return (
        f"presents the same persona as {other} (same {persona}: {own} and {theirs}), "
        f"and they {' and '.join(how)}; one group of {group} account(s)"
    )
