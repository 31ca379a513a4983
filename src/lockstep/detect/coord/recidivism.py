"""``coord.recidivism``: new accounts of disrupted networks and replacements of suspended ones.

The references are fingerprints (:mod:`lockstep.fingerprint`): those the ledger holds for
takedowns still in effect (handed to the run as the derived lake table ``fingerprints``), and
one built here, from this lake, for every account the input marks as suspended before the data
(``accounts.suspended_at``). All matching joins run in the engine, limited to new accounts; only
the matched pairs come back, and names and avatars, which are per account, are compared with
the shared identity code.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar

import ibis
import ibis.expr.types as ir
import numpy as np
import pyarrow as pa

from lockstep.detect.base import Detection, Detector, Finding, Requirement, param
from lockstep.detect.coord.mass_registration import shape
from lockstep.detect.evidence import CAP, clip, iso
from lockstep.detect.identity.matching import near_matches
from lockstep.detect.identity.names import skeletons, weighted_length
from lockstep.detect.identity.phash import near_between, parse_hex64
from lockstep.detect.text import (
    NearDupParams,
    band_keys,
    prepare,
    set_similarity,
    shingle_sets,
    signatures,
    text_id,
)
from lockstep.enforce.model import stable_id
from lockstep.fingerprint.build import Subject, build
from lockstep.fingerprint.items import activity_times, bio_key, item_rows
from lockstep.fingerprint.ledger import FINGERPRINTS_TABLE, KNOWN_TABLE, read_fingerprints
from lockstep.fingerprint.model import Fingerprint, Member, Value
from lockstep.lake import Lake

BEHAVIOUR = "coord.recidivism"

#: Families of evidence. Each is one independent way an operator gives itself away; a match
#: needs several of them, so no single coincidence (a shared site, a namesake, a common
#: phone model's address block) is ever enough. ``behaviour`` (hours, languages, targets)
#: only adds weight: ordinary people share a language and a day's rhythm with any network.
FAMILIES = (
    "content",
    "links",
    "visual",
    "name",
    "bio",
    "infrastructure",
    "cohort",
    "behaviour",
)
#: Weight of one matched value per signal; several values combine as a noisy-or.
WEIGHTS = {
    "url": 0.5,
    "domain": 0.4,
    "hashtag": 0.35,
    "media": 0.5,
    "device": 0.7,
    "ip_prefix": 0.3,
    "target": 0.25,
}
FAMILY_OF = {
    "url": "links",
    "domain": "links",
    "hashtag": "links",
    "media": "visual",
    "device": "infrastructure",
    "ip_prefix": "infrastructure",
    "target": "behaviour",
}
#: Weight of one post near-identical to one of the reference's texts (noisy-or over posts).
CONTENT_POST = 0.5
AVATAR = 0.6
HANDLE = {0: 0.5, 1: 0.4}
DISPLAY = {0: 0.3, 1: 0.2}
#: A network member's name or bio without another trace of that member (namesakes and
#: template bios are common).
ALONE = 0.15
#: Members of a network that must have used a value of these signals for it to count: one
#: member's home address block is its neighbours' too.
NETWORK_MIN_MEMBERS = {"ip_prefix": 2}
#: Each interaction with accounts matched to the same network (noisy-or).
COHORT = 0.1
SHAPE = 0.2
BIO = 0.5
HOURS = 0.1
LANGUAGE = 0.05
#: The behaviour family never weighs more than this.
BEHAVIOUR_CAP = 0.3
#: A value one member of a network used counts half: a network's assets are shared.
SINGLE_MEMBER = 0.5
#: Examples of matched posts and values kept per family in the evidence.
EXAMPLES = 5
#: A handle shape counts as a network's pattern when this share of its members had it ...
SHAPE_MAJORITY = 0.5
#: ... and at most this share of all accounts of this data have it.
SHAPE_RARE = 0.01

_ACCOUNT_COLUMNS = ("account_id", "handle", "display_name", "bio", "avatar_hash", "created_at")


def _noisy_or(weights: list[float]) -> float:
    out = 1.0
    for w in weights:
        out *= 1.0 - w
    return 1.0 - out


@dataclass
class _Reference:
    fp: Fingerprint
    #: from the ledger (new = created or first seen by the ledger after ``since``) or from
    #: this data's ``suspended_at`` (new = created after it)
    from_ledger: bool


@dataclass
class _Match:
    """What one new account shares with one reference, family by family."""

    account: str
    ref: str
    content: list[dict[str, Any]] = field(default_factory=list)
    content_posts: int = 0
    values: dict[str, list[tuple[Value, str, int]]] = field(default_factory=dict)
    names: list[dict[str, Any]] = field(default_factory=list)
    shape: str | None = None
    bio: dict[str, Any] | None = None
    avatar: dict[str, Any] | None = None
    hours: float | None = None
    language: str | None = None
    #: accounts matched to the same network that this account amplifies
    cohort: list[dict[str, Any]] = field(default_factory=list)
    first: datetime | None = None
    last: datetime | None = None

    def seen(self, t: datetime | None) -> None:
        if t is None:
            return
        self.first = t if self.first is None else min(self.first, t)
        self.last = t if self.last is None else max(self.last, t)


#: Gives the match of an (account, reference) pair, creating it on first use.
_Matcher = Callable[[str, str], _Match]


@dataclass(frozen=True)
class Recidivism(Detector):
    """New accounts that re-establish a disrupted network or replace a suspended account.

    **Seed clause.** 001: "creating accounts to replace or mimic a suspended account" (a
    severe violation: permanent suspension at first detection); 002: accounts "associated with
    previously disrupted networks attempting to re-establish their presence".

    **References.** Fingerprints of takedowns still in effect, from the ledger (a network
    decision applied and not reversed, an account still suspended; see ``docs/recidivism.md``),
    and a fingerprint built from this data of every account marked ``suspended_at``. The
    detector runs when there is at least one of them.

    **Who is compared.** Only *new* accounts: for a ledger fingerprint, accounts created after
    the takedown or that the ledger had not seen in input data before it; for an account
    suspended before the data, accounts created after the suspension. Members of the
    reference itself, and accounts suspended before the data, are never candidates.

    **Signal.** Each new account is compared with each reference on independent *families*
    of evidence, each a strength in [0, 1]:

    - *content*: its posts near-identical (Jaccard ≥ ``text_similarity`` of character
      shingles, MinHash and LSH in the engine with the near-duplicate code every text
      detector uses) to texts the reference repeated; 0.5 per post, noisy-or;
    - *links*: URLs (0.5), domains (0.4) and hashtags (0.35) the reference used;
    - *visual*: an avatar within ``avatar_bits`` bits of a member's (0.6), media files the
      reference posted (0.5 each);
    - *name*: a handle (0.5; one edit 0.4) or display name (0.3; one edit 0.2) that reads as a
      member's through the impersonation skeletons (confusables, separators, counters and
      words like "real" or "backup" undone; a match that needs the member's own trailing
      number dropped counts as one edit), and a handle shape that is the network's pattern
      (at least half its members, at most 1 % of this data's accounts: 0.2);
    - *bio*: a member's bio word for word (without case or punctuation), when it has at
      least ``min_bio_words`` words and at most ``max_shared`` other accounts have it (0.5);
    - *infrastructure*: a device (0.7) or an address prefix (/24, /48; not via a proxy: 0.3)
      the reference used;
    - *cohort* (networks only, a second look at accounts with one family of their own):
      accounts already matched to the same network that it engages with, replies to or
      mentions, 0.1 per interaction, when they take at least ``cohort_share`` of its
      interactions;
    - *behaviour*: accounts the reference targeted (0.25 each), its hours of activity (cosine
      similarity of the 24-hour profiles at least ``hours_similarity``: 0.1) and its
      language (0.05), at most 0.3 together.

    A value counts only when it was the reference's: at least ``min_ownership`` of the
    accounts that used it where it was fingerprinted were the reference's own. A news site,
    a trending hashtag, a popular account or a shared avatar therefore never counts, however
    many members used it. For a network, a value only one member used counts half, an address
    prefix only when two members used it (one member's home block is its neighbours' too),
    and a member's name or bio counts in full only beside another trace of the same member
    (name, bio or avatar), else 0.15: a network of hundreds has namesakes and template bios
    among ordinary people. Values within a family combine as a noisy-or. The account's score
    is the noisy-or of all families; it is reported against its best reference when at least
    ``min_families`` families other than *behaviour* reach ``family_min`` each and the score
    reaches ``min_score``. The networks stage then names to the same disrupted network the
    other members of a network of this run that enough members were matched to (see
    ``docs/recidivism.md``).

    **Not flagged.** Any one coincidence alone: a namesake of a member, an account linking the
    network's site or using its hashtag (a journalist writing about it), the same language and
    hours, a shared address block, a reused stock phrase. Ordinary people who like a
    network's popular posts now and then (the cohort needs a quarter of their attention). Old
    accounts, which enforcement judges on their own conduct. Accounts whose shared values are
    popular where the reference was fingerprinted (news sites, trending tags, celebrities
    they reply to).

    **Score.** The noisy-or of the families above, between ``min_score`` and 1.

    **Evidence.** The reference (the original network id and its description, or the
    suspended account), when it was taken down, why the account counts as new; per family the
    matched posts with the reference text each resembles and its similarity, the shared URLs,
    domains, hashtags, devices and prefixes with how many members used them, the avatar and
    which member's it copies with the distance in bits, the handle or name it mimics, the
    copied bio, the matched accounts it amplifies; the other new accounts matched to the same
    network (``co_returning``), which the network stage links.

    **Known limits.** A reference carries at most 200 texts, 200 values per signal and 1,000
    member profiles. An operator that changes every asset — new texts, sites, phones, personas
    — is not recognisable here and is left to the other detectors. An account that both
    repeats a network's text and links its site (for example to debunk it) shows two
    families. A fingerprint stops being used only once the reversal of its takedown is
    recorded.
    """

    name: ClassVar[str] = BEHAVIOUR
    version: ClassVar[str] = "1"
    behaviours: ClassVar[tuple[str, ...]] = (BEHAVIOUR,)
    #: suspended accounts in the data, or the ledger's fingerprints (see :meth:`missing`)
    requires: ClassVar[tuple[Requirement, ...]] = (Requirement("accounts", ("suspended_at",)),)

    min_score: float = param(0.7, "report accounts scoring at least this")
    min_families: int = param(2, "families of evidence (behaviour aside) an account needs")
    family_min: float = param(0.35, "strength a family needs to count towards min_families")
    min_ownership: float = param(
        0.5, "share of a value's users that were the reference's for the value to count"
    )
    text_similarity: float = param(
        0.7, "Jaccard similarity of character shingles from which a post repeats a text"
    )
    avatar_bits: int = param(4, "perceptual-hash bits within which an avatar is a copy")
    min_name_length: int = param(6, "shortest name skeleton compared (Han, kana, Hangul: 3)")
    max_edits: int = param(1, "typos (edits on skeletons) still counted as the same name")
    min_bio_words: int = param(4, "words a copied bio needs")
    max_shared: int = param(3, "a bio or avatar used by more other accounts is too common")
    hours_similarity: float = param(0.9, "cosine similarity of hour profiles that counts")
    cohort_share: float = param(
        0.25,
        "share of an account's engagements, replies and mentions that must go to accounts "
        "matched to the same network for it to count as their cohort",
    )

    def missing(self, lake: Lake) -> list[str]:
        """The ledger's fingerprints stand in for ``accounts.suspended_at``."""
        if lake.has(FINGERPRINTS_TABLE):
            return []
        return super().missing(lake)

    def detect(self, lake: Lake) -> Detection:
        none = Detection(findings=self.findings([]))
        refs = self._references(lake)
        if not refs:
            return none
        cands = self._candidates(lake, refs)
        if cands.num_rows == 0:
            return none
        keys = ibis.memtable(cands.select(["account_id"]))
        matches: dict[tuple[str, str], _Match] = {}

        def match(account: str, ref: str) -> _Match:
            return matches.setdefault((account, ref), _Match(account, ref))

        self._values(lake, keys, refs, match)
        self._content(lake, keys, refs, match)
        self._profiles(lake, cands, refs, match)
        rows = {r["account_id"]: r for r in cands.to_pylist()}
        eligible = {k: m for k, m in matches.items() if self._new(rows[k[0]], refs[k[1]])}
        if not eligible:
            return none
        self._rhythm(lake, eligible, refs)
        families = {k: self._families(m, refs[k[1]].fp) for k, m in eligible.items()}
        matched = {k for k, f in families.items() if self._reportable(f)}
        # A second look at accounts with evidence of their own for a network that fell short:
        # those amplifying accounts already matched to the same network are its cohort.
        short = {
            k
            for k, f in families.items()
            if k not in matched and refs[k[1]].fp.kind == "network" and self._strong(f)
        }
        if short and matched:
            self._cohort(lake, eligible, matched, short)
            for k in short:
                families[k] = self._families(eligible[k], refs[k[1]].fp)
        scored = [(eligible[k], f, _score(f)) for k, f in families.items() if self._reportable(f)]
        return Detection(findings=self.findings(self._findings(scored, rows, refs)))

    # -- references and candidates ---------------------------------------------------------

    def _references(self, lake: Lake) -> dict[str, _Reference]:
        """Fingerprints to compare with: the ledger's, then this data's suspended accounts."""
        refs: dict[str, _Reference] = {}
        if lake.has(FINGERPRINTS_TABLE):
            for fp in read_fingerprints(lake.path(FINGERPRINTS_TABLE)):
                refs[fp.fingerprint_id] = _Reference(fp, from_ledger=True)
        if lake.missing_columns("accounts", ["suspended_at"]):
            return refs
        acc = lake.table("accounts")
        gone = acc.filter(acc.suspended_at.notnull() & (acc.is_stub.isnull() | ~acc.is_stub))
        rows = lake.con.to_pyarrow(
            gone.select("account_id", "suspended_at").order_by("account_id")
        ).to_pylist()
        subjects = [
            Subject(
                fingerprint_id=stable_id("fp_", "account", r["account_id"]),
                kind="account",
                subject_id=r["account_id"],
                since=r["suspended_at"],
                accounts=(r["account_id"],),
                description="suspended before this data",
            )
            for r in rows
        ]
        subjects = [s for s in subjects if s.fingerprint_id not in refs]
        for fp in build(lake, subjects):
            refs[fp.fingerprint_id] = _Reference(fp, from_ledger=False)
        return refs

    def _candidates(self, lake: Lake, refs: dict[str, _Reference]) -> pa.Table:
        """Live accounts that are new to at least one reference, with their profile."""
        acc = lake.table("accounts")
        acc = acc.filter((acc.is_stub.isnull() | ~acc.is_stub) & acc.suspended_at.isnull())
        ledger = [r.fp.since for r in refs.values() if r.from_ledger]
        earliest = min(r.fp.since for r in refs.values())
        if ledger and lake.has(KNOWN_TABLE):
            known = lake.table(KNOWN_TABLE)
            acc = acc.left_join(known, "account_id").select(*acc.columns, "first_seen")
            unseen = acc.first_seen.isnull() | (acc.first_seen > min(ledger))
        else:
            acc = acc.mutate(first_seen=ibis.null("timestamp"))
            unseen = ibis.literal(False)
        chosen = acc.filter((acc.created_at.notnull() & (acc.created_at > earliest)) | unseen)
        chosen = chosen.select(
            *_ACCOUNT_COLUMNS,
            "first_seen",
            bkey=bio_key(chosen.bio),
            shape=shape(chosen.handle),
        )
        table: pa.Table = lake.con.to_pyarrow(chosen.order_by("account_id"))
        return table

    @staticmethod
    def _new(row: dict[str, Any], ref: _Reference) -> bool:
        """Whether the account is new with respect to the reference's takedown."""
        if row["account_id"] in ref.fp.account_ids:
            return False
        since = ref.fp.since
        if row["created_at"] is not None and row["created_at"] > since:
            return True
        if not ref.from_ledger:
            return False
        return row["first_seen"] is None or row["first_seen"] > since

    # -- shared values ----------------------------------------------------------------------

    def _distinctive(self, refs: dict[str, _Reference]) -> pa.Table:
        rows = [
            {
                "ref": key,
                "signal": signal,
                "value": v.value,
                "members": v.members,
                "others": v.others,
            }
            for key, r in refs.items()
            for signal, values in r.fp.items.items()
            for v in values
            if v.ownership >= self.min_ownership
        ]
        fields: list[pa.Field[Any]] = [
            pa.field("ref", pa.string()),
            pa.field("signal", pa.string()),
            pa.field("value", pa.string()),
            pa.field("members", pa.int64()),
            pa.field("others", pa.int64()),
        ]
        schema = pa.schema(fields)
        return pa.Table.from_pylist(rows, schema=schema)

    def _values(
        self, lake: Lake, keys: ir.Table, refs: dict[str, _Reference], match: _Matcher
    ) -> None:
        """URLs, domains, hashtags, media, devices, prefixes and targets shared, in the engine."""
        wanted = self._distinctive(refs)
        rows = item_rows(lake)
        if rows is None or wanted.num_rows == 0:
            return
        values = ibis.memtable(wanted)
        mine = rows.semi_join(keys, "account_id")
        hits = mine.join(values, ["signal", "value"])
        per = hits.group_by(["account_id", "ref", "signal", "value", "members", "others"])
        per = per.aggregate(
            uses=hits.count(), item=hits.item_id.min(), first=hits.t.min(), last=hits.t.max()
        )
        for r in lake.con.to_pyarrow(
            per.order_by(["account_id", "ref", "signal", "value"])
        ).to_pylist():
            m = match(r["account_id"], r["ref"])
            value = Value(r["value"], int(r["members"]), int(r["others"]))
            m.values.setdefault(r["signal"], []).append((value, r["item"], int(r["uses"])))
            m.seen(r["first"])
            m.seen(r["last"])

    # -- content -----------------------------------------------------------------------------

    def _content(
        self, lake: Lake, keys: ir.Table, refs: dict[str, _Reference], match: _Matcher
    ) -> None:
        """Posts near-identical to a reference's repeated texts (MinHash, LSH, exact Jaccard)."""
        ref_rows = [
            {"ref": key, "norm": t.norm}
            for key, r in refs.items()
            for t in r.fp.texts
            if t.ownership >= self.min_ownership
        ]
        if not ref_rows or not lake.has("posts") or lake.missing_columns("posts", ["text"]):
            return
        params = NearDupParams(threshold=self.text_similarity)
        theirs = ibis.memtable(
            pa.Table.from_pylist(
                ref_rows, schema=pa.schema([("ref", pa.string()), ("norm", pa.string())])
            )
        )
        theirs = theirs.mutate(tid=text_id(theirs.norm))
        # Ibis 12 caches on PySpark without registering in-memory tables; executing on them
        # registers them
        for mem in (theirs, keys):
            lake.con.execute(mem.count())
        posts = lake.table("posts").semi_join(keys, "account_id")
        posts = posts.filter(posts.text.notnull())
        ours = prepare(posts, params, ("account_id", "created_at", "text")).cache()
        try:
            texts = (
                ours.select("tid", "norm")
                .union(theirs.select("tid", "norm"))
                .distinct(on="tid")
                .cache()
            )
            try:
                self._content_pairs(lake, ours, theirs, texts, params, match)
            finally:
                texts.release()
        finally:
            ours.release()

    def _content_pairs(
        self,
        lake: Lake,
        ours: ir.Table,
        theirs: ir.Table,
        texts: ir.Table,
        params: NearDupParams,
        match: _Matcher,
    ) -> None:
        bands = band_keys(signatures(texts, params), params)
        ref_bands = bands.semi_join(theirs.select("tid"), "tid").rename(a="tid")
        our_bands = bands.semi_join(ours.select("tid"), "tid").rename(b="tid")
        cand = ref_bands.join(our_bands, "key").select("a", "b").distinct().cache()
        try:
            scored = set_similarity(cand, shingle_sets(cand, texts, params))
            verified = scored.filter(scored.jaccard >= params.threshold)
            joined = verified.join(theirs.select("ref", a="tid", ref_norm="norm"), "a")
            joined = joined.join(
                ours.select("account_id", "post_id", "created_at", "text", b="tid"), "b"
            )
            # one row per post and reference: its best-matching reference text
            w = ibis.window(
                group_by=[joined.post_id, joined.ref],
                order_by=[ibis.desc(joined.jaccard), joined.ref_norm],
            )
            best = joined.mutate(_r=ibis.row_number().over(w))
            best = best.filter(best._r == 0).drop("_r")
            rows = lake.con.to_pyarrow(
                best.order_by(["account_id", "ref", ibis.desc("jaccard"), "post_id"])
            ).to_pylist()
        finally:
            cand.release()
        for r in rows:
            m = match(r["account_id"], r["ref"])
            m.content_posts += 1
            m.seen(r["created_at"])
            if len(m.content) < EXAMPLES:
                m.content.append(
                    {
                        "post_id": r["post_id"],
                        "text": clip(r["text"]),
                        "resembles": clip(r["ref_norm"]),
                        "similarity": round(float(r["jaccard"]), 3),
                    }
                )

    # -- profiles: names, bios, avatars ------------------------------------------------------

    def _profiles(
        self, lake: Lake, cands: pa.Table, refs: dict[str, _Reference], match: _Matcher
    ) -> None:
        members: list[tuple[str, Member]] = [
            (key, m) for key, r in refs.items() for m in r.fp.members
        ]
        if not members:
            return
        ids = [str(a) for a in cands["account_id"].to_pylist()]
        self._names(cands, ids, members, match)
        self._bios(lake, cands, ids, members, match)
        self._avatars(cands, ids, members, match)
        self._shapes(lake, cands, ids, refs, match)

    def _names(
        self, cands: pa.Table, ids: list[str], members: list[tuple[str, Member]], match: _Matcher
    ) -> None:
        """Handles and display names that read as a member's (impersonation skeletons)."""
        for column, label in (("handle", "handle"), ("display_name", "display name")):
            owner, left = [], []
            for i, sk in enumerate(skeletons(cands[column].to_pylist())):
                if sk is None:
                    continue
                for key, _ in sk.variants:
                    if weighted_length(key) >= self.min_name_length:
                        owner.append(i)
                        left.append(key)
            # every reading of a member's name: a replacement drops the counter of the
            # suspended handle as often as it adds one (manon_robert69 → themanon_robert);
            # a match that needs a reading other than the one keeping the number counts as
            # one edit
            names = skeletons(
                [m.handle if column == "handle" else m.display_name for _, m in members]
            )
            right: list[str | None] = []
            whose: list[tuple[int, bool]] = []
            for j, sk in enumerate(names):
                if sk is None:
                    continue
                for key, _ in sk.variants:
                    if weighted_length(key) >= self.min_name_length:
                        right.append(key)
                        whose.append((j, key == sk.identity[0]))
            if not left or not right:
                continue
            found = near_matches(left, right, self.max_edits, self.min_name_length)
            best: dict[tuple[int, int], tuple[int, str]] = {}
            for li, ri, dist in zip(
                found["left"].to_numpy().tolist(),
                found["right"].to_numpy().tolist(),
                found["distance"].to_numpy().tolist(),
                strict=True,
            ):
                j, identity = whose[int(ri)]
                edits = int(dist) if identity else max(int(dist), 1)
                pair = (owner[int(li)], j)
                if pair not in best or edits < best[pair][0]:
                    best[pair] = (edits, str(right[int(ri)]))
            values = cands[column].to_pylist()
            for (i, j), (edits, key) in sorted(best.items()):
                ref, member = members[j]
                theirs = member.handle if column == "handle" else member.display_name
                match(ids[i], ref).names.append(
                    {
                        "field": label,
                        "value": values[i],
                        "member": member.account_id,
                        "member_value": theirs,
                        "skeleton": key,
                        "edits": edits,
                    }
                )

    def _bios(
        self,
        lake: Lake,
        cands: pa.Table,
        ids: list[str],
        members: list[tuple[str, Member]],
        match: _Matcher,
    ) -> None:
        """A member's distinctive bio repeated word for word."""
        acc = lake.table("accounts")
        keyed = acc.filter(acc.bio.notnull()).select(bkey=bio_key(acc.bio))
        counts = keyed.group_by("bkey").aggregate(n=keyed.count())
        usable = [(ref, m) for ref, m in members if m.bio and m.bio_others <= self.max_shared]
        if not usable:
            return
        raw = ibis.memtable(
            pa.table(
                {
                    "i": pa.array(range(len(usable)), pa.int64()),
                    "bio": pa.array([m.bio for _, m in usable], pa.string()),
                }
            )
        )
        keyed = raw.select("i", bkey=bio_key(raw.bio)).order_by("i")
        member_keys = lake.con.to_pyarrow(keyed)["bkey"].to_pylist()
        theirs: dict[str, list[tuple[str, Member]]] = defaultdict(list)
        for key, (ref, m) in zip(member_keys, usable, strict=True):
            if key and len(key.split()) >= self.min_bio_words:
                theirs[key].append((ref, m))
        mine = [(i, k) for i, k in enumerate(cands["bkey"].to_pylist()) if k and k in theirs]
        if not mine:
            return
        wanted = ibis.memtable(pa.table({"bkey": sorted({k for _, k in mine})}))
        shared = {
            r["bkey"]: int(r["n"])
            for r in lake.con.to_pyarrow(counts.semi_join(wanted, "bkey")).to_pylist()
        }
        bios = cands["bio"].to_pylist()
        for i, key in mine:
            if shared.get(key, 0) - 1 > self.max_shared:
                continue
            for ref, m in theirs[key]:
                hit = match(ids[i], ref)
                if hit.bio is None:
                    hit.bio = {
                        "bio": clip(str(bios[i])),
                        "member": m.account_id,
                        "handle": m.handle,
                    }

    def _avatars(
        self, cands: pa.Table, ids: list[str], members: list[tuple[str, Member]], match: _Matcher
    ) -> None:
        """Avatars within ``avatar_bits`` of a member's that few others used."""
        usable = [(ref, m) for ref, m in members if m.avatar_others <= self.max_shared]
        right, rvalid = parse_hex64([m.avatar_hash for _, m in usable])
        left, lvalid = parse_hex64(cands["avatar_hash"].combine_chunks())
        li, ri = np.flatnonzero(lvalid), np.flatnonzero(rvalid)
        found = near_between(left[li], right[ri], self.avatar_bits)
        for i, j, bits in zip(
            found["i"].to_numpy().tolist(),
            found["j"].to_numpy().tolist(),
            found["distance"].to_numpy().tolist(),
            strict=True,
        ):
            ref, m = usable[int(ri[j])]
            hit = match(ids[int(li[i])], ref)
            if hit.avatar is None or bits < hit.avatar["bits"]:
                hit.avatar = {"member": m.account_id, "handle": m.handle, "bits": int(bits)}

    def _shapes(
        self,
        lake: Lake,
        cands: pa.Table,
        ids: list[str],
        refs: dict[str, _Reference],
        match: _Matcher,
    ) -> None:
        """A network's handle pattern: a shape most of its members had and few accounts have."""
        patterns: dict[str, list[str]] = defaultdict(list)
        for key, r in refs.items():
            if r.fp.kind != "network" or not r.fp.shapes:
                continue
            total = sum(r.fp.shapes.values())
            for value, n in r.fp.shapes.items():
                if n >= SHAPE_MAJORITY * total:
                    patterns[value].append(key)
        if not patterns:
            return
        acc = lake.table("accounts")
        counted = acc.mutate(shape=shape(acc.handle)).group_by("shape").aggregate(n=ibis._.count())
        total = max(1, lake.rows("accounts"))
        common = {
            r["shape"]
            for r in lake.con.to_pyarrow(counted).to_pylist()
            if r["n"] > SHAPE_RARE * total
        }
        for i, mine in enumerate(cands["shape"].to_pylist()):
            if mine is not None and mine in patterns and mine not in common:
                for ref in patterns[mine]:
                    match(ids[i], ref).shape = str(mine)

    # -- behaviour ---------------------------------------------------------------------------

    def _rhythm(
        self, lake: Lake, matches: dict[tuple[str, str], _Match], refs: dict[str, _Reference]
    ) -> None:
        """Hour profiles and main language of the matched accounts, compared with the refs'."""
        accounts = sorted({a for a, _ in matches})
        keys = ibis.memtable(pa.table({"account_id": pa.array(accounts, pa.string())}))
        hours: dict[str, list[float]] = defaultdict(lambda: [0.0] * 24)
        times = activity_times(lake)
        if times is not None:
            mine = times.semi_join(keys, "account_id")
            mine = mine.mutate(hour=mine.t.hour())
            grouped = mine.group_by(["account_id", "hour"]).aggregate(n=mine.count())
            for r in lake.con.to_pyarrow(grouped).to_pylist():
                hours[r["account_id"]][int(r["hour"])] = float(r["n"])
        langs: dict[str, str] = {}
        if lake.has("posts") and not lake.missing_columns("posts", ["lang"]):
            posts = lake.table("posts").semi_join(keys, "account_id")
            posts = posts.filter(posts.lang.notnull())
            counted = posts.group_by(["account_id", "lang"]).aggregate(n=posts.count())
            ordered = counted.order_by(["account_id", ibis.desc("n"), "lang"])
            for r in lake.con.to_pyarrow(ordered).to_pylist():
                langs.setdefault(r["account_id"], r["lang"])
        for (account, ref), m in matches.items():
            fp = refs[ref].fp
            if fp.hours and account in hours:
                m.hours = round(_cosine(hours[account], list(fp.hours)), 3)
            main = langs.get(account)
            if main is not None and fp.languages.get(main, 0.0) >= 0.2:
                m.language = main

    def _cohort(
        self,
        lake: Lake,
        matches: dict[tuple[str, str], _Match],
        matched: set[tuple[str, str]],
        short: set[tuple[str, str]],
    ) -> None:
        """Accounts in ``short`` engaging with, replying to or mentioning accounts matched to
        the same network. Only that direction counts: a network replying under someone's
        posts (T0116) says nothing about that someone."""
        rows = item_rows(lake)
        if rows is None:
            return

        def table(keys: set[tuple[str, str]], account: str) -> ir.Table:
            return ibis.memtable(
                pa.table(
                    {
                        "ref": pa.array([r for _, r in sorted(keys)], pa.string()),
                        account: pa.array([a for a, _ in sorted(keys)], pa.string()),
                    }
                )
            )

        waiting, found = table(short, "account_id"), table(matched, "value")
        targets = rows.filter(rows.signal == "target").join(waiting, "account_id")
        totals = targets.group_by(["account_id", "ref"]).aggregate(total=targets.count())
        hits = targets.join(found, ["ref", "value"])
        per = hits.group_by(["account_id", "ref", "value"]).aggregate(
            uses=hits.count(), item=hits.item_id.min(), first=hits.t.min(), last=hits.t.max()
        )
        per = per.join(totals, ["account_id", "ref"])
        ordered = per.order_by(["account_id", "ref", "value"])
        got: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        for r in lake.con.to_pyarrow(ordered).to_pylist():
            got[(r["account_id"], r["ref"])].append(r)
        for key, hit in got.items():
            # ordinary people like popular posts, and a network's posts can be popular:
            # only an account that spends a good share of its attention on it is its cohort
            if sum(r["uses"] for r in hit) < self.cohort_share * hit[0]["total"]:
                continue
            m = matches[key]
            for r in hit:
                m.cohort.append({"account_id": r["value"], "interactions": int(r["uses"])})
                m.seen(r["first"])
                m.seen(r["last"])

    # -- scoring and findings ------------------------------------------------------------------

    def _families(self, m: _Match, fp: Fingerprint) -> dict[str, float]:
        weights: dict[str, list[float]] = defaultdict(list)
        if m.content_posts:
            weights["content"] += [CONTENT_POST] * m.content_posts
        network = fp.kind == "network" and fp.member_total >= 3
        for signal, values in m.values.items():
            for value, _, _ in values:
                if network and value.members < NETWORK_MIN_MEMBERS.get(signal, 1):
                    continue
                w = WEIGHTS[signal]
                if network and value.members == 1:
                    w *= SINGLE_MEMBER
                weights[FAMILY_OF[signal]].append(w)
        if m.avatar is not None:
            weights["visual"].append(AVATAR)
        # A network has many members with ordinary names and template bios, so a name or a
        # bio alone is a namesake's as often as not: each counts in full only beside another
        # trace of the same member (their name, bio or avatar). A suspended account is one
        # persona, and copying its name is the violation.
        names = {n["member"] for n in m.names}
        bios = {m.bio["member"]} if m.bio is not None else set()
        avatars = {m.avatar["member"]} if m.avatar is not None else set()
        persona = (names & bios) | (names & avatars) | (bios & avatars)
        best: dict[str, int] = {}
        for n in m.names:
            if fp.kind == "account" or n["member"] in persona:
                best[n["field"]] = min(best.get(n["field"], 9), n["edits"])
        if m.names and not best:
            weights["name"].append(ALONE)
        if "handle" in best:
            weights["name"].append(HANDLE[min(best["handle"], 1)])
        if "display name" in best:
            weights["name"].append(DISPLAY[min(best["display name"], 1)])
        if m.shape is not None:
            weights["name"].append(SHAPE)
        if m.bio is not None:
            full = fp.kind == "account" or m.bio["member"] in persona
            weights["bio"].append(BIO if full else ALONE)
        if m.cohort:
            weights["cohort"] += [COHORT] * sum(c["interactions"] for c in m.cohort)
        if m.hours is not None and m.hours >= self.hours_similarity:
            weights["behaviour"].append(HOURS)
        if m.language is not None:
            weights["behaviour"].append(LANGUAGE)
        out = {f: round(_noisy_or(ws), 6) for f, ws in weights.items() if ws}
        if "behaviour" in out:
            out["behaviour"] = min(out["behaviour"], BEHAVIOUR_CAP)
        return dict(sorted(out.items(), key=lambda kv: FAMILIES.index(kv[0])))

    def _strong(self, families: dict[str, float]) -> int:
        """Families other than behaviour that reach ``family_min``."""
        return sum(1 for f, s in families.items() if f != "behaviour" and s >= self.family_min)

    def _reportable(self, families: dict[str, float]) -> bool:
        return self._strong(families) >= self.min_families and _score(families) >= self.min_score

    def _findings(
        self,
        scored: list[tuple[_Match, dict[str, float], float]],
        rows: dict[str, dict[str, Any]],
        refs: dict[str, _Reference],
    ) -> list[Finding]:
        by_account: dict[str, list[tuple[_Match, dict[str, float], float]]] = defaultdict(list)
        for item in scored:
            by_account[item[0].account].append(item)
        chosen = {
            a: sorted(items, key=lambda x: (-x[2], x[0].ref))[0] for a, items in by_account.items()
        }
        per_ref: dict[str, list[str]] = defaultdict(list)
        for a, (m, _, _) in chosen.items():
            per_ref[m.ref].append(a)
        out = []
        for account, (m, families, score) in sorted(chosen.items()):
            ref = refs[m.ref]
            others = [a for a in sorted(per_ref[m.ref]) if a != account]
            alternatives = [x[0].ref for x in by_account[account] if x[0] is not m]
            out.append(self._finding(rows[account], m, families, score, ref, others, alternatives))
        return out

    def _finding(
        self,
        row: dict[str, Any],
        m: _Match,
        families: dict[str, float],
        score: float,
        ref: _Reference,
        others: list[str],
        alternatives: list[str],
    ) -> Finding:
        fp = ref.fp
        reference: dict[str, Any] = {
            "kind": fp.kind,
            "fingerprint_id": fp.fingerprint_id,
            "source": "ledger" if ref.from_ledger else "input suspended_at",
            "taken_down_at": iso(fp.since),
            "description": fp.description,
            "accounts": fp.member_total,
        }
        if fp.kind == "network":
            reference["network_id"] = fp.subject_id
        else:
            gone = fp.members[0] if fp.members else None
            reference["account_id"] = fp.subject_id
            reference["handle"] = gone.handle if gone else None
        evidence: dict[str, Any] = {
            "summary": _summary(row, m, fp),
            "reference": reference,
            "families": families,
            "account": {
                "account_id": row["account_id"],
                "handle": row["handle"],
                "display_name": row["display_name"],
                "created_at": row["created_at"],
                "new_because": _why_new(row, fp),
            },
            "content": {"posts": m.content_posts, "examples": m.content},
            "shared": {
                signal: {
                    "values": [
                        {
                            "value": v.value,
                            "members": v.members,
                            "others_where_fingerprinted": v.others,
                            "uses": uses,
                            "example": item,
                        }
                        for v, item, uses in values[:CAP]
                    ],
                    "total": len(values),
                }
                for signal, values in sorted(m.values.items())
            },
            "names": m.names[:CAP],
            "handle_pattern": m.shape,
            "bio": m.bio,
            "avatar": m.avatar,
            "cohort": m.cohort[:CAP],
            "cohort_total": len(m.cohort),
            "hours_similarity": m.hours,
            "language": m.language,
            "other_references": sorted(alternatives)[:CAP],
        }
        if fp.kind == "network":
            evidence["network_id"] = fp.subject_id
            # other new accounts of the same network: the network stage links them
            evidence["co_returning"] = others[:CAP]
            evidence["co_returning_total"] = len(others)
        else:
            evidence["replaces"] = fp.subject_id
        return Finding(
            behaviour=BEHAVIOUR,
            subject_type="account",
            subject_id=row["account_id"],
            account_ids=[row["account_id"]],
            score=score,
            window_start=m.first,
            window_end=m.last,
            evidence=evidence,
        )


def _score(families: dict[str, float]) -> float:
    return round(_noisy_or(list(families.values())), 6)


def _why_new(row: dict[str, Any], fp: Fingerprint) -> str:
    """Why the account counts as new: stable across reruns, unlike when it was first seen."""
    if row["created_at"] is not None and row["created_at"] > fp.since:
        return "created after the takedown"
    return "not seen by the ledger before the takedown"


def _cosine(a: list[float], b: list[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    na = math.sqrt(sum(x * x for x in a))
    nb = math.sqrt(sum(y * y for y in b))
    return dot / (na * nb) if na and nb else 0.0


def _summary(row: dict[str, Any], m: _Match, fp: Fingerprint) -> str:
    who = f"@{row['handle']}" if row["handle"] else row["account_id"]
    created = row["created_at"].date().isoformat() if row["created_at"] else "unknown"
    if fp.kind == "network":
        head = (
            f"new account {who} (created {created}) matches network {fp.subject_id}, "
            f"taken down {fp.since.date().isoformat()}"
        )
    else:
        gone = fp.members[0].handle if fp.members and fp.members[0].handle else fp.subject_id
        head = (
            f"new account {who} (created {created}) replaces @{gone}, "
            f"suspended {fp.since.date().isoformat()}"
        )
    parts = []
    if m.content_posts:
        ex = m.content[0]
        parts.append(
            f"{m.content_posts} post(s) near-identical to its texts "
            f"(post {ex['post_id']} {ex['text']!r} ~ {ex['resembles']!r}, {ex['similarity']:.2f})"
        )
    labels = {
        "url": "URL",
        "domain": "domain",
        "hashtag": "hashtag",
        "media": "media file",
        "device": "device",
        "ip_prefix": "address prefix",
        "target": "target account",
    }
    for signal in ("url", "domain", "hashtag", "media", "device", "ip_prefix", "target"):
        values = m.values.get(signal, [])
        if values:
            shown = ", ".join(
                ("#" if signal == "hashtag" else "") + v.value for v, _, _ in values[:3]
            )
            more = f" and {len(values) - 3} more" if len(values) > 3 else ""
            used = max(v.members for v, _, _ in values)
            parts.append(f"shares its {labels[signal]} {shown}{more} (used by {used} of it)")
    network = fp.kind == "network"
    handles = {mem.account_id: mem.handle for mem in fp.members}

    def whose(member: str) -> str:
        if not network:
            return "its"
        handle = handles.get(member)
        return f"member @{handle}'s" if handle else f"member {member}'s"

    for n in m.names[:2]:
        how = "reads as" if n["edits"] == 0 else "is one typo from"
        parts.append(
            f"{n['field']} '{n['value']}' {how} {whose(n['member'])} '{n['member_value']}'"
        )
    if m.shape is not None:
        parts.append(f"handle has the network's pattern '{m.shape}'")
    if m.bio is not None:
        parts.append(f"bio copies {whose(m.bio['member'])}")
    if m.avatar is not None:
        bits = "1 bit" if m.avatar["bits"] == 1 else f"{m.avatar['bits']} bits"
        parts.append(f"avatar {bits} from {whose(m.avatar['member'])}")
    if m.cohort:
        shown = ", ".join(c["account_id"] for c in m.cohort[:3])
        parts.append(f"amplifies {len(m.cohort)} account(s) matched to it ({shown})")
    if m.hours is not None:
        parts.append(f"active at its hours (similarity {m.hours:.2f})")
    return head + ": " + "; ".join(parts)
