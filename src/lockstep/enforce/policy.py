"""The policy catalogue: behaviour codes → seed clause, severity and enforcement ladder.

The defaults ship as ``lockstep/data/policy.toml``; a user file overrides them key by key
(a behaviour table given replaces only the keys it names). The catalogue is data, not code,
so a trust-and-safety team changes enforcement without touching detectors, and
``lockstep backtest`` can replay a changed catalogue over the ledger's history.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import dataclass, fields
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from lockstep.behaviours import BEHAVIOURS
from lockstep.errors import BadInputError

ACTIONS = (
    "remove_content",
    "temporary_lock",
    "permanent_suspension",
    "keep_one_account",
    "challenge",
    "url_denylist",
    "url_warning",
    "discount_engagement",
)
SEVERITIES = ("low", "medium", "high", "severe")
CHALLENGES = ("", "captcha", "phone")
URL_ACTIONS = ("", "url_denylist", "url_warning")
_T = TypeVar("_T")

#: actions that restrict the account itself (the rest act on content, URLs or metrics)
ACCOUNT_ACTIONS = ("temporary_lock", "permanent_suspension", "keep_one_account", "challenge")


@dataclass(frozen=True)
class Settings:
    """Ladder knobs; the catalogue file documents each."""

    temporary_lock_hours: float = 12
    strike_window_days: float = 180
    suspend_after_strikes: int = 1
    keep_one_deadline_days: float = 14
    challenge_expiry_hours: float = 72
    challenge_below_score: float = 0.8
    severe_min_behaviours: int = 3
    severe_violating_share: float = 0.9
    review_actions: tuple[str, ...] = ("permanent_suspension", "keep_one_account")
    auto_confirm_score: float = 0.9
    election_terms: tuple[str, ...] = ()
    bad_faith_min_reports: int = 5
    bad_faith_founded_share: float = 0.2
    bad_faith_weight: float = 0.1


@dataclass(frozen=True)
class Rule:
    """How one behaviour is enforced."""

    code: str
    policy: str
    seed: str
    clause: str
    severity: str
    first: tuple[str, ...]
    repeat: tuple[str, ...]
    strike: bool = True
    challenge: str = ""
    url_action: str = ""
    multi_account: bool = False
    also: str = ""

    @property
    def citation(self) -> str:
        return f"seed {self.seed}: “{self.clause}”"


@dataclass(frozen=True)
class Exclusion:
    """A seed non-violation; ``check`` names the test enforcement itself applies, if any."""

    id: str
    seed: str
    clause: str
    behaviours: tuple[str, ...]
    check: str = ""


EXCLUSION_CHECKS = ("", "declared_automated")


@dataclass(frozen=True)
class Policy:
    """The effective catalogue: shipped defaults with the user's overrides applied."""

    version: str
    settings: Settings
    rules: dict[str, Rule]
    exclusions: tuple[Exclusion, ...]
    source: str

    @property
    def digest(self) -> str:
        """A short hash of the effective catalogue: decisions record which one decided."""
        body = json.dumps(self.to_dict(), sort_keys=True, default=list)
        return hashlib.sha256(body.encode()).hexdigest()[:12]

    def rule(self, code: str) -> Rule:
        if code not in self.rules:
            raise BadInputError(f"the policy catalogue has no behaviour {code!r}")
        return self.rules[code]

    def excluded(self, code: str, declared_automated: bool) -> Exclusion | None:
        """The exclusion that exempts this behaviour on this account, if one applies."""
        for exc in self.exclusions:
            if exc.check == "declared_automated" and declared_automated and code in exc.behaviours:
                return exc
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "settings": {f.name: getattr(self.settings, f.name) for f in fields(Settings)},
            "behaviours": {
                code: {f.name: getattr(r, f.name) for f in fields(Rule) if f.name != "code"}
                for code, r in sorted(self.rules.items())
            },
            "exclusions": [
                {f.name: getattr(e, f.name) for f in fields(e)} for e in self.exclusions
            ],
        }


def _defaults() -> dict[str, Any]:
    text = resources.files("lockstep").joinpath("data/policy.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def load_policy(path: Path | None = None) -> Policy:
    """The shipped catalogue, overridden by the TOML file at ``path`` when given."""
    raw = _defaults()
    source = "built-in"
    if path is not None:
        try:
            user = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise BadInputError("policy file not found", path) from exc
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise BadInputError(f"not valid TOML: {exc}", path) from exc
        raw = _merge(raw, user)
        source = str(path)
    try:
        return _build(raw, source)
    except BadInputError as exc:
        raise BadInputError(str(exc), path if path is not None else None) from exc


def _build(raw: dict[str, Any], source: str) -> Policy:
    unknown = sorted(set(raw) - {"version", "settings", "behaviours", "exclusions"})
    if unknown:
        raise BadInputError(f"unknown policy sections: {', '.join(unknown)}")
    settings = _typed(Settings, raw.get("settings", {}), "settings")
    for action in settings.review_actions:
        _check(action, ACTIONS, "settings.review_actions")
    rules: dict[str, Rule] = {}
    for code, body in raw.get("behaviours", {}).items():
        if code not in BEHAVIOURS:
            raise BadInputError(f"unknown behaviour code {code!r} in the policy catalogue")
        rule = _typed(Rule, {"code": code, **body}, f"behaviours.{code}")
        _check(rule.severity, SEVERITIES, f"{code}.severity")
        _check(rule.challenge, CHALLENGES, f"{code}.challenge")
        _check(rule.url_action, URL_ACTIONS, f"{code}.url_action")
        for action in (*rule.first, *rule.repeat):
            _check(action, ACTIONS, f"{code}.first/repeat")
        rules[code] = rule
    missing = sorted(set(BEHAVIOURS) - set(rules))
    if missing:
        raise BadInputError(f"the policy catalogue lacks behaviours: {', '.join(missing)}")
    exclusions = tuple(_typed(Exclusion, e, "exclusions") for e in raw.get("exclusions", []))
    for exc in exclusions:
        _check(exc.check, EXCLUSION_CHECKS, f"exclusion {exc.id}.check")
    return Policy(str(raw.get("version", "")), settings, rules, exclusions, source)


def _check(value: str, allowed: tuple[str, ...], where: str) -> None:
    if value not in allowed:
        choices = ", ".join(a for a in allowed if a) or "(none)"
        raise BadInputError(f"{where}: {value!r} is not one of {choices}")


def _typed(cls: type[_T], body: Any, where: str) -> _T:
    """Build a frozen dataclass from TOML, rejecting unknown keys and wrong types."""
    if not isinstance(body, dict):
        raise BadInputError(f"{where}: a table expected")
    known = {f.name: f for f in fields(cls)}  # type: ignore[arg-type]
    unknown = sorted(set(body) - set(known))
    if unknown:
        raise BadInputError(f"{where}: unknown keys {', '.join(unknown)}")
    values: dict[str, Any] = {}
    for name, value in body.items():
        default = getattr(cls, name, None)
        if isinstance(value, list):
            if not all(isinstance(v, str) for v in value):
                raise BadInputError(f"{where}.{name}: a list of strings expected")
            values[name] = tuple(value)
            continue
        if default is not None and isinstance(default, bool) != isinstance(value, bool):
            raise BadInputError(f"{where}.{name}: {value!r} has the wrong type")
        elif isinstance(default, int | float) and not isinstance(value, int | float):
            raise BadInputError(f"{where}.{name}: a number expected, got {value!r}")
        values[name] = value
    try:
        return cls(**values)
    except TypeError as exc:
        raise BadInputError(f"{where}: {exc}") from exc
