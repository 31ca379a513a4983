"""From findings and networks to offenses: who did what, with which evidence.

- an account finding is that account's offense (several windows of one behaviour merge);
- a finding of a multi-account behaviour naming several accounts is one *group* offense;
- a post finding is its author's offense, with the post as the content to remove;
- a URL or domain finding is the URL's offense, and — when the rule has account actions —
  an offense of each account that posted it;
- a network is one *network* offense under ``coord.network``, flagged when it targets
  elections, re-establishes a removed network or comes from a peer's disclosure.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

import pyarrow as pa

from lockstep.enforce.model import AccountFacts, NetworkRecord, Offense, stable_id
from lockstep.enforce.policy import Policy


def _merge(
    into: dict[tuple[str, str, str], dict[str, Any]],
    key: tuple[str, str, str],
    row: Any,
    accounts: Sequence[str],
    post_ids: Sequence[str],
    share: float | None,
) -> None:
    slot = into.setdefault(
        key,
        {
            "accounts": set(),
            "findings": [],
            "score": 0.0,
            "summaries": [],
            "posts": [],
            "share": None,
        },
    )
    slot["accounts"].update(accounts)
    slot["findings"].append(row["finding_id"])
    slot["score"] = max(slot["score"], float(row["score"]))
    slot["summaries"].append(row["summary"])
    slot["posts"].extend(post_ids)
    if share is not None:
        slot["share"] = max(share, slot["share"] or 0.0)


def build_offenses(
    findings: pa.Table,
    networks: Sequence[NetworkRecord],
    policy: Policy,
    facts: AccountFacts,
) -> list[Offense]:
    """Every offense the findings and networks show, in a stable order."""
    merged: dict[tuple[str, str, str], dict[str, Any]] = {}
    rows = findings.to_pylist()
    groups = _operator_groups(rows, policy)
    for f in rows:
        rule = policy.rule(f["behaviour"])
        evidence = json.loads(f["evidence"])
        row = {**f, "summary": str(evidence.get("summary", ""))}
        accounts = [str(a) for a in f["account_ids"]]
        posts = [str(p) for p in evidence.get("post_ids", [])]
        share = evidence.get("share")
        share = float(share) if isinstance(share, int | float) else None
        subject_type, subject_id = f["subject_type"], f["subject_id"]
        if subject_type in {"url", "domain"}:
            _merge(merged, (subject_type, subject_id, f["behaviour"]), row, accounts, posts, None)
            if rule.first or rule.repeat:
                for a in accounts:
                    _merge(merged, ("account", a, f["behaviour"]), row, [a], posts, None)
        elif subject_type == "post":
            for a in accounts:
                _merge(merged, ("account", a, f["behaviour"]), row, [a], [subject_id], None)
        elif rule.multi_account and len(groups.get((f["behaviour"], subject_id), ())) > 1:
            group = sorted(groups[(f["behaviour"], subject_id)])
            gid = stable_id("g_", *group)
            _merge(merged, ("group", gid, f["behaviour"]), row, group, posts, None)
        else:
            _merge(merged, ("account", subject_id, f["behaviour"]), row, [subject_id], posts, share)
    out = []
    for (subject_type, subject_id, behaviour), slot in sorted(merged.items()):
        members = tuple(sorted(slot["accounts"]))
        out.append(
            Offense(
                subject_type=subject_type,
                subject_id=subject_id,
                account_ids=members,
                behaviour=behaviour,
                score=round(slot["score"], 6),
                finding_ids=tuple(sorted(set(slot["findings"]))),
                summary=_summary(slot["summaries"]),
                post_ids=tuple(sorted(set(slot["posts"]))),
                share=slot["share"],
                facts=facts.about(members),
            )
        )
    out += [_network_offense(n, policy, facts) for n in networks]
    return out


#: evidence keys in which multi-account detectors name the other accounts of the operator
CO_ACCOUNT_KEYS = ("co_accounts", "co_distributors")


def _operator_groups(
    rows: list[dict[str, Any]], policy: Policy
) -> dict[tuple[str, str], frozenset[str]]:
    """(behaviour, account) → the accounts run together with it, for multi-account rules.

    A finding names its group in ``account_ids`` or, when it is filed per account, lists
    the others in its evidence. Accounts join a group only when they are flagged for the
    same behaviour themselves; groups are the connected components (union-find).
    """
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def find(x: tuple[str, str]) -> tuple[str, str]:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    links: list[tuple[tuple[str, str], tuple[str, str]]] = []
    for f in rows:
        b = f["behaviour"]
        if f["subject_type"] != "account" or not policy.rule(b).multi_account:
            continue
        evidence = json.loads(f["evidence"])
        others = {str(a) for a in f["account_ids"]}
        for key in CO_ACCOUNT_KEYS:
            others.update(str(a) for a in evidence.get(key, []) or [])
        me = (b, str(f["subject_id"]))
        parent.setdefault(me, me)
        links += [(me, (b, o)) for o in others if o != me[1]]
    for node, other in links:
        if other in parent:  # only accounts flagged for this behaviour themselves
            parent[find(node)] = find(other)
    for f in rows:  # a finding naming several accounts binds them all
        b = f["behaviour"]
        if f["subject_type"] == "account" and policy.rule(b).multi_account:
            for account in (str(a) for a in f["account_ids"]):
                parent.setdefault((b, account), (b, account))
                parent[find((b, account))] = find((b, str(f["subject_id"])))
    members: dict[tuple[str, str], set[str]] = {}
    for node in parent:
        members.setdefault(find(node), set()).add(node[1])
    return {node: frozenset(members[find(node)]) for node in parent}


def _summary(summaries: list[str]) -> str:
    unique = list(dict.fromkeys(s for s in summaries if s))
    if len(unique) <= 1:
        return unique[0] if unique else ""
    return f"{unique[0]} (and {len(unique) - 1} more finding{'s' if len(unique) > 2 else ''})"


def _network_offense(n: NetworkRecord, policy: Policy, facts: AccountFacts) -> Offense:
    flags = []
    text = n.description.lower()
    if any(term.lower() in text for term in policy.settings.election_terms):
        flags.append("election")
    if "coord.recidivism" in n.behaviours:
        flags.append("recidivist")
    if n.detection_source == "external":
        flags.append("external")
    return Offense(
        subject_type="network",
        subject_id=n.network_id,
        account_ids=n.account_ids,
        behaviour="coord.network",
        score=round(n.score, 6),
        finding_ids=(),
        summary=n.description or f"a coordinated network of {len(n.account_ids)} accounts",
        network_id=n.network_id,
        flags=tuple(flags),
        facts=facts.about(n.account_ids),
        network=n.details(),
    )


def offense_accounts(offenses: Iterable[Offense]) -> set[str]:
    return {a for o in offenses for a in o.account_ids}
