"""``lockstep share``: STIX 2.1 bundles for peers, importing theirs, feedback, TAXII 2.1.

Errors follow the CLI's convention (exit 2 with one line on stderr, nothing written). Keys,
passwords and tokens are never printed; passwords and tokens are best given through the
environment (``LOCKSTEP_TAXII_PASSWORD``, ``LOCKSTEP_TAXII_TOKEN``) so they stay out of
shell history.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from lockstep.errors import BadInputError

app = typer.Typer(
    help="Share networks with peers as STIX 2.1, import and act on theirs, TAXII 2.1.",
    no_args_is_help=True,
)

LedgerOpt = Annotated[
    str | None, typer.Option("--ledger", help="Ledger: SQLite path or SQLAlchemy URL.")
]
PartnerOpt = Annotated[
    str | None, typer.Option("--partner", help="The sharing partner (names its key).")
]
KeyFileOpt = Annotated[
    Path | None, typer.Option("--key-file", help="TOML file of partner keys (kept private).")
]
PlatformOpt = Annotated[
    str,
    typer.Option(
        "--platform", envvar="LOCKSTEP_PLATFORM", help="Your platform's name (its identity)."
    ),
]
ServerOpt = Annotated[str, typer.Option("--server", help="TAXII 2.1 API root URL.")]
CollectionOpt = Annotated[str, typer.Option("--collection", help="TAXII collection id.")]
UserOpt = Annotated[
    str | None, typer.Option("--user", envvar="LOCKSTEP_TAXII_USER", help="TAXII user.")
]
PasswordOpt = Annotated[
    str | None,
    typer.Option(
        "--password",
        envvar="LOCKSTEP_TAXII_PASSWORD",
        help="TAXII password (better: the environment variable).",
        show_default=False,
    ),
]
TokenOpt = Annotated[
    str | None,
    typer.Option(
        "--token",
        envvar="LOCKSTEP_TAXII_TOKEN",
        help="TAXII bearer token, instead of user and password.",
        show_default=False,
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
DEFAULT_PLATFORM = "Unnamed platform"


def _print(*objects: Any, **kw: Any) -> None:
    from lockstep.cli import out_console

    out_console().print(*objects, soft_wrap=True, **kw)


def _json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False) + "\n")


def _key(partner: str | None, key_file: Path | None) -> Any:
    from lockstep.share.keys import load_key

    if key_file is None:
        return None
    if partner is None:
        raise BadInputError("--key-file needs --partner (whose key to use)")
    return load_key(key_file, partner)


# -- export ---------------------------------------------------------------------------------


@app.command("export")
def export(
    network: Annotated[str, typer.Option("--network", help="The network id (net-...).")],
    out: Annotated[Path, typer.Option("--out", help="Bundle file to write (JSON).")],
    run: Annotated[
        Path | None, typer.Option("--run", help="A run's output folder (networks and lake).")
    ] = None,
    ledger: LedgerOpt = None,
    partner: PartnerOpt = None,
    key_file: KeyFileOpt = None,
    tlp: Annotated[
        str,
        typer.Option(
            "--tlp", envvar="LOCKSTEP_TLP", help="Marking: white (clear), green, amber or red."
        ),
    ] = "amber",
    no_pseudonymise: Annotated[
        bool,
        typer.Option(
            "--no-pseudonymise", help="Share raw account ids (only to a partner entitled to them)."
        ),
    ] = False,
    platform: PlatformOpt = DEFAULT_PLATFORM,
) -> None:
    """Write one network as a STIX 2.1 bundle (identity, TLP, intrusion set, campaign,
    DISARM attack patterns, indicators, observed data, sighting, report)."""
    from lockstep.cli.progress import RichProgress
    from lockstep.share.export import TLP, ExportOptions, build_bundle, write_atomically
    from lockstep.share.extract import network_observables
    from lockstep.share.source import from_ledger, from_run

    if tlp.lower() not in TLP:
        raise BadInputError(f"--tlp must be one of {', '.join(TLP)}, not {tlp!r}")
    if run is None and ledger is None:
        raise BadInputError("give --run OUT (a run folder) or --ledger URL")
    if no_pseudonymise and key_file is not None:
        raise BadInputError("--no-pseudonymise and --key-file contradict each other")
    if not platform.strip():
        raise BadInputError("--platform must name your platform")
    if out.is_dir():
        raise BadInputError("--out is a folder; give a file name for the bundle", out)
    key = _key(partner, key_file)
    observables = []
    if run is not None:
        shared = from_run(run, network)
        from lockstep.cli import err_console
        from lockstep.lake import Lake

        lake_dir = run / "lake"
        if not lake_dir.is_dir():
            raise BadInputError("the run folder has no lake", run)
        with RichProgress(err_console) as progress, progress.stage("observables"):
            observables = network_observables(Lake(lake_dir), shared.account_ids)
    else:
        from lockstep.ledger.store import Ledger

        assert ledger is not None
        with Ledger(ledger) as led:
            shared = from_ledger(led, network)
    options = ExportOptions(
        platform=platform.strip(),
        tlp=tlp.lower(),
        partner=partner,
        key=key,
        raw_ids=no_pseudonymise,
    )
    exported = build_bundle(shared, observables, options)
    if ledger is not None:
        _record_shared(ledger, exported, shared.network_id, options)
    write_atomically(out, exported.text)
    kinds = ", ".join(f"{n} {k}" for k, n in exported.indicators.items()) or "none"
    _print(f"{exported.bundle_id} written to {out}")
    _print(
        f"network {shared.network_id}: {len(shared.account_ids)} accounts, "
        f"{len(shared.techniques)} DISARM techniques, indicators: {kinds}; "
        f"TLP:{options.tlp.upper()}"
    )
    if key is not None:
        _print(f"account ids pseudonymised for {partner} (key fingerprint {key.fingerprint})")
    elif no_pseudonymise:
        _print("account ids shared as they are (--no-pseudonymise)")
    else:
        _print("no account ids shared (give --partner and --key-file to share pseudonyms)")


def _record_shared(ledger: str, exported: Any, network_id: str, options: Any) -> None:
    from lockstep.ledger.store import Event, Ledger, now_utc

    payload = {
        "partner": options.partner,
        "bundle_id": exported.bundle_id,
        "indicator_count": exported.indicator_count,
        "indicators": exported.indicators,
        "network_id": network_id,
        "platform": options.platform,
        "tlp": f"TLP:{options.tlp.upper()}",
        "pseudonymised": options.key is not None,
        "key_fingerprint": options.key.fingerprint if options.key is not None else None,
    }
    with Ledger(ledger) as led, led.write() as w:
        w.append(
            [
                Event(
                    "indicators_shared",
                    payload,
                    now_utc(),
                    idempotency_key=f"indicators_shared:{exported.bundle_id}:{options.partner}",
                    subject_type="network",
                    subject_id=network_id,
                )
            ]
        )


# -- import ---------------------------------------------------------------------------------


@app.command("import")
def import_(
    bundle: Annotated[Path, typer.Argument(help="A peer's STIX 2.1 bundle (JSON).")],
    ledger: Annotated[str, typer.Option("--ledger", help="Ledger: SQLite path or SQLAlchemy URL.")],
    run: Annotated[
        Path | None, typer.Option("--run", help="A run folder whose lake to search.")
    ] = None,
    data: Annotated[
        Path | None, typer.Option("--data", help="A folder of input tables to search.")
    ] = None,
    max_auto: Annotated[
        int,
        typer.Option(
            "--max-auto",
            min=0,
            help="More counterparts than this: every decision waits for review.",
        ),
    ] = 50,
    min_posts: Annotated[
        int,
        typer.Option(
            "--min-posts", min=1, help="Matching posts that make an account a counterpart."
        ),
    ] = 2,
    partner: PartnerOpt = None,
    key_file: KeyFileOpt = None,
    policy: Annotated[
        Path | None, typer.Option("--policy", help="TOML file overriding the policy catalogue.")
    ] = None,
    shadow: Annotated[
        bool, typer.Option("--shadow", help="Match and decide without recording anything.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Match a peer's indicators against your data and open external network cases.

    Without --run or --data only account pseudonyms match (against the ledger's accounts).
    """
    import tempfile

    from lockstep.cli import err_console
    from lockstep.cli.progress import RichProgress
    from lockstep.enforce.policy import load_policy
    from lockstep.lake import Lake
    from lockstep.ledger.store import Ledger
    from lockstep.share.importer import ImportOptions, import_bundle

    if run is not None and data is not None:
        raise BadInputError("give one of --run OUT or --data DIR, not both")
    if not bundle.is_file():
        raise BadInputError("bundle not found", bundle)
    catalogue = load_policy(policy)
    options = ImportOptions(
        max_auto=max_auto, min_posts=min_posts, key=_key(partner, key_file), shadow=shadow
    )
    with tempfile.TemporaryDirectory(prefix="lockstep-import-") as tmp:
        lake_dir: Path | None = None
        if run is not None:
            lake_dir = run / "lake"
            if not lake_dir.is_dir():
                raise BadInputError("the run folder has no lake", run)
        elif data is not None:
            from lockstep.ingest import ingest

            if not data.is_dir():
                raise BadInputError("not a folder of input tables", data)
            lake_dir = Path(tmp) / "lake"
            with RichProgress(err_console) as progress:
                ingest(data, lake_dir, Path(tmp) / "quarantine", progress=progress)
        with (
            Ledger(ledger) as led,
            RichProgress(err_console) as progress,
            progress.stage("match"),
        ):
            lake = Lake(lake_dir) if lake_dir is not None else None
            result = import_bundle(bundle, led, lake, catalogue, options)
    _report_import(result, as_json)


def _report_import(result: Any, as_json: bool) -> None:
    b = result.bundle
    decided: dict[str, int] = {}
    for d in result.enforcement.decisions:
        label = f"{d.action} ({'automatic' if d.automated else 'pending review'})"
        decided[label] = decided.get(label, 0) + 1
    record = {
        "bundle_id": b.bundle_id,
        "peer": {"id": b.peer_id, "name": b.peer_name},
        "tlp": b.tlp,
        "indicators": {
            iid: {"kind": kind, "accounts": accounts, "posts": posts}
            for iid, (kind, accounts, posts) in sorted(result.matched.items())
        },
        "skipped": dict(sorted(result.skipped.items())),
        "cases": [
            {
                "network_id": c.network_id,
                "campaign": c.campaign_name,
                "accounts": list(c.account_ids),
                "held_back": c.thin,
                "score": c.score,
            }
            for c in result.cases
        ],
        "by_kind": {k: {"accounts": a, "posts": p} for k, (a, p) in result.by_kind.items()},
        "held_for_review": result.held_for_review,
        "decisions": dict(sorted(decided.items())),
        "recorded": not result.enforcement.shadow,
    }
    if as_json:
        _json(record)
        return
    _print(f"Bundle {b.bundle_id} from {b.peer_name} ({b.tlp or 'no TLP marking'})")
    table = Table(title="Indicators", title_justify="left")
    for col in ("kind", "indicators", "matched", "accounts", "posts"):
        table.add_column(col, justify="left" if col == "kind" else "right")
    kinds: dict[str, list[int]] = {}
    for label, accounts, _posts in result.matched.values():
        for kind in label.split("+"):  # an indicator may hold several kinds (OR)
            row = kinds.setdefault(kind, [0, 0])
            row[0] += 1
            row[1] += 1 if accounts else 0
    for kind, (n, hit) in sorted(kinds.items()):
        accounts, posts = result.by_kind.get(kind, (0, 0))
        table.add_row(kind, str(n), str(hit), str(accounts), str(posts))
    if not kinds:
        table.add_row("(none usable)", "0", "0", "0", "0")
    _print(table)
    reasons: dict[str, int] = {}
    for why in result.skipped.values():
        reasons[why] = reasons.get(why, 0) + 1
    for why, n in sorted(reasons.items()):
        _print(f"skipped {n} indicator{'s' if n != 1 else ''}: {why}")
    cases = Table(title=f"External cases ({len(result.cases)})", title_justify="left")
    for col in ("network", "accounts", "score", "handling"):
        cases.add_column(col, justify="right" if col in ("accounts", "score") else "left")
    for c in result.cases:
        handling = (
            "review (thin evidence)"
            if c.thin
            else ("review (bundle over --max-auto)" if result.held_for_review else "policy")
        )
        cases.add_row(c.network_id, str(len(c.account_ids)), f"{c.score:.2f}", handling)
    if not result.cases:
        cases.add_row("(no counterparts)", "0", "", "")
    _print(cases)
    made = ", ".join(f"{n} {label}" for label, n in sorted(decided.items())) or "none"
    shadow = " (shadow: nothing recorded)" if result.enforcement.shadow else ""
    _print(f"Decisions{shadow}: {made}")


# -- feedback -------------------------------------------------------------------------------


@app.command("feedback")
def feedback(
    indicator: Annotated[str, typer.Argument(help="The peer's indicator id (indicator--...).")],
    ledger: Annotated[str, typer.Option("--ledger", help="Ledger: SQLite path or SQLAlchemy URL.")],
    verdict: Annotated[str, typer.Option("--verdict", help="false_positive or true_positive.")],
    reason: Annotated[str, typer.Option("--reason", help="Why (the peer reads it).")],
    analyst: Annotated[str, typer.Option("--analyst", help="Who decides (recorded).")],
    account: Annotated[
        list[str] | None, typer.Option("--account", help="An account concerned (repeatable).")
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Also write the verdict as a STIX opinion bundle for the peer."),
    ] = None,
    platform: PlatformOpt = DEFAULT_PLATFORM,
) -> None:
    """Record an analyst's verdict on a peer's indicator (false positives stop matching)."""
    from lockstep.ledger.store import Ledger
    from lockstep.share.export import write_atomically
    from lockstep.share.feedback import opinion_bundle, record_feedback

    if out is not None and out.is_dir():
        raise BadInputError("--out is a folder; give a file name for the opinion", out)
    with Ledger(ledger) as led:
        fb = record_feedback(led, indicator, verdict, reason, analyst, account or ())
    _print(f"{indicator}: {verdict} (bundle {fb.bundle_id} from {fb.peer['name']})")
    if out is not None:
        write_atomically(out, opinion_bundle(fb, platform.strip() or DEFAULT_PLATFORM))
        _print(f"opinion for the peer written to {out}")


# -- validation and keys --------------------------------------------------------------------


@app.command("validate")
def validate(
    bundle: Annotated[Path, typer.Argument(help="A STIX 2.1 bundle (JSON).")],
    lenient: Annotated[
        bool, typer.Option("--lenient", help="Report best-practice warnings without failing.")
    ] = False,
) -> None:
    """Check a bundle with stix2-validator (exit 2 when it is invalid)."""
    from lockstep.share.export import validation_report

    try:
        text = bundle.read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError) as exc:
        raise BadInputError("bundle not found", bundle) from exc
    except UnicodeDecodeError as exc:
        raise BadInputError("not UTF-8 text", bundle) from exc
    errors, warnings = validation_report(text)
    if lenient:
        for line in warnings:
            _print(f"warning: {line}")
    else:
        errors += warnings
    if errors:
        raise BadInputError(f"invalid STIX 2.1: {errors[0]} ({len(errors)} problems)", bundle)
    _print(f"{bundle}: valid STIX 2.1")


@app.command("keygen")
def keygen(
    partner: Annotated[str, typer.Option("--partner", help="The partner the key is for.")],
    key_file: Annotated[Path, typer.Option("--key-file", help="TOML key file (created private).")],
) -> None:
    """Add a new random key for a partner to the key file; prints only its fingerprint."""
    from lockstep.share.keys import new_key

    made = new_key(key_file, partner)
    _print(f"key for {partner} added to {key_file} (fingerprint {made.fingerprint})")


# -- TAXII ----------------------------------------------------------------------------------


@app.command("publish")
def publish(
    bundle: Annotated[Path, typer.Argument(help="The bundle to publish.")],
    server: ServerOpt,
    collection: CollectionOpt,
    user: UserOpt = None,
    password: PasswordOpt = None,
    token: TokenOpt = None,
    ledger: LedgerOpt = None,
    partner: Annotated[
        str | None, typer.Option("--partner", help="Who receives it (recorded in the ledger).")
    ] = None,
) -> None:
    """Publish a bundle to a TAXII 2.1 collection."""
    from lockstep.share.taxii import Credentials, public_url
    from lockstep.share.taxii import publish as send

    try:
        text = bundle.read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError) as exc:
        raise BadInputError("bundle not found", bundle) from exc
    done = send(text, server, collection, Credentials(user, password, token))
    if ledger is not None:
        _record_published(ledger, text, done, partner or f"{public_url(server)} {collection}")
    _print(
        f"{done.bundle_id}: {done.successes} of {done.objects} objects added to collection "
        f"{collection} at {public_url(server)}"
    )


def _record_published(ledger: str, text: str, done: Any, partner: str) -> None:
    from lockstep.ledger.store import Event, Ledger, now_utc

    objects = json.loads(text).get("objects") or []
    indicators = sum(1 for o in objects if o.get("type") == "indicator")
    with Ledger(ledger) as led, led.write() as w:
        w.append(
            [
                Event(
                    "indicators_shared",
                    {
                        "partner": partner,
                        "bundle_id": done.bundle_id,
                        "indicator_count": indicators,
                        "via": "taxii",
                    },
                    now_utc(),
                    idempotency_key=f"indicators_shared:{done.bundle_id}:{partner}",
                    subject_type="bundle",
                    subject_id=done.bundle_id,
                )
            ]
        )


@app.command("pull")
def pull(
    server: ServerOpt,
    collection: CollectionOpt,
    out: Annotated[Path, typer.Option("--out", help="Bundle file to write.")],
    user: UserOpt = None,
    password: PasswordOpt = None,
    token: TokenOpt = None,
    added_after: Annotated[
        str | None,
        typer.Option("--added-after", help="Only objects added after this time (ISO 8601)."),
    ] = None,
) -> None:
    """Pull a TAXII 2.1 collection's objects into one bundle (then `share import` it)."""
    from lockstep.share.export import write_atomically
    from lockstep.share.taxii import Credentials, public_url
    from lockstep.share.taxii import pull as fetch

    if out.is_dir():
        raise BadInputError("--out is a folder; give a file name for the bundle", out)
    text = fetch(server, collection, Credentials(user, password, token), added_after)
    write_atomically(out, text)
    count = len(json.loads(text)["objects"])
    _print(f"{count} objects from collection {collection} at {public_url(server)} written to {out}")
