"""The contract every registered detector keeps (DESIGN §5), checked once for all of them.

Tests are parametrised over ``registry.available()``, so a new detector is covered by
registering it: output schemas, declared behaviours, determinism, evidence with a summary,
scores in [0, 1], unique ids, parameters that document themselves and round-trip through
the constructor, and a clean skip with a reason when the input lacks its columns.
"""

from __future__ import annotations

import dataclasses
import json
import math
import zlib
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from lockstep.behaviours import BEHAVIOURS
from lockstep.contract import TABLES
from lockstep.detect.base import EDGE_SCHEMA, FINDING_SCHEMA, SUBJECT_TYPES, Detection
from lockstep.detect.registry import available
from lockstep.lake import Lake
from lockstep.pipeline import run_detectors
from lockstep.progress import NullProgress
from tests.conftest import lake_from_rows

DETECTORS = available()
NAMES = sorted(DETECTORS)
T0 = datetime(2024, 5, 1, 8, 0)

Row = dict[str, Any]


def _account(account_id: str, **values: Any) -> Row:
    row: Row = {
        "account_id": account_id,
        "handle": account_id,
        "display_name": account_id.replace("_", " ").title(),
        "created_at": T0 - timedelta(days=400),
        "bio": f"I am {account_id}",
        "avatar_hash": f"{zlib.crc32(account_id.encode()):08x}" * 2,
        "followers_count": 100,
        "following_count": 80,
        "verified": False,
        "declared_automated": False,
        "lang": "en",
        "country": "GB",
        "suspended_at": None,
        "is_stub": False,
    }
    row.update(values)
    return row


def contract_tables() -> dict[str, list[Row]]:
    """A small world in which every contract column of every table holds values.

    It mixes planted abuse (repeated posts, bare links, phishing and cloaked links, stuffed
    hashtags, replies to strangers, a shared livestream, a lookalike account, an account for
    sale, a suspended account back under a new one) with the seeds'
    non-violations (news, chat, branches of a business, a declared hobby bot), so detectors
    produce findings and not only empty tables.
    """
    accounts = [
        _account("repeater"),
        _account("linker"),
        _account("tagger"),
        _account("mentioner"),
        _account("news_desk", verified=True, followers_count=90000),
        _account(
            "news_desk_",
            display_name="News Desk",
            avatar_hash=f"{zlib.crc32(b'news_desk'):08x}" * 2,
            created_at=T0 - timedelta(days=2),
        ),
        _account("phisher"),
        _account("cloaker"),
        _account("chime_bot", declared_automated=True),
        _account("bakery_north"),
        _account("bakery_south"),
        *(_account(f"streamer_{x}") for x in "abc"),
        _account("promoter"),
        _account("seller"),
        *(_account(f"person_{i}") for i in range(6)),
        _account("gone", suspended_at=T0 - timedelta(days=30)),
        _account("left_behind", suspended_at=T0 - timedelta(days=20)),
        # back under a new account: the suspended account's name, bio and avatar
        _account(
            "left_behind_2",
            display_name="Left Behind",
            bio="I am left_behind",
            avatar_hash=f"{zlib.crc32(b'left_behind'):08x}" * 2,
            created_at=T0 - timedelta(days=3),
        ),
    ]
    posts: list[Row] = []

    def post(account: str, text: str | None, minutes: float, **values: Any) -> str:
        post_id = f"p{len(posts):04d}"
        row: Row = {
            "post_id": post_id,
            "account_id": account,
            "created_at": T0 + timedelta(minutes=minutes),
            "text": text,
            "lang": "en",
            "kind": "post",
            "reply_to": None,
            "quote_of": None,
            "urls": [],
            "urls_raw": [],
            "hashtags": [],
            "mentions": [],
            "media_hashes": [],
            "deleted_at": None,
        }
        row.update(values)
        posts.append(row)
        return post_id

    for i in range(6):
        post(
            "repeater",
            f"Limited offer!! Designer watches at half price, free shipping today {'🔥' * i}",
            20 * i,
            urls=[f"https://watches.example/p{i}"],
            urls_raw=[f"https://watches.example/p{i}"],
        )
    for i in range(8):
        url = f"https://deals.example/item/{i}"
        post("linker", url, 7 * i, urls=[url], urls_raw=[url])
    for i in range(5):
        tags = ["win", "free", "giveaway", "iphone", "crypto", "follow", "like", "viral", "fyp"]
        post("tagger", "win now " + " ".join(f"#{t}" for t in tags), 30 * i, hashtags=tags)
    first_chat = ""
    for i in range(12):
        pid = post(f"person_{i % 6}", f"Chat number {i}: the weather is lovely today", 11 * i)
        first_chat = first_chat or pid
    for i in range(10):
        post(
            "mentioner",
            f"@person_{i % 6} check my profile for a surprise",
            i,
            reply_to=first_chat,
            mentions=[f"person_{i % 6}"],
        )
    headlines = ["Budget passes after late session", "Storm warning for the coast tonight"]
    for i, h in enumerate(headlines):
        url = "https://news.example/live"
        post("news_desk", h, 60 * i, urls=[url], urls_raw=[url])
        post("news_desk_", h, 60 * i + 5, urls=[url], urls_raw=[url])
    for i in range(4):
        post("chime_bot", "BONG BONG BONG BONG the clock strikes the hour", 60 * i)
    for branch in ("bakery_north", "bakery_south"):
        post(branch, "Fresh sourdough this weekend at all our bakeries, come early!", 90)
    for account in ("streamer_a", "streamer_b", "streamer_c"):
        post(account, "LIVE now: unboxing", 120, kind="livestream", media_hashes=["ab12cd34ef56"])
    for i in range(6):
        phish, cloak = f"https://paypa1-secure.com/login?s={i}", f"https://adf.ly/x{i}"
        post("phisher", "verify your account now", 3 * i, urls=[phish], urls_raw=[phish])
        post("cloaker", None, 3 * i + 1, urls=[cloak], urls_raw=[cloak])
    post("promoter", "Follow for follow! Like all my posts and I like yours back", 5)
    post("seller", "Selling this account, 12k followers, DM me for the price", 8)
    post("person_0", "Quoting this, so true", 200, quote_of=first_chat, deleted_at=T0)

    engagements: list[Row] = []
    for i in range(30):
        engagements.append(
            {
                "engagement_id": f"e{i:04d}",
                "account_id": f"person_{i % 6}",
                "kind": ["like", "repost", "follow"][i % 3],
                "created_at": T0 + timedelta(minutes=i),
                "target_post_id": posts[i % len(posts)]["post_id"] if i % 3 != 2 else None,
                "target_account_id": "news_desk" if i % 3 == 2 else None,
                "value": 1.0 if i % 3 == 0 else None,
            }
        )
    # three people liking the same posts of three authors within minutes: lockstep
    by_author: dict[str, list[str]] = {}
    for row in posts:
        by_author.setdefault(row["account_id"], []).append(row["post_id"])
    liked = [p for author in ("repeater", "linker", "tagger") for p in by_author[author][:2]]
    for k, post_id in enumerate(liked):
        for i in (3, 4, 5):
            engagements.append(
                {
                    "engagement_id": f"l{k}{i}",
                    "account_id": f"person_{i}",
                    "kind": "like",
                    "created_at": T0 + timedelta(minutes=300 + 60 * k + i),
                    "target_post_id": post_id,
                    "target_account_id": None,
                    "value": None,
                }
            )
    sessions = [
        {
            "account_id": a["account_id"],
            "created_at": T0 - timedelta(hours=1),
            "event": "login",
            "ip": "203.0.113.7" if a["account_id"].startswith("streamer") else f"198.51.100.{n}",
            "asn": "AS64500",
            "ip_country": "GB",
            "device_id": f"dev-{n}",
            "user_agent": "Mozilla/5.0",
            "via_proxy": False,
        }
        for n, a in enumerate(accounts)
    ]
    reports = [
        {
            "report_id": "r0001",
            "reporter_id": "person_1",
            "target_type": "account",
            "target_id": "repeater",
            "created_at": T0 + timedelta(hours=3),
            "reason": "spam",
            "text": "keeps posting the same ad",
        }
    ]
    return {
        "accounts": accounts,
        "posts": posts,
        "engagements": engagements,
        "sessions": sessions,
        "reports": reports,
    }


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("contract_world")
    lake_from_rows(root, contract_tables())
    return root


class _Runs(dict[str, tuple[Detection, Detection]]):
    """Each detector run twice on demand, each time on a fresh lake (new connection)."""

    def __init__(self, root: Path) -> None:
        super().__init__()
        self.root = root

    def __missing__(self, name: str) -> tuple[Detection, Detection]:
        det = DETECTORS[name]()
        self[name] = (det.detect(Lake(self.root)), det.detect(Lake(self.root)))
        return self[name]


@pytest.fixture(scope="module")
def runs(world: Path) -> dict[str, tuple[Detection, Detection]]:
    return _Runs(world)


def test_the_world_fills_every_contract_column(world: Path) -> None:
    lake = Lake(world)
    for name, spec in TABLES.items():
        assert lake.missing_columns(name, spec.names) == [], name


def test_detectors_are_registered() -> None:
    assert "spam.duplicate_posts" in DETECTORS


@pytest.mark.parametrize("name", NAMES)
def test_runs_on_a_complete_lake(name: str, world: Path) -> None:
    assert DETECTORS[name]().missing(Lake(world)) == []


@pytest.mark.parametrize("name", NAMES)
def test_output_has_the_contract_schemas(
    name: str, runs: dict[str, tuple[Detection, Detection]]
) -> None:
    out, _ = runs[name]
    assert out.findings.schema.equals(FINDING_SCHEMA), out.findings.schema
    assert out.edges.schema.equals(EDGE_SCHEMA), out.edges.schema


@pytest.mark.parametrize("name", NAMES)
def test_declares_what_it_emits(name: str, runs: dict[str, tuple[Detection, Detection]]) -> None:
    cls = DETECTORS[name]
    assert cls.behaviours and set(cls.behaviours) <= set(BEHAVIOURS)
    out, _ = runs[name]
    rows = out.findings.to_pylist()
    assert {r["behaviour"] for r in rows} <= set(cls.behaviours)
    for r in rows:
        assert r["detector"] == name and r["detector_version"] == cls.version
        assert r["policy"] == BEHAVIOURS[r["behaviour"]].policy
        assert r["subject_type"] in SUBJECT_TYPES and r["subject_id"]
    for e in out.edges.to_pylist():
        assert e["detector"] == name and e["detector_version"] == cls.version


@pytest.mark.parametrize("name", NAMES)
def test_same_input_same_output(name: str, runs: dict[str, tuple[Detection, Detection]]) -> None:
    first, second = runs[name]
    assert first.findings.equals(second.findings)
    assert first.edges.equals(second.edges)


@pytest.mark.parametrize("name", NAMES)
def test_evidence_is_json_with_a_summary(
    name: str, runs: dict[str, tuple[Detection, Detection]]
) -> None:
    out, _ = runs[name]
    for table in (out.findings, out.edges):
        for raw in table.column("evidence").to_pylist():
            evidence = json.loads(raw)
            assert isinstance(evidence, dict)
            assert isinstance(evidence.get("summary"), str) and evidence["summary"].strip()


@pytest.mark.parametrize("name", NAMES)
def test_scores_windows_and_ids_are_sane(
    name: str, runs: dict[str, tuple[Detection, Detection]]
) -> None:
    out, _ = runs[name]
    findings = out.findings.to_pylist()
    assert all(0.0 <= f["score"] <= 1.0 for f in findings)
    assert len({f["finding_id"] for f in findings}) == len(findings)
    edges = out.edges.to_pylist()
    assert len({e["edge_id"] for e in edges}) == len(edges)
    assert all(e["src"] < e["dst"] and math.isfinite(e["weight"]) for e in edges)
    for row in findings + edges:
        if row["window_start"] is not None and row["window_end"] is not None:
            assert row["window_start"] <= row["window_end"]


@pytest.mark.parametrize("name", NAMES)
def test_parameters_document_themselves_and_round_trip(name: str) -> None:
    cls = DETECTORS[name]
    det = cls()
    params = det.params()
    assert cls(**params) == det
    assert cls(**json.loads(json.dumps(params))).params() == params  # as a config file gives them
    docs = cls.param_docs()
    assert set(docs) == {f.name for f in dataclasses.fields(cls)} == set(params)
    assert all(doc.strip() for doc in docs.values()), [p for p, d in docs.items() if not d.strip()]


@pytest.mark.parametrize("name", NAMES)
def test_skipped_with_a_reason_when_columns_are_absent(name: str, tmp_path: Path) -> None:
    """On a lake with nothing but account ids, the detector says what it lacks."""
    lake = lake_from_rows(tmp_path, {"accounts": [{"account_id": "a"}, {"account_id": "b"}]})
    det = DETECTORS[name]()
    missing = det.missing(lake)
    assert missing and all("." in m for m in missing)
    findings, edges, ran, skipped = run_detectors(lake, [det], NullProgress())
    assert ran == [] and findings.num_rows == 0 and edges.num_rows == 0
    assert skipped == [{"detector": name, "reason": "input lacks " + ", ".join(missing)}]


def test_the_world_is_not_silent(runs: dict[str, tuple[Detection, Detection]]) -> None:
    """The contract checks above see real rows, not only empty tables."""
    counts = {name: runs[name][0].findings.num_rows for name in NAMES}
    assert counts["spam.duplicate_posts"] > 0
    assert sum(1 for n in counts.values() if n) >= len(NAMES) // 2, counts
