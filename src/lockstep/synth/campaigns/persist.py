"""Persistence and resale: replacing suspended accounts, and selling accounts.

Recidivism: accounts suspended before the window (``suspended_at`` set, no activity since)
are replaced by new accounts that mimic them (a handle with a suffix or a changed digit,
the same name, the same avatar or a re-encoding of it, the same bio) and push the same
domains; some announce their return. The suspended predecessors belong to the campaign with
role ``member`` and no behaviours: nothing they did falls in the window.

Account trade: an aged account advertises itself for sale, then changes hands. The new
owner's persona replaces the old one: a new handle (the old one is kept in the extra input
column ``previous_handle``), name, bio, language and topics, and the sessions move to a new
device in another country. Other accounts advertise that they buy accounts.
"""

from __future__ import annotations

import numpy as np

from lockstep.synth import arrow as A
from lockstep.synth.campaigns.content import (
    effective,
    filled,
    promo_texts,
    spam_domain,
)
from lockstep.synth.plant import Group, add_engagements, add_posts, new_accounts
from lockstep.synth.profiles import people
from lockstep.synth.rand import DAY, HOUR, flip_bits, random_u64
from lockstep.synth.text import Noise, Variants, attach, compose
from lockstep.synth.urls import site_links
from lockstep.synth.vocab.books import (
    BUY_ACCOUNT,
    COMEBACK,
    MONEY,
    PROMO,
    SELL_ACCOUNT,
    book,
)
from lockstep.synth.vocab.geo import LANG_ID, LANGS
from lockstep.synth.vocab.posts import POLITICS, TOPICS


def mimic_handle(rng: np.random.Generator, handle: str) -> str:
    """A replacement's handle: the suspended one with a suffix, prefix or changed digit."""
    style = int(rng.integers(0, 6))
    if style == 0:
        return f"{handle}_{int(rng.integers(2, 5))}"
    if style == 1:
        return f"real_{handle}"
    if style == 2:
        return f"{handle}backup"
    if style == 3:
        return f"the{handle}"
    if style == 4 and any(ch.isdigit() for ch in handle):
        i = max(j for j, ch in enumerate(handle) if ch.isdigit())
        return handle[:i] + str((int(handle[i]) + 1) % 10) + handle[i + 1 :]
    return f"{handle}_back"


class Recidivism(Group):
    """New accounts taking the place of suspended ones, with their identity and domains."""

    kind = "coord.recidivism"

    def plan(self) -> None:
        rng = self.rng
        self.predecessors = self.world.size(rng, 2, 20, 2)
        self.replacements = rng.integers(0, 3, self.predecessors)
        self.replacements[0] = max(1, self.replacements[0])
        self.size = self.predecessors + int(self.replacements.sum())
        self.code = self.lang(("en", "es", "pt", "de", "fr", "ru", "id", "tr"))
        self.params = {
            "size": self.size,
            "suspended": self.predecessors,
            "replacements": int(self.replacements.sum()),
            "variant": str(rng.choice(["spam", "network"])),
            "suspended_days_before": [float(rng.uniform(1, 30)), float(rng.uniform(30, 120))],
            "domains": [spam_domain(rng) for _ in range(int(rng.integers(1, 3)))],
            "same_avatar_share": float(rng.uniform(0.3, 1.0)),
            "posts": int(rng.integers(5, 26)),
            "languages": [LANGS[self.code]],
        }

    def create(self) -> None:
        rng, world, p = self.rng, self.world, self.params
        k = self.predecessors
        lo, hi = p["suspended_days_before"]
        suspended = world.start - (rng.uniform(lo, hi, k) * DAY).astype(np.int64)
        created = suspended - (rng.uniform(60, 2000, k) * DAY).astype(np.int64)
        cols = people(world, rng, k, lang=np.full(k, self.code, dtype=np.int64), created_at=created)
        domain = A.pick(rng, p["domains"], k)
        cols["bio"] = A.join(cols["bio"], domain, sep=" · ")
        cols.update(
            suspended_at=suspended,
            post_rate=np.zeros(k),
            eng_rate=np.zeros(k),
            session_rate=np.zeros(k),
            has_avatar=np.ones(k, dtype=bool),
        )
        old = world.accounts.add(k, **cols)
        source = np.repeat(np.arange(k), self.replacements)
        r = len(source)
        handles = [mimic_handle(rng, str(h)) for h in A.take(cols["handle"], source).to_pylist()]
        same = rng.random(r) < p["same_avatar_share"]
        avatar = np.where(
            same,
            cols["avatar"][source],
            flip_bits(rng, cols["avatar"][source], rng.integers(1, 4, r)),
        )
        name = A.take(cols["display_name"], source)
        name = A.where(rng.random(r) < 0.3, A.join(name, "🔁"), name)
        since = suspended[source]
        created_new = since + (
            rng.random(r) * (world.start + DAY * world.days // 3 - since)
        ).astype(np.int64)
        new = new_accounts(
            world,
            rng,
            r,
            self.code,
            country=cols["country"][source],
            created_at=created_new,
            handle=A.strings(handles),
            display_name=name,
            bio=A.take(cols["bio"], source),
            avatar=avatar,
            has_avatar=np.ones(r, dtype=bool),
            topic_a=cols["topic_a"][source],
            topic_b=cols["topic_b"][source],
            followers=rng.lognormal(3.0, 1.2, r).astype(np.int64),
        )
        self.old, self.new = old, new
        self.rows = np.concatenate([old, new])
        self.scale_activity(0.3, 0.5)
        self.open_record()
        world.label(old, self.record, "member")
        world.label(new, self.record, "member", (self.kind,))

    def act(self) -> None:
        rng, world, p = self.rng, self.world, self.params
        acc = world.accounts
        comeback = Variants(filled(rng, book(COMEBACK, LANGS[self.code]), 2), [self.code] * 2)
        for account in self.new:
            lo = max(world.start, int(acc.num("created_at")[account]))
            n = p["posts"]
            t = np.sort(rng.integers(lo, world.end, n))
            # The old account's topics (politics, for a network's replacement) and its sites.
            own = np.where(
                rng.random(n - 1) < 0.5, acc.num("topic_a")[account], acc.num("topic_b")[account]
            )
            topic = np.where(p["variant"] == "network", POLITICS, own).astype(np.int64)
            back = self.copies(
                comeback, rng.integers(0, 2, 1), Noise(emoji=0.3), np.array([account]), t[:1]
            )
            text = A.concat([back, compose(rng, np.full(n - 1, self.code, dtype=np.int64), topic)])
            linked = np.concatenate([[False], rng.random(n - 1) < 0.6])
            urls = A.lists_from_counts(
                linked.astype(np.int64), site_links(rng, p["domains"], int(linked.sum()))
            )
            add_posts(world, np.full(n, account), t, attach(text, urls), self.code, urls=urls)
        if p["variant"] == "network" and len(self.new) > 1:
            a, b = np.nonzero(~np.eye(len(self.new), dtype=bool))
            created = world.accounts.num("created_at")
            t = np.maximum(created[self.new[a]], created[self.new[b]]) + (
                rng.uniform(1, 48, len(a)) * HOUR
            ).astype(np.int64)
            add_engagements(
                world, self.new[a], "follow", np.maximum(t, world.start), target=self.new[b]
            )


class AccountTrade(Group):
    """Accounts offered for sale that then change hands; accounts asking to buy accounts."""

    kind = "coord.account_trade"
    NEW_LANGS = ("en", "es", "pt", "ru", "id", "tr")

    def plan(self) -> None:
        rng = self.rng
        self.size = int(rng.integers(1, 5))
        self.code = self.lang(("en", "es", "pt", "de", "fr", "ru", "id", "tr", "it", "ar"))
        new = [c for c in self.NEW_LANGS if LANG_ID[c] != self.code]
        self.new_lang = LANG_ID[new[int(rng.integers(0, len(new)))]]
        self.sold = rng.random(self.size) < 0.75
        self.sold[0] = True
        self.params = {
            "size": self.size,
            "sold": int(self.sold.sum()),
            "buy_ads": int((~self.sold).sum()),
            "sale_day": float(rng.uniform(0.05, 0.4) * self.world.days),
            "transfer_after_days": float(rng.uniform(1, 4)),
            "languages": [LANGS[self.code], LANGS[self.new_lang]],
            "new_owner_via_hosting": bool(rng.random() < 0.5),
        }

    def create(self) -> None:
        rng, world = self.rng, self.world
        n = self.size
        before = people(world, rng, n, lang=np.full(n, self.code, dtype=np.int64))
        after = people(world, rng, n, lang=np.full(n, self.new_lang, dtype=np.int64))
        sold = self.sold
        self.old_country = before["country"]
        self.old_asn = before["asn"]
        self.old_ip = before["ip24"]
        self.old_device = random_u64(rng, n)
        cols = {**before}
        created = world.start - (rng.uniform(2, 8, n) * 365 * DAY).astype(np.int64)
        for name in ("handle", "display_name", "bio"):
            cols[name] = A.where(sold, after[name], before[name])
        for name in ("lang", "country", "asn", "ip24", "topic_a", "topic_b"):
            cols[name] = np.where(sold, after[name], before[name])
        if self.params["new_owner_via_hosting"]:
            cols["vpn_p"] = np.where(sold, 0.8, before["vpn_p"])
        cols.update(
            created_at=created,
            previous_handle=A.null_where(~sold, before["handle"]),
            followers=rng.lognormal(9.3, 0.6, n).astype(np.int64),
            post_rate=np.zeros(n),
            session_rate=np.where(sold, 0.0, before["session_rate"]),
        )
        self.rows = world.accounts.add(n, **cols)
        self.open_record()
        world.label(self.rows, self.record, "member", (self.kind,))

    def act(self) -> None:
        rng, world, p = self.rng, self.world, self.params
        sale = world.start + int(p["sale_day"] * DAY)
        transfer = sale + int(p["transfer_after_days"] * DAY)
        old_code = LANGS[self.code]
        for i, row in enumerate(self.rows):
            account = int(row)
            followers = str(max(1, int(world.accounts.num("followers")[account]) // 1000))
            if not self.sold[i]:
                texts = filled(
                    rng,
                    book(BUY_ACCOUNT, old_code),
                    3,
                    n=[followers, "5", "10"],
                    topic=list(TOPICS),
                )
                self._posts(
                    account,
                    world.start,
                    world.end,
                    effective(BUY_ACCOUNT, self.code),
                    1.0,
                    texts,
                    int(rng.integers(2, 9)),
                )
                continue
            ads = filled(rng, book(SELL_ACCOUNT, old_code), 2, n=[followers], topic=list(TOPICS))
            n_ads = int(rng.integers(1, 5))
            self._posts(account, world.start, transfer, self.code, 0.8, ads, n_ads, around=sale)
            new_texts = promo_texts(rng, MONEY, self.new_lang, 3)
            new_texts += promo_texts(rng, PROMO, self.new_lang, 2)
            self._posts(
                account,
                transfer,
                world.end,
                self.new_lang,
                0.6,
                new_texts,
                int(rng.integers(4, 12)),
            )
            self._sessions(account, i, transfer)

    def _posts(
        self,
        account: int,
        lo: int,
        hi: int,
        lang: int,
        rate: float,
        texts: list[str],
        extra: int,
        around: int | None = None,
    ) -> None:
        """Ordinary posts at ``rate`` per day in ``[lo, hi)`` plus ``extra`` copies of ``texts``
        (spread over the span, or within a day of ``around``)."""
        rng, world = self.rng, self.world
        hi = min(hi, world.end)
        if hi <= lo:
            return
        n = int(rng.poisson(rate * (hi - lo) / DAY))
        t = rng.integers(lo, hi, n)
        text = compose(rng, np.full(n, lang, dtype=np.int64), rng.integers(0, len(TOPICS), n))
        if extra and texts:
            base = Variants(texts, [lang] * len(texts))
            if around is None:
                t_ads = rng.integers(lo, hi, extra)
            else:
                t_ads = np.clip(
                    around + (rng.uniform(-1, 1, extra) * DAY).astype(np.int64), lo, hi - 1
                )
            which = rng.integers(0, len(texts), extra)
            copies = self.copies(base, which, Noise(emoji=0.3), np.full(extra, account), t_ads)
            text = A.concat([text, copies])
            t = np.concatenate([t, t_ads])
        add_posts(world, np.full(len(t), account), t.astype(np.int64), text, lang)

    def _sessions(self, account: int, i: int, transfer: int) -> None:
        """Sessions of the old owner before the transfer, of the new owner after it."""
        rng, world = self.rng, self.world
        acc = world.accounts
        periods = (
            (world.start, transfer, self.old_device[i], self.old_asn[i], self.old_ip[i], False),
            (
                transfer,
                world.end,
                acc.num("device1")[account],
                acc.num("asn")[account],
                acc.num("ip24")[account],
                True,
            ),
        )
        for lo, until, device, net, ip24, new_owner in periods:
            hi = min(until, world.end)
            if hi <= lo:
                continue
            n = max(1, int(rng.poisson((hi - lo) / DAY)))
            t = np.sort(rng.integers(lo, hi, n))
            via = (rng.random(n) < acc.num("vpn_p")[account]) & new_owner
            network = np.where(via, acc.num("vpn")[account], net).astype(np.int64)
            home = np.full(n, ip24, dtype=np.uint64)
            ip = np.where(via, world.addresses(rng, network), home)
            world.sessions.add(
                n,
                account=np.full(n, account),
                t=t,
                event=np.where(rng.random(n) < 0.6, 1, 2),
                ip=ip | rng.integers(1, 255, n).astype(np.uint64),
                asn=network,
                ip_country=world.network_country[network],
                device=np.full(n, device, dtype=np.uint64),
                ua=np.full(n, acc.num("ua1")[account]),
                proxy=via,
            )
