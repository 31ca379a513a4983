"""coord.mass_registration: batches of sign-ups sharing an operator's traces, with and without
sign-up sessions, and the organic sign-up bursts that are not that (a launch day, a class
joining from one campus address)."""

from __future__ import annotations

import json
import math
import random
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import ibis
import pytest

from lockstep.detect.coord.mass_registration import MassRegistration, poisson_tail, shape
from lockstep.lake import Lake

T0 = datetime(2024, 6, 1)
FIRST = ["anna", "maria", "lucas", "omar", "chen", "sofia", "ivan", "ella", "noah", "mia", "leo"]
LAST = ["silva", "rossi", "smith", "novak", "kaya", "tanaka", "garcia", "muller", "ali", "berg"]
COMMON_UA = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) Mobile/15E148"
BROWSERS = [COMMON_UA] * 4 + [
    f"Mozilla/5.0 (Linux; Android 14; Model-{i}) Chrome/124" for i in range(8)
]
BOT_UA = "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/120.0.0.0 Safari/537.36"

Row = dict[str, Any]


class World:
    """Ordinary accounts with sessions, plus whatever a test adds."""

    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.accounts: list[Row] = []
        self.sessions: list[Row] = []
        for i in range(300):
            created = T0 - timedelta(days=self.rng.uniform(30, 3000))
            self.person(f"old{i}", created, signup=False)
        # a trickle of ordinary sign-ups during the month
        for i in range(40):
            self.person(f"new{i}", T0 + timedelta(hours=self.rng.uniform(0, 24 * 30)))

    def name(self) -> tuple[str, str]:
        first, last = self.rng.choice(FIRST), self.rng.choice(LAST)
        style = self.rng.randrange(4)
        handle = [
            f"{first}{last}",
            f"{first}.{last}",
            f"{first}_{last}{self.rng.randrange(70, 100)}",
            f"{first}{self.rng.randrange(1, 9999)}",
        ][style]
        return handle, f"{first.title()} {last.title()}"

    def person(
        self, account: str, created: datetime, signup: bool = True, ip: str | None = None
    ) -> None:
        handle, display = self.name()
        self.accounts.append(
            {
                "account_id": account,
                "handle": handle,
                "display_name": display,
                "created_at": created,
                "bio": self.rng.choice([None, f"📍 {self.rng.choice(['Lisbon', 'Oslo', 'Lima'])}"])
                or f"{self.rng.choice(['coffee', 'books', 'cats'])} and {account}",
                "avatar_hash": f"{self.rng.getrandbits(64):016x}",
            }
        )
        device = f"{self.rng.getrandbits(64):016x}"
        octets = (self.rng.randrange(1, 223), self.rng.randrange(256), self.rng.randrange(256))
        home = ip or ".".join(map(str, octets)) + f".{self.rng.randrange(2, 255)}"
        ua = self.rng.choice(BROWSERS)
        if signup:
            self.session(account, created, "signup", device, home, ua)
        start = max(created, T0)
        for _ in range(6):
            when = start + timedelta(hours=self.rng.uniform(0, 24 * 30))
            self.session(account, when, "login", device, home, ua)

    def session(
        self, account: str, when: datetime, event: str, device: str, ip: str, ua: str
    ) -> None:
        self.sessions.append(
            {
                "account_id": account,
                "created_at": when,
                "event": event,
                "device_id": device,
                "ip": ip,
                "user_agent": ua,
            }
        )

    def batch(self, n: int, start: datetime, hours: float = 2.0) -> list[str]:
        """A registration script: template names, one bio, one picture re-encoded, three
        devices, one address block, one automation agent."""
        ids = []
        for i in range(n):
            account = f"bot{i}"
            created = start + timedelta(hours=hours * i / n)
            first, last = FIRST[i % len(FIRST)], LAST[(i * 7) % len(LAST)]
            digits = 1000 + self.rng.randrange(9000)
            avatar = 0xA5A5F0F00F0F5A5A ^ (1 << self.rng.randrange(64))
            self.accounts.append(
                {
                    "account_id": account,
                    "handle": f"{first}{last}{digits}",
                    "display_name": f"{first.title()} {last.title()} {digits}",
                    "created_at": created,
                    "bio": "Crypto enthusiast 🚀 | DM for collab",
                    "avatar_hash": f"{avatar:016x}",
                }
            )
            device = f"{0xD0 + i % 3:016x}"
            self.session(account, created, "signup", device, f"45.67.89.{10 + i}", BOT_UA)
            self.session(
                account, created + timedelta(days=1), "login", device, "45.67.89.7", BOT_UA
            )
            ids.append(account)
        return ids

    def tables(self, sessions: bool = True) -> dict[str, list[Row]]:
        out = {"accounts": self.accounts}
        if sessions:
            out["sessions"] = self.sessions
        return out


def _run(make_lake: Callable[..., Lake], world: World, sessions: bool = True, **params: Any):  # type: ignore[no-untyped-def]
    out = MassRegistration(**params).detect(make_lake(world.tables(sessions)))
    return {
        r["subject_id"]: {**r, "evidence": json.loads(r["evidence"])}
        for r in out.findings.to_pylist()
    }


@pytest.mark.parametrize("sessions", [True, False], ids=["sessions", "profiles"])
def test_a_scripted_batch_is_found_with_and_without_sessions(
    make_lake: Callable[..., Lake], sessions: bool
) -> None:
    world = World()
    bots = world.batch(12, T0 + timedelta(days=9, hours=3))
    found = _run(make_lake, world, sessions)
    assert set(found) == set(bots)
    ev = found["bot0"]["evidence"]
    types = set(ev["types"])
    assert {"name", "bio", "avatar"} <= types
    if sessions:
        assert {"device", "network", "agent"} <= types
        assert "device" in ev["summary"] and "user agent" in ev["summary"]
    else:
        assert not {"device", "network", "agent"} & types
    assert ev["co_registered_total"] == 11
    assert 0.5 < found["bot0"]["score"] <= 1.0


def test_a_launch_day_wave_of_real_people_is_left_alone(make_lake: Callable[..., Lake]) -> None:
    world = World()
    day = T0 + timedelta(days=12)
    for i in range(80):
        world.person(f"wave{i}", day + timedelta(hours=world.rng.uniform(0, 24)))
    bots = world.batch(10, day + timedelta(hours=5))
    assert set(_run(make_lake, world)) == set(bots)
    assert set(_run(make_lake, world, sessions=False)) == set(bots)


def test_a_wave_leaning_on_popular_phones_and_handle_styles_is_not_a_batch(
    make_lake: Callable[..., Lake],
) -> None:
    """A wave from one market over-represents its favourite phone and handle style: very
    improbable under the platform's mix, but far from the effect of one operator."""
    world = World()
    day = T0 + timedelta(days=15)
    for i in range(150):
        world.person(f"wave{i}", day + timedelta(hours=world.rng.uniform(0, 20)))
        if world.rng.random() < 0.7:
            world.accounts[-1]["handle"] = (
                f"{world.rng.choice(FIRST)}{world.rng.randrange(1000, 9999)}"
            )
            for row in world.sessions[-7:]:
                row["user_agent"] = COMMON_UA
    assert _run(make_lake, world) == {}
    assert len(_run(make_lake, world, min_lift=1.0)) > 50


def test_a_class_signing_up_behind_one_campus_address_is_left_alone(
    make_lake: Callable[..., Lake],
) -> None:
    world = World()
    start = T0 + timedelta(days=4, hours=9)
    for i in range(25):
        world.person(f"pupil{i}", start + timedelta(minutes=2 * i), ip="131.9.40.2")
    assert _run(make_lake, world) == {}
    # the shared address alone is a surprising burst: one type, not two
    assert len(_run(make_lake, world, min_types=1)) == 25


def test_one_shared_trace_is_not_enough(make_lake: Callable[..., Lake]) -> None:
    """Ten sign-ups in an hour with one bio template but nothing else in common."""
    world = World()
    start = T0 + timedelta(days=6)
    for i in range(10):
        world.person(f"fan{i}", start + timedelta(minutes=6 * i))
        world.accounts[-1]["bio"] = "Official fan club member 💜"
    assert _run(make_lake, world) == {}
    assert len(_run(make_lake, world, min_types=1)) == 10


def test_small_batches_stay_below_min_accounts(make_lake: Callable[..., Lake]) -> None:
    world = World()
    bots = world.batch(4, T0 + timedelta(days=3))
    assert _run(make_lake, world) == {}
    assert set(_run(make_lake, world, min_accounts=3)) == set(bots)


def test_skipped_input_gives_nothing_and_created_at_alone_suffices(
    make_lake: Callable[..., Lake],
) -> None:
    world = World()
    world.batch(8, T0 + timedelta(days=2))
    lake = make_lake({"accounts": world.accounts})
    det = MassRegistration()
    assert det.missing(lake) == []
    assert len(det.detect(lake).findings) == 8


def test_name_shapes() -> None:
    names = ["joaosilva4821", "sunny_3fa9c1", "João Silva 4821", "anna.rossi", "Mia 🌸"]
    got = ibis.memtable({"n": names}).select(s=shape(ibis._.n)).to_pyarrow()["s"].to_pylist()
    assert got == ["a9999", "a_m", "a a 9999", "a.a", "a"]


def test_poisson_tail() -> None:
    assert poisson_tail(0, 3.0) == 1.0
    assert poisson_tail(5, 0.0) == 0.0
    assert poisson_tail(3, 5.0) == 1.0
    exact = 1 - sum(math.exp(-0.5) * 0.5**k / math.factorial(k) for k in range(5))
    assert exact <= poisson_tail(5, 0.5) < exact * 1.01
    assert poisson_tail(30, 1.0) < 1e-30
