"""Planted campaigns, one module per family of behaviour codes.

Each class plants one behaviour code (its ``kind``); :data:`CAMPAIGNS` lists them in a fixed
order so that every world plants every code at least once, and large worlds several times
with parameters drawn per campaign.
"""

from __future__ import annotations

from lockstep.synth.campaigns.amplify import Lockstep, Reciprocal
from lockstep.synth.campaigns.follows import FollowChurn, IndiscriminateFollow
from lockstep.synth.campaigns.hashtags import HashtagHijack, HashtagStuffing
from lockstep.synth.campaigns.identity import Impersonation
from lockstep.synth.campaigns.incentive import Incentivised
from lockstep.synth.campaigns.links import MaliciousUrl, MisleadingUrl
from lockstep.synth.campaigns.multi import (
    MassRegistration,
    MultiAccountLivestream,
    OverlappingAccounts,
)
from lockstep.synth.campaigns.network import InfluenceNetwork
from lockstep.synth.campaigns.persist import AccountTrade, Recidivism
from lockstep.synth.campaigns.purchase import Purchased
from lockstep.synth.campaigns.spam import (
    BulkMentions,
    Copypasta,
    DuplicatePosts,
    LinkOnly,
    PostDelete,
)
from lockstep.synth.plant import Group

CAMPAIGNS: tuple[type[Group], ...] = (
    DuplicatePosts,
    Copypasta,
    PostDelete,
    LinkOnly,
    BulkMentions,
    HashtagStuffing,
    HashtagHijack,
    MaliciousUrl,
    MisleadingUrl,
    Impersonation,
    Lockstep,
    Reciprocal,
    Purchased,
    FollowChurn,
    IndiscriminateFollow,
    Incentivised,
    MassRegistration,
    OverlappingAccounts,
    MultiAccountLivestream,
    InfluenceNetwork,
    Recidivism,
    AccountTrade,
)
