"""EU DSA statements of reasons: derived from a real run's ledger, valid against the schema,
batched, and submitted to a local mock of the Transparency Database with retries."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from lockstep.errors import BadInputError
from lockstep.ledger.state import LedgerState
from lockstep.ledger.store import Ledger
from lockstep.pipeline import run
from lockstep.progress import NullProgress
from lockstep.report.dsa import BATCH, EEA, owed, parse_territory, problems, write_batches
from lockstep.report.dsa_submit import accepted_puids, submit
from lockstep.synth import synthesise
from tests.clirun import cli

TOKEN = "X|secret-token-value"
NOW = datetime(2026, 1, 5, tzinfo=UTC)


@pytest.fixture(scope="module")
def ledger_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ledger of a real run over a small synthetic world."""
    root = tmp_path_factory.mktemp("dsa")
    synthesise(900, 10, 4, root / "data", NullProgress())
    run(root / "data", root / "run")
    return root / "run" / "ledger.sqlite"


@pytest.fixture
def ledger_copy(ledger_path: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "ledger.sqlite"
    copy.write_bytes(ledger_path.read_bytes())
    return copy


def _state(path: Path) -> LedgerState:
    with Ledger(path) as led:
        return LedgerState.fold(led.events())


def test_every_decision_that_took_effect_has_one_valid_statement(ledger_path: Path) -> None:
    state = _state(ledger_path)
    records = owed(state, EEA).records
    took = [ds for ds in state.decisions.values() if ds.decision.automated or ds.confirmed_by]
    pending = [ds for ds in state.decisions.values() if not ds.applied and not ds.reversal]
    assert records and len(records) == len(took)
    assert pending, "the run should leave some decisions for review"
    puids = [r["puid"] for r in records]
    assert len(set(puids)) == len(puids)
    assert not {f"lockstep:{ds.decision.decision_id}" for ds in pending} & set(puids)
    assert all(problems(r) == [] for r in records)
    by_puid = {r["puid"]: r for r in records}
    for ds in took:
        r = by_puid[f"lockstep:{ds.decision.decision_id}"]
        behaviour = ds.decision.behaviour
        if behaviour == "coord.network":
            assert r["category"].endswith("NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS")
            assert "KEYWORD_COORDINATED_HARM" in r["category_specification"]
        elif behaviour.startswith(("spam.", "engagement.")):
            assert r["category"] == "STATEMENT_CATEGORY_OTHER_VIOLATION_TC"
            assert r["decision_ground"] == "DECISION_GROUND_INCOMPATIBLE_CONTENT"
        assert r["decision_facts"] == ds.decision.reason
        assert r["content_date"] <= r["application_date"]
        assert r["automated_decision"] == "AUTOMATED_DECISION_FULLY"
        if ds.decision.action == "temporary_lock":
            assert r["decision_account"] == "DECISION_ACCOUNT_SUSPENDED"
            assert "end_date_account_restriction" in r


def _valid(ledger_path: Path) -> dict[str, Any]:
    return dict(owed(_state(ledger_path), EEA).records[0])


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda r: r.pop("incompatible_content_explanation"), "incompatible_content_explanation"),
        (lambda r: r.update(category="STATEMENT_CATEGORY_SPAM"), "category"),
        (lambda r: r.update(automated_detection="yes"), "automated_detection"),
        (lambda r: r.update(territorial_scope=["US"]), "territorial_scope"),
        (lambda r: r.update(content_date="5 Jan 2026"), "content_date"),
        (
            lambda r: (
                r.update(decision_visibility=["DECISION_VISIBILITY_OTHER"]),
                r.pop("decision_visibility_other", None),
            ),
            "decision_visibility_other",
        ),
    ],
)
def test_broken_statements_are_rejected(ledger_path: Path, change: Any, field: str) -> None:
    record = _valid(ledger_path)
    change(record)
    assert problems(record), field


def test_a_statement_without_any_restriction_is_rejected(ledger_path: Path) -> None:
    record = _valid(ledger_path)
    for key in ("decision_visibility", "decision_account", "decision_monetary"):
        record.pop(key, None)
    record.pop("decision_provision", None)
    record.pop("decision_visibility_other", None)
    assert problems(record)


def test_export_writes_batches_of_at_most_100_and_the_same_bytes_twice(
    ledger_path: Path, tmp_path: Path
) -> None:
    statements = owed(_state(ledger_path), parse_territory("de,AT"))
    first = write_batches(statements, tmp_path / "a")
    second = write_batches(statements, tmp_path / "b")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    bodies = [json.loads(p.read_text()) for p in first]
    assert all(0 < len(b["statements"]) <= BATCH for b in bodies)
    assert sum(len(b["statements"]) for b in bodies) == len(statements.records)
    assert bodies[0]["statements"][0]["territorial_scope"] == ["AT", "DE"]
    assert len(first) == -(-len(statements.records) // BATCH)


def test_unknown_territory_is_bad_input() -> None:
    with pytest.raises(BadInputError, match="XX"):
        parse_territory("DE,XX")


class _Database:
    """A local stand-in for the Transparency Database's multiple-statements endpoint."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.auth: list[str] = []
        self.fail_first = 0
        self.reject: set[str] = set()
        self.status_override: int | None = None

    def handle(self, handler: BaseHTTPRequestHandler) -> tuple[int, dict[str, Any]]:
        body = json.loads(handler.rfile.read(int(handler.headers["Content-Length"])))
        self.auth.append(handler.headers.get("Authorization", ""))
        self.requests.append(body)
        if handler.headers.get("Authorization") != f"Bearer {TOKEN}":
            return 401, {"message": "Unauthenticated."}
        if self.fail_first:
            self.fail_first -= 1
            return 503, {"message": "try later"}
        batch = body["statements"]
        bad = {i: s for i, s in enumerate(batch) if s["puid"] in self.reject}
        if bad:
            errors = {f"statements.{i}.decision_facts": ["too vague"] for i in bad}
            return 422, {"message": "invalid", "errors": errors}
        created = [{"puid": s["puid"], "uuid": f"uuid-{n}"} for n, s in enumerate(batch)]
        return 201, {"statements": created}


@pytest.fixture
def database() -> Iterator[tuple[_Database, str]]:
    db = _Database()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            status, answer = db.handle(self)
            raw = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield db, f"http://127.0.0.1:{server.server_address[1]}/api/v1/statements"
    finally:
        server.shutdown()
        server.server_close()


def _send(ledger: Path, url: str, token: str = TOKEN) -> Any:
    with Ledger(ledger) as led:
        batches = owed(LedgerState.fold(led.events()), EEA, exclude=accepted_puids(led)).batches()
        return submit(batches, url, token, led, backoff=0, now=lambda: NOW)


def test_submit_records_what_was_accepted_and_a_rerun_sends_nothing_new(
    ledger_copy: Path, database: tuple[_Database, str]
) -> None:
    db, url = database
    total = len(owed(_state(ledger_copy), EEA).records)
    outcome = _send(ledger_copy, url)
    assert len(outcome.accepted) == total and not outcome.rejected
    assert all(len(r["statements"]) <= BATCH for r in db.requests)
    with Ledger(ledger_copy) as led:
        assert len(accepted_puids(led)) == total
    again = _send(ledger_copy, url)
    assert again.sent == 0 and again.batches == 0


def test_server_errors_are_retried(ledger_copy: Path, database: tuple[_Database, str]) -> None:
    db, url = database
    db.fail_first = 2
    outcome = _send(ledger_copy, url)
    assert outcome.retries == 2 and outcome.accepted


def test_rejected_statements_are_reported_and_not_recorded(
    ledger_copy: Path, database: tuple[_Database, str]
) -> None:
    db, url = database
    first = owed(_state(ledger_copy), EEA).records[0]["puid"]
    db.reject = {first}
    outcome = _send(ledger_copy, url)
    assert outcome.rejected == {first: "too vague"}
    assert outcome.held_back == min(BATCH, len(owed(_state(ledger_copy), EEA).records)) - 1
    with Ledger(ledger_copy) as led:
        assert first not in accepted_puids(led)
    db.reject = set()
    retry = _send(ledger_copy, url)
    assert first in retry.accepted


def test_a_refused_token_is_bad_input_and_is_never_echoed(
    ledger_copy: Path,
    database: tuple[_Database, str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, url = database
    before = ledger_copy.read_bytes()
    code, out, err = cli(
        ["dsa", "submit", "--ledger", str(ledger_copy), "--endpoint", url, "--token", "wrong"],
        capsys,
        monkeypatch,
    )
    assert code == 2 and "refused the API token (HTTP 401)" in err
    assert "wrong" not in out + err
    assert ledger_copy.read_bytes() == before


def test_cli_dry_run_sends_and_records_nothing_then_submit_does(
    ledger_copy: Path,
    database: tuple[_Database, str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db, url = database
    monkeypatch.setenv("LOCKSTEP_DSA_TOKEN", TOKEN)
    args = ["dsa", "submit", "--ledger", str(ledger_copy), "--endpoint", url]
    code, out, _ = cli([*args, "--dry-run"], capsys, monkeypatch)
    assert code == 0 and "nothing sent or recorded" in out and db.requests == []
    code, out, err = cli(args, capsys, monkeypatch)
    assert code == 0, err
    assert "rejected" in out and TOKEN not in out + err
    assert db.auth and all(a == f"Bearer {TOKEN}" for a in db.auth)


def test_cli_export_and_its_bad_input(
    ledger_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code, out, _ = cli(
        ["dsa", "export", "--ledger", str(ledger_path), "--out", str(tmp_path / "x")],
        capsys,
        monkeypatch,
    )
    assert code == 0 and "statements of reasons in" in out
    assert (tmp_path / "x" / "manifest.json").is_file()
    code, _, err = cli(
        ["dsa", "export", "--ledger", str(ledger_path), "--out", str(tmp_path), "--since", "May"],
        capsys,
        monkeypatch,
    )
    assert code == 2 and err.count("\n") == 1
