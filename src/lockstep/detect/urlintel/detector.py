"""What the two URL detectors share: the list parameters and the shape of their findings.

Findings, per behaviour:

- one per flagged **domain** or **URL** (``subject_type`` ``domain`` when the host itself
  carries the verdict, ``url`` when only this link does): what a URL denylist blocks.
  ``account_ids`` are every account that posted it; the evidence lists the signals, the
  URLs, the earliest posts and the counts.
- one per **account** that posted flagged links in at least ``min_account_posts`` posts:
  what an account action needs. An account that shared such a link once appears in the
  link's finding but gets no account finding of its own.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

import ibis
import ibis.expr.types as ir

from lockstep.detect.base import Detection, Detector, Finding, Requirement, param
from lockstep.detect.evidence import CAP
from lockstep.detect.urlintel.assess import UrlIntel
from lockstep.detect.urlintel.engine import flagged_posts, verdicts
from lockstep.detect.urlintel.lists import UrlLists
from lockstep.lake import Lake

_LABEL = {"spam.malicious_url": "malicious", "spam.misleading_url": "misleading"}
_SUBJECT = {"domain": "Domain", "url": "URL"}


def _day(ts: datetime | None) -> str:
    return ts.strftime("%Y-%m-%d") if ts is not None else "?"


@dataclass(frozen=True)
class UrlDetector(Detector):
    """Base of ``spam.malicious_url`` and ``spam.misleading_url`` (not registered itself)."""

    behaviour: ClassVar[str]
    requires: ClassVar[tuple[Requirement, ...]] = (
        Requirement("posts", ("account_id", "created_at", "urls")),
    )

    shipped_lists: bool = param(True, "use the shipped default lists (false: only the files given)")
    allowlist_path: str = param("", "file of extra allowlisted (popular) domains")
    denylist_path: str = param("", "file of extra denylisted domains")
    shorteners_path: str = param("", "file of extra link-shortener domains")
    cloakers_path: str = param("", "file of extra link-cloaker domains")
    affiliate_networks_path: str = param("", "file of extra affiliate redirect domains")
    affiliate_params_path: str = param("", "file of extra affiliate query parameters")
    risky_tlds_path: str = param("", "file of extra abused top-level domains")
    link_wrappers_path: str = param("", "file of extra link-wrapper hosts (platform link shims)")
    threshold: float = param(0.5, "score a URL needs (0..1) to be flagged")
    min_account_posts: int = param(
        2, "posts with flagged links an account needs for a finding of its own"
    )

    def _intel(self) -> tuple[UrlIntel, str]:
        lists = UrlLists.load(
            shipped=self.shipped_lists,
            allow=self.allowlist_path,
            deny=self.denylist_path,
            shorteners=self.shorteners_path,
            cloakers=self.cloakers_path,
            affiliate_networks=self.affiliate_networks_path,
            affiliate_params=self.affiliate_params_path,
            risky_tlds=self.risky_tlds_path,
            link_wrappers=self.link_wrappers_path,
        )
        settings = {k: v for k, v in self.params().items() if k != "min_account_posts"}
        return UrlIntel(lists, threshold=self.threshold), json.dumps(settings, sort_keys=True)

    def detect(self, lake: Lake) -> Detection:
        intel, key = self._intel()
        rows = flagged_posts(lake, intel, key, self.behaviour)
        signals = self._signals(verdicts(lake, intel, key))
        findings = self._subject_findings(rows, signals) + self._account_findings(rows)
        return Detection(findings=self.findings(findings))

    # -- subjects (domains and URLs) ---------------------------------------------------------

    def _signals(self, table: ir.Table) -> dict[tuple[str, str], list[dict[str, Any]]]:
        """Per subject, every distinct signal of its flagged URLs, strongest first."""
        found = table.filter(table.behaviour == self.behaviour).to_pyarrow().to_pylist()
        out: dict[tuple[str, str], dict[str, dict[str, Any]]] = defaultdict(dict)
        for row in found:
            for sig in json.loads(row["signals"]):
                out[(row["subject_type"], row["subject_id"])].setdefault(sig["code"], sig)
        return {
            k: sorted(v.values(), key=lambda s: (-s["weight"], s["code"])) for k, v in out.items()
        }

    def _subject_findings(
        self, rows: ir.Table, signals: dict[tuple[str, str], list[dict[str, Any]]]
    ) -> list[Finding]:
        keys = ["subject_type", "subject_id"]
        totals = (
            rows.group_by(keys)
            .aggregate(
                posts=rows.post_id.nunique(),
                urls=rows.url.nunique(),
                accounts=rows.account_id.collect(distinct=True),
                score=rows.score.max(),
                first=rows.created_at.min(),
                last=rows.created_at.max(),
            )
            .to_pyarrow()
            .to_pylist()
        )
        samples = _earliest(rows, keys, CAP)
        example_urls = _earliest(rows.select(*keys, "url", "created_at"), keys, CAP, on="url")
        out = []
        for t in totals:
            key = (t["subject_type"], t["subject_id"])
            sigs = signals.get(key, [])
            accounts = sorted(t["accounts"])
            posts = samples.get(key, [])
            headline = sigs[0]["detail"] if sigs else "flagged link"
            summary = (
                f"{_SUBJECT[t['subject_type']]} {t['subject_id']} is a "
                f"{_LABEL[self.behaviour]} link target: {headline}; {t['posts']} post(s) by "
                f"{len(accounts)} account(s), {_day(t['first'])} to {_day(t['last'])}."
            )
            out.append(
                Finding(
                    behaviour=self.behaviour,
                    subject_type=t["subject_type"],
                    subject_id=t["subject_id"],
                    account_ids=accounts,
                    score=float(t["score"]),
                    window_start=t["first"],
                    window_end=t["last"],
                    evidence={
                        "summary": summary,
                        "signals": sigs,
                        "url_count": t["urls"],
                        "urls": sorted({p["url"] for p in example_urls.get(key, [])}),
                        "post_count": t["posts"],
                        "account_count": len(accounts),
                        "accounts": accounts[:CAP],
                        "posts": [_post(p) for p in posts],
                    },
                )
            )
        return out

    # -- accounts ----------------------------------------------------------------------------

    def _account_findings(self, rows: ir.Table) -> list[Finding]:
        per_account = rows.group_by("account_id").aggregate(
            posts=rows.post_id.nunique(),
            subjects=rows.subject_id.collect(distinct=True),
            score=rows.score.max(),
            first=rows.created_at.min(),
            last=rows.created_at.max(),
        )
        repeat = per_account.filter(per_account.posts >= self.min_account_posts)
        totals = repeat.to_pyarrow().to_pylist()
        if not totals:
            return []
        chosen = rows.semi_join(repeat.select("account_id"), "account_id")
        samples = _earliest(chosen, ["account_id"], CAP)
        out = []
        for t in totals:
            subjects = sorted(t["subjects"])
            summary = (
                f"Account {t['account_id']} posted {_LABEL[self.behaviour]} links in "
                f"{t['posts']} post(s) ({len(subjects)} target(s): "
                f"{', '.join(subjects[:3])}{', ...' if len(subjects) > 3 else ''}), "
                f"{_day(t['first'])} to {_day(t['last'])}."
            )
            out.append(
                Finding(
                    behaviour=self.behaviour,
                    subject_type="account",
                    subject_id=t["account_id"],
                    account_ids=[t["account_id"]],
                    score=float(t["score"]),
                    window_start=t["first"],
                    window_end=t["last"],
                    evidence={
                        "summary": summary,
                        "post_count": t["posts"],
                        "target_count": len(subjects),
                        "targets": subjects[:CAP],
                        "posts": [_post(p) for p in samples.get((t["account_id"],), [])],
                    },
                )
            )
        return out


def _earliest(
    rows: ir.Table, keys: list[str], n: int, on: str = "post_id"
) -> dict[tuple[str, ...], list[dict[str, Any]]]:
    """The first ``n`` rows per group by time, then ``on``, brought to Python grouped."""
    if on != "post_id":
        rows = rows.group_by([*keys, on]).aggregate(created_at=rows.created_at.min())
    rank = ibis.row_number().over(group_by=keys, order_by=[rows.created_at, rows[on]])
    picked = rows.mutate(_rank=rank).filter(lambda t: t._rank < n).drop("_rank")
    out: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for row in picked.to_pyarrow().to_pylist():
        out[tuple(row[k] for k in keys)].append(row)
    for group in out.values():
        group.sort(key=lambda r: (r["created_at"], str(r[on])))
    return out


def _post(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "post_id": row["post_id"],
        "account_id": row["account_id"],
        "created_at": row["created_at"].isoformat() if row["created_at"] else None,
        "url": row["url"],
    }
