"""``lockstep share import`` and ``feedback``: a peer's bundle opens external cases, with
provenance, review for thin evidence and for large bundles, and false-positive feedback."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import stix2

from lockstep.lake import Lake
from lockstep.ledger.state import LedgerState
from lockstep.ledger.store import Ledger
from lockstep.share.export import ExportOptions, build_bundle, validation_errors
from lockstep.share.extract import network_observables
from lockstep.share.keys import PartnerKey, load_key
from lockstep.share.source import from_run
from tests.clirun import cli
from tests.share import world
from tests.share.conftest import KEY_HEX, PARTNER

GOLDEN = Path(__file__).parent / "golden"
Cap = pytest.CaptureFixture[str]
MP = pytest.MonkeyPatch


@pytest.fixture(scope="module")
def bundle_a(run_a: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Platform A's bundle of its network, pseudonymised for ``peer-b``."""
    network = from_run(run_a, world.NETWORK_ID)
    observables = network_observables(Lake(run_a / "lake"), network.account_ids)
    key = PartnerKey(PARTNER, bytes.fromhex(KEY_HEX))
    made = build_bundle(network, observables, ExportOptions("Platform A", partner=PARTNER, key=key))
    path = tmp_path_factory.mktemp("bundles") / "platform_a.json"
    path.write_text(made.text, encoding="utf-8")
    return path


def _import(
    bundle: Path, ledger: str, run: Path, capsys: Cap, monkeypatch: MP, *extra: str
) -> tuple[int, str, str]:
    return cli(
        ["share", "import", str(bundle), "--ledger", ledger, "--run", str(run), *extra],
        capsys,
        monkeypatch,
    )


def _state(ledger: str) -> tuple[LedgerState, list[Any]]:
    with Ledger(ledger) as led:
        events = led.events()
    return LedgerState.fold(events), events


def _decided(state: LedgerState) -> dict[str, bool]:
    """account -> automated, for every decision."""
    return {
        a: ds.decision.automated for ds in state.decisions.values() for a in ds.decision.account_ids
    }


def test_counterparts_found_organic_never_automatic(
    bundle_a: Path, run_b: Path, ledger_url: str, capsys: Cap, monkeypatch: MP, golden
) -> None:  # type: ignore[no-untyped-def]
    code, out, err = _import(bundle_a, ledger_url, run_b, capsys, monkeypatch)
    assert code == 0, err
    golden(GOLDEN / "import.txt", out)
    state, events = _state(ledger_url)
    decided = _decided(state)
    assert {a for a, auto in decided.items() if auto} == set(world.COUNTERPARTS)
    # the organic account that linked the site once, to debunk it, waits for an analyst
    assert decided["p00"] is False
    assert not set(decided) & set(world.ORGANIC_B[1:])
    for ds in state.decisions.values():
        assert ds.decision.action == "permanent_suspension"
        assert "Disclosed by Platform A" in ds.decision.reason
    offenses = [o for o, _run, _at in state.offenses.values()]
    assert {o.subject_type for o in offenses} == {"network"}
    assert all("external" in o.flags for o in offenses)
    received = [e for e in events if e.kind == "indicators_received"]
    assert len(received) == 1
    p = received[0].payload
    bundle_id = json.loads(bundle_a.read_text())["id"]
    assert p["bundle_id"] == bundle_id and p["peer"]["name"] == "Platform A"
    # the transparency report counts the exchange under its partner (Commitment 16)
    from datetime import UTC, datetime, timedelta

    from lockstep.ledger.store import Ledger
    from lockstep.report.period import Period
    from lockstep.report.transparency import from_ledger

    today = datetime.now(UTC).date()
    with Ledger(ledger_url) as led:
        report = from_ledger(led, Period(today - timedelta(days=1), today + timedelta(days=1)))
    rows = [(r.direction, r.partner) for r in report.c16_exchanges]
    assert ("received", "Platform A") in rows
    assert p["tlp"] == "TLP:AMBER"
    strong = next(c for c in p["cases"] if not c["held_back"])
    assert strong["account_ids"] == world.COUNTERPARTS
    ids = {i["id"] for i in p["indicators"]}
    assert all(set(v) <= ids for v in strong["evidence"].values())
    assert len(strong["evidence"]["c00"]) >= 3  # link's site, text, video at least
    # the same bundle on the same data again: nothing new
    assert _import(bundle_a, ledger_url, run_b, capsys, monkeypatch)[0] == 0
    assert len(_state(ledger_url)[1]) == len(events)


def test_a_large_bundle_goes_to_review(
    bundle_a: Path, run_b: Path, tmp_path: Path, capsys: Cap, monkeypatch: MP
) -> None:
    ledger = str(tmp_path / "ledger.sqlite")
    code, out, _ = _import(bundle_a, ledger, run_b, capsys, monkeypatch, "--max-auto", "3")
    assert code == 0
    assert "review (bundle over --max-auto)" in out
    decided = _decided(_state(ledger)[0])
    assert set(decided) == {*world.COUNTERPARTS, "p00"}
    assert not any(decided.values())


def test_pseudonymised_ids_need_the_key(
    bundle_a: Path, run_a: Path, key_file: Path, tmp_path: Path, capsys: Cap, monkeypatch: MP
) -> None:
    # the bundle comes back to a party that holds the key and the same ids
    ledger = str(tmp_path / "ledger.sqlite")
    code, out, _ = _import(
        bundle_a,
        ledger,
        run_a,
        capsys,
        monkeypatch,
        "--shadow",
        "--json",
        "--partner",
        PARTNER,
        "--key-file",
        str(key_file),
    )
    assert code == 0
    result = json.loads(out)
    strong = next(c for c in result["cases"] if not c["held_back"])
    assert strong["accounts"] == world.NETWORK  # n05 only by its pseudonym
    assert result["by_kind"]["account"]["accounts"] == len(world.NETWORK)
    assert result["recorded"] is False
    assert not _state(ledger)[1]
    # without the key, or with another partner's key, pseudonyms are not matched
    code, out, _ = _import(bundle_a, ledger, run_a, capsys, monkeypatch, "--shadow", "--json")
    skipped = json.loads(out)["skipped"]
    assert len(skipped) == len(world.NETWORK)
    assert all("need the partner's key" in why for why in skipped.values())
    other = tmp_path / "other.toml"
    other.write_text(f'[partners]\n"{PARTNER}" = "{"ab" * 32}"\n', encoding="utf-8")
    code, out, _ = _import(
        bundle_a,
        ledger,
        run_a,
        capsys,
        monkeypatch,
        "--shadow",
        "--json",
        "--partner",
        PARTNER,
        "--key-file",
        str(other),
    )
    skipped = json.loads(out)["skipped"]
    assert all("another key" in why for why in skipped.values()) and len(skipped) == 6
    assert load_key(key_file, PARTNER).fingerprint != load_key(other, PARTNER).fingerprint


def test_false_positive_feedback(
    bundle_a: Path, run_b: Path, tmp_path: Path, capsys: Cap, monkeypatch: MP
) -> None:
    ledger = str(tmp_path / "ledger.sqlite")
    assert _import(bundle_a, ledger, run_b, capsys, monkeypatch)[0] == 0
    objects = json.loads(bundle_a.read_text())["objects"]
    article = next(
        o["id"] for o in objects if o.get("pattern") == f"[url:value = '{world.ARTICLE}']"
    )
    opinion = tmp_path / "opinion.json"
    code, out, err = cli(
        [
            "share",
            "feedback",
            article,
            "--ledger",
            ledger,
            "--verdict",
            "false_positive",
            "--reason",
            "links to it here are debunks",
            "--analyst",
            "ana",
            "--account",
            "p00",
            "--out",
            str(opinion),
            "--platform",
            "Platform B",
        ],
        capsys,
        monkeypatch,
    )
    assert code == 0, err
    assert "false_positive" in out
    events = _state(ledger)[1]
    fb = [e for e in events if e.kind == "indicator_feedback"]
    assert len(fb) == 1 and fb[0].actor == "ana"
    assert fb[0].payload["peer"]["name"] == "Platform A"
    assert fb[0].payload["account_ids"] == ["p00"]
    text = opinion.read_text()
    assert validation_errors(text) == []
    op = next(o for o in json.loads(text)["objects"] if o["type"] == "opinion")
    assert op["opinion"] == "strongly-disagree" and op["object_refs"] == [article]
    # the next import of the peer's bundle leaves the indicator out
    code, out, _ = _import(bundle_a, ledger, run_b, capsys, monkeypatch, "--shadow", "--json")
    assert json.loads(out)["skipped"][article] == "an analyst marked it a false positive"
    # an indicator no imported bundle holds
    code, _, err = cli(
        [
            "share",
            "feedback",
            "indicator--00000000-0000-4000-8000-000000000000",
            "--ledger",
            ledger,
            "--verdict",
            "false_positive",
            "--reason",
            "x",
            "--analyst",
            "ana",
        ],
        capsys,
        monkeypatch,
    )
    assert code == 2 and "no imported bundle holds" in err


def _foreign(path: Path) -> dict[str, str]:
    """A peer's bundle made with plain stix2 (no Lockstep fields): a campaign with
    confidence 60, a site indicator, an IP indicator, a revoked text indicator."""
    t = "2025-03-01T00:00:00Z"
    peer = stix2.Identity(name="Other Platform", identity_class="organization")
    camp = stix2.Campaign(name="Op Freedonia", confidence=60, created_by_ref=peer.id)
    site = stix2.Indicator(
        pattern="[domain-name:value = 'freedonia-truth.info']",
        pattern_type="stix",
        valid_from=t,
        created_by_ref=peer.id,
    )
    ip = stix2.Indicator(
        pattern="[ipv4-addr:value = '198.51.100.7']", pattern_type="stix", valid_from=t
    )
    revoked = stix2.Indicator(
        pattern="[url:value = 'https://freedonia-truth.info/x']",
        pattern_type="stix",
        valid_from=t,
        revoked=True,
    )
    rels = [stix2.Relationship(i, "indicates", camp) for i in (site, ip, revoked)]
    bundle = stix2.Bundle(peer, camp, site, ip, revoked, *rels)
    path.write_text(bundle.serialize(), encoding="utf-8")
    return {"site": site.id, "ip": ip.id, "revoked": revoked.id}


def test_a_foreign_bundle_keeps_the_peers_confidence(
    run_b: Path, tmp_path: Path, capsys: Cap, monkeypatch: MP
) -> None:
    bundle = tmp_path / "foreign.json"
    ids = _foreign(bundle)
    ledger = str(tmp_path / "ledger.sqlite")
    code, _, err = _import(bundle, ledger, run_b, capsys, monkeypatch, "--min-posts", "1")
    assert code == 0, err
    state, events = _state(ledger)
    received = next(e for e in events if e.kind == "indicators_received").payload
    assert received["peer"]["name"] == "Other Platform"
    assert received["skipped"][ids["revoked"]] == "revoked"
    assert "nothing Lockstep can match" in received["skipped"][ids["ip"]]
    case = received["cases"][0]
    assert case["score"] == 0.6 and set(case["account_ids"]) == {*world.COUNTERPARTS, "p00"}
    # confidence 60 is below the policy's bar for automatic action
    assert not any(_decided(state).values())


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "not a JSON file"),
        ('{"type": "report"}', "not a STIX bundle"),
        (
            json.dumps(
                {
                    "type": "bundle",
                    "id": "bundle--6a4a4e9c-2f5c-4bd3-9d7c-0e9c6f3f2a11",
                    "objects": [
                        {
                            "type": "indicator",
                            "spec_version": "2.1",
                            "id": "indicator--6a4a4e9c-2f5c-4bd3-9d7c-0e9c6f3f2a12",
                            "created": "2025-01-01T00:00:00Z",
                            "modified": "2025-01-01T00:00:00Z",
                            "pattern": "[url:value = ",
                            "pattern_type": "stix",
                            "valid_from": "2025-01-01T00:00:00Z",
                        }
                    ],
                }
            ),
            "indicator--6a4a4e9c",
        ),
    ],
)
def test_bad_bundles_exit_2_and_record_nothing(
    run_b: Path, tmp_path: Path, capsys: Cap, monkeypatch: MP, content: str, message: str
) -> None:
    bundle = tmp_path / "bad.json"
    bundle.write_text(content, encoding="utf-8")
    ledger = str(tmp_path / "ledger.sqlite")
    code, _, err = _import(bundle, ledger, run_b, capsys, monkeypatch)
    assert code == 2 and message in err and err.count("\n") == 1
    assert not _state(ledger)[1]


def test_import_from_input_data_in_shadow(
    bundle_a: Path, tmp_path: Path, capsys: Cap, monkeypatch: MP
) -> None:
    data = tmp_path / "data"
    world.platform_b(data)
    ledger = str(tmp_path / "ledger.sqlite")
    code, out, err = cli(
        [
            "share",
            "import",
            str(bundle_a),
            "--ledger",
            ledger,
            "--data",
            str(data),
            "--shadow",
            "--json",
        ],
        capsys,
        monkeypatch,
    )
    assert code == 0, err
    result = json.loads(out)
    assert result["recorded"] is False
    assert next(c for c in result["cases"] if not c["held_back"])["accounts"] == world.COUNTERPARTS
    assert not _state(ledger)[1]
    code, _, err = cli(
        [
            "share",
            "import",
            str(bundle_a),
            "--ledger",
            ledger,
            "--data",
            str(data),
            "--run",
            str(tmp_path),
        ],
        capsys,
        monkeypatch,
    )
    assert code == 2 and "not both" in err


def test_ledger_only_matches_pseudonyms_of_known_accounts(
    bundle_a: Path, key_file: Path, ledger_url: str, capsys: Cap, monkeypatch: MP
) -> None:
    with Ledger(ledger_url) as led, led.write() as w:
        w.register_accounts([*world.NETWORK, "someone-else"], datetime(2025, 3, 1, tzinfo=UTC))
    code, out, err = cli(
        [
            "share",
            "import",
            str(bundle_a),
            "--ledger",
            ledger_url,
            "--json",
            "--partner",
            PARTNER,
            "--key-file",
            str(key_file),
        ],
        capsys,
        monkeypatch,
    )
    assert code == 0, err
    result = json.loads(out)
    assert [c["accounts"] for c in result["cases"]] == [world.NETWORK]
    reasons = set(result["skipped"].values())
    assert reasons == {"no data to match it against (give --run or --data)"}
    assert len(result["skipped"]) == 6  # two links, a site, a video, two texts
    state, events = _state(ledger_url)
    assert set(_decided(state)) == set(world.NETWORK)
    assert sum(e.kind == "indicators_received" for e in events) == 1


def test_reading_a_bundle_skips_expired_indicators(tmp_path: Path) -> None:
    from lockstep.share.peer import read_bundle

    ind = stix2.Indicator(
        pattern="[url:value = 'HTTPS://Example.com/a/?utm_source=x']",
        pattern_type="stix",
        valid_from="2024-01-01T00:00:00Z",
        valid_until="2024-06-01T00:00:00Z",
    )
    live = stix2.Indicator(
        pattern="[url:value = 'HTTPS://Example.com/a/?utm_source=x']",
        pattern_type="stix",
        valid_from="2024-01-01T00:00:00Z",
    )
    path = tmp_path / "b.json"
    path.write_text(stix2.Bundle(ind, live).serialize(), encoding="utf-8")
    bundle = read_bundle(path, datetime(2025, 1, 1, tzinfo=UTC))
    assert bundle.skipped == {ind.id: "expired"}
    # values are normalised the way ingest normalises the lake's URLs
    assert bundle.indicators[0].values == ("https://example.com/a",)


def test_compound_patterns_and_several_kinds(tmp_path: Path) -> None:
    from lockstep.share.peer import indicator_values

    either = "[url:value = 'https://a.example/x'] OR [domain-name:value = 'B.example.']"
    assert indicator_values(either) == [
        ("url", ("https://a.example/x",)),
        ("domain", ("b.example",)),
    ]
    # both must be seen, or within a time: one part alone claims more than the peer said
    assert (
        indicator_values(
            "[url:value = 'https://a.example/x'] AND [domain-name:value = 'b.example']"
        )
        == []
    )
    assert indicator_values("[url:value = 'https://a.example/x'] REPEATS 3 TIMES") == []
    assert indicator_values("[ipv4-addr:value = '198.51.100.7']") == []
    quoted = "[user-account:user_id = 'it\\'s']"
    assert indicator_values(quoted) == [("account", ("it's",))]


def test_organic_activism_matching_a_peers_text_is_never_automatic(
    run_b: Path, tmp_path: Path, capsys: Cap, monkeypatch: MP
) -> None:
    """A peer mistakes an organic slogan for its operation's text: the activists who each
    posted it once wait for an analyst; a stock phrase is too short to match at all."""
    from lockstep.share.export import text_pattern

    t = "2025-03-01T00:00:00Z"
    slogan = stix2.Indicator(pattern=text_pattern(world.SLOGAN), pattern_type="stix", valid_from=t)
    stock = stix2.Indicator(
        pattern=text_pattern("thank you so much"), pattern_type="stix", valid_from=t
    )
    bundle = tmp_path / "slogan.json"
    bundle.write_text(stix2.Bundle(slogan, stock).serialize(), encoding="utf-8")
    ledger = str(tmp_path / "ledger.sqlite")
    code, out, err = _import(bundle, ledger, run_b, capsys, monkeypatch, "--json")
    assert code == 0, err
    result = json.loads(out)
    assert result["indicators"][stock.id]["accounts"] == 0
    assert result["indicators"][slogan.id]["accounts"] == 11
    assert [c["held_back"] for c in result["cases"]] == [True]
    decided = _decided(_state(ledger)[0])
    assert set(decided) == set(world.ORGANIC_B[1:12]) and not any(decided.values())
