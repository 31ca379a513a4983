"""``spam.impersonation``: accounts posing as a verified or high-audience account."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

import ibis
import ibis.expr.types as ir
import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from lockstep.detect.base import Detection, Detector, Finding, Requirement, param
from lockstep.detect.identity.matching import near_matches
from lockstep.detect.identity.names import Skeleton, skeletons, weighted_length
from lockstep.detect.identity.phash import hamming, parse_hex64
from lockstep.lake import Lake

BEHAVIOUR = "spam.impersonation"

#: A bio or display name that declares the account is not the real one (seed 001 treats
#: declared parody, commentary and fan accounts as distinct identities, not deception).
DECLARED = re.compile(
    r"\b(parody|satire|satirical|fan\s*(account|acc|page|club|site)|fanpage|fanaccount"
    r"|not\s+(affiliated|associated|endorsed|the\s+real|official)|unofficial"
    r"|commentary\s+account)",
    re.IGNORECASE,
)

# Score parts. Besides the name, an account needs at least one sign of *mimicry* (see the
# class docstring), because namesakes and second accounts share names all the time. Recent
# creation and a tiny audience only add weight.
NAME_WEIGHT = {("handle", 0): 0.4, ("handle", 1): 0.3, ("display", 0): 0.3, ("display", 1): 0.2}
BOTH_NAMES = 0.1
AVATAR_COPY = 0.3
DISGUISE = 0.15
AUTHORITY = 0.1
BIO_COPY = 0.2
RECENT = 0.2
SMALL_AUDIENCE = 0.05
#: The candidate's followers as a share of the target's below which it counts as small.
SMALL_AUDIENCE_RATIO = 0.01
#: Techniques that only exist to make one name read as another.
DISGUISES = frozenset({"homoglyph", "leetspeak", "badge"})
#: A copied bio has at least this many words and at most this many accounts share it.
BIO_MIN_WORDS = 4
BIO_MAX_SHARED = 3
MAX_LISTED = 20
FIELDS = {"handle": "handle", "display": "display name"}

_COLUMNS = (
    "account_id",
    "handle",
    "display_name",
    "created_at",
    "avatar_hash",
    "followers_count",
    "verified",
    "suspended_at",
)


@dataclass(frozen=True)
class _NameMatch:
    """One of the account's names read as the same field of the target's."""

    field: str
    skeleton: str
    distance: int
    #: tricks the account's name uses that the target's does not
    techniques: frozenset[str]


@dataclass(frozen=True)
class Impersonation(Detector):
    """Accounts whose handle or display name is confusable with a protected account's.

    **Seed clause.** 000: "impersonating other individuals or organizations in order to deceive
    the public"; 001: accounts mimicking another person or organisation.

    **Signal.** The *protected* set is every verified account plus every account whose
    followers reach the ``protected_quantile`` of the platform's followers counts (and at
    least ``protected_min_followers``); accounts suspended before the data are not in it.
    Every handle and display name is reduced to a visual skeleton (NFKC, TR39 confusable
    prototypes, accents and case folded, leetspeak, separators, trailing counters and
    authority words such as "official" or "support" removed), so ``paypa1_support``,
    ``PаyPal`` (Cyrillic а) and ``the.real.paypal`` all read ``paypal``. A protected name that
    ends in a number keeps it and is matched without typos (``grace1115`` is not every Grace,
    nor is ``grace1116``). Candidate pairs come from an equality join on skeletons — handle
    with handle, display name with display name — plus a symmetric-deletion join for
    ``max_edits`` typos on skeletons of at least ``fuzzy_min_length`` characters; never from
    comparing all pairs of accounts. A handle match is a candidate; a display-name-only match
    is one only when the avatar is a copy too, or when the name reads as the target's only
    through another script's letters or a check-mark badge (``Pablo Torres ✔️``). A handle
    spelt differently from the target's but with the same skeleton (``mang04810`` for
    ``mango4810``) uses leetspeak even though the target's own digits read as leetspeak too.

    A candidate is reported only with a sign of *mimicry*: a copied avatar (perceptual
    hashes within ``avatar_max_bits`` bits), a disguise (homoglyphs of another script,
    leetspeak, a check-mark badge) or an authority word ("support", "official") that makes
    its name read exactly as the target's, a one-typo handle beside the target's exact
    display name (typosquatting), or the target's bio copied verbatim when that bio is
    distinctive (at least four words, shared by at most three accounts). The score adds up:
    the name match (handle 0.4, display name 0.3, a typo −0.1, both names +0.1), avatar copy
    +0.3, disguise +0.15, authority word +0.1, bio copy +0.2, recent creation +0.2 (at most
    ``recent_days`` before its first post, or before the last activity in the data when it
    has not posted, and after the target) and a tiny audience next to the target's +0.05.
    Accounts reaching ``min_score`` are reported, each against its best target. A namesake
    with its own picture and bio is not flagged, however new. Only the first holder of a
    persona can be the genuine one: an account created before its look-alike target is not
    reported, and a target that itself has an older look-alike (same name and a copied
    avatar or bio) is one of a family of copies, sock puppets rather than an identity to
    protect, and none of its look-alikes is reported against it.

    **Not flagged.** The genuine account and every other protected account (an established
    high-audience account is not presumed to impersonate). A business's branch accounts:
    "Café Nord Hamburg" and "Café Nord Köln" differ by a whole word, which the skeleton keeps,
    so they match neither each other nor "Café Nord" even when they share the brand's avatar.
    Personal and hobby accounts of one person (a distinct handle; and any account the target
    itself follows is treated as acknowledged by it). Parody, fan and commentary accounts
    that say so in their bio or display name ("parody", "fan account", "not affiliated"):
    a documented exemption, as in seed 001. Names spelt with their own accents (Yılmaz).

    **Evidence.** The account's and the target's handles, names, followers and creation
    times; which name matched, through which skeleton and edit distance; the tricks undone to
    get there (homoglyph, leetspeak, authority word, ...); the avatar's distance in bits;
    whether the bio is a copy; the days from creation to first post; other protected
    accounts it also resembles.

    **Known limits.** Names in scripts whose letters are not confusable with the target's
    are not caught (a transliteration is not a homoglyph). An impersonator that is itself
    verified or high-audience is not flagged, and neither is a look-alike of a suspended
    account, nor one re-creating a suspended account's persona (name with its avatar or bio)
    whatever live namesake it also resembles: both are the recidivism detector's case. Nor
    is an old account renamed to pose as a newer one. Accounts of one operator that share a
    persona read as impersonators of whichever of them is high-audience unless an older
    member of the family is in the data. Avatar copies only corroborate a name match. A
    glued authority word is stripped even where it belongs to the name (``theodore`` reads
    as ``odore``); that only joins names sharing the rest as well.
    """

    name: ClassVar[str] = BEHAVIOUR
    version: ClassVar[str] = "1"
    behaviours: ClassVar[tuple[str, ...]] = (BEHAVIOUR,)
    requires: ClassVar[tuple[Requirement, ...]] = (Requirement("accounts", ("handle",)),)

    protected_quantile: float = param(
        0.99, "followers quantile from which an unverified account counts as protected"
    )
    protected_min_followers: int = param(
        1_000, "an unverified account needs at least this many followers to be protected"
    )
    min_name_length: int = param(
        4, "shortest skeleton compared at all (Han, kana and Hangul characters count 3)"
    )
    max_edits: int = param(1, "typos (Levenshtein edits on skeletons) still counted a match")
    fuzzy_min_length: int = param(6, "shortest skeleton for which typos are allowed")
    avatar_max_bits: int = param(6, "perceptual-hash bits within which an avatar is a copy")
    recent_days: float = param(30.0, "account created at most this many days before acting")
    min_score: float = param(0.6, "report accounts scoring at least this")

    def detect(self, lake: Lake) -> Detection:
        none = Detection(findings=self.findings([]))
        accounts = self._accounts(lake)
        if accounts.num_rows == 0:
            return none
        protected, threshold = self._protected(accounts)
        if not protected.any():
            return none
        suspended = np.asarray(
            pc.is_valid(accounts["suspended_at"]).to_numpy(zero_copy_only=False), dtype=bool
        )
        # suspended accounts are compared too, only to recognise their replacements
        reference = protected | suspended
        names = {
            "handle": skeletons(accounts["handle"].to_pylist()),
            "display": skeletons(accounts["display_name"].to_pylist()),
        }
        pairs: dict[tuple[int, int], dict[str, _NameMatch]] = {}
        for field, column in names.items():
            for (a, t), found in self._matches(column, reference, ~reference).items():
                pairs.setdefault((a, t), {})[field] = _NameMatch(field, *found)
        if not pairs:
            return none
        involved = sorted({i for pair in pairs for i in pair})
        taken = accounts.take(pa.array(involved, pa.int64())).to_pylist()
        rows = dict(zip(involved, taken, strict=True))
        avatar = _avatar_bits(list(pairs), rows)
        pairs = {
            key: m
            for key, m in pairs.items()
            if "handle" in m or _within(avatar[key], self.avatar_max_bits) or _disguised(m)
        }
        if not pairs:
            return none
        ids = sorted({rows[i]["account_id"] for pair in pairs for i in pair})
        bios = _bios(lake, ids)
        followed = _followed_by_target(
            lake, [(rows[t]["account_id"], rows[a]["account_id"]) for a, t in pairs]
        )
        first_post = _first_posts(lake, sorted({rows[a]["account_id"] for a, _ in pairs}))
        data_end = _data_end(lake)

        assessed: dict[tuple[int, int], dict[str, Any]] = {}
        for (a, t), match in pairs.items():
            acc, tgt = rows[a], rows[t]
            if _declares(acc, bios) or (tgt["account_id"], acc["account_id"]) in followed:
                continue
            ev = self._assess(acc, tgt, match, avatar[(a, t)])
            ev.update(self._timing(acc, tgt, first_post, data_end))
            ev["bio_copied"] = _bio_copied(bios, acc["account_id"], tgt["account_id"])
            ev["score"] = _score(ev)
            assessed[(a, t)] = ev
        # Only the first holder of a persona can be the genuine one: an account older than
        # its look-alike target is not posing as it, and a target with an older look-alike
        # is itself one of a family of copies (sock puppets), not an identity to protect.
        copies = {t for (a, t), ev in assessed.items() if ev["older"] and ev["persona_copy"]}
        # an account re-creating a suspended account's persona is its replacement (the
        # recidivism detector's case); a resemblance to a live namesake is incidental then
        replacements = {a for (a, t), ev in assessed.items() if suspended[t] and ev["persona_copy"]}
        best: dict[int, list[dict[str, Any]]] = {}
        for (a, t), ev in assessed.items():
            if ev["older"] or t in copies or suspended[t] or a in replacements:
                continue
            if ev["mimicry"] and ev["score"] >= self.min_score:
                best.setdefault(a, []).append(ev)
        findings = [
            self._finding(rows[a], sorted(evs, key=_rank), threshold) for a, evs in best.items()
        ]
        return Detection(findings=self.findings(findings))

    # -- data ------------------------------------------------------------------------------

    def _accounts(self, lake: Lake) -> pa.Table:
        acc = lake.table("accounts")
        real = acc.filter(acc.is_stub.isnull() | ~acc.is_stub)
        out: pa.Table = lake.con.to_pyarrow(real.select(*_COLUMNS).order_by("account_id"))
        return out.combine_chunks()

    def _protected(self, accounts: pa.Table) -> tuple[npt.NDArray[np.bool_], float]:
        """Verified accounts plus the high-audience tail (never suspended ones), and the
        followers threshold used."""
        followers: Any = accounts["followers_count"]
        quantile: Any = pc.quantile(followers, q=self.protected_quantile, skip_nulls=True)
        q = quantile[0].as_py() if len(quantile) and quantile[0].is_valid else None
        threshold = float(max(self.protected_min_followers, q or 0))
        big: Any = pc.fill_null(pc.greater_equal(followers, pa.scalar(threshold)), pa.scalar(False))
        verified: Any = pc.fill_null(accounts["verified"], pa.scalar(False))
        live: Any = pc.is_null(accounts["suspended_at"])
        mask: Any = pc.and_(pc.or_(big, verified), live)
        return np.asarray(mask.to_numpy(zero_copy_only=False), dtype=bool), threshold

    def _matches(
        self,
        column: list[Skeleton | None],
        reference: npt.NDArray[np.bool_],
        candidates: npt.NDArray[np.bool_],
    ) -> dict[tuple[int, int], tuple[str, int, frozenset[str]]]:
        """(candidate, target) → (skeleton, distance, tricks) for one name field.

        Every reading of a candidate's name (see ``Skeleton.variants``) is compared with the
        reference account's identity reading; the closest counts.
        """
        owner: list[int] = []
        left: list[str | None] = []
        tricks: list[frozenset[str]] = []
        spelled: list[str] = []
        for i, sk in enumerate(column):
            if sk is None or not candidates[i]:
                continue
            for key, techniques in sk.variants:
                if weighted_length(key) >= self.min_name_length:
                    owner.append(i)
                    left.append(key)
                    tricks.append(techniques)
                    spelled.append(sk.spelled)
        targets = [int(i) for i in np.flatnonzero(reference) if column[int(i)] is not None]
        identity = [column[t].identity for t in targets]  # type: ignore[union-attr]
        right = [
            key if weighted_length(key) >= self.min_name_length else None for key, _ in identity
        ]
        # a name whose number is part of it is matched exactly: michael_wright88 is one
        # "typo" from michael_wright68, and just another Michael Wright
        numbered = [column[t].numbered for t in targets]  # type: ignore[union-attr]
        plain = [None if n else key for key, n in zip(right, numbered, strict=True)]
        exact = [key if n else None for key, n in zip(right, numbered, strict=True)]
        out: dict[tuple[int, int], tuple[str, int, frozenset[str]]] = {}
        for keys, edits in ((plain, self.max_edits), (exact, 0)):
            found = near_matches(left, keys, edits, self.fuzzy_min_length)
            for li, ri, dist in zip(
                found["left"].to_numpy(),
                found["right"].to_numpy(),
                found["distance"].to_numpy(),
                strict=True,
            ):
                a, t = owner[int(li)], targets[int(ri)]
                if a == t:
                    continue
                own = tricks[int(li)] - identity[int(ri)][1]
                if dist == 0 and spelled[int(li)] != column[t].spelled:  # type: ignore[union-attr]
                    # the target's own digits read as leetspeak too, but ``mang04810`` swapped
                    # a letter for a digit to pass as ``mango4810``: that is a disguise
                    own |= tricks[int(li)] & DISGUISES
                candidate = (right[int(ri)] or "", int(dist), own)
                if (a, t) not in out or candidate[1] < out[(a, t)][1]:
                    out[(a, t)] = candidate
        return out

    # -- scoring ---------------------------------------------------------------------------

    def _assess(
        self,
        acc: dict[str, Any],
        tgt: dict[str, Any],
        match: dict[str, _NameMatch],
        avatar_bits: int | None,
    ) -> dict[str, Any]:
        """What the names and avatars show; timing and bio are added by the caller."""
        techniques: set[str] = set()
        disguised = authority = False
        for m in match.values():
            own = set(m.techniques)
            if m.field == "display":
                own.discard("separators")  # spaces in a display name are just spaces
            techniques |= own
            # a trick counts when it makes the name read exactly as the target's
            disguised |= m.distance == 0 and bool(own & DISGUISES)
            authority |= m.distance == 0 and "authority_word" in own
        # one typo in the handle while the display name is the target's exactly: a namesake
        # picks its own handle, a typosquatter the nearest one still free
        handle, display = match.get("handle"), match.get("display")
        typosquat = handle is not None and handle.distance > 0 and display is not None
        typosquat = typosquat and display is not None and display.distance == 0
        return {
            "target": tgt,
            "matched": [
                {"field": m.field, "skeleton": m.skeleton, "edit_distance": m.distance}
                for m in sorted(match.values(), key=lambda m: m.field != "handle")
            ],
            "name_score": max(NAME_WEIGHT[(m.field, min(m.distance, 1))] for m in match.values())
            + (BOTH_NAMES if len(match) == 2 else 0.0),
            "techniques": sorted(techniques),
            "disguised": disguised,
            "authority_word": authority,
            "typosquat": typosquat,
            "avatar_bits": avatar_bits,
            "avatar_copied": _within(avatar_bits, self.avatar_max_bits),
            "small_audience": (acc["followers_count"] or 0)
            <= SMALL_AUDIENCE_RATIO * (tgt["followers_count"] or 0),
        }

    def _timing(
        self,
        acc: dict[str, Any],
        tgt: dict[str, Any],
        first_post: dict[str, datetime],
        data_end: datetime | None,
    ) -> dict[str, Any]:
        """Recent creation: made shortly before it acted, and after the target."""
        created = acc["created_at"]
        acted = first_post.get(acc["account_id"], data_end)
        age = (acted - created).total_seconds() / 86400 if created and acted else None
        older = created is not None and tgt["created_at"] is not None
        older = older and created < tgt["created_at"]
        return {
            "age_days_at_first_activity": None if age is None else round(age, 2),
            "first_post_at": first_post.get(acc["account_id"]),
            "recent": age is not None and 0 <= age <= self.recent_days and not older,
            "older": older,
        }

    def _finding(self, acc: dict[str, Any], evs: list[dict[str, Any]], threshold: float) -> Finding:
        top = evs[0]
        keys = (
            "matched",
            "techniques",
            "bio_copied",
            "typosquat",
            "avatar_bits",
            "avatar_copied",
            "recent",
            "age_days_at_first_activity",
            "first_post_at",
            "small_audience",
        )
        return Finding(
            behaviour=BEHAVIOUR,
            subject_type="account",
            subject_id=acc["account_id"],
            account_ids=[acc["account_id"]],
            score=top["score"],
            window_start=acc["created_at"],
            window_end=top["first_post_at"],
            evidence={
                "summary": _summary(acc, top),
                "account": _profile(acc),
                "target": _profile(top["target"]),
                **{k: top[k] for k in keys},
                "protected_followers_threshold": round(threshold),
                "other_targets": [
                    {"account_id": e["target"]["account_id"], "handle": e["target"]["handle"]}
                    for e in evs[1 : 1 + MAX_LISTED]
                ],
                "other_targets_total": len(evs) - 1,
            },
        )


def _avatar_bits(
    pairs: list[tuple[int, int]], rows: dict[int, dict[str, Any]]
) -> dict[tuple[int, int], int | None]:
    """Bits between the avatars of each pair; None where either is missing or not hex64."""
    left, lvalid = parse_hex64([rows[a]["avatar_hash"] for a, _ in pairs])
    right, rvalid = parse_hex64([rows[t]["avatar_hash"] for _, t in pairs])
    bits = hamming(left, right)
    ok = lvalid & rvalid
    return {pair: int(b) if v else None for pair, b, v in zip(pairs, bits, ok, strict=True)}


def _disguised(match: dict[str, _NameMatch]) -> bool:
    """A display name made to read exactly as the target's through a trick a namesake has
    no reason to use (another script's letters, a check-mark badge)."""
    m = match.get("display")
    return m is not None and m.distance == 0 and bool(m.techniques & DISGUISES - {"leetspeak"})


def _within(bits: int | None, limit: int) -> bool:
    return bits is not None and bits <= limit


def _score(ev: dict[str, Any]) -> float:
    """The evidence's score; also records whether any sign of mimicry is present."""
    score = float(ev["name_score"])
    score += AVATAR_COPY if ev["avatar_copied"] else 0.0
    score += DISGUISE if ev["disguised"] else 0.0
    score += AUTHORITY if ev["authority_word"] else 0.0
    score += BIO_COPY if ev["bio_copied"] else 0.0
    score += RECENT if ev["recent"] else 0.0
    score += SMALL_AUDIENCE if ev["small_audience"] else 0.0
    ev["mimicry"] = any(
        ev[k] for k in ("avatar_copied", "disguised", "authority_word", "typosquat", "bio_copied")
    )
    exact = any(m["edit_distance"] == 0 for m in ev["matched"])
    ev["persona_copy"] = exact and (ev["avatar_copied"] or ev["bio_copied"])
    return round(min(score, 1.0), 6)


def _bio_copied(bios: dict[str, tuple[str, int]], account: str, target: str) -> bool:
    """The account repeats the target's distinctive bio word for word."""
    mine, theirs = bios.get(account), bios.get(target)
    if mine is None or theirs is None or mine[0] != theirs[0]:
        return False
    # separators ("nurse | cinema | Munich") are not words: a three-item template bio is
    # shared by many people and is no sign of copying
    words = sum(1 for w in mine[0].split() if any(c.isalnum() for c in w))
    return words >= BIO_MIN_WORDS and theirs[1] <= BIO_MAX_SHARED


def _declares(acc: dict[str, Any], bios: dict[str, tuple[str, int]]) -> bool:
    """The account says it is parody, fan, commentary or unaffiliated."""
    bio = bios.get(acc["account_id"], ("", 0))[0]
    return DECLARED.search(f"{bio}\n{acc['display_name'] or ''}") is not None


def _rank(ev: dict[str, Any]) -> tuple[float, str]:
    return (-float(ev["score"]), str(ev["target"]["account_id"]))


def _profile(row: dict[str, Any]) -> dict[str, Any]:
    keys = ("account_id", "handle", "display_name", "followers_count", "verified", "created_at")
    return {k: row[k] for k in keys}


def _summary(acc: dict[str, Any], ev: dict[str, Any]) -> str:
    tgt = ev["target"]
    kind = "verified" if tgt["verified"] else "high-audience"
    first = ev["matched"][0]
    column = "handle" if first["field"] == "handle" else "display_name"
    how = "reads as" if first["edit_distance"] == 0 else "is one typo from"
    parts = [
        f"{FIELDS[first['field']]} '{acc[column]}' {how} {kind} @{tgt['handle']}'s "
        f"'{tgt[column]}' (skeleton '{first['skeleton']}')"
    ]
    if ev["techniques"]:
        parts.append("using " + ", ".join(t.replace("_", " ") for t in ev["techniques"]))
    if ev["bio_copied"]:
        parts.append(f"bio copied from @{tgt['handle']}")
    if ev["avatar_copied"]:
        bits = "1 bit" if ev["avatar_bits"] == 1 else f"{ev['avatar_bits']} bits"
        parts.append(f"avatar differs by {bits} from @{tgt['handle']}'s")
    if ev["recent"] and ev["age_days_at_first_activity"] is not None:
        when = "its first post" if ev["first_post_at"] else "the last activity in the data"
        parts.append(f"created {ev['age_days_at_first_activity']:g} days before {when}")
    return ", ".join(parts)


# -- lake look-ups for the few accounts in candidate pairs ---------------------------------


def _only(table: ir.Table, ids: list[str]) -> ir.Table:
    """Rows of ``table`` whose account_id is in ``ids`` (a join, not a long IN list)."""
    wanted = ibis.memtable(pa.table({"account_id": pa.array(ids, pa.string())}))
    return table.semi_join(wanted, "account_id")


def _normal_bio(bio: ir.StringValue) -> ir.StringValue:
    return bio.lower().re_replace(r"\s+", " ").strip()


def _bios(lake: Lake, ids: list[str]) -> dict[str, tuple[str, int]]:
    """account → (normalised bio, accounts on the platform with that same bio)."""
    acc = lake.table("accounts")
    norm = acc.filter(acc.bio.notnull()).mutate(norm=_normal_bio(acc.bio))
    mine = _only(norm, ids).select("account_id", "norm")
    shared = (
        norm.semi_join(mine, "norm").group_by("norm").aggregate(shared=norm.account_id.nunique())
    )
    rows = lake.con.to_pyarrow(mine.join(shared, "norm")).to_pylist()
    return {r["account_id"]: (r["norm"], int(r["shared"])) for r in rows}


def _followed_by_target(lake: Lake, pairs: list[tuple[str, str]]) -> set[tuple[str, str]]:
    """(target, candidate) pairs where the target follows the candidate: acknowledged."""
    if not pairs or not lake.has("engagements"):
        return set()
    if lake.missing_columns("engagements", ("target_account_id",)):
        return set()
    wanted = ibis.memtable(
        pa.table(
            {
                "src": pa.array([p[0] for p in pairs], pa.string()),
                "dst": pa.array([p[1] for p in pairs], pa.string()),
            }
        )
    )
    eng = lake.table("engagements")
    follows = eng.filter(eng.kind == "follow", eng.target_account_id.notnull())
    hit = (
        follows.join(
            wanted, [follows.account_id == wanted.src, follows.target_account_id == wanted.dst]
        )
        .select("src", "dst")
        .distinct()
    )
    return {(r["src"], r["dst"]) for r in lake.con.to_pyarrow(hit).to_pylist()}


def _first_posts(lake: Lake, ids: list[str]) -> dict[str, datetime]:
    if not ids or not lake.has("posts"):
        return {}
    posts = _only(lake.table("posts"), ids)
    first = posts.group_by("account_id").aggregate(first=posts.created_at.min())
    return {r["account_id"]: r["first"] for r in lake.con.to_pyarrow(first).to_pylist()}


def _data_end(lake: Lake) -> datetime | None:
    """The latest activity the data shows (posts, engagements); None without activity."""
    ends = []
    for name in ("posts", "engagements"):
        if lake.has(name):
            table = lake.table(name)
            end = lake.con.to_pyarrow(table.aggregate(end=table.created_at.max()))["end"]
            value = end[0].as_py()
            if isinstance(value, datetime):
                ends.append(value)
    return max(ends) if ends else None
