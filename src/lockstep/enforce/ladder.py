"""The enforcement ladder of seeds 000 and 001, as a pure function of offenses and state.

- an isolated or first offense: the rule's ``first`` actions (remove the content and/or a
  temporary lock); "suspicious levels of activity" (a low-scoring finding of a behaviour with
  a challenge) get an anti-spam challenge instead of the lock;
- a subsequent offense while a strike still counts: the rule's ``repeat`` actions (permanent
  suspension for platform manipulation);
- a violation built on several accounts: keep one account (the operator chooses by a
  deadline, else the default is kept), the rest are suspended;
- severe cases: permanent suspension at first detection;
- unsafe URLs: denylist or warning; fake engagement: the inflated metrics are discounted.

Everything one run decides about one account is one *case* and earns at most one strike
(several behaviours found together are still a first offense). Detectors never act: this
module only reads offenses, and it never writes — the caller records what it returns.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from lockstep.behaviours import BEHAVIOURS
from lockstep.enforce.model import AccountFacts, Decision, Offense, stable_id
from lockstep.enforce.policy import Policy, Rule
from lockstep.enforce.reasons import reason
from lockstep.ledger.state import LedgerState

SEVERITY_RANK = {"low": 0, "medium": 1, "high": 2, "severe": 3}


@dataclass(frozen=True)
class Case:
    """The offenses one run found for one subject (an account, a group, a network, a URL)."""

    subject_type: str
    subject_id: str
    offenses: tuple[Offense, ...]


def group_cases(offenses: Sequence[Offense]) -> list[Case]:
    """Accounts first (their own conduct), then groups and networks, then URLs."""
    grouped: dict[tuple[str, str], list[Offense]] = {}
    for o in offenses:
        grouped.setdefault((o.subject_type, o.subject_id), []).append(o)
    order = {"account": 0, "group": 1, "network": 2, "url": 3, "domain": 3}
    keys = sorted(grouped, key=lambda k: (order.get(k[0], 9), k))
    return [Case(t, s, tuple(grouped[(t, s)])) for t, s in keys]


class Ladder:
    """Decides cases under ``policy`` against ``state``, adding its decisions to the state."""

    def __init__(
        self, policy: Policy, state: LedgerState, facts: AccountFacts, run_id: str, now: datetime
    ) -> None:
        self.policy, self.state, self.facts = policy, state, facts
        self.run_id, self.now = run_id, now
        self.s = policy.settings

    # -- entry point -------------------------------------------------------------------------

    def decide(self, case: Case) -> list[Decision]:
        if case.subject_type == "account":
            out = self._account(case.subject_id, list(case.offenses))
        elif case.subject_type in {"group", "network"}:
            out = [d for o in case.offenses for d in self._group(o)]
        else:
            out = [d for o in case.offenses for d in self._url(o)]
        for d in out:
            self.state.add_decision(d)
        return out

    # -- one account's own conduct -------------------------------------------------------------

    def _account(self, account: str, offenses: list[Offense]) -> list[Decision]:
        offenses = [
            o
            for o in offenses
            if self.policy.excluded(o.behaviour, account in self._bots(o)) is None
        ]
        if not offenses or self.state.suspended(account, self.now):
            return []
        rules = {o.behaviour: self.policy.rule(o.behaviour) for o in offenses}
        ranked = sorted(
            offenses, key=lambda o: (-SEVERITY_RANK[rules[o.behaviour].severity], -o.score)
        )
        primary = ranked[0]
        severe = self._severe_account(offenses, rules)
        if severe:
            return [self._make(primary, "permanent_suspension", (account,), "severe", severe)]
        prior = self.state.active_strikes(account, self.now)
        repeat = len(prior) >= self.s.suspend_after_strikes and any(
            rules[o.behaviour].strike for o in offenses
        )
        step = "repeat" if repeat else "first"
        note = prior[0].decision.created_at.date().isoformat() if prior else ""
        wanted = [(o, a) for o in ranked for a in getattr(rules[o.behaviour], step)]
        out: list[Decision] = []
        if any(a == "permanent_suspension" for _, a in wanted):
            o = next(o for o, a in wanted if a == "permanent_suspension")
            out.append(self._make(o, "permanent_suspension", (account,), step, note))
            return out + [
                self._make(o2, a, (account,), step, note)
                for o2, a in wanted
                if a == "discount_engagement"
            ]
        locks = [o for o, a in wanted if a in {"temporary_lock", "keep_one_account"}]
        if locks:
            challenge = self._challenge_for(locks, rules) if step == "first" else ""
            if challenge:
                out.append(
                    self._make(locks[0], "challenge", (account,), step, note, kind=challenge)
                )
            else:
                out.append(self._make(locks[0], "temporary_lock", (account,), step, note))
        # a challenged case is suspicion, not a settled violation: its removals carry no strike
        challenged = any(d.action == "challenge" for d in out)
        for o, a in wanted:
            if a in {"remove_content", "discount_engagement"}:
                out.append(self._make(o, a, (account,), step, note, no_strike=challenged))
        return out

    def _bots(self, o: Offense) -> frozenset[str]:
        stored = AccountFacts.from_stored(o.facts) if o.facts else self.facts
        return stored.declared_automated | self.facts.declared_automated

    def _challenge_for(self, locks: list[Offense], rules: dict[str, Rule]) -> str:
        """Phone or captcha when every lock-worthy offense is merely suspicious, else ''."""
        kinds = [rules[o.behaviour].challenge for o in locks]
        if not all(kinds) or any(o.score >= self.s.challenge_below_score for o in locks):
            return ""
        return "phone" if "phone" in kinds else "captcha"

    def _severe_account(self, offenses: list[Offense], rules: dict[str, Rule]) -> str:
        for o in offenses:
            if rules[o.behaviour].severity == "severe":
                return f"{BEHAVIOURS[o.behaviour].summary} is a severe violation"
        behaviours = {o.behaviour for o in offenses}
        if len(behaviours) >= self.s.severe_min_behaviours:
            return (
                f"most of the account's activity violates the policy "
                f"({len(behaviours)} different violations at once)"
            )
        for o in offenses:
            if o.share is not None and o.share >= self.s.severe_violating_share:
                return f"{o.share:.0%} of the account's activity is in violation"
        return ""

    # -- several accounts run together -------------------------------------------------------

    def _group(self, o: Offense) -> list[Decision]:
        rule = self.policy.rule(o.behaviour)
        live = [a for a in o.account_ids if not self.state.suspended(a, self.now)]
        if not live:
            return []
        severe = self._severe_group(o, rule)
        if severe:
            return [self._make(o, "permanent_suspension", (a,), "severe", severe) for a in live]
        repeaters = [
            a
            for a in live
            if len(self.state.active_strikes(a, self.now)) >= self.s.suspend_after_strikes
        ]
        out = [
            self._make(o, "permanent_suspension", (a,), "repeat", "an earlier strike")
            for a in repeaters
        ]
        rest = [a for a in live if a not in repeaters]
        for action in rule.first:
            if action == "keep_one_account" and len(rest) >= 2:
                out.append(self._keep_one(o, rest))
            elif action in {"keep_one_account", "temporary_lock"}:
                kind = (
                    rule.challenge
                    if rule.challenge and o.score < self.s.challenge_below_score
                    else ""
                )
                extra: dict[str, Any] = {"kind": kind} if kind else {}
                for a in rest:
                    act = "challenge" if kind else "temporary_lock"
                    out.append(self._make(o, act, (a,), "first", "", **extra))
            elif action == "permanent_suspension":
                out += [self._make(o, action, (a,), "first", "") for a in rest]
            elif rest:
                out.append(self._make(o, action, tuple(rest), "first", ""))
        return out

    def _severe_group(self, o: Offense, rule: Rule) -> str:
        if rule.severity == "severe":
            return f"{BEHAVIOURS[o.behaviour].summary} is a severe violation"
        if "election" in o.flags:
            return "the network targets the integrity of elections"
        if "recidivist" in o.flags:
            return "the network re-establishes a network we removed before"
        if "external" in o.flags:
            return "the network is attributed to an operator known to violate our rules"
        stored = AccountFacts.from_stored(o.facts) if o.facts else self.facts
        known = stored.suspended_before | self.facts.suspended_before
        linked = sorted(
            a
            for a in o.account_ids
            if a in known or self.state.suspended(a, self.now, pending=False)
        )
        if linked:
            return f"the accounts are run with {linked[0]}, an account already suspended"
        return ""

    def _keep_one(self, o: Offense, accounts: list[str]) -> Decision:
        created = (AccountFacts.from_stored(o.facts) if o.facts else self.facts).created
        # the operator's oldest account is the one most likely to be their real one
        default = min(accounts, key=lambda a: (created[a].isoformat() if a in created else "~", a))
        deadline = self.now + timedelta(days=self.s.keep_one_deadline_days)
        return self._make(
            o,
            "keep_one_account",
            tuple(accounts),
            "first",
            "",
            default_keep=default,
            deadline=deadline.isoformat(timespec="seconds"),
        )

    # -- URLs ---------------------------------------------------------------------------------

    def _url(self, o: Offense) -> list[Decision]:
        rule = self.policy.rule(o.behaviour)
        if not rule.url_action:
            return []
        return [self._make(o, rule.url_action, (), "first", "")]

    # -- building a decision -------------------------------------------------------------------

    def _make(
        self,
        o: Offense,
        action: str,
        accounts: tuple[str, ...],
        step: str,
        note: str,
        no_strike: bool = False,
        **details: Any,
    ) -> Decision:
        rule = self.policy.rule(o.behaviour)
        s, now = self.s, self.now
        subject_type, subject_id = (
            ("account", accounts[0]) if len(accounts) == 1 else (o.subject_type, o.subject_id)
        )
        expires: datetime | None = None
        if action == "temporary_lock":
            expires = now + timedelta(hours=s.temporary_lock_hours)
            details["lock_hours"] = s.temporary_lock_hours
        elif action == "challenge":
            expires = now + timedelta(hours=s.challenge_expiry_hours)
        elif action == "keep_one_account":
            expires = now + timedelta(days=s.keep_one_deadline_days)
        if action == "remove_content":
            details["post_ids"] = list(o.post_ids)
        if action == "discount_engagement":
            details["discounted"] = _discounted(o.behaviour)
        strike = (
            rule.strike
            and not no_strike
            and action
            not in {
                "challenge",
                "url_denylist",
                "url_warning",
                "discount_engagement",
            }
        )
        score = o.score
        automated = not (action in s.review_actions and score < s.auto_confirm_score)
        decision_id = stable_id("d_", o.key, action, ",".join(accounts) or o.subject_id)
        reports = self._reports(o)
        evidence: dict[str, Any] = {
            "summary": o.summary,
            "finding_ids": list(o.finding_ids),
            "score": score,
            "ladder_step": step,
            "user_reports": reports,
        }
        if o.network_id:
            evidence["network_id"] = o.network_id
        if step == "severe":
            evidence["severe_because"] = note
        return Decision(
            decision_id=decision_id,
            offense_key=o.key,
            case_id=self.run_id,
            subject_type=subject_type,
            subject_id=subject_id,
            account_ids=accounts,
            action=action,
            policy=rule.policy,
            behaviour=o.behaviour,
            automated=automated,
            reason=reason(rule, o, action, step, note, details, accounts),
            created_at=now,
            expires_at=expires,
            strike=strike,
            strike_expires_at=now + timedelta(days=s.strike_window_days) if strike else None,
            details=details,
            evidence=evidence,
            policy_version=f"{self.policy.version}+{self.policy.digest}",
        )

    def _reports(self, o: Offense) -> dict[str, Any]:
        """User reports on the subject, bad-faith reporters discounted."""
        found = [r for a in o.account_ids for r in self.state.reports_on("account", a)]
        found += [r for p in o.post_ids for r in self.state.reports_on("post", p)]
        if o.subject_type in {"url", "domain"}:
            found += self.state.reports_on("url", o.subject_id)
        unique = {r.report_id: r for r in found}
        return {
            "count": len(unique),
            "weight": round(sum(r.weight for r in unique.values()), 3),
        }


def _discounted(behaviour: str) -> list[str]:
    """Which metrics stop counting: follows for follow schemes, else likes, reposts, views."""
    if behaviour in {"engagement.follow_churn", "engagement.indiscriminate_follow"}:
        return ["follow"]
    if behaviour == "engagement.reciprocal":
        return ["follow", "like", "repost"]
    return ["like", "repost", "view", "follow", "order", "review"]
