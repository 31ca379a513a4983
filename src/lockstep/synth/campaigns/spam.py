"""Content spam: duplicate posts, copypasta, post-and-delete, link-only posting, bulk mentions.

Each campaign draws its size, pace, languages and evasions per seed: copies edit up to a
drawn share of their words, change case, gain emoji, reorder hashtags and vary link
parameters, and the accounts keep some ordinary-looking activity besides.
"""

from __future__ import annotations

import numpy as np

from lockstep.synth import arrow as A
from lockstep.synth.campaigns.content import (
    PROMO_TAGS,
    filled,
    promo_texts,
    spam_domain,
    tag_sets,
)
from lockstep.synth.plant import (
    Group,
    add_posts,
    at_handles,
    mention_lists,
    new_accounts,
    organic_roots,
)
from lockstep.synth.profiles import recent
from lockstep.synth.rand import DAY, MINUTE, burst, flip_bits, random_u64
from lockstep.synth.store import NULL_TIME
from lockstep.synth.text import Noise, Variants, attach, compose, shuffle_lists
from lockstep.synth.urls import site_links, token
from lockstep.synth.vocab.books import COPYPASTA, MENTION_SPAM, MONEY, PROMO, THINGS, book
from lockstep.synth.vocab.geo import LANGS

#: Tags chain messages travel under; each campaign uses two of them.
COPY_TAGS = ("sharethis", "wakeup", "spreadtheword", "copyandpaste", "truth", "pleaseshare")


def _noise(rng: np.random.Generator) -> Noise:
    """Evasion drawn per campaign: word edits up to 0-30 %, case and emoji noise."""
    return Noise(
        edit=float(rng.uniform(0.0, 0.3)),
        case=float(rng.uniform(0.0, 0.25)),
        emoji=float(rng.uniform(0.0, 0.5)),
    )


def _noise_params(noise: Noise) -> dict[str, float]:
    return {"edit_rate": noise.edit, "case_noise": noise.case, "emoji_noise": noise.emoji}


def _created(group: Group, n: int, fresh_share: float) -> A.I64:
    """Creation times: a share of fresh accounts (days to months old), the rest years old."""
    rng = group.rng
    old = group.world.start - (rng.uniform(1.0, 8.0, n) * 365 * DAY).astype(np.int64)
    fresh = recent(group.world, rng, n, 3, 120)
    return np.where(rng.random(n) < fresh_share, fresh, old)


def _query_urls(group: Group, domain: str, n: int, vary: bool) -> A.ListArr:
    """Links to one shop, with changing tracking parameters when the campaign evades."""
    rng = group.rng
    base = site_links(rng, [domain], n, section=False)
    ref = A.join("?ref=", token(rng, n, 6, "lower"), sep="")
    urls = A.join(base, ref, sep="") if vary else base
    return A.lists_from_counts(np.ones(n, dtype=np.int64), urls)


class DuplicatePosts(Group):
    """One account posting the same promotion, or near-identical product videos, again and
    again over the window (each account is its own spammer)."""

    kind = "spam.duplicate_posts"

    def plan(self) -> None:
        rng = self.rng
        self.size = int(rng.integers(1, 3))
        self.noise = _noise(rng)
        self.code = self.lang(tuple(PROMO))
        self.params = {
            "size": self.size,
            "repeats": [int(r) for r in rng.integers(15, 61, self.size)],
            "templates": int(rng.integers(1, 4)),
            "product_videos": bool(rng.random() < 0.35),
            "changed_urls": bool(rng.random() < 0.5),
            "languages": [LANGS[self.code]],
            **_noise_params(self.noise),
        }

    def create(self) -> None:
        cols_created = _created(self, self.size, 0.5)
        self.rows = new_accounts(
            self.world, self.rng, self.size, self.code, created_at=cols_created
        )
        self.scale_activity(0.3, 0.5)
        self.open_record()
        self.world.label(self.rows, self.record, "member", (self.kind,))

    def act(self) -> None:
        rng, world = self.rng, self.world
        for account, repeats in zip(self.rows, self.params["repeats"], strict=True):
            texts = promo_texts(rng, PROMO, self.code, self.params["templates"])
            base = Variants(texts, [self.code] * len(texts))
            which = rng.integers(0, len(base), repeats)
            # Regular-ish posting with jitter: a scheduler with a human touch.
            gap = (world.end - world.start) / (repeats + 1)
            t = world.start + (np.arange(1, repeats + 1) * gap + rng.normal(0, gap / 4, repeats))
            t = np.clip(
                t, max(world.start, int(world.accounts.num("created_at")[account])), world.end - 1
            ).astype(np.int64)
            which = which[np.argsort(t, kind="stable")]
            t = np.sort(t)
            text = self.copies(base, which, self.noise, np.full(repeats, account), t)
            urls = _query_urls(self, spam_domain(rng), repeats, self.params["changed_urls"])
            tags = shuffle_lists(rng, tag_sets(rng, PROMO_TAGS, repeats, 1, 3))
            kind = "video" if self.params["product_videos"] else "post"
            media = None
            if self.params["product_videos"]:
                # The same product clip re-encoded: perceptual hashes a few bits apart.
                clip = random_u64(rng, 1)[np.zeros(repeats, dtype=np.int64)]
                hashes = flip_bits(rng, clip, rng.integers(0, 4, repeats))
                media = A.lists_from_counts(np.ones(repeats, dtype=np.int64), A.hex16(hashes))
            add_posts(
                world,
                np.full(repeats, account),
                t,
                attach(text, urls, tags),
                self.code,
                kind=kind,
                urls=urls,
                hashtags=tags,
                media=media,
            )


class Copypasta(Group):
    """Many accounts posting the same message, near-identically, in short waves and in
    several languages."""

    kind = "spam.copypasta"

    def plan(self) -> None:
        rng = self.rng
        self.size = self.world.size(rng, 8, 60, 5)
        self.langs = sorted(
            {
                self.lang(("en", "es", "pt", "de", "fr", "ru", "ar", "id", "tr", "it"))
                for _ in range(int(rng.integers(1, 4)))
            }
        )
        self.noise = _noise(rng)
        self.params = {
            "size": self.size,
            "languages": [LANGS[c] for c in self.langs],
            "waves": int(rng.integers(1, 4)),
            "wave_minutes": float(rng.uniform(10, 360)),
            "participation": float(rng.uniform(0.7, 1.0)),
            "reordered_hashtags": bool(rng.random() < 0.5),
            **_noise_params(self.noise),
        }

    def create(self) -> None:
        lang = np.array(self.langs)[np.arange(self.size) % len(self.langs)]
        self.member_lang = lang
        self.rows = new_accounts(
            self.world, self.rng, self.size, lang, created_at=_created(self, self.size, 0.4)
        )
        self.scale_activity(0.5, 1.0)
        self.open_record()
        # Labelled copypasta by what the copies show (``finish``): a member may sit out
        # every wave or only post heavily reworded copies.
        self.world.label(self.rows, self.record, "member")

    def act(self) -> None:
        rng, world = self.rng, self.world
        texts: list[str] = []
        langs: list[int] = []
        for code in self.langs:
            for filled_text in filled(
                rng,
                book(COPYPASTA, LANGS[code]),
                int(rng.integers(1, 3)),
                thing=book(THINGS, LANGS[code]),
            ):
                texts.append(filled_text)
                langs.append(code)
        base = Variants(texts, langs)
        base_lang = np.array(langs)
        span = int(self.params["wave_minutes"] * MINUTE)
        tag_pool = [str(t) for t in rng.choice(COPY_TAGS, 2, replace=False)]
        for _ in range(self.params["waves"]):
            t0 = self.start_within(span)
            join = rng.random(self.size) < self.params["participation"]
            who = np.repeat(np.flatnonzero(join), rng.integers(1, 3, int(join.sum())))
            n = len(who)
            if n == 0:
                continue
            member_lang = self.member_lang[who]
            # Each copy takes a base text of the member's language.
            pick = np.zeros(n, dtype=np.int64)
            for lang in np.unique(member_lang):
                idx = np.flatnonzero(base_lang == lang)
                sel = member_lang == lang
                pick[sel] = idx[rng.integers(0, len(idx), int(sel.sum()))]
            t = np.maximum(
                burst(rng, n, t0, span), world.accounts.num("created_at")[self.rows[who]]
            )
            tags = tag_sets(rng, tag_pool, n, 0, 2)
            if self.params["reordered_hashtags"]:
                tags = shuffle_lists(rng, tags)
            text = attach(self.copies(base, pick, self.noise, self.rows[who], t), None, tags)
            add_posts(world, self.rows[who], t, text, member_lang, hashtags=tags)


class PostDelete(Group):
    """Posting the same content and deleting it later, again and again.

    Some campaigns churn many quick cycles (minutes between posting and deleting); others
    only a few slow ones, each copy left up for hours before it goes and comes back.
    """

    kind = "spam.post_delete"

    def plan(self) -> None:
        rng = self.rng
        self.size = int(rng.integers(1, 4))
        self.code = self.lang(tuple(MONEY))
        slow = bool(rng.random() < 0.5)
        cycles = (3, 6) if slow else (6, 31)
        # Lifetimes log-uniform: a few minutes in a fast campaign, hours in a slow one.
        minutes = (30.0, 720.0) if slow else (1.0, 120.0)
        self.params = {
            "size": self.size,
            "slow": slow,
            "cycles": [int(c) for c in rng.integers(cycles[0], cycles[1], self.size)],
            "delete_after_minutes": float(np.exp(rng.uniform(*np.log(minutes)))),
            "gap_hours": float(rng.uniform(0.3, 8) * (3 if slow else 1)),
            # a slow campaign reposts its one content as it was; a fast one edits a little
            "edit_rate": 0.0 if slow else float(rng.uniform(0.0, 0.12)),
            "languages": [LANGS[self.code]],
        }

    def create(self) -> None:
        self.rows = new_accounts(
            self.world, self.rng, self.size, self.code, created_at=_created(self, self.size, 0.5)
        )
        self.open_record()
        self.world.label(self.rows, self.record, "member", (self.kind,))

    def act(self) -> None:
        rng, world = self.rng, self.world
        noise = Noise(edit=self.params["edit_rate"])
        for account, cycles in zip(self.rows, self.params["cycles"], strict=True):
            # A slow campaign cycles one content; a fast one may alternate two.
            k = 1 if self.params["slow"] else 2
            texts = promo_texts(rng, MONEY if rng.random() < 0.5 else PROMO, self.code, k)
            base = Variants(texts, [self.code] * k)
            alive = rng.lognormal(np.log(self.params["delete_after_minutes"]), 0.5, cycles)
            alive = (alive * MINUTE).astype(np.int64)
            # The next copy goes up after the last one is gone.
            gaps = rng.exponential(self.params["gap_hours"] * 3600e6, cycles).astype(np.int64)
            steps = np.concatenate([[0], (alive + gaps)[:-1]])
            t = self.start_within(int(steps.sum() + alive[-1]) + DAY // 4) + np.cumsum(steps)
            keep = t < world.end
            t, alive = t[keep], alive[keep]
            n = len(t)
            deleted = t + alive
            deleted = np.where(deleted < world.end, deleted, NULL_TIME)
            text = self.copies(base, rng.integers(0, k, n), noise, np.full(n, account), t)
            add_posts(world, np.full(n, account), t, text, self.code, deleted_at=deleted)


class LinkOnly(Group):
    """Accounts whose posts are mostly bare links to a few content-farm or shop domains."""

    kind = "spam.link_only"

    def plan(self) -> None:
        rng = self.rng
        self.size = int(rng.integers(1, 5))
        self.code = self.lang()
        self.params = {
            "size": self.size,
            "posts": [int(p) for p in rng.integers(25, 121, self.size)],
            # from near misses (about half bare) to nothing but bare links
            "bare_share": float(rng.uniform(0.45, 0.95)),
            "domains": [spam_domain(rng) for _ in range(int(rng.integers(1, 5)))],
            "languages": [LANGS[self.code]],
        }

    def create(self) -> None:
        self.rows = new_accounts(
            self.world, self.rng, self.size, self.code, created_at=_created(self, self.size, 0.5)
        )
        self.scale_activity(0.05, 1.0)
        self.open_record()
        self.world.label(self.rows, self.record, "member", (self.kind,))

    def act(self) -> None:
        rng, world = self.rng, self.world
        for account, n in zip(self.rows, self.params["posts"], strict=True):
            lo = max(world.start, int(world.accounts.num("created_at")[account]))
            t = np.sort(rng.integers(lo, world.end, n))
            links = site_links(rng, self.params["domains"], n)
            urls = A.lists_from_counts(np.ones(n, dtype=np.int64), links)
            # The few commented links say something different each time.
            said = compose(rng, np.full(n, self.code, dtype=np.int64), rng.integers(0, 8, n))
            comment = A.null_where(rng.random(n) < self.params["bare_share"], said)
            add_posts(world, np.full(n, account), t, attach(comment, urls), self.code, urls=urls)


class BulkMentions(Group):
    """Bursts of near-identical replies mentioning accounts the sender never dealt with."""

    kind = "spam.bulk_mentions"

    def plan(self) -> None:
        rng = self.rng
        self.size = int(rng.integers(1, 5))
        self.code = self.lang(("en", "es", "pt", "de", "ru", "id", "tr"))
        self.noise = _noise(rng)
        self.params = {
            "size": self.size,
            "bursts": int(rng.integers(1, 4)),
            "replies_per_burst": int(rng.integers(30, 151)),
            "burst_minutes": float(rng.uniform(30, 360)),
            "languages": [LANGS[self.code]],
            **_noise_params(self.noise),
        }

    def create(self) -> None:
        self.rows = new_accounts(
            self.world, self.rng, self.size, self.code, created_at=_created(self, self.size, 0.6)
        )
        self.open_record()
        self.world.label(self.rows, self.record, "member", (self.kind,))

    def act(self) -> None:
        rng, world = self.rng, self.world
        texts = filled(rng, book(MENTION_SPAM, LANGS[self.code]), 3)
        base = Variants(texts, [self.code] * len(texts))
        span = int(self.params["burst_minutes"] * MINUTE)
        # Strangers' recent posts, those in the spammer's language first.
        roots = organic_roots(world)
        if len(roots) == 0:
            return
        root_t = world.posts.gather("t", roots)
        root_author = world.posts.gather("account", roots)
        own_lang = world.posts.gather("lang", roots) == self.code
        for account in self.rows:
            created = int(world.accounts.num("created_at")[account])
            for _ in range(self.params["bursts"]):
                t0 = self.start_within(span, created)
                n = self.params["replies_per_burst"]
                recent_posts = (root_t < t0 + span) & (root_t >= t0 - 2 * DAY)
                recent_posts &= root_author != account
                # One reply per stranger: each author's latest post, own language first.
                rank = rng.random(len(roots)) + own_lang * 1.0
                cand = np.flatnonzero(recent_posts)
                cand = cand[np.argsort(-rank[cand], kind="stable")]
                _, first = np.unique(root_author[cand], return_index=True)
                cand = cand[np.sort(first)][:n]
                if len(cand) == 0:
                    continue
                chosen = roots[cand]
                authors = root_author[cand]
                m = len(chosen)
                t = np.maximum(burst(rng, m, t0, span), world.posts.gather("t", chosen) + MINUTE)
                text = A.join(
                    at_handles(world, authors),
                    self.copies(base, rng.integers(0, 3, m), self.noise, np.full(m, account), t),
                    sep=" ",
                )
                add_posts(
                    world,
                    np.full(m, account),
                    t,
                    text,
                    self.code,
                    kind="comment",
                    reply_to=chosen,
                    mentions=mention_lists(authors),
                )
