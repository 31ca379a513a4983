"""Many accounts, one operator: mass registration, overlapping personas, one stream on many
channels.

* Mass registration: a burst of sign-ups within hours sharing a few devices, one address
  block (or one hosting network, or residential proxies spread over the country's
  providers), one automation user agent (or a spoofed ordinary browser's), a name
  template, often a bio template and an avatar. Names are drawn without repeats, as
  registration scripts' name generators do, so no two accounts of a batch share a persona.
  The sign-up sessions carry all of it.
* Overlapping accounts: one to three personas, each run as two to five accounts (same name,
  bio and avatar, the avatar sometimes re-encoded) posting the same content hours or days
  apart.
* Multi-account livestream: the same stream (same media hash, or a re-encoding a few bits
  away) going live on several accounts within minutes, and clipped later.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from lockstep.synth import arrow as A
from lockstep.synth.campaigns.content import filled, numbers
from lockstep.synth.plant import Group, add_posts, new_accounts
from lockstep.synth.profiles import ascii_name, countries_for, home_networks
from lockstep.synth.rand import DAY, HOUR, MINUTE, flip_bits, random_u64
from lockstep.synth.text import Noise, Variants, compose
from lockstep.synth.urls import token
from lockstep.synth.vocab.books import LIVESTREAM, PRODUCTS, book
from lockstep.synth.vocab.geo import ALL_AGENTS, AUTOMATION_AGENTS, LANGS, USER_AGENTS
from lockstep.synth.vocab.names import HANDLE_WORDS, NAMES
from lockstep.synth.world import POST_KIND_ID

BIO_TEMPLATES = (
    "Crypto enthusiast 🚀 | DM for collab",
    "Just here for fun ✨",
    "Love life, love travel 🌍",
    "Entrepreneur | Investor | Dreamer",
    "Follow me for daily motivation 💪",
)


class MassRegistration(Group):
    """A burst of sign-ups sharing devices, network, user agent and templates."""

    kind = "coord.mass_registration"

    def plan(self) -> None:
        rng = self.rng
        self.size = self.world.size(rng, 10, 200, 6)
        self.code = self.lang(("en", "es", "pt", "de", "fr", "ru", "id", "tr", "it"))
        self.country = int(countries_for(rng, np.array([self.code]))[0])
        devices = int(rng.integers(1, 6)) if rng.random() < 0.7 else max(2, self.size // 3)
        self.params = {
            "size": self.size,
            "signup_hours": float(rng.uniform(0.5, 8)),
            "devices": devices,
            "network": str(rng.choice(["one_prefix", "hosting", "proxies"], p=[0.4, 0.4, 0.2])),
            "name_template": str(rng.choice(["name_digits", "word_hex", "dotted"])),
            "bio_template": BIO_TEMPLATES[int(rng.integers(0, len(BIO_TEMPLATES)))]
            if rng.random() < 0.7
            else None,
            "avatar": str(rng.choice(["shared", "none", "near"])),
            "user_agent": AUTOMATION_AGENTS[int(rng.integers(0, len(AUTOMATION_AGENTS)))]
            if rng.random() < 0.7
            else USER_AGENTS[int(rng.integers(0, len(USER_AGENTS)))],
            "languages": [LANGS[self.code]],
        }

    def _names(self, n: int) -> tuple[A.Arr, A.Arr]:
        rng = self.rng
        pool = NAMES[LANGS[self.code]]
        first, last = pool.first, pool.last
        # distinct (first, last) pairs while the pool allows: a generator, not a crowd
        combos = len(first) * len(last)
        pick = rng.choice(combos, n, replace=n > combos)
        fi, li = pick // len(last), pick % len(last)
        f_native = A.take(A.strings([p[0] for p in first]), fi)
        l_native = A.take(A.strings([p[0] for p in last]), li)
        f_ascii = A.take(A.strings([ascii_name(p[1]) for p in first]), fi)
        l_ascii = A.take(A.strings([ascii_name(p[1]) for p in last]), li)
        template = self.params["name_template"]
        if template == "word_hex":
            word = A.pick(rng, HANDLE_WORDS, n)
            tag = token(rng, n, 6, "lower")
            return A.join(A.upper(word), A.upper(tag), sep=" "), A.join(word, tag, sep="_")
        if template == "dotted":
            two = A.ints(rng.integers(10, 100, n))
            return A.join(f_native, l_native), A.join(f_ascii, l_ascii, two, sep=".")
        four = A.ints(rng.integers(1000, 10000, n))
        return A.join(f_native, l_native, four), A.join(f_ascii, l_ascii, four, sep="")

    def create(self) -> None:
        rng, world = self.rng, self.world
        n, p = self.size, self.params
        span = p["signup_hours"] * HOUR
        t0 = world.start + int(rng.uniform(0, 0.6) * world.days * DAY)
        created = t0 + np.sort((rng.random(n) * span).astype(np.int64))
        display, handle = self._names(n)
        devices = random_u64(rng, p["devices"])[np.arange(n) % p["devices"]]
        if p["network"] == "hosting":
            # Datacenter proxies: one hosting network, a different /24 per account.
            net = world.hosting[rng.integers(0, len(world.hosting), 1)].repeat(n)
            ip24 = world.addresses(rng, net)
        elif p["network"] == "proxies":
            # Residential proxies: every account from another home provider of the country.
            net = home_networks(world, rng, np.full(n, self.country))
            ip24 = world.addresses(rng, net)
        else:
            # One residential block for the whole batch.
            net = home_networks(world, rng, np.array([self.country])).repeat(n)
            ip24 = world.addresses(rng, net[:1]).repeat(n)
        avatar_base = random_u64(rng, 1).repeat(n)
        avatar = (
            flip_bits(rng, avatar_base, rng.integers(1, 3, n))
            if p["avatar"] == "near"
            else avatar_base
        )
        bio = A.strings([p["bio_template"]] * n) if p["bio_template"] else A.nulls(n)
        agent = ALL_AGENTS.index(p["user_agent"])
        self.rows = new_accounts(
            world,
            rng,
            n,
            self.code,
            country=np.full(n, self.country),
            created_at=created,
            handle=handle,
            display_name=display,
            bio=bio,
            avatar=avatar,
            has_avatar=np.full(n, p["avatar"] != "none"),
            followers=rng.poisson(3, n),
            following=rng.poisson(20, n),
            device1=devices,
            device2=devices,
            asn=net,
            ip24=ip24.astype(np.uint32),
            ua1=np.full(n, agent),
            ua2=np.full(n, agent),
            vpn_p=np.zeros(n),
            post_rate=np.full(n, 0.03),
            eng_rate=np.full(n, 0.8),
            session_rate=np.full(n, 0.5),
        )
        self.open_record()
        world.label(self.rows, self.record, "member", (self.kind,))

    def act(self) -> None:
        """Sign-up sessions come from the background (they are created inside the window)."""


class OverlappingAccounts(Group):
    """Personas each run as several accounts posting the same content at different times."""

    kind = "coord.overlapping_accounts"

    def plan(self) -> None:
        rng = self.rng
        sizes = [int(k) for k in rng.integers(2, 6, int(rng.integers(1, 4)))]
        self.size = sum(sizes)
        self.code = self.lang()
        self.params = {
            "size": self.size,
            "personas": sizes,
            "posts": int(rng.integers(5, 21)),
            "shared_device": bool(rng.random() < 0.5),
            "avatar": str(rng.choice(["same", "near"])),
            "lag_hours": [float(rng.uniform(1, 6)), float(rng.uniform(12, 72))],
            "edit_rate": float(rng.uniform(0.0, 0.1)),
            "languages": [LANGS[self.code]],
        }

    def _persona(self, n: int) -> A.I64:
        """One persona: an ordinary account and ``n - 1`` copies of it."""
        rng, world = self.rng, self.world
        persona = new_accounts(world, rng, 1, self.code)
        acc = world.accounts
        handle = str(acc.text("handle")[int(persona[0])].as_py())
        name = str(acc.text("display_name")[int(persona[0])].as_py())
        variants = [
            handle + "_",
            "the" + handle,
            handle + "official",
            f"{handle}{int(rng.integers(1, 99))}",
            "real" + handle,
            handle + "2",
            handle.replace("_", ".") + "_",
        ]
        chosen = [variants[int(i)] for i in rng.choice(len(variants), n - 1, replace=False)]
        avatar = np.full(n - 1, acc.num("avatar")[persona[0]], dtype=np.uint64)
        if self.params["avatar"] == "near":
            avatar = flip_bits(rng, avatar, rng.integers(1, 3, n - 1))
        names = [
            name
            if rng.random() < 0.6
            else f"{name} {['✨', '🌸', '•', '2'][int(rng.integers(0, 4))]}"
            for _ in range(n - 1)
        ]
        # One phone for all of them, unless the operator keeps the accounts apart.
        shared: dict[str, Any] = {}
        if self.params["shared_device"]:
            shared["device1"] = np.full(n - 1, acc.num("device1")[persona[0]], dtype=np.uint64)
        created = world.start - (rng.uniform(30, 1500, n - 1) * DAY).astype(np.int64)
        extra = new_accounts(
            world,
            rng,
            n - 1,
            self.code,
            country=np.full(n - 1, acc.num("country")[persona[0]]),
            created_at=created,
            handle=A.strings(chosen),
            display_name=A.strings(names),
            bio=A.take(acc.text("bio"), np.full(n - 1, persona[0])),
            avatar=avatar,
            has_avatar=np.ones(n - 1, dtype=bool),
            topic_a=np.full(n - 1, acc.num("topic_a")[persona[0]]),
            topic_b=np.full(n - 1, acc.num("topic_b")[persona[0]]),
            **shared,
        )
        acc.set("has_avatar", persona, True)
        return np.concatenate([persona, extra])

    def create(self) -> None:
        self.personas = [self._persona(n) for n in self.params["personas"]]
        self.rows = np.concatenate(self.personas)
        self.scale_activity(0.3, 0.5)
        self.open_record()
        self.world.label(self.rows, self.record, "member", (self.kind,))
        self.world.label(np.array([p[0] for p in self.personas]), self.record, "operator")

    def act(self) -> None:
        for rows in self.personas:
            self._post_copies(rows)

    def _post_copies(self, rows: A.I64) -> None:
        """Every account of one persona posts the same texts, hours to days apart."""
        rng, world = self.rng, self.world
        acc = world.accounts
        k = self.params["posts"]
        topic = np.where(
            rng.random(k) < 0.5, acc.num("topic_a")[rows[0]], acc.num("topic_b")[rows[0]]
        )
        texts = compose(
            rng, np.full(k, self.code, dtype=np.int64), topic.astype(np.int64)
        ).to_pylist()
        base = Variants([str(t) for t in texts], [self.code] * k)
        lo_lag, hi_lag = self.params["lag_hours"]
        created = np.maximum(acc.num("created_at")[rows], world.start)
        first = self.start_within(int(hi_lag * HOUR), int(created.max()))
        t_base = first + (rng.random(k) * (world.end - first) * 0.7).astype(np.int64)
        size = len(rows)
        which = np.repeat(np.arange(k), size)
        account = np.tile(rows, k)
        lag = rng.uniform(0, 1, len(which)) * (hi_lag - lo_lag) + lo_lag
        lag[np.arange(len(which)) % size == 0] = 0
        t = t_base[which] + (lag * HOUR).astype(np.int64)
        keep = t < world.end
        noise = Noise(edit=self.params["edit_rate"], emoji=0.2)
        text = self.copies(base, which[keep], noise, account[keep], t[keep])
        add_posts(world, account[keep], t[keep], text, self.code)


class MultiAccountLivestream(Group):
    """The same livestream going live on several accounts at once, and clipped later."""

    kind = "coord.multi_account_livestream"

    def plan(self) -> None:
        rng = self.rng
        self.size = int(rng.integers(3, 16))
        self.code = self.lang(("en", "es", "pt", "de", "id", "tr"))
        self.params = {
            "size": self.size,
            "streams": int(rng.integers(2, 9)),
            "start_jitter_minutes": float(rng.uniform(0, 10)),
            "reencoded": bool(rng.random() < 0.5),
            "participation": float(rng.uniform(0.7, 1.0)),
            "clip_share": float(rng.uniform(0.0, 0.5)),
            "languages": [LANGS[self.code]],
        }

    def create(self) -> None:
        rng, world = self.rng, self.world
        n = self.size
        created = world.start - (rng.uniform(20, 900, n) * DAY).astype(np.int64)
        self.rows = new_accounts(
            world, rng, n, self.code, created_at=created, video_p=np.full(n, 0.6)
        )
        self.scale_activity(0.4, 0.6)
        self.open_record()
        world.label(self.rows, self.record, "member", (self.kind,))

    def act(self) -> None:
        rng, world = self.rng, self.world
        p = self.params
        code = LANGS[self.code]
        texts = filled(
            rng, book(LIVESTREAM, code), 3, product=book(PRODUCTS, code), pct=numbers(rng, 20, 70)
        )
        base = Variants(texts, [self.code] * 3)
        for _ in range(p["streams"]):
            t0 = self.start_within(3 * DAY)
            on = self.rows[rng.random(self.size) < p["participation"]]
            m = len(on)
            if m < 2:
                on = self.rows[:2]
                m = 2
            stream = random_u64(rng, 1).repeat(m)
            hashes = flip_bits(rng, stream, rng.integers(1, 5, m)) if p["reencoded"] else stream
            t = t0 + (rng.random(m) * p["start_jitter_minutes"] * MINUTE).astype(np.int64)
            text = self.copies(base, rng.integers(0, 3, m), Noise(edit=0.1, emoji=0.3), on, t)
            media = A.lists_from_counts(np.ones(m, dtype=np.int64), A.hex16(hashes))
            add_posts(world, on, t, text, self.code, kind=POST_KIND_ID["livestream"], media=media)
            clip = rng.random(m) < p["clip_share"]
            c = int(clip.sum())
            if c:
                t_clip = t[clip] + (rng.uniform(1, 48, c) * HOUR).astype(np.int64)
                keep = t_clip < world.end
                k = int(keep.sum())
                clip_media = A.lists_from_counts(
                    np.ones(k, dtype=np.int64), A.hex16(hashes[clip][keep])
                )
                add_posts(
                    world,
                    on[clip][keep],
                    t_clip[keep],
                    self.copies(
                        base, rng.integers(0, 3, k), Noise(edit=0.2), on[clip][keep], t_clip[keep]
                    ),
                    self.code,
                    kind=POST_KIND_ID["video"],
                    media=clip_media,
                )
