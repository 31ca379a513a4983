"""``lockstep share publish`` and ``pull`` against a real TAXII 2.1 server (medallion) on
the loopback address: a bundle goes out, comes back, and imports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import requests

from lockstep.ledger.store import Ledger
from lockstep.share.export import validation_errors
from lockstep.share.taxii import BearerAuth, Credentials
from tests.clirun import cli
from tests.share import world
from tests.share.conftest import Taxii

Cap = pytest.CaptureFixture[str]
MP = pytest.MonkeyPatch


def _export(run_a: Path, out: Path, capsys: Cap, monkeypatch: MP) -> None:
    code, _, err = cli(
        [
            "share",
            "export",
            "--network",
            world.NETWORK_ID,
            "--run",
            str(run_a),
            "--out",
            str(out),
            "--platform",
            "Platform A",
        ],
        capsys,
        monkeypatch,
    )
    assert code == 0, err


def test_publish_pull_import_round_trip(
    taxii: Taxii, run_a: Path, run_b: Path, tmp_path: Path, capsys: Cap, monkeypatch: MP
) -> None:
    bundle = tmp_path / "bundle.json"
    _export(run_a, bundle, capsys, monkeypatch)
    sent = json.loads(bundle.read_text())
    ledger = str(tmp_path / "ledger_a.sqlite")
    monkeypatch.setenv("LOCKSTEP_TAXII_PASSWORD", taxii.password)
    code, out, err = cli(
        [
            "share",
            "publish",
            str(bundle),
            "--server",
            taxii.api_root,
            "--collection",
            taxii.collection,
            "--user",
            taxii.user,
            "--ledger",
            ledger,
            "--partner",
            "trust-group",
        ],
        capsys,
        monkeypatch,
    )
    assert code == 0, err
    assert f"{len(sent['objects'])} of {len(sent['objects'])} objects added" in out
    assert taxii.password not in out + err
    with Ledger(ledger) as led:
        shared = [e.payload for e in led.events() if e.kind == "indicators_shared"]
    assert shared == [
        {
            "partner": "trust-group",
            "bundle_id": sent["id"],
            "indicator_count": 6,
            "via": "taxii",
        }
    ]

    pulled = tmp_path / "pulled.json"
    code, out, err = cli(
        [
            "share",
            "pull",
            "--server",
            taxii.api_root,
            "--collection",
            taxii.collection,
            "--user",
            taxii.user,
            "--out",
            str(pulled),
        ],
        capsys,
        monkeypatch,
    )
    assert code == 0, err
    got = json.loads(pulled.read_text())
    assert sorted(o["id"] for o in got["objects"]) == sorted(o["id"] for o in sent["objects"])
    assert validation_errors(pulled.read_text()) == []
    # pulling again gives the same bytes
    again = tmp_path / "again.json"
    assert (
        cli(
            [
                "share",
                "pull",
                "--server",
                taxii.api_root,
                "--collection",
                taxii.collection,
                "--user",
                taxii.user,
                "--out",
                str(again),
            ],
            capsys,
            monkeypatch,
        )[0]
        == 0
    )
    assert again.read_bytes() == pulled.read_bytes()

    code, out, err = cli(
        [
            "share",
            "import",
            str(pulled),
            "--ledger",
            str(tmp_path / "ledger_b.sqlite"),
            "--run",
            str(run_b),
            "--json",
        ],
        capsys,
        monkeypatch,
    )
    assert code == 0, err
    cases = json.loads(out)["cases"]
    assert next(c for c in cases if not c["held_back"])["accounts"] == world.COUNTERPARTS


def test_taxii_errors_exit_2_without_secrets(
    taxii: Taxii, run_a: Path, tmp_path: Path, capsys: Cap, monkeypatch: MP
) -> None:
    bundle = tmp_path / "bundle.json"
    _export(run_a, bundle, capsys, monkeypatch)
    wrong = "not-the-password"
    cases = [
        (["--collection", taxii.collection, "--user", taxii.user, "--password", wrong], "401"),
        (
            ["--collection", taxii.read_only, "--user", taxii.user, "--password", taxii.password],
            "does not allow writing",
        ),
        (
            ["--collection", "no-such", "--user", taxii.user, "--password", taxii.password],
            "404",
        ),
        (["--collection", taxii.collection, "--user", taxii.user], "go together"),
    ]
    for extra, message in cases:
        code, out, err = cli(
            ["share", "publish", str(bundle), "--server", taxii.api_root, *extra],
            capsys,
            monkeypatch,
        )
        assert code == 2, (extra, err)
        assert message in err, (message, err)
        assert err.count("\n") == 1
        assert wrong not in out + err and taxii.password not in out + err
    code, _, err = cli(
        [
            "share",
            "pull",
            "--server",
            "http://127.0.0.1:9/sharing/",
            "--collection",
            "x",
            "--out",
            str(tmp_path / "x.json"),
        ],
        capsys,
        monkeypatch,
    )
    assert code == 2 and "cannot reach TAXII server" in err
    assert not (tmp_path / "x.json").exists()


def test_bearer_token_is_sent_and_hidden() -> None:
    creds = Credentials(token="tok-123")
    auth = creds.kwargs()["auth"]
    assert isinstance(auth, BearerAuth) and "tok-123" not in repr(auth) + repr(creds)
    prepared = auth(requests.Request("GET", "http://127.0.0.1/").prepare())
    assert prepared.headers["Authorization"] == "Bearer tok-123"
