"""``coord.mass_registration``: accounts created in bulk, sharing the traces of one operator.

Registrations are sign-up sessions when the input has them (device, address, user agent at
sign-up), and account creation times with profile traits otherwise. Grouping, run-splitting
and counting happen in the engine; only the bursts that share a value (a few hundred rows)
come back to Python to be tested against how common that value is.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

import ibis
import ibis.expr.types as ir
import numpy as np
import pyarrow as pa

from lockstep.detect.base import Detection, Detector, Finding, Requirement, param
from lockstep.detect.evidence import CAP, iso, span
from lockstep.detect.identity.phash import near_pairs, parse_hex64
from lockstep.detect.text import components
from lockstep.lake import Lake

BEHAVIOUR = "coord.mass_registration"

#: Trace types; values of one type are alternatives (a name template is the shape of the
#: handle or of the display name).
TYPES = ("device", "network", "agent", "name", "bio", "avatar")
_LABEL = {
    "device": "device",
    "network": "network",
    "agent": "user agent",
    "name": "name template",
    "bio": "bio",
    "avatar": "avatar",
}


def shape(text: ir.StringValue) -> ir.StringValue:
    """The template of a name: letter runs become ``a``, digits ``9``, and a token mixing
    letters and digits back and forth (a random hex tag) ``m``; separators stay.

    ``joaosilva4821`` → ``a9999``, ``sunny_3fa9c1`` → ``a_m``, ``João Silva 4821`` →
    ``a a 9999``. People's names spread over many shapes; a registration script's fill one.
    """
    s = text.lower().re_replace(r"[^\p{L}\p{N}._-]+", " ").re_replace(r"^ +| +$", "")
    s = s.re_replace(r"\p{L}+", "a").re_replace(r"[0-9]", "9")
    return s.re_replace(r"[a9]*(?:9a9|a9a)[a9]*", "m")


def prefix(ip: ir.StringValue) -> ir.StringValue:
    """The /24 of an IPv4 address or the /48 of an IPv6 one; other values (already a prefix
    or a keyed hash) as they are."""
    v4 = ip.re_extract(r"^(\d+\.\d+\.\d+)\.\d+$", 1)
    v6 = ip.lower().re_extract(r"^([0-9a-f]*:[0-9a-f]*:[0-9a-f]*):", 1)
    return ibis.cases(
        (v4 != "", v4.concat(".0/24")),
        (v6 != "", v6.concat("::/48")),
        else_=ip,
    )


def poisson_tail(m: int, lam: float) -> float:
    """``P(X >= m)`` for ``X ~ Poisson(lam)``, from the first term and a geometric bound on
    the rest (tight when ``lam`` is well below ``m``, which is the case that matters)."""
    if m <= 0:
        return 1.0
    if lam <= 0:
        return 0.0
    if lam >= m:
        return 1.0
    log_first = -lam + m * math.log(lam) - math.lgamma(m + 1)
    return min(1.0, math.exp(log_first) / (1.0 - lam / (m + 1)))


@dataclass(frozen=True)
class MassRegistration(Detector):
    """Bursts of new accounts that share several traces of one operator.

    **Seed clause.** 001: "You can't mass-register accounts or use automation to create
    accounts."

    **Signal.** Every registration — a sign-up session when the input has ``sessions`` with
    ``event = signup``, otherwise ``accounts.created_at`` — carries values of up to six
    types: the device, the network (the /24 or /48 prefix of the address; autonomous
    systems are too coarse, a national provider is one), the user agent (sign-up sessions
    only), the name template (the shape of handle and display name: ``a9999`` for
    ``joaosilva4821``), the bio (without case, punctuation or emoji) and the avatar
    (perceptual hashes within ``avatar_bits`` bits are one picture). Registrations sharing a
    value are cut into *bursts* wherever two consecutive ones are more than ``gap_hours``
    apart. A burst of ``m ≥ min_batch`` accounts is *surprising* when so many would rarely
    share the value by chance: with ``f`` the share of the value among the platform's other
    accounts (session traces over everyone's sessions, logins included; profile traces over
    every profile) and ``n`` the registrations within ``gap_hours / 2`` of the burst, the
    Poisson probability of ``m`` or more at mean ``f·n`` is below ``max_p`` and ``m`` is at
    least ``min_lift`` times ``f·n``: large crowds of sign-ups differ from the platform's mix
    (a wave from one country favours its popular phones), which makes small excesses
    improbable without making them an operator's trace. A device or a bio template used by
    no one else is surprising from three accounts on; the most common phone's user agent in
    a crowd of sign-ups is not. Two of an account's surprising bursts
    of different types *cohere* when at least ``min_overlap`` of the smaller one's accounts
    are also in the larger: one batch leaves all its traces on the same accounts. An account
    is flagged when its cohering bursts span at least ``min_types`` types and hold at least
    ``min_accounts`` accounts together.

    **Not flagged.** Organic sign-up waves (a launch day, a viral moment): many accounts at
    once, but with the spread of devices, networks, names and pictures of the population.
    A school class or an office joining from one campus address: one shared network, one
    type only, even when a few of them use the most common phone (those few are not the
    bulk of a burst of that phone). People who share a bio like "📍 New York" in a crowd of
    sign-ups (common, so not surprising).

    **Score.** ``1 - 0.5^s`` with ``s`` = types beyond the first plus a quarter of
    ``log2(largest burst / min_accounts)``: two types at five accounts 0.5, three types 0.75.

    **Evidence.** The account's registration time; per surprising burst its type, shared
    value, number of accounts, time span, expected count and chance probability; the
    co-registered accounts (capped, with total).

    **Known limits.** Without sessions only profile traits are left: a batch with no bio,
    no avatar and names drawn like real people's is invisible. Registrations spread thinly
    over weeks from rotating devices and residential proxies are missed. A family or a
    shop setting up three accounts on one phone within hours, with one profile picture,
    would be flagged.
    """

    name: ClassVar[str] = BEHAVIOUR
    version: ClassVar[str] = "1"
    behaviours: ClassVar[tuple[str, ...]] = (BEHAVIOUR,)
    #: creation times, or else sign-up sessions (see :meth:`missing`)
    requires: ClassVar[tuple[Requirement, ...]] = (Requirement("accounts", ("created_at",)),)

    gap_hours: float = param(12.0, "registrations sharing a value further apart start a new burst")
    min_batch: int = param(3, "accounts sharing a value in one burst before it is tested")
    max_p: float = param(1e-6, "chance probability below which a burst is surprising")
    min_lift: float = param(
        5.0, "times the expected count a burst must reach as well (effect size, not just odds)"
    )
    min_types: int = param(2, "different types of shared traces an account needs")
    min_accounts: int = param(5, "accounts in the account's cohering bursts together")
    min_overlap: float = param(
        0.5, "share of the smaller burst's accounts in the larger for two bursts to cohere"
    )
    avatar_bits: int = param(4, "perceptual-hash bits within which avatars are one picture")

    def missing(self, lake: Lake) -> list[str]:
        """Sign-up sessions stand in for ``accounts.created_at`` when the input has them."""
        if not lake.missing_columns("sessions", ("event",)):
            return []
        return super().missing(lake)

    def detect(self, lake: Lake) -> Detection:
        regs = self._registrations(lake)
        if regs is None:
            return Detection(findings=self.findings([]))
        avatars = self._avatars(lake)
        regs = regs.cache()
        try:
            values = _traces(regs, avatars, timed=True).cache()
            try:
                return self._detect(lake, regs, values, avatars)
            finally:
                values.release()
        finally:
            regs.release()

    def _detect(
        self, lake: Lake, regs: ir.Table, values: ir.Table, avatars: ir.Table | None
    ) -> Detection:
        runs = self._runs(values).cache()
        try:
            bursts = self._bursts(lake, regs, runs, avatars)
            if not bursts:
                return Detection(findings=self.findings([]))
            keys = ibis.memtable(
                pa.Table.from_pylist(
                    [{"type": b["type"], "value": b["value"], "run": b["run"]} for b in bursts]
                )
            )
            members = runs.join(keys, ["type", "value", "run"])
            rows = (
                members.select("account_id", "t", "type", "value", "run")
                .order_by("account_id")
                .to_pyarrow()
                .to_pylist()
            )
        finally:
            runs.release()
        return Detection(findings=self.findings(self._findings(rows, bursts)))

    # -- engine ----------------------------------------------------------------------------

    def _registrations(self, lake: Lake) -> ir.Table | None:
        """``account_id, t`` and the sign-up traces: one row per registered account."""
        acc = lake.table("accounts")
        profile = [c for c in ("handle", "display_name", "bio", "avatar_hash") if c in acc.columns]
        signups = self._signups(lake)
        if signups is not None:
            return signups.left_join(acc.select("account_id", *profile), "account_id").select(
                signups, *[acc[c] for c in profile]
            )
        if lake.missing_columns("accounts", ("created_at",)):
            return None
        created = acc.filter(acc.created_at.notnull())
        return created.select(
            "account_id",
            t=created.created_at,
            **{c: created[c] for c in profile},
        )

    @staticmethod
    def _signups(lake: Lake) -> ir.Table | None:
        if not lake.has("sessions") or lake.missing_columns("sessions", ("event",)):
            return None
        ses = lake.table("sessions")
        su = ses.filter(ses.event == "signup")
        if su.count().execute() == 0:
            return None
        cols = [
            c
            for c in ("device_id", "ip", "user_agent")
            if c in su.columns and not lake.missing_columns("sessions", (c,))
        ]
        first = ibis.row_number().over(group_by=su.account_id, order_by=su.created_at)
        su = su.mutate(_first=first).filter(ibis._._first == 0)
        return su.select("account_id", *cols, t=su.created_at)

    def _avatars(self, lake: Lake) -> ir.Table | None:
        """``hash, picture``: every avatar hash of the platform mapped to the smallest hash
        of its group of near copies (re-encodings), so that near copies share one value."""
        if lake.missing_columns("accounts", ("avatar_hash",)):
            return None
        acc = lake.table("accounts")
        hashes = acc.filter(acc.avatar_hash.notnull()).select(hash=acc.avatar_hash.lower())
        table = hashes.distinct().order_by("hash").to_pyarrow()
        if table.num_rows == 0:
            return None
        text = np.asarray(table["hash"].to_pylist(), dtype=object)
        values, valid = parse_hex64(table["hash"].combine_chunks())
        label = np.arange(len(text))
        index = np.flatnonzero(valid)
        if len(index) > 1 and self.avatar_bits > 0:
            pairs = near_pairs(values[index], self.avatar_bits)
            if pairs.num_rows:
                sub = components(pairs["i"].to_numpy(), pairs["j"].to_numpy(), len(index))
                label[index] = index[sub]
        mapping = pa.table(
            {
                "hash": pa.array(text.tolist(), pa.string()),
                "picture": pa.array(text[label].tolist(), pa.string()),
            }
        )
        return ibis.memtable(mapping)

    def _runs(self, values: ir.Table) -> ir.Table:
        """``values`` with ``run``: registrations sharing a value, split at long gaps."""
        ts = values.t.epoch_seconds()
        w = ibis.window(
            group_by=[values.type, values.value], order_by=[values.t, values.account_id]
        )
        gap = ts - ts.lag().over(w)
        marked = values.mutate(_break=ibis.ifelse(gap > self.gap_hours * 3600, 1, 0))
        w2 = ibis.window(
            group_by=[marked.type, marked.value],
            order_by=[marked.t, marked.account_id],
            rows=(None, 0),
        )
        return marked.mutate(run=marked._break.sum().over(w2)).drop("_break")

    def _bursts(
        self, lake: Lake, regs: ir.Table, runs: ir.Table, avatars: ir.Table | None
    ) -> list[dict[str, Any]]:
        """Surprising bursts: ``type, value, run, m, first, last, nearby, p, expected``."""
        grouped = runs.group_by("type", "value", "run").aggregate(
            m=runs.account_id.nunique(), first=runs.t.min(), last=runs.t.max()
        )
        big = grouped.filter(grouped.m >= self.min_batch)
        pad = ibis.interval(seconds=round(self.gap_hours * 1800))
        times = regs.select(rt=regs.t)
        around = big.join(times, [times.rt >= big.first - pad, times.rt <= big.last + pad])
        counted = around.group_by("type", "value", "run").aggregate(nearby=around.count())
        big = big.join(counted, ["type", "value", "run"])
        totals, population = _population(lake, avatars)
        rows = (
            big.left_join(totals, ["type", "value"])
            .select(big, total=ibis._.total.fill_null(0))
            .to_pyarrow()
            .to_pylist()
        )
        out = []
        for r in rows:
            m, n = int(r["m"]), population[r["type"]]
            # how common the value is among everyone else: the burst itself left out
            share = (max(int(r["total"]), m) - m + 1) / max(1, n - m + 1)
            lam = share * int(r["nearby"])
            p = poisson_tail(m, lam)
            if p < self.max_p and m >= self.min_lift * lam:
                out.append({**r, "p": p, "expected": lam})
        return out

    # -- findings --------------------------------------------------------------------------

    def _findings(self, rows: list[dict[str, Any]], bursts: list[dict[str, Any]]) -> list[Finding]:
        info = {(b["type"], b["value"], b["run"]): b for b in bursts}
        by_burst: dict[tuple[str, str, int], list[str]] = defaultdict(list)
        per_account: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
        when: dict[str, datetime] = {}
        for r in rows:
            key = (r["type"], r["value"], r["run"])
            by_burst[key].append(r["account_id"])
            per_account[r["account_id"]].append(key)
            when[r["account_id"]] = r["t"]
        out = []
        members = {k: set(v) for k, v in by_burst.items()}
        coherent: dict[tuple[Any, Any], bool] = {}

        def cohere(a: tuple[str, str, int], b: tuple[str, str, int]) -> bool:
            if (a, b) not in coherent:
                small, large = sorted((members[a], members[b]), key=len)
                coherent[(a, b)] = len(small & large) >= self.min_overlap * len(small)
            return coherent[(a, b)]

        for account, all_keys in sorted(per_account.items()):
            keys = [
                k
                for k in all_keys
                if self.min_types <= 1 or any(o[0] != k[0] and cohere(k, o) for o in all_keys)
            ]
            types = sorted({k[0] for k in keys}, key=TYPES.index)
            if len(types) < self.min_types:
                continue
            together = sorted({a for k in keys for a in by_burst[k]})
            if len(together) < self.min_accounts:
                continue
            mine = sorted(
                (info[k] for k in keys), key=lambda b: (TYPES.index(b["type"]), -b["m"], b["value"])
            )
            largest = max(b["m"] for b in mine)
            strength = len(types) - 1 + math.log2(largest / self.min_accounts) / 4
            first = min(b["first"] for b in mine)
            last = max(b["last"] for b in mine)
            others = [a for a in together if a != account]
            out.append(
                Finding(
                    behaviour=BEHAVIOUR,
                    subject_type="account",
                    subject_id=account,
                    account_ids=[account],
                    score=1.0 - 0.5**strength,
                    window_start=first,
                    window_end=last,
                    evidence={
                        "summary": _summary(when[account], mine, len(together)),
                        "registered_at": iso(when[account]),
                        "shared": [_burst(b) for b in mine[:CAP]],
                        "shared_total": len(mine),
                        "types": types,
                        "co_registered": others[:CAP],
                        "co_registered_total": len(others),
                    },
                )
            )
        return out


#: Trace types read from sessions; the others come from the profile.
SESSION_TYPES = ("device", "network", "agent")


def _traces(table: ir.Table, avatars: ir.Table | None, timed: bool) -> ir.Table:
    """The long table ``account_id, [t,] type, value`` of the traces ``table`` carries (any
    of ``device_id, ip, user_agent, handle, display_name, bio, avatar_hash``), nulls left
    out. Registrations and the population go through the same function, so that their
    values compare."""
    keep = ["account_id", "t"] if timed else ["account_id"]
    parts: list[ir.Table] = []

    def add(kind: str, value: ir.StringValue, source: ir.Table = table) -> None:
        part = source.select(*keep, type=ibis.literal(kind), value=value)
        parts.append(part.filter(part.value.notnull() & (part.value != "")))

    cols = table.columns
    if "device_id" in cols:
        add("device", table.device_id)
    if "ip" in cols:
        add("network", prefix(table.ip))
    if "user_agent" in cols:
        add("agent", table.user_agent)
    if "handle" in cols:
        add("name", ibis.literal("handle ").concat(shape(table.handle)))
    if "display_name" in cols:
        add("name", ibis.literal("display ").concat(shape(table.display_name)))
    if "bio" in cols:
        add("bio", table.bio.lower().re_replace(r"[^\p{L}\p{N}]+", " ").re_replace(r"^ | $", ""))
    if avatars is not None and "avatar_hash" in cols:
        joined = table.join(avatars, table.avatar_hash.lower() == avatars.hash)
        add("avatar", joined.picture, joined)
    return ibis.union(*parts)


def _population(lake: Lake, avatars: ir.Table | None) -> tuple[ir.Table, dict[str, int]]:
    """How many accounts of the whole platform carry each value (``type, value, total``),
    and how many accounts each type is counted over: session traces over every session
    (logins too), profile traces over every account."""
    acc = lake.table("accounts")
    profile = [c for c in ("handle", "display_name", "bio", "avatar_hash") if c in acc.columns]
    parts = [_traces(acc.select("account_id", *profile), avatars, timed=False)]
    n_accounts = int(acc.count().execute())
    population = dict.fromkeys(TYPES, n_accounts)
    if lake.has("sessions"):
        ses = lake.table("sessions")
        cols = [
            c
            for c in ("device_id", "ip", "user_agent")
            if c in ses.columns and not lake.missing_columns("sessions", (c,))
        ]
        if cols:
            parts.append(_traces(ses.select("account_id", *cols), None, timed=False))
            n_sessions = int(ses.account_id.nunique().execute())
            population.update(dict.fromkeys(SESSION_TYPES, n_sessions))
    traces = ibis.union(*parts)
    totals = traces.group_by("type", "value").aggregate(total=traces.account_id.nunique())
    return totals, population


def _burst(b: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": b["type"],
        "value": b["value"],
        "accounts": int(b["m"]),
        "first": iso(b["first"]),
        "last": iso(b["last"]),
        "registrations_nearby": int(b["nearby"]),
        "expected_by_chance": round(float(b["expected"]), 3),
        "chance_probability": float(f"{b['p']:.3g}"),
    }


def _summary(at: datetime, mine: list[dict[str, Any]], together: int) -> str:
    first = min(b["first"] for b in mine)
    last = max(b["last"] for b in mine)
    parts = []
    seen: set[str] = set()
    for b in mine:
        if b["type"] in seen:
            continue
        seen.add(b["type"])
        value = b["value"] if len(b["value"]) <= 60 else b["value"][:59] + "…"
        parts.append(f"{_LABEL[b['type']]} '{value}' ({b['m']} accounts)")
    return (
        f"registered {iso(at)} as one of {together} accounts created {span(first, last)} "
        f"sharing {', '.join(parts)}"
    )
