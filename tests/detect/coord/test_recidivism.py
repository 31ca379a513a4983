"""``coord.recidivism``: returning networks and replacements of suspended accounts.

Two small platforms. In the first, a network of four personas pushes two narratives, its own
site and hashtag from one phone; ordinary people chat and link a popular news site. It is
fingerprinted (the way enforcement does after a takedown) and handed to the second period's
lake as the ledger would. The second period holds the network's new accounts, each showing a
different mix of traces, beside the look-alikes the seeds say are not violations: a critic
linking the site with the hashtag, a namesake, a person sharing the popular site, the same
language and hours, and an old account. The ban-evasion world has an account suspended before
the data, its replacement, a namesake and an older account with the same persona.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from lockstep.detect.coord.recidivism import Recidivism
from lockstep.fingerprint.build import Subject, build
from lockstep.fingerprint.ledger import write_tables
from lockstep.fingerprint.model import Fingerprint
from lockstep.ingest.urls import urls_table
from lockstep.lake import Lake

T1 = datetime(2024, 3, 1)
TAKEDOWN = datetime(2024, 3, 20)
T2 = datetime(2024, 4, 1)
NARRATIVES = (
    "Only Popescu can save our country from the corrupt elite, vote on Sunday",
    "The media will never tell you what Ionescu did to our pensions, share before deleted",
)
SITE = "https://adevarvoce.info"
POPULAR = "https://www.bbc.com/news"
AVATAR = "a1b2c3d4e5f60718"
AVATAR_NEAR = "a1b2c3d4e5f60719"  # one bit off
OTHER_AVATAR = "0f0f0f0f12345678"
OTHER_AVATAR_NEAR = "0f0f0f0f1234567b"  # two bits off


def account(account_id: str, created: datetime, **values: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "account_id": account_id,
        "handle": account_id,
        "display_name": account_id.replace("_", " ").title(),
        "created_at": created,
        "bio": None,
        "avatar_hash": f"{abs(hash(account_id)) % (1 << 60):016x}",
        "lang": "ro",
        "suspended_at": None,
    }
    row.update(values)
    return row


class Posts:
    """Posts and engagements of one period, with ids that cannot collide."""

    def __init__(self, prefix: str, start: datetime) -> None:
        self.prefix, self.start = prefix, start
        self.posts: list[dict[str, Any]] = []
        self.engagements: list[dict[str, Any]] = []

    def post(
        self,
        who: str,
        text: str,
        hour: float,
        urls: tuple[str, ...] = (),
        tags: tuple[str, ...] = (),
    ) -> str:
        post_id = f"{self.prefix}p{len(self.posts):04d}"
        self.posts.append(
            {
                "post_id": post_id,
                "account_id": who,
                "created_at": self.start + timedelta(hours=hour),
                "text": " ".join([text, *urls, *(f"#{t}" for t in tags)]),
                "lang": "ro",
                "urls": list(urls),
                "hashtags": list(tags),
            }
        )
        return post_id

    def like(self, who: str, post_id: str, hour: float) -> None:
        self.engagements.append(
            {
                "engagement_id": f"{self.prefix}e{len(self.engagements):04d}",
                "account_id": who,
                "kind": "like",
                "created_at": self.start + timedelta(hours=hour),
                "target_post_id": post_id,
            }
        )


def sessions(rows: list[tuple[str, str, str]], start: datetime) -> list[dict[str, Any]]:
    return [
        {"account_id": a, "created_at": start, "event": "login", "device_id": d, "ip": ip}
        for a, d, ip in rows
    ]


MEMBERS = ("ion_popa", "ana_dima", "mihai_rus", "elena_toma")
PEOPLE = tuple(f"person_{i}" for i in range(8))


def first_period() -> dict[str, list[dict[str, Any]]]:
    accounts = [
        account(
            m,
            T1 - timedelta(days=90),
            bio=f"{m.split('_')[0].title()} · patriot, father, proud of Romania"
            if i == 0
            else None,
            avatar_hash=AVATAR if i == 0 else None,
        )
        for i, m in enumerate(MEMBERS)
    ]
    accounts += [account(p, T1 - timedelta(days=900)) for p in PEOPLE]
    p = Posts("a", T1)
    for day in range(5):
        for i, m in enumerate(MEMBERS):
            text = NARRATIVES[(day + i) % 2]
            p.post(m, text, 24 * day + 20 + i * 0.1, urls=(f"{SITE}/a{day}{i}",), tags=("votro42",))
    for i, person in enumerate(PEOPLE):
        for day in range(3):
            p.post(person, f"Lovely day number {day} in town, says {person}", 24 * day + 9 + i)
        p.post(person, "Reading the morning paper", 30 + i, urls=(f"{POPULAR}/story{i}",))
    for m in MEMBERS:
        p.post(m, "Reading the morning paper", 31, urls=(f"{POPULAR}/story9",))
    net = [(m, "phone-net-1", f"203.0.113.{10 + i}") for i, m in enumerate(MEMBERS)]
    ppl = [(x, f"phone-{x}", f"198.51.{i}.7") for i, x in enumerate(PEOPLE)]
    return {
        "accounts": accounts,
        "posts": p.posts,
        "engagements": p.engagements or [],
        "sessions": sessions(net + ppl, T1),
    }


def with_urls(lake: Lake, tables: dict[str, list[dict[str, Any]]]) -> Lake:
    """The lake plus the derived ``urls`` table ingest writes (registered domains)."""
    links = pa.array([u for row in tables["posts"] for u in row.get("urls") or []], pa.string())
    pq.write_table(urls_table(links), lake.path("urls"))
    return lake


def period(make_lake: Callable[..., Lake], tables: dict[str, list[dict[str, Any]]]) -> Lake:
    return with_urls(make_lake(tables), tables)


def fingerprint(lake: Lake) -> Fingerprint:
    subject = Subject("fp_net", "network", "net-romania", TAKEDOWN, MEMBERS, "a network")
    return build(lake, [subject])[0]


def second_period() -> dict[str, list[dict[str, Any]]]:
    new = T2 - timedelta(days=5)
    accounts = [
        account("writer", new),  # the narratives again, with the site and hashtag
        account("kit", new, avatar_hash=AVATAR_NEAR),  # the old avatar, the old phone
        account(  # the first member's persona re-created
            "ion_popa_2",
            new,
            display_name="Ion Popa",
            bio="Ion · patriot, father, proud of Romania",
            avatar_hash=AVATAR,
        ),
        account("amplifier", new),  # links the site, likes three of the others
        account("critic", new),  # writes about the network, with its site and hashtag
        account("namesake", new, handle="anadima77", display_name="Ana Dima"),
        account("reader", new),  # the popular site, the same hours and language
        account("old_fan", T1 - timedelta(days=400)),  # known before the takedown
        *(account(x, T1 - timedelta(days=900)) for x in PEOPLE),
    ]
    p = Posts("b", T2)
    for day in range(4):
        p.post(
            "writer",
            NARRATIVES[day % 2] + "!!",
            24 * day + 20,
            urls=(f"{SITE}/b{day}",),
            tags=("votro42",),
        )
        p.post("old_fan", NARRATIVES[day % 2], 24 * day + 21, urls=(f"{SITE}/c{day}",))
    kit_posts = [p.post("kit", f"Good evening friends, day {d}", 24 * d + 20) for d in range(3)]
    writer_posts = [r["post_id"] for r in p.posts if r["account_id"] == "writer"]
    back = p.post("ion_popa_2", "Back again, they cannot silence us", 22)
    for d in range(3):
        p.post("amplifier", "look", 24 * d + 20.5, urls=(f"{SITE}/x{d}",), tags=("votro42",))
    for post_id in [*writer_posts[:2], *kit_posts[:2], back]:
        p.like("amplifier", post_id, 60)
    for d in range(2):
        p.post(
            "critic",
            "This site spreads lies about the election, please do not share it",
            24 * d + 20,
            urls=(f"{SITE}/debunk{d}",),
            tags=("votro42",),
        )
    p.post("namesake", "Ana here, lovely weather in Cluj", 20, tags=("votro42",))
    p.post("reader", "Reading the morning paper", 20, urls=(f"{POPULAR}/story9",))
    for i, person in enumerate(PEOPLE):
        p.post(person, f"Another day for {person}", 9 + i)
    rows = [
        ("kit", "phone-net-1", "192.0.2.44"),
        ("writer", "phone-w", "192.0.2.45"),
        ("reader", "phone-r", "198.51.3.9"),
    ]
    return {
        "accounts": accounts,
        "posts": p.posts,
        "engagements": p.engagements,
        "sessions": sessions(rows, T2),
    }


@pytest.fixture
def returned(make_lake: Callable[..., Lake]) -> tuple[Lake, Fingerprint]:
    fp = fingerprint(period(make_lake, first_period()))
    lake = period(make_lake, second_period())
    known = {a: TAKEDOWN - timedelta(days=10) for a in ("old_fan", *PEOPLE)}
    write_tables(lake, [fp], known)
    return lake, fp


def findings(lake: Lake) -> dict[str, dict[str, Any]]:
    table = Recidivism().detect(lake).findings
    return {
        r["subject_id"]: {**r, "evidence": json.loads(r["evidence"])} for r in table.to_pylist()
    }


def test_the_fingerprint_keeps_what_was_the_networks(make_lake: Callable[..., Lake]) -> None:
    fp = fingerprint(period(make_lake, first_period()))
    texts = {t.norm[:20]: t for t in fp.texts}
    assert set(texts) == {"onlypopescucansaveou", "themediawillnevertel", "readingthemorningpap"}
    assert texts["onlypopescucansaveou"].ownership == 1.0
    # the members' one shared stock phrase is everyone's: eight people posted it too
    assert (texts["readingthemorningpap"].members, texts["readingthemorningpap"].others) == (4, 8)
    values = {s: {v.value: v for v in vs} for s, vs in fp.items.items()}
    assert values["domain"]["adevarvoce.info"].ownership == 1.0
    assert values["hashtag"]["votro42"].members == 4
    # the popular site: four members used it, and eight other people
    popular = values["domain"]["bbc.com"]
    assert (popular.members, popular.others) == (4, 8)
    assert values["device"]["phone-net-1"].members == 4
    assert "203.0.113.0/24" in values["ip_prefix"]
    assert fp.member_total == 4 and {m.account_id for m in fp.members} == set(MEMBERS)
    assert abs(sum(fp.hours) - 1.0) < 1e-9 and fp.languages == {"ro": 1.0}
    assert Fingerprint.from_payload(json.loads(json.dumps(fp.to_payload()))) == fp


def test_returning_accounts_are_named_to_the_network(returned: tuple[Lake, Fingerprint]) -> None:
    lake, _ = returned
    found = findings(lake)
    assert {"writer", "kit", "ion_popa_2", "amplifier"} <= set(found)
    for name in ("writer", "kit", "ion_popa_2", "amplifier"):
        ev = found[name]["evidence"]
        assert ev["network_id"] == "net-romania"
        assert ev["reference"]["kind"] == "network"
        assert found[name]["behaviour"] == "coord.recidivism"
    writer = found["writer"]["evidence"]
    assert writer["content"]["posts"] == 4
    assert writer["content"]["examples"][0]["similarity"] >= 0.7
    assert "near-identical to its texts" in writer["summary"]
    assert "adevarvoce.info" in writer["summary"] and "#votro42" in writer["summary"]
    kit = found["kit"]["evidence"]
    assert kit["avatar"]["bits"] == 1 and kit["avatar"]["member"] == "ion_popa"
    assert kit["shared"]["device"]["values"][0]["value"] == "phone-net-1"
    persona = found["ion_popa_2"]["evidence"]
    assert "bio" in persona["families"] and "name" in persona["families"]
    assert "handle 'ion_popa_2' reads as member @ion_popa's" in persona["summary"]
    amplifier = found["amplifier"]["evidence"]
    assert {c["account_id"] for c in amplifier["cohort"]} == {"writer", "kit", "ion_popa_2"}
    assert "writer" in found["kit"]["evidence"]["co_returning"]


def test_one_coincidence_is_never_enough(returned: tuple[Lake, Fingerprint]) -> None:
    found = findings(returned[0])
    # the critic: the site and the hashtag in its own words; the namesake: a member's name
    # and the hashtag; the reader: the popular site, the language and the hours; the old
    # fan: the narratives and the site, but the ledger knew it before the takedown
    for name in ("critic", "namesake", "reader", "old_fan", *PEOPLE):
        assert name not in found, found.get(name, {}).get("evidence", {}).get("summary")


def test_a_value_others_used_too_does_not_count(returned: tuple[Lake, Fingerprint]) -> None:
    lake, fp = returned
    popular = {v.value for v in fp.items["domain"] if v.ownership < 0.5}
    assert popular == {"bbc.com"}
    for f in findings(lake).values():
        assert "bbc.com" not in json.dumps(f["evidence"]["shared"])


def test_skipped_without_suspensions_or_fingerprints(make_lake: Callable[..., Lake]) -> None:
    """No account suspended before the data and no ledger fingerprints: nothing to compare
    with, so the detector is skipped with a reason; the fingerprints table alone lets it run
    (and, empty, find nothing)."""
    lake = period(make_lake, second_period())
    assert Recidivism().missing(lake) == ["accounts.suspended_at"]
    write_tables(lake, [], {})
    assert Recidivism().missing(lake) == []
    assert Recidivism().detect(lake).findings.num_rows == 0


# -- ban evasion against accounts suspended before the data --------------------------------

BIO = "Nurse and marathon runner from Porto, mother of two, coffee first"


def evasion_world() -> dict[str, list[dict[str, Any]]]:
    gone_at = T2 - timedelta(days=30)
    accounts = [
        account(
            "gone",
            T1 - timedelta(days=800),
            handle="maria.silva",
            display_name="Maria Silva",
            bio=BIO,
            avatar_hash=AVATAR,
            suspended_at=gone_at,
        ),
        account(
            "back",
            gone_at + timedelta(days=3),
            handle="maria.silva_2",
            display_name="Maria Silva 🔁",
            bio=BIO,
            avatar_hash=AVATAR_NEAR,
        ),
        account(
            "namesake",
            gone_at + timedelta(days=5),
            handle="mariasilva88",
            display_name="Maria Silva",
            bio="Teacher in Braga",
        ),
        account(
            "older",
            gone_at - timedelta(days=200),
            handle="maria_silva",
            display_name="Maria Silva",
            bio=BIO,
            avatar_hash=AVATAR_NEAR,
        ),
        account("bio_only", gone_at + timedelta(days=2), bio=BIO),
        account(
            "gone_too",
            T1 - timedelta(days=700),
            handle="joao_pereira84",
            display_name="João Pereira",
            avatar_hash=OTHER_AVATAR,
            suspended_at=gone_at,
        ),
        # the counter dropped, an authority word added: the name still reads as the old one
        account(
            "back_too",
            gone_at + timedelta(days=1),
            handle="thejoao_pereira",
            display_name="Joao Pereira",
            avatar_hash=OTHER_AVATAR_NEAR,
        ),
        *(account(x, T1 - timedelta(days=900)) for x in PEOPLE),
    ]
    p = Posts("c", T2)
    for who in ("back", "back_too", "namesake", "older", "bio_only", *PEOPLE):
        p.post(who, f"hello from {who}", 10)
    return {"accounts": accounts, "posts": p.posts}


def test_a_replacement_of_a_suspended_account(make_lake: Callable[..., Lake]) -> None:
    found = findings(make_lake(evasion_world()))
    assert set(found) == {"back", "back_too"}, {
        k: v["evidence"]["summary"] for k, v in found.items()
    }
    too = found["back_too"]["evidence"]
    assert too["replaces"] == "gone_too"
    handle = next(n for n in too["names"] if n["field"] == "handle")
    assert (handle["skeleton"], handle["edits"]) == ("joaoperelra", 1)  # i and l read alike
    ev = found["back"]["evidence"]
    assert ev["replaces"] == "gone" and "network_id" not in ev
    assert ev["reference"]["source"] == "input suspended_at"
    assert ev["account"]["new_because"] == "created after the takedown"
    assert set(ev["families"]) >= {"name", "bio", "visual"}
    assert ev["summary"].startswith("new account @maria.silva_2 (created ")
    assert "replaces @maria.silva, suspended " in ev["summary"]
    assert "avatar 1 bit from its" in ev["summary"]
    assert found["back"]["score"] >= 0.9


def test_the_same_input_gives_the_same_findings(returned: tuple[Lake, Fingerprint]) -> None:
    lake, _ = returned
    first = Recidivism().detect(lake).findings
    second = Recidivism().detect(Lake(lake.root)).findings
    assert first.equals(second)


@pytest.mark.spark
@pytest.mark.slow
def test_pyspark_finds_the_same(returned: tuple[Lake, Fingerprint], spark_con: Any) -> None:
    lake, _ = returned
    duck = Recidivism().detect(lake).findings
    assert duck.num_rows >= 4
    spark = Recidivism().detect(Lake(lake.root, backend="pyspark", con=spark_con)).findings
    assert duck.equals(spark)
