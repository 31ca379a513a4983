"""Settings of the network stage, with documented defaults (``[networks]`` in the config)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from lockstep.detect.base import param

#: Behaviours whose findings name a group of accounts run or steered together: each such
#: finding links its accounts (and the accounts its evidence lists) in the account graph.
LINK_BEHAVIOURS = (
    "coord.mass_registration",
    "coord.overlapping_accounts",
    "coord.multi_account_livestream",
    "coord.recidivism",
    "spam.copypasta",
    "engagement.lockstep",
    "engagement.reciprocal",
)


@dataclass(frozen=True)
class NetworkParams:
    """How pair evidence becomes networks; each field documents its default."""

    weight_scale: float = param(
        2.0,
        "an edge of this weight is worth 1 - 1/e of full evidence: strength = 1 - exp(-w/scale)",
    )
    min_pair_strength: float = param(
        0.3, "pairs whose fused evidence strength (noisy-or over signals) is below are dropped"
    )
    link_behaviours: tuple[str, ...] = param(
        LINK_BEHAVIOURS, "behaviours whose findings link the accounts they name"
    )
    max_link_group: int = param(
        500, "a finding naming more accounts than this links none (too broad to be one group)"
    )
    resolution: float = param(
        1.0, "Leiden resolution (RB configuration model): higher splits into smaller networks"
    )
    min_size: int = param(5, "networks with fewer accounts are not reported")
    min_score: float = param(0.3, "networks scoring below are not reported")
    min_density: float = param(
        0.1,
        "share of possible member pairs that must be kept pairs: members of a network act "
        "together, a chain of accounts each linked to the next is not one",
    )
    min_transitivity: float = param(
        0.05,
        "share of connected member triples that are closed triangles: coordinated accounts "
        "act in cliques, while chains and stars of pairwise coincidences are not networks",
    )
    amplification_signals: tuple[str, ...] = param(
        ("co_repost", "co_like", "co_follow", "co_view", "co_distributed_media", "co_media"),
        "co-activity signals that amplify or redistribute rather than author content",
    )
    min_content_signals: int = param(
        2,
        "distinct content signals (co-activity signals other than amplification_signals, "
        "such as co_text, co_link, co_domain, co_hashtag, co_reply) a network needs to count "
        "as a coordinated inauthentic network and give its members coord.network findings",
    )
    returning_share: float = param(
        0.3,
        "share of a network's members matched one by one to the same disrupted network "
        "(coord.recidivism) for the whole network to count as that network's return",
    )
    min_returning: int = param(
        3, "members matched to the same disrupted network a returning network needs at least"
    )
    seed: int = param(42, "Leiden random seed: the same input gives the same networks")
    min_id_overlap: float = param(
        0.5, "share of a previous network's members a new one must hold to inherit its id"
    )
    recent_days: float = param(
        365.0, "accounts created this many days before the data's last activity count as recent"
    )
    majority: float = param(0.5, "share of members an observable needs to characterise a network")

    def params(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def param_docs(cls) -> dict[str, str]:
        return {f.name: str(f.metadata.get("doc", "")) for f in dataclasses.fields(cls)}
