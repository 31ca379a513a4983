"""``lockstep share export``: a network as a valid, deterministic STIX 2.1 bundle."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from lockstep.ledger.store import Ledger
from lockstep.share.export import text_pattern, validation_errors
from tests.clirun import cli
from tests.share import world
from tests.share.conftest import KEY_HEX, PARTNER

GOLDEN = Path(__file__).parent / "golden"
Cap = pytest.CaptureFixture[str]
MP = pytest.MonkeyPatch


def _export(
    run: Path, out: Path, capsys: Cap, monkeypatch: MP, *extra: str
) -> tuple[int, str, str]:
    return cli(
        [
            "share",
            "export",
            "--network",
            world.NETWORK_ID,
            "--run",
            str(run),
            "--out",
            str(out),
            "--platform",
            "Platform A",
            *extra,
        ],
        capsys,
        monkeypatch,
    )


def _objects(path: Path) -> list[dict[str, Any]]:
    bundle = json.loads(path.read_text(encoding="utf-8"))
    assert bundle["type"] == "bundle"
    return list(bundle["objects"])


def _patterns(objects: list[dict[str, Any]]) -> list[str]:
    return sorted(o["pattern"] for o in objects if o["type"] == "indicator")


def test_bundle_is_valid_complete_and_golden(
    run_a: Path, key_file: Path, tmp_path: Path, capsys: Cap, monkeypatch: MP, golden
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)  # a relative --out keeps the printed path stable
    out = Path("bundle.json")
    code, stdout, err = _export(
        run_a, out, capsys, monkeypatch, "--partner", PARTNER, "--key-file", str(key_file)
    )
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    assert validation_errors(text) == [], "strict stix2-validator run"
    objects = _objects(out)
    types = Counter(o["type"] for o in objects)
    for kind in (
        "identity",
        "marking-definition",
        "extension-definition",
        "intrusion-set",
        "campaign",
        "attack-pattern",
        "indicator",
        "observed-data",
        "sighting",
        "report",
        "relationship",
    ):
        assert types[kind] >= 1, kind
    marking = next(o for o in objects if o["type"] == "marking-definition")
    assert marking["name"] == "TLP:AMBER"
    disarm = sorted(
        ref["external_id"]
        for o in objects
        if o["type"] == "attack-pattern"
        for ref in o["external_references"]
        if ref["source_name"] == "DISARM"
    )
    assert disarm == ["T0084.001", "T0098.001"]
    campaign = next(o for o in objects if o["type"] == "campaign")
    ext = next(iter(campaign["extensions"].values()))
    assert ext["behaviours"] == ["coord.network", "spam.copypasta"]
    assert ext["score"] == 0.95 and ext["detection_source"] == "internal"
    assert campaign["modified"] == "2025-03-03T14:20:00.000Z"
    report = next(o for o in objects if o["type"] == "report")
    others = {o["id"] for o in objects} - {report["id"]}
    metas = {
        o["id"] for o in objects if o["type"] in ("marking-definition", "extension-definition")
    }
    assert set(report["object_refs"]) == others - metas
    golden(GOLDEN / "bundle.json", text)
    golden(GOLDEN / "export.txt", stdout)


def test_indicators_are_the_networks_own(
    run_a: Path, key_file: Path, tmp_path: Path, capsys: Cap, monkeypatch: MP
) -> None:
    out = tmp_path / "bundle.json"
    code, _, err = _export(
        run_a, out, capsys, monkeypatch, "--partner", PARTNER, "--key-file", str(key_file)
    )
    assert code == 0, err
    patterns = _patterns(_objects(out))
    key = bytes.fromhex(KEY_HEX)
    pseudonyms = [hmac.new(key, a.encode(), hashlib.sha256).hexdigest() for a in world.NETWORK]
    expected = sorted(
        [
            f"[url:value = '{world.ARTICLE}']",
            f"[url:value = '{world.CHANNEL}']",
            "[domain-name:value = 'freedonia-truth.info']",
            f"[file:hashes.x_lockstep_media = '{world.VIDEO}']",
            text_pattern(f"{world.NARRATIVE} {world.ARTICLE}"),
            text_pattern(world.NARRATIVE_2),
            *(f"[user-account:user_id = '{p}']" for p in pseudonyms),
        ]
    )
    assert patterns == expected
    text = out.read_text(encoding="utf-8")
    # shared with organic accounts, a messaging platform's domain, one member's own link:
    # none is the network's, so none is offered to a peer
    assert world.NEWS not in text and "'t.me'" not in text and "cats.example" not in text
    # no raw account id and never the key
    assert not any(f'"{a}"' in text for a in world.NETWORK)
    assert KEY_HEX not in text


def test_same_input_same_bytes(run_a: Path, tmp_path: Path, capsys: Cap, monkeypatch: MP) -> None:
    first, second = tmp_path / "one.json", tmp_path / "two.json"
    assert _export(run_a, first, capsys, monkeypatch)[0] == 0
    assert _export(run_a, second, capsys, monkeypatch)[0] == 0
    assert first.read_bytes() == second.read_bytes()
    # without a key no account is shared at all
    assert not any("user-account" in p for p in _patterns(_objects(first)))


def test_tlp_and_raw_ids(run_a: Path, tmp_path: Path, capsys: Cap, monkeypatch: MP) -> None:
    out = tmp_path / "red.json"
    code, stdout, _ = _export(run_a, out, capsys, monkeypatch, "--tlp", "red", "--no-pseudonymise")
    assert code == 0
    objects = _objects(out)
    assert next(o for o in objects if o["type"] == "marking-definition")["name"] == "TLP:RED"
    assert validation_errors(out.read_text(encoding="utf-8")) == []
    accounts = [p for p in _patterns(objects) if "user-account" in p]
    assert accounts == sorted(f"[user-account:user_id = '{a}']" for a in world.NETWORK)
    assert "shared as they are" in stdout


def test_export_records_shared_and_works_from_the_ledger(
    run_a: Path, key_file: Path, tmp_path: Path, capsys: Cap, monkeypatch: MP, ledger_url: str
) -> None:
    from datetime import UTC, datetime

    from lockstep.enforce.engine import enforce
    from lockstep.enforce.model import AccountFacts, NetworkRecord
    from lockstep.enforce.policy import load_policy
    from tests.enforce.conftest import findings

    with Ledger(ledger_url) as led:
        enforce(
            led,
            findings(),
            [NetworkRecord.from_mapping(world.network_row())],
            AccountFacts(known=frozenset(world.NETWORK)),
            load_policy(),
            now=datetime(2025, 3, 4, tzinfo=UTC),
        )
    out = tmp_path / "bundle.json"
    code, _, err = _export(
        run_a,
        out,
        capsys,
        monkeypatch,
        "--partner",
        PARTNER,
        "--key-file",
        str(key_file),
        "--ledger",
        ledger_url,
    )
    assert code == 0, err
    bundle_id = json.loads(out.read_text())["id"]
    with Ledger(ledger_url) as led:
        shared = [e for e in led.events() if e.kind == "indicators_shared"]
    assert len(shared) == 1
    payload = shared[0].payload
    assert payload["partner"] == PARTNER and payload["bundle_id"] == bundle_id
    assert payload["indicator_count"] == 12 and payload["pseudonymised"] is True
    assert KEY_HEX not in json.dumps(payload)
    # exporting the same bundle again records nothing new
    assert (
        _export(
            run_a,
            out,
            capsys,
            monkeypatch,
            "--partner",
            PARTNER,
            "--key-file",
            str(key_file),
            "--ledger",
            ledger_url,
        )[0]
        == 0
    )
    with Ledger(ledger_url) as led:
        assert sum(e.kind == "indicators_shared" for e in led.events()) == 1
    # the ledger alone: members and description, pseudonymised ids, no lake evidence
    from_ledger = tmp_path / "ledger.json"
    code, _, err = cli(
        [
            "share",
            "export",
            "--network",
            world.NETWORK_ID,
            "--ledger",
            ledger_url,
            "--out",
            str(from_ledger),
            "--partner",
            PARTNER,
            "--key-file",
            str(key_file),
        ],
        capsys,
        monkeypatch,
    )
    assert code == 0, err
    objects = _objects(from_ledger)
    assert validation_errors(from_ledger.read_text()) == []
    kinds = Counter(p.split(":")[0] for p in _patterns(objects))
    assert kinds == {"[user-account": len(world.NETWORK)}


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--network", "net-nope"], "no network 'net-nope'"),
        (["--tlp", "purple"], "--tlp must be one of"),
        (["--key-file", "KEYS"], "--key-file needs --partner"),
        (["--partner", "someone", "--key-file", "KEYS"], "no key for partner 'someone'"),
        (["--partner", PARTNER, "--key-file", "MISSING"], "key file not found"),
        (["--partner", PARTNER, "--key-file", "KEYS", "--no-pseudonymise"], "contradict"),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(
    run_a: Path,
    key_file: Path,
    tmp_path: Path,
    capsys: Cap,
    monkeypatch: MP,
    extra: list[str],
    message: str,
) -> None:
    out = tmp_path / "bundle.json"
    args = [
        str(key_file) if a == "KEYS" else str(tmp_path / "missing.toml") if a == "MISSING" else a
        for a in extra
    ]
    if "--network" not in args:
        args = ["--network", world.NETWORK_ID, *args]
    code, stdout, err = cli(
        ["share", "export", "--run", str(run_a), "--out", str(out), *args], capsys, monkeypatch
    )
    assert code == 2
    assert message in err and err.count("\n") == 1
    assert KEY_HEX not in err + stdout
    assert not out.exists()


def test_keygen_prints_only_a_fingerprint(tmp_path: Path, capsys: Cap, monkeypatch: MP) -> None:
    keys = tmp_path / "keys.toml"
    code, out, _ = cli(
        ["share", "keygen", "--partner", "peer-x", "--key-file", str(keys)], capsys, monkeypatch
    )
    assert code == 0
    stored = keys.read_text().split('"peer-x" = "')[1].split('"')[0]
    assert len(bytes.fromhex(stored)) == 32 and stored not in out
    assert oct(keys.stat().st_mode)[-3:] == "600"
    code, _, err = cli(
        ["share", "keygen", "--partner", "peer-x", "--key-file", str(keys)], capsys, monkeypatch
    )
    assert code == 2 and "already has a key" in err


def test_validate_command(tmp_path: Path, capsys: Cap, monkeypatch: MP) -> None:
    import stix2

    code, out, _ = cli(["share", "validate", str(GOLDEN / "bundle.json")], capsys, monkeypatch)
    assert code == 0 and "valid STIX 2.1" in out
    # an indicator without name and description breaks a best practice, not the standard
    bare = stix2.Indicator(
        pattern="[url:value = 'https://a.example/x']",
        pattern_type="stix",
        valid_from="2025-01-01T00:00:00Z",
    )
    path = tmp_path / "bare.json"
    path.write_text(stix2.Bundle(bare).serialize(), encoding="utf-8")
    code, _, err = cli(["share", "validate", str(path)], capsys, monkeypatch)
    assert code == 2 and "name and description" in err
    code, out, _ = cli(["share", "validate", str(path), "--lenient"], capsys, monkeypatch)
    assert code == 0 and out.startswith("warning:")
    path.write_text("{", encoding="utf-8")
    code, _, err = cli(["share", "validate", str(path)], capsys, monkeypatch)
    assert code == 2 and "not JSON" in err
