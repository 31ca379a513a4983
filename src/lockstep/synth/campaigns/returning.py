"""The next period of a platform: disrupted influence networks come back with new accounts.

Seed 002 removes every month thousands of accounts "associated with previously disrupted
networks attempting to re-establish their presence". In a second-period world
(``lockstep synth --second-period``) every influence network of the first period returns:

* new accounts, created after the first period, in the same language and target country,
  run from the same country (behind the same kind of proxies when the network hid);
* the same narratives (copied with the network's own edit rate) plus a few new ones with the
  same candidate and rival, spread the way the network did it (seeders, amplifiers, copies);
* some of its sites and usually its hashtag and channel; sometimes a new site or hashtag;
* part of the operator's kit reused, in shares drawn per network: avatars of removed
  members (re-encoded a few bits off), their phones and home address blocks, and a few
  personas re-created outright (a mimicked handle with the old name and bio).

Truth labels the new accounts ``coord.recidivism`` and ``coord.network`` (they coordinate
again), with the first period's campaign id in the campaign's ``params.returns``.

Beside each returning network, organic look-alikes (:class:`ReturnLookalikes`, hard
negatives) join the platform in the same period: people of the same language and country,
active at the same hours, some named like removed members (with handles built from the same
name), some writing about the network — linking its sites and using its hashtag in their own
words — and the rest sharing the popular sites everyone there reads.
"""

from __future__ import annotations

import numpy as np

from lockstep.synth import arrow as A
from lockstep.synth.campaigns.network import InfluenceNetwork
from lockstep.synth.campaigns.persist import mimic_handle
from lockstep.synth.plant import Group, add_posts
from lockstep.synth.profiles import ascii_name, home_networks, people
from lockstep.synth.rand import DAY, flip_bits, random_u64, share_bits
from lockstep.synth.text import attach, compose, tag_lists
from lockstep.synth.urls import organic_links, site_links
from lockstep.synth.vocab.geo import COUNTRIES, COUNTRY_ID, IP_COUNTRY_ID, LANGS
from lockstep.synth.vocab.posts import POLITICS
from lockstep.synth.vocab.web import COUNTRY_TLD, NETWORK_SITE_WORDS
from lockstep.synth.world import World


def _origin_id(origin: InfluenceNetwork) -> str:
    return origin.world.records[origin.record].campaign_id


class ReturningNetwork(InfluenceNetwork):
    """A first-period influence network re-establishing itself with new accounts."""

    kind = "coord.recidivism"

    def __init__(self, world: World, index: int, origin: InfluenceNetwork) -> None:
        self.origin = origin
        super().__init__(world, index)

    def plan(self) -> None:
        rng, o = self.rng, self.origin
        op = o.params
        self.size = max(4, round(o.size * float(rng.uniform(0.5, 1.2))))
        self.target, self.code, self.second = o.target, o.code, o.second
        self.tactics = list(o.tactics)
        kept = [s for s in op["sites"] if rng.random() < 0.7] or [op["sites"][0]]
        lang = LANGS[self.code]
        words = NETWORK_SITE_WORDS[lang]
        if rng.random() < 0.4:
            a, b = rng.choice(len(words), 2, replace=False)
            tld = COUNTRY_TLD.get(COUNTRIES[self.target].code, "com")
            kept.append(f"{words[int(a)]}{words[int(b)]}24.{tld}")
        hashtag = op["hashtag"]
        if rng.random() < 0.3:
            hashtag = f"{words[int(rng.integers(0, len(words)))]}{int(rng.integers(100, 999))}"
        self.params = {
            **op,
            "size": self.size,
            "returns": _origin_id(o),
            "sites": sorted(set(kept)),
            "hashtag": hashtag,
            "items": int(rng.integers(5, 41)),
            "amplifier_share": float(rng.uniform(0.3, 0.9)),
            "jitter_minutes": float(rng.uniform(1, 30)),
            "pivot_day": float(rng.uniform(0.3, 0.6) * self.world.days),
            "copy_edit_rate": float(rng.uniform(0.0, 0.2)),
            "new_narratives": int(rng.integers(0, 3)),
            "reused_avatars": float(rng.uniform(0.1, 0.6)),
            "reused_devices": float(rng.uniform(0.0, 0.5)),
            "reused_addresses": float(rng.uniform(0.0, 0.5)),
            "recreated_personas": float(rng.uniform(0.0, 0.25)),
        }

    def create(self) -> None:
        rng, world, p, o = self.rng, self.world, self.params, self.origin
        n = self.size
        old = o.rows
        acc = o.world.accounts
        pick = old[rng.integers(0, len(old), n)]
        # new accounts: made between the takedown and the first third of this period
        lo = o.world.end + DAY
        hi = world.start + world.days * DAY // 3
        created = lo + (rng.random(n) * (hi - lo)).astype(np.int64)
        phones = random_u64(rng, max(1, n // p["accounts_per_device"] + 1))
        device = phones[rng.integers(0, len(phones), n)]
        reuse_device = rng.random(n) < p["reused_devices"]
        device = np.where(reuse_device, acc.num("device1")[pick], device)
        home = home_networks(world, rng, np.full(n, COUNTRY_ID[p["operated_from"]]))
        ip24 = world.addresses(rng, home).astype(np.uint32)
        reuse_ip = rng.random(n) < p["reused_addresses"]
        home = np.where(reuse_ip, acc.num("asn")[pick], home)
        ip24 = np.where(reuse_ip, acc.num("ip24")[pick], ip24).astype(np.uint32)
        cols: dict[str, object] = {
            "device1": device,
            "device2": device,
            "asn": home,
            "ip24": ip24,
            "vpn_p": np.zeros(n),
            "created_at": created,
            "country": np.full(n, self.target),
            "has_avatar": np.ones(n, dtype=bool),
        }
        if self.has("T0128"):
            target_ip = IP_COUNTRY_ID[COUNTRIES[self.target].code]
            exits = np.array([i for i in world.hosting if world.network_country[i] != target_ip])
            cols["vpn"] = exits[rng.integers(0, len(exits), n)]
            cols["vpn_p"] = np.full(n, 0.95)
        if self.has("T0145.002"):
            avatar = share_bits(rng, int(acc.num("avatar")[old[0]]), n, 20)
        else:
            avatar = random_u64(rng, n)
        reuse_avatar = rng.random(n) < p["reused_avatars"]
        copied = flip_bits(rng, acc.num("avatar")[pick], rng.integers(0, 3, n))
        cols["avatar"] = np.where(reuse_avatar, copied, avatar)
        # a few personas re-created outright: the removed member's name, bio and a handle
        # that reads as theirs
        again = rng.random(n) < p["recreated_personas"]
        base = people(
            world,
            rng,
            n,
            lang=np.full(n, self.code),
            country=np.full(n, self.target),
            created_at=created,
        )
        mimicked = [mimic_handle(rng, str(h)) for h in A.take(acc.text("handle"), pick).to_pylist()]
        cols["handle"] = A.where(again, A.strings(mimicked), base["handle"])
        cols["display_name"] = A.where(
            again, A.take(acc.text("display_name"), pick), base["display_name"]
        )
        cols["bio"] = A.where(again, A.take(acc.text("bio"), pick), base["bio"])
        rows = world.accounts.add(n, **{**base, **cols})
        self.news = np.zeros(0, np.int64)
        self.rows = rows
        self.scale_activity(0.0, 0.3)
        self.open_record(
            tactics=self.tactics,
            targets={"countries": [COUNTRIES[self.target].code], "languages": p["languages"]},
        )
        world.label(self.rows, self.record, "member", (self.kind, "coord.network"))
        self.seeders = self.rows[: max(1, n // 10)]
        world.label(self.seeders, self.record, "operator")

    def _base_texts(self, langs: list[int]) -> tuple[list[str], list[int]]:
        """The first period's narratives, and a few new ones on the same candidates."""
        texts, text_lang = self.origin.narratives
        texts, text_lang = list(texts), list(text_lang)
        for lang in langs:
            for text in self._narratives(lang, self.params["new_narratives"]):
                texts.append(text)
                text_lang.append(lang)
        return texts, text_lang


class ReturnLookalikes(Group):
    """New organic accounts that resemble a returning network without belonging to it."""

    kind = "return_lookalikes"
    negative = True

    def __init__(self, world: World, index: int, origin: InfluenceNetwork) -> None:
        self.origin = origin
        super().__init__(world, index)

    def plan(self) -> None:
        rng = self.rng
        self.size = self.world.size(rng, 10, 40, 6)
        self.params = {
            "size": self.size,
            "resembles": _origin_id(self.origin),
            "namesakes": float(rng.uniform(0.2, 0.4)),
            "writers": float(rng.uniform(0.2, 0.4)),
            "language": LANGS[self.origin.code],
        }

    def create(self) -> None:
        rng, world, p, o = self.rng, self.world, self.params, self.origin
        n = self.size
        created = world.start - (rng.uniform(0, 20, n) * DAY).astype(np.int64)
        base = people(
            world, rng, n, lang=np.full(n, o.code), country=np.full(n, o.target), created_at=created
        )
        roles = rng.random(n)
        namesake = roles < p["namesakes"]
        # namesakes of removed members, with handles made of the same name
        acc = o.world.accounts
        names = A.take(acc.text("display_name"), o.rows[rng.integers(0, len(o.rows), n)])
        handles = [
            f"{ascii_name(str(name))}{int(d)}"
            for name, d in zip(names.to_pylist(), rng.integers(1, 99, n), strict=True)
        ]
        rows = world.accounts.add(
            n,
            **{
                **base,
                "link_p": np.full(n, 0.25),
                "topic_a": np.full(n, POLITICS),
                "display_name": A.where(namesake, names, base["display_name"]),
                "handle": A.where(namesake, A.strings(handles), base["handle"]),
            },
        )
        self.writers = rows[~namesake & (roles < p["namesakes"] + p["writers"])]
        self.rows = rows
        self.open_record()
        world.label(self.rows, self.record, "hard_negative")

    def act(self) -> None:
        """Writers post about the network in their own words, with its links and hashtag."""
        rng, world, o = self.rng, self.world, self.origin
        if not len(self.writers):
            return
        per = rng.integers(1, 4, len(self.writers))
        account = np.repeat(self.writers, per)
        m = len(account)
        lo = np.maximum(world.accounts.num("created_at")[account], world.start)
        t = lo + (rng.random(m) * (world.end - lo)).astype(np.int64)
        sites = o.params["sites"]
        urls = A.lists_from_counts(np.ones(m, dtype=np.int64), site_links(rng, sites, m))
        tags = tag_lists(A.strings([o.params["hashtag"]] * m), np.ones(m, dtype=np.int64))
        lang = np.full(m, o.code)
        text = attach(compose(rng, lang, np.full(m, POLITICS)), urls, tags)
        add_posts(world, account, t, text, o.code, urls=urls, hashtags=tags)
        # the popular sites of their country, like everyone else
        k = len(self.rows)
        shared = A.lists_from_counts(
            np.ones(k, dtype=np.int64), organic_links(rng, np.full(k, o.code))
        )
        t2 = world.start + (rng.random(k) * (world.end - world.start)).astype(np.int64)
        text2 = attach(compose(rng, np.full(k, o.code), np.full(k, POLITICS)), shared)
        add_posts(world, self.rows, t2, text2, o.code, urls=shared)


def second_period(world: World, origins: list[InfluenceNetwork]) -> list[Group]:
    """The groups a second period adds: each first-period network returns, with look-alikes."""
    groups: list[Group] = [ReturningNetwork(world, i, o) for i, o in enumerate(origins)]
    groups += [ReturnLookalikes(world, i, o) for i, o in enumerate(origins)]
    return groups
