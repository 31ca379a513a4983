"""The policy catalogue: complete, faithful to the seeds, overridable, strict about typos."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lockstep.behaviours import BEHAVIOURS
from lockstep.enforce.policy import load_policy
from lockstep.errors import BadInputError

REPO = Path(__file__).resolve().parents[2]
# the seeds sit beside the repository (or beside the folder of worktrees)
SEEDS = next(
    (p / "shared" / "seeds" for p in (REPO.parent, REPO.parent.parent) if (p / "shared").is_dir()),
    REPO / "seeds",
)


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'")).strip().lower()


def test_every_behaviour_has_a_rule_and_quotes_a_seed_clause_verbatim() -> None:
    policy = load_policy()
    assert set(policy.rules) == set(BEHAVIOURS)
    if not SEEDS.exists():
        pytest.skip("seed documents not available")
    seeds = {p.name[:3]: _plain(p.read_text(encoding="utf-8")) for p in SEEDS.glob("00*.txt")}
    for rule in policy.rules.values():
        assert _plain(rule.clause) in seeds[rule.seed], rule.code
    for exc in policy.exclusions:
        for part in exc.clause.split(" ... "):
            assert _plain(part) in seeds[exc.seed], exc.id


def test_ladder_shape_follows_seed_001() -> None:
    policy = load_policy()
    severe = {c for c, r in policy.rules.items() if r.severity == "severe"}
    assert severe == {"coord.account_trade", "coord.recidivism"}
    assert policy.rules["coord.overlapping_accounts"].first == ("keep_one_account",)
    assert policy.rules["spam.malicious_url"].url_action == "url_denylist"
    assert policy.rules["spam.misleading_url"].url_action == "url_warning"
    assert "discount_engagement" in policy.rules["engagement.purchased"].first
    assert {e.id for e in policy.exclusions} >= {"hobby-bots", "organic-coordination"}


def test_a_user_file_overrides_only_what_it_names(tmp_path: Path) -> None:
    path = tmp_path / "policy.toml"
    path.write_text(
        '[settings]\ntemporary_lock_hours = 48\n\n[behaviours."spam.link_only"]\n'
        'first = ["temporary_lock"]\n',
        encoding="utf-8",
    )
    default, custom = load_policy(), load_policy(path)
    assert custom.settings.temporary_lock_hours == 48
    assert custom.rules["spam.link_only"].first == ("temporary_lock",)
    assert custom.rules["spam.link_only"].clause == default.rules["spam.link_only"].clause
    assert custom.rules["spam.copypasta"] == default.rules["spam.copypasta"]
    assert custom.digest != default.digest


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[behaviours."spam.nope"]\nseverity = "low"\n', "unknown behaviour code"),
        ('[behaviours."spam.link_only"]\nfirst = ["ban_forever"]\n', "'ban_forever' is not one"),
        ('[behaviours."spam.link_only"]\nseverity = "extreme"\n', "'extreme' is not one"),
        ('[settings]\ntemporary_lock_hours = "soon"\n', "a number expected"),
        ("[settings]\nlock_hourz = 3\n", "unknown keys lock_hourz"),
        ("[sanctions]\nx = 1\n", "unknown policy sections"),
        ("not toml [", "not valid TOML"),
    ],
)
def test_bad_override_is_a_clear_error(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "policy.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(BadInputError, match=re.escape(message)) as info:
        load_policy(path)
    assert str(path) in str(info.value)


def test_missing_policy_file() -> None:
    with pytest.raises(BadInputError, match="policy file not found"):
        load_policy(Path("no-such-policy.toml"))
