"""``spam.copypasta``: the same text taken up by many accounts within a short span."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, ClassVar

import ibis
import ibis.expr.types as ir
import numpy as np
import pyarrow as pa

from lockstep.detect.base import Detection, Detector, Finding, Requirement, param
from lockstep.detect.evidence import CAP, clip, iso, span
from lockstep.detect.text import NearDupParams, near_duplicate_groups
from lockstep.lake import Lake
from lockstep.repetition import (
    COPYPASTA_ACCOUNTS,
    COPYPASTA_MIN_CHARS,
    COPYPASTA_WINDOW_HOURS,
    SIMILARITY,
    wave_members,
)

#: Distinct sample texts shown per finding.
SAMPLES = 3


@dataclass(frozen=True)
class Copypasta(Detector):
    """Many accounts posting the same text, verbatim or with small edits, within a short span.

    Seed clause: 001 "Tweeting an existing phrase or content in a duplicative manner, whether
    individually or in concert with other accounts" and "posting identical or substantially
    similar Tweets ... from multiple accounts"; 002 networks that "repurpose content by
    reposting duplicate content throughout its accounts".

    Signal: posts of all accounts are grouped by text with the shared near-duplicate
    machinery of `lockstep.detect.text` (MinHash and LSH in the engine, candidates verified
    by the exact Jaccard similarity of character 4-grams, never all pairs). Text is compared
    after normalisation, so added or removed words, emoji, punctuation, case, spacing,
    changed links and a reordered closing block of hashtags do not hide a copy, in any
    script. A group is a *wave* when at least `min_accounts` accounts take the text up
    within `window_hours` of each other, each account counted once, at its first copy (its
    later copies are `spam.duplicate_posts`, and one account cannot make a wave alone). This
    is the definition of `lockstep.repetition`, which the synthetic truth uses too. Every
    account whose first copy falls in a wave is a copier.

    Left alone, by design: short stock phrases ("thank you", "lol", "first", "❤️", texts
    under `min_chars` normalised letters, Han, kana and Hangul counting three), so fans
    swarming a star's post are not copiers; organic activism and viral sharing, where
    people word a cause in their own words or quote a post with their own comment (their
    texts are not near-identical); fewer than `min_accounts` people posting the same words;
    and a business's branch accounts posting one promotion (seed 001 allows several
    accounts for one business): accounts that openly declare an organisation — their bio
    opens with their display name — and share that name's first word count as one. The
    organisation is one account among others, though: when it takes up a text that four
    other accounts post within the window, each branch whose own first copy falls in the
    wave is a copier like the rest (seed 001 allows a business several accounts, not
    posting duplicative content in concert); a branch posting the text days later is not.

    Score: half the size of the wave, log-scaled so `saturation_accounts` accounts score
    full, plus half its speed, 1 when all copiers posted at once and falling to 0 when their
    first copies spread over the whole window.

    Evidence: one finding per wave, its subject the wave's first post; a one-sentence
    summary ("12 accounts posted near-identical text between 2024-03-01 10:02 and 14:40 UTC
    (text similarity ≥ 0.7): '...'"); `account_ids` of the copiers; `post_ids`, `accounts`
    and `times` of the first 20 copies with `post_count` the total; `sample_texts`;
    `shared_urls` found in two or more copies; `lowest_similarity` of a copy to the first
    post; and the parameters that decided.

    Known limits: only the first 1000 normalised characters are compared; obfuscated
    characters are compared as they are; images and videos are not compared; a text that
    spreads slowly (fewer than `min_accounts` new accounts within any `window_hours`) is not
    a wave, however many accounts post it in the end; organisations that do not declare
    themselves in names and bios count account by account.
    """

    name: ClassVar[str] = "spam.copypasta"
    version: ClassVar[str] = "1"
    behaviours: ClassVar[tuple[str, ...]] = ("spam.copypasta",)
    requires: ClassVar[tuple[Requirement, ...]] = (
        Requirement("posts", ("account_id", "created_at", "text")),
    )

    min_accounts: int = param(
        COPYPASTA_ACCOUNTS,
        "accounts (declared branches of one organisation count once) taking up a text "
        "within the window that make a wave",
    )
    window_hours: float = param(
        COPYPASTA_WINDOW_HOURS, "span within which the accounts' first copies must fall"
    )
    similarity: float = param(
        SIMILARITY, "Jaccard similarity of character 4-grams from which two texts are the same text"
    )
    min_chars: int = param(
        COPYPASTA_MIN_CHARS,
        "shortest normalised text (letters and digits, about six words) compared; stock "
        "phrases are shorter and never count",
    )
    saturation_accounts: int = param(
        50, "accounts at which the size half of the score reaches its maximum"
    )

    def __post_init__(self) -> None:
        if self.min_accounts < 2:
            raise ValueError("min_accounts must be at least 2")
        if self.window_hours <= 0:
            raise ValueError("window_hours must be positive")
        if self.saturation_accounts < 2:
            raise ValueError("saturation_accounts must be at least 2")
        self.text_params()  # validates similarity and min_chars

    def text_params(self) -> NearDupParams:
        """The near-duplicate settings this detector's parameters stand for."""
        return NearDupParams(min_chars=self.min_chars, threshold=self.similarity)

    # -- engine work ---------------------------------------------------------------------

    @staticmethod
    def _identities(lake: Lake) -> ir.Table:
        """``account_id, identity``: the declared organisation of accounts that have one.

        A branch introduces itself by its display name at the start of its bio ("Padaria
        Aurora Recife · 8-20 · 📍 Recife"); branches of one organisation share the first
        word of that name. People's bios do not open with their own name.
        """
        acc = lake.table("accounts")
        name = acc.display_name.strip()
        declared = (name.length() >= 3) & acc.bio.fill_null("").startswith(name)
        acc = acc.filter(declared.fill_null(False))
        org = acc.display_name.strip().lower().re_replace(r"\s.*$", "")
        return acc.select("account_id", identity=ibis.literal("org:") + org)

    def _copies(self, lake: Lake, groups: ir.Table) -> pa.Table:
        """Posts of groups with at least ``min_accounts`` identities, with their identity."""
        if not lake.missing_columns("accounts", ["display_name", "bio"]):
            ident = self._identities(lake)
            groups = groups.left_join(ident, "account_id").select(
                *groups.columns, identity=ibis._.identity.fill_null(ibis._.account_id)
            )
        else:
            groups = groups.mutate(identity=groups.account_id)
        big = groups.group_by("group_id").aggregate(n=groups.identity.nunique())
        big = big.filter(big.n >= self.min_accounts).select("group_id")
        kept = groups.semi_join(big, "group_id")
        cols = ["group_id", "post_id", "account_id", "identity", "created_at", "similarity"]
        out: pa.Table = kept.select(*cols).to_pyarrow()
        return out

    def detect(self, lake: Lake) -> Detection:
        posts = lake.table("posts")
        groups = near_duplicate_groups(
            posts.select("post_id", "account_id", "created_at", "text"), self.text_params()
        )
        try:
            copies = self._copies(lake, groups)
        finally:
            groups.release()
        waves = self._waves(copies)
        if not waves:
            return Detection(findings=self.findings([]))
        texts, urls = self._texts(lake, waves)
        return Detection(findings=self.findings([self._finding(w, texts, urls) for w in waves]))

    def _waves(self, copies: pa.Table) -> list[dict[str, Any]]:
        """The copies in waves, grouped per text (a few rows: results, not activity)."""
        if copies.num_rows == 0:
            return []
        cols: dict[str, list[Any]] = {
            name: copies.column(name).to_pylist() for name in copies.column_names
        }
        codes = {
            name: np.unique(np.asarray(cols[name], dtype=object), return_inverse=True)[1]
            for name in ("group_id", "account_id", "identity")
        }
        t = np.array([int(ts.timestamp() * 1_000_000) for ts in cols["created_at"]], dtype=np.int64)
        window = int(self.window_hours * 3_600_000_000)
        member = wave_members(
            codes["group_id"].astype(np.int64),
            codes["account_id"].astype(np.int64),
            t,
            self.min_accounts,
            window,
            identity=codes["identity"].astype(np.int64),
        )
        rows: dict[str, list[int]] = defaultdict(list)
        for i in np.flatnonzero(member).tolist():
            rows[cols["group_id"][i]].append(i)
        waves = []
        for group_id, idx in sorted(rows.items()):
            idx.sort(key=lambda i: (t[i], cols["post_id"][i]))
            firsts: dict[str, int] = {}
            for i in idx:
                firsts.setdefault(cols["account_id"][i], int(t[i]))
            waves.append(
                {
                    "group_id": group_id,
                    "post_ids": [cols["post_id"][i] for i in idx],
                    "accounts": [cols["account_id"][i] for i in idx],
                    "times": [cols["created_at"][i] for i in idx],
                    "lowest": min(float(cols["similarity"][i]) for i in idx),
                    "firsts": sorted(firsts.values()),
                }
            )
        return waves

    def _texts(
        self, lake: Lake, waves: list[dict[str, Any]]
    ) -> tuple[dict[str, str], dict[str, list[str]]]:
        """Texts of the posts shown, and the URLs of every copy."""
        wanted = [p for w in waves for p in w["post_ids"]]
        posts = lake.table("posts")
        ids = ibis.memtable(pa.table({"post_id": pa.array(wanted, type=pa.string())}))
        cols = ["post_id", "text"]
        has_urls = not lake.missing_columns("posts", ["urls"])
        if has_urls:
            cols.append("urls")
        rows = posts.semi_join(ids, "post_id").select(*cols).to_pyarrow().to_pylist()
        texts = {r["post_id"]: r["text"] or "" for r in rows}
        urls = {r["post_id"]: list(r["urls"] or []) for r in rows} if has_urls else {}
        return texts, urls

    # -- evidence ------------------------------------------------------------------------

    def _finding(
        self, wave: dict[str, Any], texts: dict[str, str], urls: dict[str, list[str]]
    ) -> Finding:
        accounts = list(dict.fromkeys(wave["accounts"]))
        firsts = wave["firsts"]
        spread = (firsts[-1] - firsts[0]) / (self.window_hours * 3_600_000_000)
        size = min(1.0, math.log(len(accounts)) / math.log(self.saturation_accounts))
        speed = max(0.0, 1.0 - spread)
        samples = list(dict.fromkeys(clip(texts[p]) for p in wave["post_ids"] if texts.get(p)))[
            :SAMPLES
        ]
        link_posts: dict[str, int] = defaultdict(int)
        for p in wave["post_ids"]:
            for url in dict.fromkeys(urls.get(p, [])):
                link_posts[url] += 1
        shared = sorted(
            ((u, n) for u, n in link_posts.items() if n >= 2), key=lambda x: (-x[1], x[0])
        )
        exact = wave["lowest"] >= 1.0
        first, last = wave["times"][0], wave["times"][-1]
        quoted = f": “{samples[0][:80]}”" if samples else ""
        basis = "identical text" if exact else f"text similarity ≥ {self.similarity:g}"
        return Finding(
            behaviour="spam.copypasta",
            subject_type="post",
            subject_id=wave["post_ids"][0],
            account_ids=accounts,
            score=0.5 * size + 0.5 * speed,
            window_start=first,
            window_end=last,
            evidence={
                "summary": (
                    f"{len(accounts)} accounts posted {len(wave['post_ids'])} "
                    f"{'identical' if exact else 'near-identical'} posts "
                    f"{span(first, last)} ({basis}){quoted}."
                ),
                "account_count": len(accounts),
                "post_ids": wave["post_ids"][:CAP],
                "accounts": wave["accounts"][:CAP],
                "times": [iso(t) for t in wave["times"][:CAP]],
                "post_count": len(wave["post_ids"]),
                "sample_texts": samples,
                "shared_urls": [{"url": u, "posts": n} for u, n in shared[:CAP]],
                "lowest_similarity": round(wave["lowest"], 4),
                "similarity_threshold": self.similarity,
                "min_accounts": self.min_accounts,
                "window_hours": self.window_hours,
            },
        )
