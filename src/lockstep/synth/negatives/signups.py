"""Sign-ups, names and renames that look like account abuse but are people.

* A launch day: a marketing campaign or a viral moment brings a wave of real people signing
  up within one day, from one country, each with their own phone, network, name and face.
* A school class (or a workshop) joining together: a teacher has everyone sign up within an
  hour or two, all behind the campus NAT (one public address), each on their own device;
  the classmates then follow each other.
* Namesakes: different people who share a common full name, from one country, some even
  with the same "📍 city" bio; nothing else in common.
* A rename: an established user changes handle and display name (marriage, a rebrand) and
  moves abroad with a new phone, without any talk of selling the account.
"""

from __future__ import annotations

import numpy as np

from lockstep.synth import arrow as A
from lockstep.synth.organic import diurnal
from lockstep.synth.plant import Group, add_engagements, new_accounts
from lockstep.synth.profiles import (
    COUNTRY_TZ,
    ascii_name,
    countries_for,
    handles,
    home_networks,
    people,
)
from lockstep.synth.rand import DAY, HOUR, MINUTE
from lockstep.synth.vocab.geo import LANGS
from lockstep.synth.vocab.names import NAMES


class SignupWave(Group):
    """Many real people signing up on one day after a campaign or a viral moment."""

    kind = "signup_wave"
    negative = True

    def plan(self) -> None:
        rng = self.rng
        self.size = self.world.size(rng, 60, 250, 25)
        self.code = self.lang()
        self.params = {"size": self.size, "language": LANGS[self.code]}

    def create(self) -> None:
        rng, world = self.rng, self.world
        n = self.size
        country = countries_for(rng, np.array([self.code]))[0]
        day = world.start + int(rng.integers(0, world.days - 1)) * DAY
        # the local daily rhythm of one day, squeezed towards the announcement hour
        t = diurnal(world, rng, COUNTRY_TZ[np.full(n, country)], np.full(n, day))
        created = day + (t - world.start) % DAY
        self.rows = new_accounts(
            world, rng, n, self.code, country=np.full(n, country), created_at=created
        )
        self.open_record()
        world.label(self.rows, self.record, "hard_negative")

    def act(self) -> None:
        """Their sign-up sessions and activity are the background's."""


class CampusClass(Group):
    """A class signing up together behind one campus address, each on their own device."""

    kind = "campus_class"
    negative = True

    def plan(self) -> None:
        rng = self.rng
        self.size = int(rng.integers(12, 41))
        self.code = self.lang()
        self.params = {
            "size": self.size,
            "minutes": float(rng.uniform(20, 120)),
            "follow_share": float(rng.uniform(0.1, 0.5)),
            "language": LANGS[self.code],
        }

    def create(self) -> None:
        rng, world = self.rng, self.world
        n = self.size
        country = countries_for(rng, np.array([self.code]))[0]
        t0 = self.start_within(DAY)
        created = t0 + np.sort(rng.random(n) * self.params["minutes"] * MINUTE).astype(np.int64)
        campus = home_networks(world, rng, np.array([country]))
        self.rows = new_accounts(
            world,
            rng,
            n,
            self.code,
            country=np.full(n, country),
            created_at=created,
            asn=campus.repeat(n),
            ip24=world.addresses(rng, campus).astype(np.uint32).repeat(n),
            ip_last=np.full(n, int(rng.integers(2, 255))),
        )
        self.open_record()
        world.label(self.rows, self.record, "hard_negative")

    def act(self) -> None:
        rng, world = self.rng, self.world
        n = self.size
        a, b = np.nonzero(~np.eye(n, dtype=bool))
        pick = rng.random(len(a)) < self.params["follow_share"]
        created = world.accounts.num("created_at")
        t = np.maximum(created[self.rows[a[pick]]], created[self.rows[b[pick]]]) + (
            rng.uniform(1, 72, int(pick.sum())) * HOUR
        ).astype(np.int64)
        add_engagements(world, self.rows[a[pick]], "follow", t, target=self.rows[b[pick]])


class Namesakes(Group):
    """Different people sharing one common full name."""

    kind = "namesakes"
    negative = True

    def plan(self) -> None:
        rng = self.rng
        self.size = int(rng.integers(3, 7))
        self.code = self.lang()
        self.params = {"size": self.size, "language": LANGS[self.code]}

    def create(self) -> None:
        rng, world = self.rng, self.world
        n = self.size
        pool = NAMES[LANGS[self.code]]
        first = pool.first[int(rng.integers(0, len(pool.first)))]
        last = pool.last[int(rng.integers(0, len(pool.last)))]
        family_first = NAMES[LANGS[self.code]].family_first
        name = f"{last[0]}{first[0]}" if family_first else f"{first[0]} {last[0]}"
        latin_first = A.strings([ascii_name(first[1])] * n)
        latin_last = A.strings([ascii_name(last[1])] * n)
        country = np.full(n, countries_for(rng, np.array([self.code]))[0])
        self.rows = new_accounts(
            world,
            rng,
            n,
            self.code,
            country=country,
            display_name=A.strings([name] * n),
            handle=handles(rng, latin_first, latin_last),
        )
        self.params["name"] = name
        self.open_record()
        world.label(self.rows, self.record, "hard_negative")

    def act(self) -> None:
        """Namesakes lead their own lives: the background is all they do."""


class OrganicRename(Group):
    """A person who changes handle and name and moves abroad with a new phone, no sale."""

    kind = "organic_rename"
    negative = True

    def plan(self) -> None:
        rng = self.rng
        self.size = 1
        self.code = self.lang()
        self.params = {"move_day": float(rng.uniform(0.2, 0.8) * self.world.days)}

    def create(self) -> None:
        rng, world = self.rng, self.world
        lang = np.array([self.code], dtype=np.int64)
        # who they were: handle, phone and home network before the move
        old = people(world, rng, 1, lang=lang)
        self.old = (int(old["device1"][0]), int(old["asn"][0]), int(old["ip24"][0]))
        created = world.start - (rng.uniform(1, 10, 1) * 365 * DAY).astype(np.int64)
        # who they are now: another name in the same language, another country
        self.rows = new_accounts(
            world,
            rng,
            1,
            self.code,
            country=countries_for(rng, lang),
            created_at=created,
            previous_handle=A.take(old["handle"], np.zeros(1, dtype=np.int64)),
            session_rate=np.zeros(1),
        )
        self.open_record()
        world.label(self.rows, self.record, "hard_negative")

    def act(self) -> None:
        rng, world = self.rng, self.world
        account = int(self.rows[0])
        move = world.start + int(self.params["move_day"] * DAY)
        acc = world.accounts
        periods = (
            (world.start, move, *self.old),
            (
                move,
                world.end,
                int(acc.num("device1")[account]),
                int(acc.num("asn")[account]),
                int(acc.num("ip24")[account]),
            ),
        )
        for lo, hi, device, net, ip24 in periods:
            n = max(1, int(rng.poisson(1.2 * (hi - lo) / DAY)))
            t = np.sort(rng.integers(lo, hi, n))
            world.sessions.add(
                n,
                account=np.full(n, account),
                t=t,
                event=np.where(rng.random(n) < 0.6, 1, 2),
                ip=np.full(n, ip24, dtype=np.uint64) | np.uint64(int(rng.integers(2, 255))),
                asn=np.full(n, net),
                ip_country=world.network_country[np.full(n, net)],
                device=np.full(n, device, dtype=np.uint64),
                ua=np.full(n, acc.num("ua1")[account]),
                proxy=np.zeros(n, dtype=bool),
            )
