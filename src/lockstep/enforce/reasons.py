"""The reason a person reads: what we did, what we found, which rule, why this step, appeal.

Written for the affected user as much as for the analyst, in plain sentences built from the
catalogue's seed clause and the finding's own evidence summary.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from lockstep.enforce.model import Offense
from lockstep.enforce.policy import Rule


def _what(action: str, details: Mapping[str, Any], accounts: Sequence[str], o: Offense) -> str:
    if action == "remove_content":
        n = len(details.get("post_ids", ()))
        return f"We removed {n} post{'s' if n != 1 else ''}." if n else "We removed the content."
    if action == "temporary_lock":
        return f"The account is locked for {details['lock_hours']:g} hours."
    if action == "permanent_suspension":
        return "The account is permanently suspended."
    if action == "challenge":
        check = "confirm a phone number" if details["kind"] == "phone" else "solve a captcha"
        return f"The account is locked until its owner can {check}."
    if action == "keep_one_account":
        return (
            f"These {len(accounts)} accounts appear to be run by one operator: choose one to keep "
            f"by {details['deadline']}; the others will be permanently suspended (without a "
            f"choice we keep {details['default_keep']})."
        )
    if action == "url_denylist":
        return f"Links to {o.subject_id} are blocked as unsafe."
    if action == "url_warning":
        return f"Links to {o.subject_id} now open behind a warning."
    if action == "discount_engagement":
        kinds = ", ".join(details["discounted"])
        return f"Inflated engagement ({kinds}) no longer counts towards this account's metrics."
    raise ValueError(action)


def _step(step: str, note: str) -> str:
    if step == "severe":
        return f"This is a severe violation ({note}), enforced at first detection."
    if step == "repeat":
        since = f" (a strike from {note} still counts)" if note else ""
        return f"This is a repeat offense{since}."
    return "This is a first offense."


def reason(
    rule: Rule,
    o: Offense,
    action: str,
    step: str,
    note: str,
    details: Mapping[str, Any],
    accounts: Sequence[str],
) -> str:
    found = o.summary.rstrip(".")
    return (
        f"{_what(action, details, accounts, o)} What we found: {found}. "
        f"This breaks our platform manipulation and spam policy ({rule.code}), {rule.citation}. "
        f"{_step(step, note)} If you think this is a mistake, you can appeal."
    )
